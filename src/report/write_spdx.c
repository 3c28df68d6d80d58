/*
 * The SPDX 2.3 JSON document, and the check that decides whether a
 * package's licence string may stand as an SPDX license expression. The
 * schema only asks for strings, but the SPDX specification asks for valid
 * identifiers (SPDXRef- followed by letters, digits, '.' and '-') and
 * valid license expressions, so hostile names are sanitised into the
 * identifiers, and a licence ward cannot vouch for becomes a LicenseRef-
 * that carries the original text. Licence strings come from package
 * databases and are as untrusted as the rest: the parser is bounded in
 * depth and never copies more than the input.
 */

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "config.h"
#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/map.h"
#include "ward/mem.h"
#include "ward/sbom.h"

/* Caps on a licence string read as an expression; real ones are short. */
#define EXPR_DEPTH_MAX 32
#define EXPR_LEN_MAX 1024
#define ID_PART_MAX 64 /* bytes of a name kept in an SPDX identifier */

/*
 * License identifiers from the SPDX License List that distributions'
 * package databases use, deprecated ones included (they stay valid).
 * tests/integration/test_sbom_schema.py checks each against the official
 * list; keep one quoted identifier per entry between the markers.
 */
static const char *const spdx_licenses[] = {
    /* BEGIN SPDX LICENSES */
    "0BSD", "AFL-2.1", "AFL-3.0", "AGPL-3.0", "AGPL-3.0-only",
    "AGPL-3.0-or-later", "Apache-1.0", "Apache-1.1", "Apache-2.0", "APSL-2.0",
    "Artistic-1.0", "Artistic-1.0-Perl", "Artistic-2.0", "Beerware",
    "BSD-1-Clause", "BSD-2-Clause", "BSD-2-Clause-Patent", "BSD-3-Clause",
    "BSD-3-Clause-Clear", "BSD-4-Clause", "BSD-4-Clause-UC", "BSL-1.0",
    "bzip2-1.0.6", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0",
    "CC0-1.0", "CDDL-1.0", "CDDL-1.1", "CPL-1.0", "curl", "EPL-1.0", "EPL-2.0",
    "EUPL-1.1", "EUPL-1.2", "FSFAP", "FSFUL", "FSFULLR", "FTL", "GFDL-1.1-only",
    "GFDL-1.1-or-later", "GFDL-1.2-only", "GFDL-1.2-or-later", "GFDL-1.3-only",
    "GFDL-1.3-or-later", "GPL-1.0-only", "GPL-1.0-or-later", "GPL-1.0+",
    "GPL-2.0", "GPL-2.0+", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0",
    "GPL-3.0+", "GPL-3.0-only", "GPL-3.0-or-later", "HPND", "ICU", "IJG",
    "Info-ZIP", "ISC", "JSON", "LGPL-2.0", "LGPL-2.0+", "LGPL-2.0-only",
    "LGPL-2.0-or-later", "LGPL-2.1", "LGPL-2.1+", "LGPL-2.1-only",
    "LGPL-2.1-or-later", "LGPL-3.0", "LGPL-3.0+", "LGPL-3.0-only",
    "LGPL-3.0-or-later", "Libpng", "libpng-2.0", "libtiff", "LPPL-1.3c",
    "MirOS", "MIT", "MIT-0", "MPL-1.1", "MPL-2.0",
    "MPL-2.0-no-copyleft-exception", "MS-PL", "NCSA", "OFL-1.1", "OLDAP-2.8",
    "OpenSSL", "PHP-3.01", "PostgreSQL", "PSF-2.0", "Python-2.0", "Ruby",
    "Sendmail", "SGI-B-2.0", "Sleepycat", "TCL", "Unicode-DFS-2016",
    "Unlicense", "Vim", "W3C", "WTFPL", "X11", "Zlib", "zlib-acknowledgement",
    "ZPL-2.1",
    /* END SPDX LICENSES */
};

