/*
 * The vulnerability report writers on a report built by hand: a Debian
 * image with OpenSSL findings (one known exploited, one without a fix,
 * one suppressed, one hidden by the user's filters), a Go binary's
 * toolchain, and a hostile package whose name, version, path and
 * advisory carry terminal escapes, XML markup, control bytes and invalid
 * UTF-8. JSON, SARIF and CycloneDX are read back with json_parse; JUnit
 * and the table are checked as text. The official schemas and the SARIF
 * validator are applied by tests/integration/test_scan_formats.py.
 */

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/report/internal.h"
#include "t.h"
#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/match.h"
#include "ward/mem.h"
#include "ward/sbom.h"
#include "ward/scanreport.h"

#define BAD_NAME "bad]]></failure><x>\"q\x01\x1b[31m\xff"
#define BAD_TITLE                                                              \
	"\x1b]0;pwned\x07 ]]> <x> & a title that is long enough "              \
	"to be cut when the table shows it"

struct fixture {
	struct arena *a;
	struct inventory inv;
	struct match_result m;
	bool shown[8];
	struct scan_report r;
};

enum { LIBSSL3, OPENSSL, ZLIB, BAD, STDLIB, NPKGS };

static void
add_pkg(struct fixture *x, enum pkg_type type, const char *name,
    const char *version, const char *src, const char *db)
{
	struct analyze_ctx ctx = {.a = x->a,
	    .pkgs = &x->inv.pkgs,
	    .warnings = &x->inv.warnings,
	    .path = db,
	    .layer = 0};
	struct pkg *p = analyze_pkg_add(&ctx);

	p->type = type;
	p->name = name;
	p->version = version;
	p->src_name = src;
	p->license = "OpenSSL";
	p->arch = type == PKG_DEB ? "amd64" : NULL;
}

static const char *fixed_5535[] = {"3.0.14-1~deb12u1"};
static const char *fixed_go[] = {"1.19.10", "1.20.5"};
static const char *fixed_bad[] = {"2\x02"};
static const char *refs_5535[] = {
    "https://www.openssl.org/news/secadv/20240627.txt"};
static const char *refs_bad[] = {"javascript:alert(1)",
    "https://example.com/a b", "https://example.com/ok?x=1&y=2"};
static const char *aliases_go[] = {"CVE-2023-29403"};

static struct vuln_match
finding(const struct fixture *x, int pkg, const char *id, const char *sev)
{
	const struct pkg *p = &x->inv.pkgs.v[pkg];

	return (struct vuln_match){.pkg = p,
	    .ecosystem = p->type == PKG_GO ? "Go" : "Debian:12",
	    .package = p->src_name ? p->src_name : p->name,
	    .installed = p->version[0] == 'v' ? p->version + 1 : p->version,
	    .severity = sev,
	    .info = {.id = id, .severity = sev, .cvss_score = -1}};
}

