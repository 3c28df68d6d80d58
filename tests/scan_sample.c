/*
 * scan_sample DIR: builds by hand what a vulnerability scan of a Debian
 * 12 image would produce (an inventory and a match result, as the
 * matcher would leave them) and writes it in every report format:
 * NAME.json, NAME.table.txt, NAME.color.txt, NAME.sarif, NAME.cdx.json
 * and NAME.junit.xml into DIR, for three samples: "debian" (findings),
 * "clean" (scanned, nothing found) and "noscan" (inventory only).
 * tests/integration/test_scan_formats.py validates the files with the
 * SARIF multitool, the CycloneDX schema, a JUnit reading and
 * docs/scan-json.schema.json. Not installed.
 *
 * The Debian findings: OpenSSL 3.0.11 with three CVEs (one marked known
 * exploited for the sample's sake, one without a fix, one suppressed by
 * a VEX statement), a Go binary whose toolchain and golang.org/x/net
 * have Go advisories, a zlib finding the user's filters hide, and
 * hostile packages and advisory text (terminal escapes, XML markup,
 * invalid UTF-8, non-URL references, a malformed date).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/match.h"
#include "ward/mem.h"
#include "ward/scanreport.h"

#define HOSTILE_DEB "evil]]></failure><x>\x01\x1b[31m"
#define HOSTILE_GO "example.com/\x1b]0;pwned\x07/mod"

struct row {
	enum pkg_type type;
	const char *name, *version, *src_name, *src_version, *db;
	int layer;
};

static const struct row rows[] = {
    {PKG_DEB, "libssl3", "3.0.11-1~deb12u2", "openssl", NULL,
	"var/lib/dpkg/status", 0},
    {PKG_DEB, "openssl", "3.0.11-1~deb12u2", NULL, NULL, "var/lib/dpkg/status",
	1},
    {PKG_DEB, "zlib1g", "1:1.2.13.dfsg-1", "zlib", NULL, "var/lib/dpkg/status",
	0},
    {PKG_DEB, "libc6", "2.36-9+deb12u4", "glibc", NULL, "var/lib/dpkg/status",
	0},
    {PKG_DEB, HOSTILE_DEB, "1.0\xff", "evil", "1.0\xff", "var/lib/dpkg/status",
	1},
    {PKG_GO, "example.com/app", "(devel)", NULL, NULL, "usr/local/bin/app", 1},
    {PKG_GO, "stdlib", "v1.19.8", NULL, NULL, "usr/local/bin/app", 1},
    {PKG_GO, "golang.org/x/net", "v0.6.0", NULL, NULL, "usr/local/bin/app", 1},
    {PKG_GO, HOSTILE_GO, "v1.0.0\xfe", NULL, NULL, "usr/local/bin/app", 1},
};

enum { LIBSSL3, OPENSSL, ZLIB, LIBC, EVIL_DEB, APP, STDLIB, XNET, EVIL_GO };

struct def {
	const char *id;
	int pkg;
	const char *severity;
	double score;
	const char *vector;
	bool kev;
	const char *summary;
	const char *source, *published;
	const char *fixed[3];
	const char *aliases[3];
	const char *refs[4];
	const char *suppressed;
	bool hidden; /* filtered out by the user's options */
};

