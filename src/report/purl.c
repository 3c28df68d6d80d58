/*
 * Identifiers for the inventory and the SBOMs: Package URLs for OS
 * packages, following the purl specification and its deb, apk and rpm
 * type definitions, and the random UUIDs and UTC timestamps that name each
 * SBOM document. Names, versions, architectures and OS fields come from
 * the image and are hostile: every byte outside the purl's allowed set is
 * percent-encoded, so a purl is printable ASCII whatever the input holds,
 * and a name cannot forge a separator ('/', '@', '?', '&', '#').
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/mem.h"
#include "ward/sbom.h"

#define QUALS_MAX 4

struct qual {
	const char *key; /* lower-case ASCII, never encoded */
	const char *val; /* encoded; empty or NULL: left out */
};

struct purl {
	const char *type;
	const char *ns; /* NULL: no namespace */
	const char *name;
	const char *version; /* NULL or "": no version */
	bool fold; /* namespace and name are case-insensitive */
	struct qual q[QUALS_MAX];
	size_t nq;
};

/* os-release IDs whose purl vendor is spelled differently (as Trivy and
 * the purl examples spell them). Any other ID is its own vendor. */
static const struct {
	const char *id, *vendor;
} vendors[] = {
    {"rhel", "redhat"},
    {"amzn", "amazon"},
    {"ol", "oracle"},
    {"opensuse-leap", "opensuse"},
    {"opensuse-tumbleweed", "opensuse"},
    {"sles", "suse"},
    {"sled", "suse"},
};

/*
 * The spec's allowed set (alphanumerics and ".-_~") is never encoded,
 * and neither is ':', "whether used as a Separator Character or
 * otherwise". Every other byte, including each byte of a UTF-8 or an
 * invalid sequence, becomes %XX.
 */
static bool
keep(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
	    c == '~' || c == ':';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Room for 'n' source bytes that may each become three. */
static void
grow(size_t *cap, const char *s)
{
	size_t n;

	if (!s)
		return;
	if (!size_mul(strlen(s), 3, &n) || !size_add(*cap, n, cap))
		die_oom();
}

static char *
put_raw(char *o, const char *s)
{
	size_t n = strlen(s);

	memcpy(o, s, n);
	return o + n;
}

static char *
put_enc(char *o, const char *s, bool fold)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (keep(c)) {
			*o++ = fold ? lower((char)c) : (char)c;
			continue;
		}
		*o++ = '%';
		*o++ = hex[c >> 4];
		*o++ = hex[c & 15];
	}
	return o;
}

/* Sort the qualifiers by key (insertion sort: there are at most four). */
static void
sort_quals(struct purl *u)
{
	for (size_t i = 1; i < u->nq; i++) {
		struct qual q = u->q[i];
		size_t j = i;

		for (; j > 0 && strcmp(u->q[j - 1].key, q.key) > 0; j--)
			u->q[j] = u->q[j - 1];
		u->q[j] = q;
	}
}

static const char *
build(struct arena *a, struct purl *u)
{
	size_t cap = 16; /* "pkg:", separators and the NUL */
	char *s, *o;
	char sep = '?';

	grow(&cap, u->type);
	grow(&cap, u->ns);
	grow(&cap, u->name);
	grow(&cap, u->version);
	for (size_t i = 0; i < u->nq; i++) {
		grow(&cap, u->q[i].key);
		grow(&cap, u->q[i].val);
		grow(&cap, "&=");
	}
	sort_quals(u);
	s = o = arena_alloc(a, cap);
	o = put_raw(o, "pkg:");
	o = put_raw(o, u->type);
	*o++ = '/';
	if (u->ns && *u->ns && strcmp(u->type, "golang") == 0) {
		/* A module path prefix: segments encoded, slashes kept. */
		for (const char *seg = u->ns; *seg;) {
			size_t n = strcspn(seg, "/");
			char *part = arena_strndup(a, seg, n);

			o = put_enc(o, part, false);
			*o++ = '/';
			seg += n + (seg[n] == '/');
		}
	} else if (u->ns && *u->ns) {
		o = put_enc(o, u->ns, true);
		*o++ = '/';
	}
	o = put_enc(o, u->name, u->fold);
	if (u->version && *u->version) {
		*o++ = '@';
		o = put_enc(o, u->version, false);
	}
	for (size_t i = 0; i < u->nq; i++) {
		if (!u->q[i].val || !*u->q[i].val)
			continue; /* an empty value is no qualifier */
		*o++ = sep;
		sep = '&';
		o = put_raw(o, u->q[i].key);
		*o++ = '=';
		o = put_enc(o, u->q[i].val, false);
	}
	*o = '\0';
	return s;
}

static void
add_qual(struct purl *u, const char *key, const char *val)
{
	if (u->nq < QUALS_MAX && val && *val)
		u->q[u->nq++] = (struct qual){key, val};
}

static const struct os_info *
os_of(const struct inventory *inv)
{
	if (!inv || !inv->have_os || !inv->os.id || !*inv->os.id)
		return NULL;
	return &inv->os;
}

/* The namespace: the OS ID, or its vendor name, lower-cased as the type
 * definitions ask. */