/* Findings in no particular order: the table must sort them itself. */
static void
fill(struct fixture *x)
{
	struct vuln_match *v;

	memset(x, 0, sizeof(*x));
	x->a = arena_new();
	x->inv = (struct inventory){.target = "app:1",
	    .source_kind = "oci-archive",
	    .have_os = true,
	    .os = {.id = "debian", .version_id = "12"}};
	add_pkg(x, PKG_DEB, "libssl3", "3.0.11-1~deb12u2", "openssl",
	    "var/lib/dpkg/status");
	add_pkg(x, PKG_DEB, "openssl", "3.0.11-1~deb12u2", NULL,
	    "var/lib/dpkg/status");
	add_pkg(x, PKG_DEB, "zlib1g", "1:1.2.13.dfsg-1", "zlib",
	    "var/lib/dpkg/status");
	add_pkg(x, PKG_DEB, BAD_NAME, "1\x02", NULL,
	    "var/lib/dpkg/status.d/bad pkg%");
	add_pkg(x, PKG_GO, "stdlib", "v1.19.8", NULL, "usr/bin/app");
	v = x->m.v = arena_calloc(x->a, 7, sizeof(*v));
	x->m.n = 7;
	v[0] = finding(x, LIBSSL3, "CVE-2024-2511", "LOW");
	v[0].info.summary = "openssl: unbounded memory growth";
	v[1] = finding(x, LIBSSL3, "CVE-2024-5535", "CRITICAL");
	v[1].info.cvss_score = 9.1;
	v[1].info.cvss_vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H";
	v[1].info.kev = true;
	v[1].info.refs = refs_5535;
	v[1].info.nrefs = 1;
	v[1].fixed = fixed_5535;
	v[1].nfixed = 1;
	v[3] = v[1];
	v[3].pkg = &x->inv.pkgs.v[OPENSSL];
	v[3].package = "openssl";
	v[2] = finding(x, LIBSSL3, "CVE-2023-6129", "MEDIUM");
	v[2].suppressed = "vex: not_affected";
	v[4] = finding(x, STDLIB, "GO-2023-1840", "UNKNOWN");
	v[4].fixed = fixed_go;
	v[4].nfixed = 2;
	v[4].info.aliases = aliases_go;
	v[4].info.naliases = 1;
	v[5] = finding(x, BAD, "CVE-2099-0001", "HIGH");
	v[5].info.summary = BAD_TITLE;
	v[5].info.refs = refs_bad;
	v[5].info.nrefs = 3;
	v[5].fixed = fixed_bad;
	v[5].nfixed = 1;
	v[6] = finding(x, LIBSSL3, "CVE-2000-0001", "HIGH");
	for (size_t i = 0; i < x->m.n; i++) {
		x->m.v[i].fix_available = x->m.v[i].nfixed > 0;
		x->shown[i] = i != 6; /* hidden by the user's filters */
	}
	x->r = (struct scan_report){
	    .inv = &x->inv, .vulns = &x->m, .shown = x->shown};
}

typedef int (*writer)(
    struct arena *, const struct scan_report *, FILE *, struct ward_err *);