#define V31 "CVSS:3.1/AV:N/AC:"
static const struct def defs[] = {
    {"CVE-2023-45853", ZLIB, "CRITICAL", 9.8, V31 "L/PR:N/UI:N/S:U/C:H/I:H/A:H",
	false, "zlib: integer overflow in minizip zipOpenNewFileInZip4_64",
	"debian", NULL, {NULL}, {NULL},
	{"https://security-tracker.debian.org/tracker/CVE-2023-45853"}, NULL,
	true},
    {"CVE-2024-5535", LIBSSL3, "CRITICAL", 9.1,
	V31 "L/PR:N/UI:N/S:U/C:H/I:N/A:H", true,
	"openssl: SSL_select_next_proto buffer overread", "debian", NULL,
	{"3.0.14-1~deb12u1"}, {NULL},
	{"https://security-tracker.debian.org/tracker/CVE-2024-5535",
	    "https://www.openssl.org/news/secadv/20240627.txt"},
	NULL, false},
    {"CVE-2024-5535", OPENSSL, "CRITICAL", 9.1,
	V31 "L/PR:N/UI:N/S:U/C:H/I:N/A:H", true,
	"openssl: SSL_select_next_proto buffer overread", "debian", NULL,
	{"3.0.14-1~deb12u1"}, {NULL},
	{"https://security-tracker.debian.org/tracker/CVE-2024-5535",
	    "https://www.openssl.org/news/secadv/20240627.txt"},
	NULL, false},
    {"CVE-2099-0001", EVIL_DEB, "HIGH", 7.5, "garbage\x1b[0m", false,
	"Title with ]]></failure><x> & \"quotes\" 'single' \x07 bell, "
	"\x1b[2J an escape and \xc3 a cut byte, long enough to be cut in "
	"the table",
	"debian", "2099-01-01", {"2.0\x01"}, {"weird alias \x01"},
	{"javascript:alert(1)", "https://example.com/a b",
	    "https://example.com/ok?x=1&y=2"},
	NULL, false},
    {"GO-2023-1571", XNET, "HIGH", 7.5, V31 "L/PR:N/UI:N/S:U/C:N/I:N/A:H",
	false,
	"Denial of service via crafted HTTP/2 stream in net/http and "
	"golang.org/x/net",
	"osv", "2023-02-28T19:48:32Z", {"0.7.0"},
	{"CVE-2022-41723", "GHSA-vvpx-j8f3-3w6h"},
	{"https://go.dev/issue/57855", "https://pkg.go.dev/vuln/GO-2023-1571"},
	NULL, false},
    {"CVE-2023-6129", LIBSSL3, "MEDIUM", 6.5, V31 "H/PR:N/UI:N/S:U/C:L/I:N/A:H",
	false, "openssl: POLY1305 MAC on PowerPC corrupts vector registers",
	"debian", NULL, {"3.0.13-1~deb12u1"}, {NULL},
	{"https://security-tracker.debian.org/tracker/CVE-2023-6129"},
	"vex: not_affected (vulnerable_code_not_in_execute_path)", false},
    {"EVIL-\x1b[2J-1", EVIL_GO, "MEDIUM", 11.5, NULL, false,
	"\x1b]8;;https://evil.example\x07"
	"click\x1b]8;;\x07 <script>",
	"osv", "not a date", {"1.0.1\xfe"}, {"GHSA-<b>"},
	{"https://evil.example/\"onmouseover=x"}, NULL, false},
    {"CVE-2024-2511", LIBSSL3, "LOW", -1, NULL, false,
	"openssl: Unbounded memory growth with session handling in TLSv1.3",
	"debian", NULL, {NULL}, {NULL},
	{"https://security-tracker.debian.org/tracker/CVE-2024-2511"}, NULL,
	false},
    {"GO-2023-1840", STDLIB, "UNKNOWN", -1, NULL, false,
	"Unsafe behavior in setuid/setgid binaries in runtime", "osv",
	"2023-06-08T20:16:06Z", {"1.19.10", "1.20.5"}, {"CVE-2023-29403"},
	{"https://go.dev/issue/60272", "https://pkg.go.dev/vuln/GO-2023-1840"},
	NULL, false},
};

static struct layer_info layers[] = {
    {.digest =
	    "sha256:"
	    "4f4fb700ef54461cfa02571ae0db9a0dc1e0cdb5577484a6d75e68dc38e8acc1",
	.diff_id =
	    "sha256:"
	    "5498e8c22f6996f25ef193ee58617d5b37e2a96decf22e72de13c3b34e147591",
	.media_type = "application/vnd.oci.image.layer.v1.tar+gzip",
	.size = 29150000,
	.created_by = "/bin/sh -c #(nop) ADD file:9deb26e1dbc258df in / "},
    {.digest =
	    "sha256:"
	    "1b2a72455d5e5a8d3ee3d5b8ad2a3dbec1c8e76c2a1b0b6b0ed9c6a4fa6b6c3d",
	.diff_id =
	    "sha256:"
	    "8e1b0b6c9a2e54ad7b5f1d3d0f06c6e0ab7a04b8a3f1e1d0c0b5e4a2f9c8d7e6",
	.media_type = "application/vnd.oci.image.layer.v1.tar+gzip",
	.size = 4200000,
	.created_by = "COPY app /usr/local/bin/app"},
};

static void
make_inventory(struct arena *a, struct inventory *inv)
{
	*inv = (struct inventory){.target = "registry.example/app:1.4",
	    .source_kind = "oci-archive",
	    .manifest_digest = "sha256:"
			       "f3a5b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e"
			       "9f0a1b2c3d4e5f6a7",
	    .config_digest = "sha256:"
			     "a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a"
			     "3b2c1d0e9f8a7b6",
	    .architecture = "amd64",
	    .os_name = "linux",
	    .have_os = true,
	    .os = {.id = "debian",
		.version_id = "12",
		.version_codename = "bookworm",
		.pretty_name = "Debian GNU/Linux 12 (bookworm)",
		.source = "etc/os-release"},
	    .layers = layers,
	    .nlayers = ARRAY_SIZE(layers)};
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++) {
		struct analyze_ctx ctx = {.a = a,
		    .pkgs = &inv->pkgs,
		    .warnings = &inv->warnings,
		    .path = rows[i].db,
		    .layer = rows[i].layer};
		struct pkg *p = analyze_pkg_add(&ctx);

		p->type = rows[i].type;
		p->name = rows[i].name;
		p->version = rows[i].version;
		p->arch = rows[i].type == PKG_DEB ? "amd64" : NULL;
		p->src_name = rows[i].src_name;
		p->src_version = rows[i].src_version;
	}
}