static const char *const spdx_exceptions[] = {
    /* BEGIN SPDX EXCEPTIONS */
    "Autoconf-exception-2.0", "Autoconf-exception-3.0", "Bison-exception-2.2",
    "Classpath-exception-2.0", "Font-exception-2.0", "GCC-exception-2.0",
    "GCC-exception-3.1", "Libtool-exception", "Linux-syscall-note",
    "LLVM-exception", "OpenJDK-assembly-exception-1.0", "Qt-GPL-exception-1.0",
    "Qt-LGPL-exception-1.1", "Universal-FOSS-exception-1.0",
    "WxWindows-exception-3.1",
    /* END SPDX EXCEPTIONS */
};

/* A recursive-descent reader over the expression's tokens that writes
 * the canonical form as it goes. */
struct expr {
	struct str rest; /* input after the current token */
	struct str tok; /* the current token; empty at the end */
	char *out;
	size_t len;
	int depth;
};

static bool
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
next(struct expr *e)
{
	size_t n = 0;

	while (e->rest.len > 0 && space(*e->rest.p))
		e->rest = str_sub(e->rest, 1, e->rest.len);
	if (e->rest.len > 0 && (*e->rest.p == '(' || *e->rest.p == ')'))
		n = 1;
	else
		while (n < e->rest.len && !space(e->rest.p[n]) &&
		    e->rest.p[n] != '(' && e->rest.p[n] != ')')
			n++;
	e->tok = str_make(e->rest.p, n);
	e->rest = str_sub(e->rest, n, e->rest.len);
}

static void
emit(struct expr *e, const char *s, size_t n)
{
	memcpy(e->out + e->len, s, n);
	e->len += n;
}

/* Operators are matched case-sensitively, in upper or lower case. */
static bool
is_op(struct str t, const char *upper, const char *lower)
{
	return str_eq_cstr(t, upper) || str_eq_cstr(t, lower);
}

static const char *
lookup(const char *const *list, size_t n, struct str id)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == id.len &&
		    strncasecmp(list[i], id.p, id.len) == 0)
			return list[i];
	return NULL;
}

/* A license identifier, optionally with "+" (or later). */
static bool
license(struct expr *e)
{
	struct str t = e->tok;
	const char *id;
	bool plus = false;

	id = lookup(spdx_licenses, ARRAY_SIZE(spdx_licenses), t);
	if (!id && t.len > 1 && t.p[t.len - 1] == '+') {
		plus = true;
		id = lookup(spdx_licenses, ARRAY_SIZE(spdx_licenses),
		    str_sub(t, 0, t.len - 1));
	}
	if (!id)
		return false;
	emit(e, id, strlen(id));
	if (plus)
		emit(e, "+", 1);
	next(e);
	return true;
}

static bool or_expr(struct expr *e);

/* "(" expression ")" | license [WITH exception] */
static bool
primary(struct expr *e)
{
	const char *ex;

	if (str_eq_cstr(e->tok, "(")) {
		if (++e->depth > EXPR_DEPTH_MAX)
			return false;
		emit(e, "(", 1);
		next(e);
		if (!or_expr(e) || !str_eq_cstr(e->tok, ")"))
			return false;
		emit(e, ")", 1);
		next(e);
		e->depth--;
		return true;
	}
	if (!license(e))
		return false;
	if (!is_op(e->tok, "WITH", "with"))
		return true;
	next(e);
	ex = lookup(spdx_exceptions, ARRAY_SIZE(spdx_exceptions), e->tok);
	if (!ex)
		return false;
	emit(e, " WITH ", 6);
	emit(e, ex, strlen(ex));
	next(e);
	return true;
}

static bool
and_expr(struct expr *e)
{
	if (!primary(e))
		return false;
	while (is_op(e->tok, "AND", "and")) {
		emit(e, " AND ", 5);
		next(e);
		if (!primary(e))
			return false;
	}
	return true;
}

static bool
or_expr(struct expr *e)
{
	if (!and_expr(e))
		return false;
	while (is_op(e->tok, "OR", "or")) {
		emit(e, " OR ", 4);
		next(e);
		if (!and_expr(e))
			return false;
	}
	return true;
}