static int
plain_table(
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

/* The output of 'fn'; caller frees. */
static char *
text_of(writer fn, struct fixture *x, const struct scan_report *r)
{
	struct ward_err err;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	T_EQ_INT(fn(x->a, r, f, &err), 0);
	fclose(f);
	return out;
}

static struct json_object *
json_of(writer fn, struct fixture *x)
{
	struct json_object *o = NULL;
	struct ward_err err;
	char *out = text_of(fn, x, &x->r);

	T_EQ_INT(json_parse(str_from(out), &o, &err), 0);
	/* Neither the hidden finding nor raw escapes appear anywhere. */
	T_OK(strstr(out, "CVE-2000-0001") == NULL);
	T_OK(strchr(out, '\033') == NULL);
	free(out);
	return o;
}

static bool
has_str(const struct json_object *o, const char *key, const char *want)
{
	struct str s;

	return json_get_str(o, key, &s) && str_eq_cstr(s, want);
}

static bool
arr_str(const struct json_object *arr, size_t i, const char *want)
{
	struct str s;

	return json_str(json_array_at(arr, i), &s) && str_eq_cstr(s, want);
}

static uint64_t
u64(const struct json_object *o, const char *key)
{
	uint64_t v = UINT64_MAX;

	(void)json_get_u64(o, key, 1000, &v); /* UINT64_MAX fails checks */
	return v;
}

/* The first element of array 'arr' whose 'key' is 'want'. */
static struct json_object *
find(const struct json_object *arr, const char *key, const char *want)
{
	for (size_t i = 0; i < json_array_len(arr); i++)
		if (has_str(json_array_at(arr, i), key, want))
			return json_array_at(arr, i);
	return NULL;
}

static void
test_json(void)
{
	struct fixture x;
	struct json_object *o, *vs, *v, *s;

	fill(&x);
	o = json_of(scanreport_write_json, &x);
	T_EQ_INT(u64(o, "schemaVersion"), 1);
	T_EQ_INT(json_array_len(json_get(o, "packages")), NPKGS);
	vs = json_get(o, "vulnerabilities");
	T_EQ_INT(json_array_len(vs), 6); /* the hidden one is left out */
	v = json_array_at(vs, 1);
	T_OK(has_str(v, "id", "CVE-2024-5535"));
	T_OK(has_str(v, "status", "fixed"));
	T_OK(has_str(v, "severity", "CRITICAL"));
	T_OK(has_str(v, "ecosystem", "Debian:12"));
	T_OK(has_str(v, "matchedName", "openssl"));
	T_OK(json_object_get_boolean(json_get(v, "kev")));
	T_OK(json_object_get_double(json_get(json_get(v, "cvss"), "score")) ==
	    9.1);
	T_OK(arr_str(json_get(v, "fixed"), 0, "3.0.14-1~deb12u1"));
	T_OK(has_str(json_get(v, "package"), "purl",
	    "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64"
	    "&distro=debian-12"));
	T_OK(has_str(json_get(v, "package"), "dbPath", "var/lib/dpkg/status"));
	T_OK(json_get(json_get(v, "package"), "license") == NULL); /* brief */
	T_OK(json_get(v, "suppressed") == NULL);
	v = find(vs, "id", "CVE-2024-2511");
	T_OK(has_str(v, "status", "affected"));
	T_EQ_INT(json_array_len(json_get(v, "fixed")), 0);
	T_OK(json_get(v, "cvss") == NULL);
	v = find(vs, "id", "CVE-2023-6129");
	T_OK(has_str(json_get(v, "suppressed"), "reason", "vex: not_affected"));
	v = find(vs, "id", "CVE-2099-0001");
	T_OK(has_str(json_get(v, "package"), "name",
	    "bad]]></failure><x>\"q\x01\x1b[31m\xef\xbf\xbd"));
	s = json_get(o, "summary");
	T_EQ_INT(u64(s, "total"), 5);
	T_EQ_INT(u64(s, "critical"), 2);
	T_EQ_INT(u64(s, "high"), 1);
	T_EQ_INT(u64(s, "medium"), 0);
	T_EQ_INT(u64(s, "low"), 1);
	T_EQ_INT(u64(s, "unknown"), 1);
	T_EQ_INT(u64(s, "suppressed"), 1);
	T_EQ_INT(u64(s, "knownExploited"), 2);
	json_object_put(o);
	arena_free(x.a);
}

/* Not scanned: exactly the JSON inventory. */
static void
test_json_inventory(void)
{
	struct fixture x;
	struct ward_err err;
	char *a, *b = NULL;
	size_t len = 0;
	FILE *f;

	fill(&x);
	x.r.vulns = NULL;
	a = text_of(scanreport_write_json, &x, &x.r);
	T_OK(strstr(a, "\"vulnerabilities\"") == NULL);
	f = open_memstream(&b, &len);
	T_EQ_INT(inventory_write_json(x.a, &x.inv, f, &err), 0);
	fclose(f);
	T_EQ_STR(a, b);
	free(a);
	free(b);
	arena_free(x.a);
}

static const char *
rule_id(const struct json_object *rules, const struct json_object *res)
{
	struct str s;
	uint64_t i = u64(res, "ruleIndex");

	if (i >= json_array_len(rules) ||
	    !json_get_str(json_array_at(rules, i), "id", &s))
		return "";
	return s.p;
}

static bool
is_hex64(const struct json_object *o)
{
	struct str s;

	if (!json_get_str(o, "ward/v1", &s) || s.len != 64)
		return false;
	for (size_t i = 0; i < s.len; i++)
		if (!strchr("0123456789abcdef", s.p[i]))
			return false;
	return true;
}

static void
sarif_results(const struct json_object *rules, const struct json_object *res)
{
	const struct json_object *r0 = json_array_at(res, 0);
	const struct json_object *loc;
	struct str fp0, fp1;
	bool ok = true;

	for (size_t i = 0; i < json_array_len(res); i++) {
		const struct json_object *r = json_array_at(res, i);
		struct str id;

		ok = ok && json_get_str(r, "ruleId", &id) &&
		    str_eq_cstr(id, rule_id(rules, r)) &&
		    is_hex64(json_get(r, "partialFingerprints"));
	}
	T_OK(ok); /* every ruleIndex points at its ruleId's rule */
	T_OK(has_str(r0, "ruleId", "CVE-2024-2511"));
	T_OK(has_str(r0, "level", "note"));
	T_OK(has_str(json_get(r0, "message"), "text",
	    "Package libssl3 version 3.0.11-1~deb12u2 is affected by "
	    "CVE-2024-2511; no fix is available"));
	T_OK(has_str(json_get(json_array_at(res, 1), "message"), "text",
	    "Package libssl3 version 3.0.11-1~deb12u2 is affected by "
	    "CVE-2024-5535; fixed in 3.0.14-1~deb12u1"));
	T_OK(has_str(json_array_at(res, 1), "level", "error"));
	loc = json_get(
	    json_array_at(json_get(r0, "locations"), 0), "physicalLocation");
	T_OK(has_str(
	    json_get(loc, "artifactLocation"), "uri", "var/lib/dpkg/status"));
	T_EQ_INT(u64(json_get(loc, "region"), "startLine"), 1);
	loc = json_get(
	    json_array_at(json_get(json_array_at(res, 4), "locations"), 0),
	    "physicalLocation");
	T_OK(has_str(json_get(loc, "artifactLocation"), "uri",
	    "var/lib/dpkg/status.d/bad%20pkg%25"));
	/* The same advisory on two packages: two fingerprints. */
	T_OK(
	    json_get_str(json_get(json_array_at(res, 1), "partialFingerprints"),
		"ward/v1", &fp0) &&
	    json_get_str(json_get(json_array_at(res, 2), "partialFingerprints"),
		"ward/v1", &fp1) &&
	    !str_eq(fp0, fp1));
}

static void
test_sarif(void)
{
	struct fixture x;
	struct json_object *o, *o2, *run, *rules, *res, *r;
	const char *md;

	fill(&x);
	o = json_of(scanreport_write_sarif, &x);
	T_OK(has_str(o, "version", "2.1.0"));
	T_EQ_INT(json_array_len(json_get(o, "runs")), 1);
	run = json_array_at(json_get(o, "runs"), 0);
	T_OK(
	    has_str(json_get(json_get(run, "tool"), "driver"), "name", "ward"));
	rules = json_get(json_get(json_get(run, "tool"), "driver"), "rules");
	res = json_get(run, "results");
	T_EQ_INT(json_array_len(rules), 4); /* 2511 5535 1840 2099 */
	T_EQ_INT(json_array_len(res), 5); /* no suppressed, no hidden */
	T_OK(find(rules, "id", "CVE-2023-6129") == NULL);
	r = find(rules, "id", "CVE-2024-5535");
	T_OK(has_str(json_get(r, "properties"), "security-severity", "9.1"));
	T_OK(has_str(json_get(r, "defaultConfiguration"), "level", "error"));
	T_OK(has_str(r, "helpUri", refs_5535[0]));
	T_OK(arr_str(
	    json_get(json_get(r, "properties"), "tags"), 2, "CRITICAL"));
	r = find(rules, "id", "GO-2023-1840");
	T_OK(has_str(json_get(r, "properties"), "security-severity", "0.0"));
	T_OK(has_str(json_get(r, "defaultConfiguration"), "level", "note"));
	r = find(rules, "id", "CVE-2099-0001");
	T_OK(json_get(r, "helpUri") != NULL &&
	    has_str(r, "helpUri", "https://example.com/ok?x=1&y=2"));
	md = json_object_get_string(json_get(json_get(r, "help"), "markdown"));
	T_OK(md && strstr(md, "<x>") == NULL && strstr(md, "\\<x\\>") != NULL);
	T_OK(md && strstr(md, "javascript:alert\\(1\\)") != NULL);
	sarif_results(rules, res);
	/* Fingerprints do not change from one run to the next. */
	o2 = json_of(scanreport_write_sarif, &x);
	T_OK(json_object_equal(o, o2));
	json_object_put(o2);
	json_object_put(o);
	arena_free(x.a);
}

static void
test_cyclonedx(void)
{
	struct fixture x;
	struct json_object *o, *vs, *v, *comps, *rt, *ver;
	bool refs_ok = true;

	fill(&x);
	o = json_of(scanreport_write_cyclonedx, &x);
	comps = json_get(o, "components");
	vs = json_get(o, "vulnerabilities");
	T_EQ_INT(json_array_len(vs), 5);
	for (size_t i = 0; i < json_array_len(vs); i++) {
		struct str ref;
		const struct json_object *af =
		    json_array_at(json_get(json_array_at(vs, i), "affects"), 0);

		refs_ok = refs_ok && json_get_str(af, "ref", &ref) &&
		    find(comps, "bom-ref", arena_strz(x.a, ref)) != NULL;
	}
	T_OK(refs_ok); /* every finding names a component */
	v = json_array_at(vs, 1);
	T_OK(has_str(v, "id", "CVE-2024-5535"));
	rt = json_array_at(json_get(v, "ratings"), 0);
	T_OK(has_str(rt, "severity", "critical"));
	T_OK(has_str(rt, "method", "CVSSv31"));
	T_OK(json_object_get_double(json_get(rt, "score")) == 9.1);
	T_OK(has_str(find(json_get(v, "properties"), "name", "ward:kev"),
	    "value", "true"));
	ver = json_get(json_array_at(json_get(v, "affects"), 0), "versions");
	T_EQ_INT(json_array_len(ver), 2);
	T_OK(has_str(json_array_at(ver, 0), "status", "affected"));
	T_OK(has_str(json_array_at(ver, 1), "version", "3.0.14-1~deb12u1"));
	T_OK(has_str(json_array_at(ver, 1), "status", "unaffected"));
	v = find(vs, "id", "GO-2023-1840");
	T_OK(has_str(json_array_at(json_get(v, "references"), 0), "id",
	    "CVE-2023-29403"));
	T_OK(has_str(
	    json_get(json_array_at(json_get(v, "references"), 0), "source"),
	    "name", "NVD"));
	T_OK(has_str(
	    json_array_at(json_get(v, "ratings"), 0), "method", "other"));
	v = find(vs, "id", "CVE-2099-0001");
	T_EQ_INT(json_array_len(json_get(v, "advisories")), 1); /* URLs only */
	T_OK(find(vs, "id", "CVE-2023-6129") == NULL);
	json_object_put(o);
	x.r.vulns = NULL;
	o = json_of(scanreport_write_cyclonedx, &x);
	T_OK(json_get(o, "vulnerabilities") == NULL);
	json_object_put(o);
	arena_free(x.a);
}

static size_t
occurrences(const char *s, const char *needle)
{
	size_t n = 0;

	for (; (s = strstr(s, needle)) != NULL; s++)
		n++;
	return n;
}

/* Only tab and newline below 0x20, no DEL, and valid UTF-8 throughout. */
static bool
xml_chars_ok(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		size_t k = utf8_seq_len((const unsigned char *)s, n);

		if (k == 0 ||
		    (k == 1 && (unsigned char)*s < 0x20 && *s != '\n' &&
			*s != '\t') ||
		    *s == 0x7f)
			return false;
		s += k;
		n -= k;
	}
	return true;
}