static const char *
vendor(struct arena *a, const struct os_info *os, const char *fallback)
{
	char *v;

	if (!os)
		return fallback;
	for (size_t i = 0; i < ARRAY_SIZE(vendors); i++)
		if (strcasecmp(os->id, vendors[i].id) == 0)
			return vendors[i].vendor;
	v = arena_strdup(a, os->id);
	for (char *c = v; *c; c++)
		*c = lower(*c);
	return v;
}

static void
deb_parts(struct arena *a, const struct os_info *os, struct purl *u)
{
	u->type = "deb";
	u->ns = vendor(a, os, "debian");
	u->fold = true;
	/* distro=debian-12.5 as Trivy writes it; without VERSION_ID (sid)
	 * the codename, which the deb type allows. */
	if (os && os->version_id && *os->version_id)
		add_qual(u, "distro",
		    arena_printf(a, "%s-%s", u->ns, os->version_id));
	else if (os && os->version_codename)
		add_qual(u, "distro", os->version_codename);
}

static void
rpm_parts(struct arena *a, const struct os_info *os, const struct pkg *p,
    struct purl *u)
{
	u->type = "rpm";
	u->ns = vendor(a, os, NULL);
	u->fold = false; /* rpm names are case-sensitive */
	/* VERSION-RELEASE; the epoch goes in its qualifier. */
	if ((!u->version || !*u->version) && p->rpm_version)
		u->version = p->rpm_release
		    ? arena_printf(a, "%s-%s", p->rpm_version, p->rpm_release)
		    : p->rpm_version;
	if (os && os->version_id && *os->version_id)
		add_qual(u, "distro",
		    arena_printf(a, "%s-%s", u->ns, os->version_id));
	/* The header's epoch, 0 included, as Syft writes it. */
	if (p->epoch >= 0)
		add_qual(u, "epoch", arena_printf(a, "%" PRId64, p->epoch));
}

/* pkg:golang/github.com/foo/bar@v1.2.3: the module path's last segment is
 * the name, the rest the namespace; the toolchain is pkg:golang/stdlib. */
static void
go_parts(struct arena *a, const struct pkg *p, struct purl *u)
{
	const char *slash = strrchr(p->name, '/');

	u->type = "golang";
	u->fold = false; /* module paths are case-sensitive */
	u->nq = 0; /* no arch qualifier for a module */
	if (slash) {
		u->ns = arena_strndup(a, p->name, (size_t)(slash - p->name));
		u->name = slash + 1;
	}
}

const char *
sbom_pkg_type(enum pkg_type t)
{
	switch (t) {
	case PKG_DEB:
		return "deb";
	case PKG_APK:
		return "apk";
	case PKG_RPM:
		return "rpm";
	case PKG_GO:
		return "golang";
	}
	return "unknown";
}

const char *
sbom_pkg_version(struct arena *a, const struct pkg *p)
{
	const char *v = p->version;

	if ((!v || !*v) && p->type == PKG_RPM && p->rpm_version)
		v = p->rpm_release
		    ? arena_printf(a, "%s-%s", p->rpm_version, p->rpm_release)
		    : p->rpm_version;
	if (!v || !*v)
		return NULL;
	if (p->type == PKG_RPM && p->epoch > 0)
		return arena_printf(a, "%" PRId64 ":%s", p->epoch, v);
	return v;
}

const char *
purl_for_pkg(struct arena *a, const struct inventory *inv, const struct pkg *p)
{
	const struct os_info *os = os_of(inv);
	struct purl u = {.name = p->name, .version = p->version};

	if (!p->name || !*p->name)
		return NULL;
	add_qual(&u, "arch", p->arch);
	switch (p->type) {
	case PKG_DEB:
		deb_parts(a, os, &u);
		break;
	case PKG_APK:
		u.type = "apk";
		u.ns = vendor(a, os, "alpine");
		u.fold = true;
		if (os)
			add_qual(&u, "distro", os->version_id);
		break;
	case PKG_RPM:
		rpm_parts(a, os, p, &u);
		break;
	case PKG_GO:
		go_parts(a, p, &u);
		break;
	default:
		return NULL;
	}
	return build(a, &u);
}

int
sbom_uuid(char out[SBOM_UUID_SIZE], struct ward_err *err)
{
	uint8_t b[16];
	size_t got = 0;
	int n;

	while (got < sizeof(b)) {
		ssize_t r = getrandom(b + got, sizeof(b) - got, 0);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return err_set(err, errno, "getrandom");
		got += (size_t)r;
	}
	b[6] = (uint8_t)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (uint8_t)((b[8] & 0x3f) | 0x80); /* the RFC 4122 variant */
	n = snprintf(out, SBOM_UUID_SIZE,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
	    b[11], b[12], b[13], b[14], b[15]);
	if (n != SBOM_UUID_SIZE - 1)
		return err_set(err, EINVAL, "internal: uuid format");
	return 0;
}

int
sbom_timestamp(time_t t, char out[SBOM_TIME_SIZE], struct ward_err *err)
{
	struct tm tm;

	/* Years outside 1000..9999 do not fit the four digits. */
	if (!gmtime_r(&t, &tm) ||
	    strftime(out, SBOM_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm) !=
		SBOM_TIME_SIZE - 1)
		return err_set(
		    err, EOVERFLOW, "time %lld out of range", (long long)t);
	return 0;
}