const char *
sbom_spdx_license(struct arena *a, const char *raw)
{
	struct expr e = {.rest = str_from(raw)};

	if (!raw || e.rest.len > EXPR_LEN_MAX)
		return NULL;
	/* An operator gains at most two spaces; nothing else grows. */
	e.out = arena_alloc(a, e.rest.len * 3 + 1);
	next(&e);
	if (e.tok.len == 0 || !or_expr(&e) || e.tok.len != 0)
		return NULL;
	e.out[e.len] = '\0';
	return e.out;
}

/* The writer's state. */
struct spdx {
	struct arena *a;
	const struct inventory *inv;
	struct jsonw *w;
	const char *root_id;
	const char **pkg_ids;
	struct map *by_text; /* licence text -> its LicenseRef- id */
	struct map *ids; /* LicenseRef- ids in use */
	const char **refs; /* the ids in the order they were made */
	size_t nrefs, caprefs;
};

/* prefix + 's' cut to ID_PART_MAX bytes, each byte outside the
 * identifier charset [A-Za-z0-9.-] replaced by '-'. */
static char *
sanitise(struct arena *a, const char *prefix, const char *s)
{
	size_t pl = strlen(prefix), n = s ? strnlen(s, ID_PART_MAX) : 0;
	char *o = arena_alloc(a, pl + n + 1);

	memcpy(o, prefix, pl);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-';

		o[pl + i] = ok ? c : '-';
	}
	o[pl + n] = '\0';
	return o;
}

/* The LicenseRef- for a licence that is not a known expression: one per
 * distinct text, named after it, with "-N" when two names collide. */
static const char *
license_ref(struct spdx *x, const char *text)
{
	const char *id = map_get(x->by_text, str_from(text));
	const char *base;

	if (id)
		return id;
	id = base = sanitise(x->a, "LicenseRef-", text);
	for (size_t n = 2; map_has(x->ids, str_from(id)); n++)
		id = arena_printf(x->a, "%s-%zu", base, n);
	map_put(x->by_text, str_from(text), (void *)id);
	map_put(x->ids, str_from(id), (void *)text);
	if (x->nrefs == x->caprefs) {
		size_t cap = x->caprefs ? x->caprefs * 2 : 16;

		x->refs = arena_realloc(
		    x->a, x->refs, x->nrefs, cap, sizeof(*x->refs));
		x->caprefs = cap;
	}
	x->refs[x->nrefs++] = id;
	return id;
}

static const char *
declared(struct spdx *x, const char *license)
{
	const char *expr;

	if (!license || !*license)
		return "NOASSERTION";
	expr = sbom_spdx_license(x->a, license);
	return expr ? expr : license_ref(x, license);
}

/* "Organization: name (email)" from "name <email>", the form the SPDX
 * specification gives for a supplier. */
static const char *
supplier(struct arena *a, const struct pkg *p)
{
	const char *who = p->vendor && *p->vendor ? p->vendor : p->maintainer;
	struct str s = str_trim(str_from(who)), name, mail;
	ssize_t lt;

	if (!who || s.len == 0)
		return NULL;
	lt = str_find_char(s, '<');
	if (lt < 0 || s.p[s.len - 1] != '>')
		return arena_printf(a, "Organization: %.*s", STR_FMT(s));
	name = str_trim(str_sub(s, 0, (size_t)lt));
	mail = str_trim(str_sub(s, (size_t)lt + 1, s.len - (size_t)lt - 2));
	if (name.len == 0 && mail.len == 0)
		return NULL;
	if (name.len == 0)
		return arena_printf(a, "Organization: %.*s", STR_FMT(mail));
	return arena_printf(
	    a, "Organization: %.*s (%.*s)", STR_FMT(name), STR_FMT(mail));
}