static void
test_junit(void)
{
	struct fixture x;
	char *out;

	fill(&x);
	out = text_of(scanreport_write_junit, &x, &x.r);
	T_OK(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) ==
	    0);
	T_OK(strstr(
		 out, "<testsuites name=\"ward\" tests=\"5\" failures=\"4\"") !=
	    NULL);
	T_OK(strstr(
		 out, "<testsuite name=\"app:1\" tests=\"5\" failures=\"4\"") !=
	    NULL);
	T_EQ_INT(occurrences(out, "<testcase "), NPKGS);
	T_EQ_INT(occurrences(out, "<failure "), 4);
	T_OK(strstr(out,
		 "<testcase classname=\"zlib1g\" "
		 "name=\"zlib1g@1:1.2.13.dfsg-1\"/>") != NULL);
	T_OK(strstr(out,
		 "message=\"2 vulnerabilities (CRITICAL: 1, LOW: 1)\" "
		 "type=\"CRITICAL\"") != NULL);
	/* Markup is escaped; forbidden characters are U+FFFD. */
	T_OK(strstr(out,
		 "classname=\"bad]]&gt;&lt;/failure&gt;&lt;x&gt;&quot;"
		 "q\xef\xbf\xbd\xef\xbf\xbd[31m\xef\xbf\xbd\"") != NULL);
	T_OK(strstr(out, "<x>") == NULL && strstr(out, "]]>") == NULL);
	T_OK(strstr(out,
		 "\xef\xbf\xbd]0;pwned\xef\xbf\xbd ]]&gt; &lt;x&gt; "
		 "&amp; a title") != NULL);
	T_OK(xml_chars_ok(out));
	T_OK(strstr(out, "CVE-2023-6129") == NULL); /* suppressed */
	T_OK(strstr(out, "CVE-2000-0001") == NULL); /* hidden */
	free(out);
	x.r.vulns = NULL;
	out = text_of(scanreport_write_junit, &x, &x.r);
	T_OK(strstr(out, "tests=\"5\" failures=\"0\"") != NULL);
	free(out);
	arena_free(x.a);
}