static size_t
count(const char *const *v, size_t max)
{
	size_t n = 0;

	while (n < max && v[n])
		n++;
	return n;
}

/* The finding as the matcher records it: looked up by source package
 * within "Debian:12", or by module path in "Go" (without the "v"). */
static void
make_finding(
    const struct inventory *inv, const struct def *d, struct vuln_match *v)
{
	const struct pkg *p = &inv->pkgs.v[d->pkg];
	bool go = p->type == PKG_GO;

	*v = (struct vuln_match){.pkg = p,
	    .ecosystem = go ? "Go" : "Debian:12",
	    .package = p->src_name ? p->src_name : p->name,
	    .installed = p->src_version ? p->src_version : p->version,
	    .fixed = (const char **)d->fixed,
	    .nfixed = count(d->fixed, 3),
	    .severity = d->severity,
	    .suppressed = d->suppressed};
	if (go && v->installed[0] == 'v')
		v->installed++;
	v->fix_available = v->nfixed > 0;
	v->info = (struct vuln_info){.id = d->id,
	    .aliases = (const char **)d->aliases,
	    .naliases = count(d->aliases, 3),
	    .summary = d->summary,
	    .published = d->published,
	    .severity = d->severity,
	    .cvss_score = d->score,
	    .cvss_vector = d->vector,
	    .refs = (const char **)d->refs,
	    .nrefs = count(d->refs, 4),
	    .kev = d->kev,
	    .source = d->source};
}

typedef int (*writer)(
    struct arena *, const struct scan_report *, FILE *, struct ward_err *);

static int
table(
    struct arena *a, const struct scan_report *r, FILE *f, struct ward_err *err)
{
	return scanreport_write_table(a, r, f, false, err);
}

static int
color_table(
    struct arena *a, const struct scan_report *r, FILE *f, struct ward_err *err)
{
	return scanreport_write_table(a, r, f, true, err);
}

static int
write_one(const char *dir, const char *name, const char *ext, writer fn,
    struct arena *a, const struct scan_report *r)
{
	struct ward_err err;
	char path[4096];
	FILE *f;
	int rc, n;

	n = snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "scan_sample: path too long\n");
		return -ENAMETOOLONG;
	}
	f = fopen(path, "we");
	if (!f) {
		rc = -errno;
		fprintf(stderr, "scan_sample: %s: %s\n", path, strerror(-rc));
		return rc;
	}
	rc = fn(a, r, f, &err);
	if (fclose(f) != 0 && rc == 0)
		rc = err_set(&err, EIO, "close");
	if (rc < 0)
		fprintf(stderr, "scan_sample: %s: %s\n", path, err.msg);
	return rc;
}

static int
write_all(const char *dir, const char *name, struct arena *a,
    const struct scan_report *r)
{
	static const struct {
		const char *ext;
		writer fn;
	} formats[] = {
	    {"json", scanreport_write_json},
	    {"table.txt", table},
	    {"color.txt", color_table},
	    {"sarif", scanreport_write_sarif},
	    {"cdx.json", scanreport_write_cyclonedx},
	    {"junit.xml", scanreport_write_junit},
	};
	int rc = 0;

	for (size_t i = 0; i < ARRAY_SIZE(formats) && rc == 0; i++)
		rc = write_one(dir, name, formats[i].ext, formats[i].fn, a, r);
	return rc;
}

int
main(int argc, char **argv)
{
	struct arena *a = arena_new();
	struct inventory inv;
	struct vuln_match v[ARRAY_SIZE(defs)];
	bool shown[ARRAY_SIZE(defs)];
	struct match_result m = {.v = v, .n = ARRAY_SIZE(defs)};
	struct match_result none = {0};
	const char *notes[] = {"rpm packages: no advisory source for this "
			       "distribution"};
	struct scan_report r = {.inv = &inv,
	    .vulns = &m,
	    .shown = shown,
	    .db_built_at = "2024-07-01T06:00:00Z"};
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: scan_sample DIR\n");
		arena_free(a);
		return 2;
	}
	make_inventory(a, &inv);
	for (size_t i = 0; i < ARRAY_SIZE(defs); i++) {
		make_finding(&inv, &defs[i], &v[i]);
		shown[i] = !defs[i].hidden;
	}
	m.invalid_versions = 1;
	none.notes = notes;
	none.nnotes = 1;
	rc = write_all(argv[1], "debian", a, &r);
	r = (struct scan_report){.inv = &inv, .vulns = &none};
	if (rc == 0)
		rc = write_all(argv[1], "clean", a, &r);
	r = (struct scan_report){.inv = &inv};
	if (rc == 0)
		rc = write_all(argv[1], "noscan", a, &r);
	arena_free(a);
	return rc < 0 ? 1 : 0;
}