static const char *
source_info(struct arena *a, const struct pkg *p)
{
	const char *db = p->db_path ? p->db_path : "a package database";

	if (p->src_name && p->src_version)
		return arena_printf(a,
		    "acquired package info from %s; built from source package "
		    "%s %s",
		    db, p->src_name, p->src_version);
	if (p->src_name)
		return arena_printf(a,
		    "acquired package info from %s; built from source package "
		    "%s",
		    db, p->src_name);
	return arena_printf(a, "acquired package info from %s", db);
}

/* The fields every package here has: nothing was downloaded or read
 * file by file, and nothing is concluded about licences or copyright. */
static void
no_assertions(struct jsonw *w)
{
	jsonw_kv_str(w, "downloadLocation", "NOASSERTION");
	jsonw_kv_bool(w, "filesAnalyzed", false);
	jsonw_kv_str(w, "licenseConcluded", "NOASSERTION");
}

static void
write_pkg(struct spdx *x, size_t i)
{
	const struct pkg *p = &x->inv->pkgs.v[i];
	const char *purl = purl_for_pkg(x->a, x->inv, p);
	const char *ver = sbom_pkg_version(x->a, p);
	const char *sup = supplier(x->a, p);
	struct jsonw *w = x->w;

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "SPDXID", x->pkg_ids[i]);
	jsonw_kv_str(w, "name", p->name ? p->name : "");
	if (ver)
		jsonw_kv_str(w, "versionInfo", ver);
	jsonw_kv_str(w, "supplier", sup ? sup : "NOASSERTION");
	no_assertions(w);
	jsonw_kv_str(w, "licenseDeclared", declared(x, p->license));
	jsonw_kv_str(w, "copyrightText", "NOASSERTION");
	jsonw_kv_str(w, "sourceInfo", source_info(x->a, p));
	if (purl) {
		jsonw_key(w, "externalRefs");
		jsonw_arr_begin(w);
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "referenceCategory", "PACKAGE-MANAGER");
		jsonw_kv_str(w, "referenceType", "purl");
		jsonw_kv_str(w, "referenceLocator", purl);
		jsonw_obj_end(w);
		jsonw_arr_end(w);
	}
	jsonw_obj_end(w);
}

static bool
is_image(const struct inventory *inv)
{
	const char *k = inv->source_kind;

	return !k ||
	    (strcmp(k, "directory") != 0 && strcmp(k, "rootfs-archive") != 0);
}

static void
write_root(struct spdx *x)
{
	const struct inventory *inv = x->inv;
	struct jsonw *w = x->w;

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "SPDXID", x->root_id);
	jsonw_kv_str(w, "name", inv->target ? inv->target : "");
	if (inv->config_digest)
		jsonw_kv_str(w, "versionInfo", inv->config_digest);
	no_assertions(w);
	jsonw_kv_str(w, "licenseDeclared", "NOASSERTION");
	jsonw_kv_str(w, "copyrightText", "NOASSERTION");
	if (is_image(inv))
		jsonw_kv_str(w, "primaryPackagePurpose", "CONTAINER");
	jsonw_obj_end(w);
	if (!inv->have_os)
		return;
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "SPDXID", "SPDXRef-OperatingSystem");
	jsonw_kv_str(w, "name", inv->os.id ? inv->os.id : "unknown");
	if (inv->os.version_id)
		jsonw_kv_str(w, "versionInfo", inv->os.version_id);
	no_assertions(w);
	jsonw_kv_str(w, "licenseDeclared", "NOASSERTION");
	jsonw_kv_str(w, "copyrightText", "NOASSERTION");
	if (inv->os.pretty_name)
		jsonw_kv_str(w, "description", inv->os.pretty_name);
	jsonw_kv_str(w, "primaryPackagePurpose", "OPERATING_SYSTEM");
	jsonw_obj_end(w);
}

static void
relationship(struct jsonw *w, const char *a, const char *type, const char *b)
{
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "spdxElementId", a);
	jsonw_kv_str(w, "relationshipType", type);
	jsonw_kv_str(w, "relatedSpdxElement", b);
	jsonw_obj_end(w);
}