/* Every ESC starts one of our SGR sequences: ESC [ digits/; m. */
static bool
only_sgr(const char *s)
{
	for (; (s = strchr(s, '\033')) != NULL; s++) {
		size_t n = strspn(s + 2, "0123456789;");

		if (s[1] != '[' || s[2 + n] != 'm')
			return false;
	}
	return true;
}

static void
test_table(void)
{
	struct fixture x;
	char *out, *crit, *high, *low, *unk, *go, *line;

	fill(&x);
	out = text_of(plain_table, &x, &x.r);
	T_OK(strchr(out, '\033') == NULL && strchr(out, '\007') == NULL);
	T_OK(strncmp(out, "app:1 (oci-archive)\n", 20) == 0);
	crit = strstr(out, "  CRITICAL  CVE-2024-5535 [KEV]  libssl3 ");
	high = strstr(out, "  HIGH      CVE-2099-0001 ");
	low = strstr(out, "  LOW       CVE-2024-2511 ");
	go = strstr(out, "\nusr/bin/app (golang): 1 vulnerability\n");
	unk = strstr(out, "  UNKNOWN   GO-2023-1840 ");
	T_OK(crit && high && low && go && unk);
	/* By group (the package database first), then by severity. */
	T_OK(crit < low && low < high && high < go && go < unk);
	T_OK(strstr(out, "\nvar/lib/dpkg/status (deb): 3 vulnerabilities\n"));
	T_OK(strstr(out, "1.19.10, 1.20.5") != NULL);
	T_OK(strstr(out, "bad]]></failure><x>\"q\\x01\\x1b[31m\\xff") != NULL);
	T_OK(strstr(out, "CVE-2023-6129") == NULL);
	T_OK(strstr(out, "CVE-2000-0001") == NULL);
	/* The title is cut to 60 columns. */
	line = high ? strstr(high, "\\x1b]0;pwned") : NULL;
	T_OK(line && strchr(line, '\n') - line == 60 &&
	    strncmp(strchr(line, '\n') - 3, "...", 3) == 0);
	T_OK(strstr(out,
		 "\nTotal: 5 (CRITICAL: 2, HIGH: 1, MEDIUM: 0, "
		 "LOW: 1, UNKNOWN: 1)  Suppressed: 1\n") != NULL);
	free(out);
	out = text_of(color_table, &x, &x.r);
	T_OK(strstr(out, "\033[1;31mCRITICAL\033[0m") != NULL);
	T_OK(only_sgr(out)); /* the hostile OSC and CSI stay escaped */
	free(out);
	x.m.n = 0;
	out = text_of(plain_table, &x, &x.r);
	T_OK(strstr(out, "No vulnerabilities found.\n\nTotal: 0 (") != NULL);
	free(out);
	arena_free(x.a);
}

/* Not scanned: the package table, byte for byte. */
static void
test_table_inventory(void)
{
	struct fixture x;
	struct ward_err err;
	char *a, *b = NULL;
	size_t len = 0;
	FILE *f;

	fill(&x);
	x.r.vulns = NULL;
	a = text_of(plain_table, &x, &x.r);
	f = open_memstream(&b, &len);
	T_EQ_INT(inventory_write_table(&x.inv, f, false, &err), 0);
	fclose(f);
	T_EQ_STR(a, b);
	free(a);
	free(b);
	arena_free(x.a);
}

static void
test_helpers(void)
{
	static const struct {
		const char *url;
		bool want;
	} urls[] = {
	    {"https://example.com/x?a=1&b=2#f", true},
	    {"http://example.com", true},
	    {"https://", false},
	    {"javascript:alert(1)", false},
	    {"https://a.example/ b", false},
	    {"https://a.example/\"x", false},
	    {"https://a.example/<x>", false},
	    {"https://a.example/\x1b[0m", false},
	    {"https://a.example/\xc3\xa4", false},
	    {"ftp://a.example/", false},
	};
	struct fixture x;
	struct pkg other;

	for (size_t i = 0; i < ARRAY_SIZE(urls); i++)
		T_EQ_INT(report_is_web_url(urls[i].url), urls[i].want);
	fill(&x);
	T_EQ_INT(report_pkg_index(&x.inv, &x.inv.pkgs.v[STDLIB]), STDLIB);
	T_EQ_INT(report_pkg_index(&x.inv, &other), -1);
	T_EQ_INT(report_pkg_index(&x.inv, NULL), -1);
	T_EQ_INT(report_pkg_index(&x.inv, x.inv.pkgs.v + x.inv.pkgs.n), -1);
	arena_free(x.a);
}