static void
write_relationships(struct spdx *x)
{
	struct jsonw *w = x->w;

	jsonw_key(w, "relationships");
	jsonw_arr_begin(w);
	relationship(w, "SPDXRef-DOCUMENT", "DESCRIBES", x->root_id);
	if (x->inv->have_os)
		relationship(
		    w, x->root_id, "CONTAINS", "SPDXRef-OperatingSystem");
	for (size_t i = 0; i < x->inv->pkgs.n; i++)
		relationship(w, x->root_id, "CONTAINS", x->pkg_ids[i]);
	jsonw_arr_end(w);
}

/* Each LicenseRef- used, with the text it stands for. */
static void
write_refs(struct spdx *x)
{
	struct jsonw *w = x->w;

	if (x->nrefs == 0)
		return;
	jsonw_key(w, "hasExtractedLicensingInfos");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < x->nrefs; i++) {
		const char *text = map_get(x->ids, str_from(x->refs[i]));

		jsonw_obj_begin(w);
		jsonw_kv_str(w, "licenseId", x->refs[i]);
		jsonw_kv_str(w, "extractedText", text);
		jsonw_kv_str(w, "name", text);
		jsonw_kv_str(w, "comment",
		    "a package's licence as its package database gives it");
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
}

static void
write_header(struct spdx *x, const char *uuid, const char *when)
{
	struct jsonw *w = x->w;

	jsonw_kv_str(w, "spdxVersion", "SPDX-2.3");
	jsonw_kv_str(w, "dataLicense", "CC0-1.0");
	jsonw_kv_str(w, "SPDXID", "SPDXRef-DOCUMENT");
	jsonw_kv_str(w, "name", x->inv->target ? x->inv->target : "");
	/* Unique per document, as the specification requires. */
	jsonw_kv_str(w, "documentNamespace",
	    arena_printf(x->a, "https://spdx.org/spdxdocs/%s-%s",
		sanitise(x->a, "ward-", x->inv->target), uuid));
	jsonw_key(w, "creationInfo");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "created", when);
	jsonw_key(w, "creators");
	jsonw_arr_begin(w);
	jsonw_str(w, "Tool: ward-" WARD_VERSION);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
}

static void
make_ids(struct spdx *x)
{
	const struct pkg_list *l = &x->inv->pkgs;

	x->root_id =
	    is_image(x->inv) ? "SPDXRef-ContainerImage" : "SPDXRef-Filesystem";
	x->pkg_ids = arena_calloc(x->a, l->n ? l->n : 1, sizeof(*x->pkg_ids));
	/* The index keeps two names that sanitise alike apart. */
	for (size_t i = 0; i < l->n; i++)
		x->pkg_ids[i] = arena_printf(x->a, "%s-%zu",
		    sanitise(x->a, "SPDXRef-Package-", l->v[i].name), i);
}

int
sbom_write_spdx(
    struct arena *a, const struct inventory *inv, FILE *f, struct ward_err *err)
{
	char uuid[SBOM_UUID_SIZE], when[SBOM_TIME_SIZE];
	struct spdx x = {.a = a, .inv = inv};
	int r;

	if ((r = sbom_uuid(uuid, err)) < 0 ||
	    (r = sbom_timestamp(time(NULL), when, err)) < 0)
		return err_wrap(err, "SPDX document");
	make_ids(&x);
	x.by_text = map_new();
	x.ids = map_new();
	x.w = jsonw_new(f, true);
	jsonw_obj_begin(x.w);
	write_header(&x, uuid, when);
	jsonw_key(x.w, "packages");
	jsonw_arr_begin(x.w);
	write_root(&x);
	for (size_t i = 0; i < inv->pkgs.n; i++)
		write_pkg(&x, i);
	jsonw_arr_end(x.w);
	write_refs(&x);
	write_relationships(&x);
	jsonw_obj_end(x.w);
	map_free(x.by_text);
	map_free(x.ids);
	r = jsonw_free(x.w);
	if (r == -EIO)
		return err_set(err, EIO, "writing the SPDX document failed");
	if (r < 0)
		return err_set(
		    err, EINVAL, "internal: unbalanced SPDX document");
	return 0;
}