/* A finding whose package is not in the inventory (an SBOM scan's
 * synthetic one) still gets a JUnit test case and a CycloneDX target. */
static void
test_foreign_pkg(void)
{
	struct fixture x;
	struct pkg other = {.type = PKG_GO, .name = "golang.org/x/net"};
	struct json_object *o;
	char *out;

	fill(&x);
	x.m.v[0].pkg = &other;
	x.m.v[0].package = "golang.org/x/net";
	x.m.v[0].installed = "0.6.0";
	out = text_of(scanreport_write_junit, &x, &x.r);
	T_OK(strstr(out, "tests=\"6\" failures=\"5\"") != NULL);
	T_OK(strstr(out, "name=\"golang.org/x/net@0.6.0\">") != NULL);
	free(out);
	o = json_of(scanreport_write_cyclonedx, &x);
	T_OK(has_str(
	    json_array_at(
		json_get(json_array_at(json_get(o, "vulnerabilities"), 0),
		    "affects"),
		0),
	    "ref", "ward:target"));
	json_object_put(o);
	arena_free(x.a);
}

/* A full disk is an error, not a short document. */
static void
test_write_error(void)
{
	static const writer all[] = {scanreport_write_json, plain_table,
	    scanreport_write_sarif, scanreport_write_junit,
	    scanreport_write_cyclonedx};
	struct fixture x;
	struct ward_err err;
	FILE *f = fopen("/dev/full", "we");

	if (!f) {
		T_SKIP("no /dev/full");
		return;
	}
	fill(&x);
	for (size_t i = 0; i < ARRAY_SIZE(all); i++) {
		T_EQ_INT(all[i](x.a, &x.r, f, &err), -EIO);
		T_EQ_INT(err.code, EIO);
	}
	fclose(f);
	arena_free(x.a);
}

int
main(void)
{
	test_json();
	test_json_inventory();
	test_sarif();
	test_cyclonedx();
	test_junit();
	test_table();
	test_table_inventory();
	test_helpers();
	test_foreign_pkg();
	test_write_error();
	return t_done();
}
