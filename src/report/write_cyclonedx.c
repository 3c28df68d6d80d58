/*
 * The CycloneDX 1.5 JSON BOM. The image or directory is the BOM's
 * metadata.component, the operating system and each package are
 * components, and what CycloneDX has no field for (source package, layer,
 * database path) goes into properties named "ward:...". Every bom-ref is
 * unique, as the standard requires: a package's purl, or a "ward:"
 * reference when two packages share a purl or one has none. All strings
 * go through the JSON writer, which escapes hostile bytes; a licence is
 * an SPDX expression only when sbom_spdx_license() vouches for it, and
 * otherwise a license name, which the schema accepts for any text.
 *
 * With findings (scanreport_write_cyclonedx), each listed finding is a
 * vulnerability whose "affects" names its package's bom-ref. Advisory
 * text is untrusted like the rest: references become advisory URLs only
 * when report_is_web_url() accepts them, dates only in RFC 3339 form and
 * versions only within the schema's 1..1024 characters. Secrets, which
 * CycloneDX 1.5 has no type for, are vulnerabilities of the target
 * itself (see write_secret).
 */

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "internal.h"
#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/map.h"
#include "ward/match.h"
#include "ward/sbom.h"
#include "ward/scanreport.h"
#include "ward/secret.h"

#define ROOT_REF "ward:target"
#define OS_REF "ward:os"

struct cdx {
	struct arena *a;
	const struct inventory *inv;
	struct jsonw *w;
	const char **purls; /* per package, NULL when it has none */
	const char **refs; /* per package bom-ref */
};

static void
prop(struct jsonw *w, const char *name, const char *value)
{
	if (!value)
		return;
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "name", name);
	jsonw_kv_str(w, "value", value);
	jsonw_obj_end(w);
}

static void
prop_u64(struct cdx *x, const char *name, uint64_t v)
{
	prop(x->w, name, arena_printf(x->a, "%" PRIu64, v));
}

/* A purl for the first package that has it, a "ward:" reference (which
 * no purl can equal, since purls start "pkg:") for the others. */
static void
make_refs(struct cdx *x)
{
	const struct pkg_list *l = &x->inv->pkgs;
	struct map *seen = map_new();
	size_t n = l->n ? l->n : 1;

	x->purls = arena_calloc(x->a, n, sizeof(*x->purls));
	x->refs = arena_calloc(x->a, n, sizeof(*x->refs));
	for (size_t i = 0; i < l->n; i++) {
		const char *purl = purl_for_pkg(x->a, x->inv, &l->v[i]);

		x->purls[i] = purl;
		if (!purl)
			x->refs[i] = arena_printf(x->a, "ward:pkg:%zu", i);
		else if (map_has(seen, str_from(purl)))
			x->refs[i] =
			    arena_printf(x->a, "ward:dup:%zu:%s", i, purl);
		else
			x->refs[i] = purl;
		if (purl)
			map_put(seen, str_from(purl), (void *)purl);
	}
	map_free(seen);
}

static void
write_licenses(struct cdx *x, const char *license)
{
	struct jsonw *w = x->w;
	const char *expr;

	if (!license || !*license)
		return;
	expr = sbom_spdx_license(x->a, license);
	jsonw_key(w, "licenses");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	if (expr) {
		jsonw_kv_str(w, "expression", expr);
	} else {
		jsonw_key(w, "license");
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "name", license);
		jsonw_obj_end(w);
	}
	jsonw_obj_end(w);
	jsonw_arr_end(w);
}

static void
pkg_props(struct cdx *x, const struct pkg *p)
{
	const struct inventory *inv = x->inv;
	struct jsonw *w = x->w;

	jsonw_key(w, "properties");
	jsonw_arr_begin(w);
	prop(w, "ward:pkgType", sbom_pkg_type(p->type));
	prop(w, "ward:arch", p->arch);
	if (p->epoch >= 0)
		prop(w, "ward:epoch", arena_printf(x->a, "%" PRId64, p->epoch));
	prop(w, "ward:release", p->rpm_release);
	prop(w, "ward:srcName", p->src_name);
	prop(w, "ward:srcVersion", p->src_version);
	prop(w, "ward:srcRpm", p->src_rpm);
	prop(w, "ward:maintainer", p->maintainer);
	if (p->installed_size)
		prop_u64(x, "ward:installedSize", p->installed_size);
	prop(w, "ward:dbPath", p->db_path);
	if (p->layer >= 0) {
		prop_u64(x, "ward:layerIndex", (uint64_t)p->layer);
		if ((size_t)p->layer < inv->nlayers) {
			prop(w, "ward:layerDigest",
			    inv->layers[p->layer].digest);
			prop(w, "ward:layerDiffID",
			    inv->layers[p->layer].diff_id);
		}
	}
	jsonw_arr_end(w);
}

static void
write_pkg(struct cdx *x, size_t i)
{
	const struct pkg *p = &x->inv->pkgs.v[i];
	const char *ver = sbom_pkg_version(x->a, p);
	const char *sup = p->vendor && *p->vendor ? p->vendor : p->maintainer;
	struct jsonw *w = x->w;

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "bom-ref", x->refs[i]);
	jsonw_kv_str(w, "type", "library");
	if (sup && *sup) {
		jsonw_key(w, "supplier");
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "name", sup);
		jsonw_obj_end(w);
	}
	jsonw_kv_str(w, "name", p->name ? p->name : "");
	if (ver)
		jsonw_kv_str(w, "version", ver);
	write_licenses(x, p->license);
	if (x->purls[i])
		jsonw_kv_str(w, "purl", x->purls[i]);
	pkg_props(x, p);
	jsonw_obj_end(w);
}

static void
root_props(struct cdx *x)
{
	const struct inventory *inv = x->inv;
	struct jsonw *w = x->w;

	jsonw_key(w, "properties");
	jsonw_arr_begin(w);
	prop(w, "ward:sourceKind", inv->source_kind);
	prop(w, "ward:manifestDigest", inv->manifest_digest);
	prop(w, "ward:configDigest", inv->config_digest);
	prop(w, "ward:os", inv->os_name);
	prop(w, "ward:architecture", inv->architecture);
	for (size_t i = 0; i < inv->nrepo_tags; i++)
		prop(w, "ward:repoTag", inv->repo_tags[i]);
	for (size_t i = 0; i < inv->nlayers; i++)
		prop(w, "ward:layerDiffID", inv->layers[i].diff_id);
	jsonw_arr_end(w);
}

static void
write_metadata(struct cdx *x, const char *when)
{
	const struct inventory *inv = x->inv;
	struct jsonw *w = x->w;

	jsonw_key(w, "metadata");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "timestamp", when);
	/* CycloneDX 1.5 describes tools as components. */
	jsonw_key(w, "tools");
	jsonw_obj_begin(w);
	jsonw_key(w, "components");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "type", "application");
	jsonw_kv_str(w, "name", "ward");
	jsonw_kv_str(w, "version", WARD_VERSION);
	jsonw_obj_end(w);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_key(w, "component");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "bom-ref", ROOT_REF);
	jsonw_kv_str(
	    w, "type", report_inventory_is_image(inv) ? "container" : "file");
	jsonw_kv_str(w, "name", inv->target ? inv->target : "");
	if (inv->config_digest)
		jsonw_kv_str(w, "version", inv->config_digest);
	root_props(x);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
}

static void
write_os(struct cdx *x)
{
	const struct os_info *os = &x->inv->os;
	struct jsonw *w = x->w;

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "bom-ref", OS_REF);
	jsonw_kv_str(w, "type", "operating-system");
	jsonw_kv_str(w, "name", os->id ? os->id : "unknown");
	if (os->version_id)
		jsonw_kv_str(w, "version", os->version_id);
	if (os->pretty_name)
		jsonw_kv_str(w, "description", os->pretty_name);
	jsonw_key(w, "properties");
	jsonw_arr_begin(w);
	prop(w, "ward:versionCodename", os->version_codename);
	prop(w, "ward:idLike", os->id_like);
	prop(w, "ward:source", os->source);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
}

/* The target holds the OS and every package; what each package depends
 * on is not known, so no package gets an entry of its own. */
static void
write_dependencies(struct cdx *x)
{
	struct jsonw *w = x->w;

	jsonw_key(w, "dependencies");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ref", ROOT_REF);
	jsonw_key(w, "dependsOn");
	jsonw_arr_begin(w);
	if (x->inv->have_os)
		jsonw_str(w, OS_REF);
	for (size_t i = 0; i < x->inv->pkgs.n; i++)
		jsonw_str(w, x->refs[i]);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_arr_end(w);
}

/* The vulnerabilities section: one entry per listed finding. */

static const char *
rating_method(const char *vector)
{
	if (!vector)
		return "other";
	if (strncmp(vector, "CVSS:3.1/", 9) == 0)
		return "CVSSv31";
	if (strncmp(vector, "CVSS:3.0/", 9) == 0)
		return "CVSSv3";
	if (strncmp(vector, "CVSS:4.0/", 9) == 0)
		return "CVSSv4";
	if (strncmp(vector, "AV:", 3) == 0)
		return "CVSSv2";
	return "other";
}

/* The schema's severity enum is lower case. */
static const char *
severity_lower(enum severity s)
{
	static const char *const names[SEV_COUNT] = {
	    "unknown", "low", "medium", "high", "critical"};

	return names[s];
}

static void
write_ratings(struct cdx *x, const struct vuln_match *v)
{
	const struct vuln_info *vi = &v->info;
	struct jsonw *w = x->w;

	jsonw_key(w, "ratings");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	if (report_score_ok(vi->cvss_score)) {
		jsonw_key(w, "score");
		jsonw_double(w, vi->cvss_score);
	}
	jsonw_kv_str(w, "severity", severity_lower(report_match_severity(v)));
	jsonw_kv_str(w, "method", rating_method(vi->cvss_vector));
	if (vi->cvss_vector)
		jsonw_kv_str(w, "vector", vi->cvss_vector);
	jsonw_obj_end(w);
	/* A CVSS v4 vector ward stored without scoring it. */
	if (vi->cvss4_vector &&
	    (!vi->cvss_vector || strcmp(vi->cvss4_vector, vi->cvss_vector))) {
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "method", "CVSSv4");
		jsonw_kv_str(w, "vector", vi->cvss4_vector);
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
}

/* Where an advisory can be read: by the database source it came from
 * ("osv", "debian", "alpine-secdb"), or, for an alias, by its id's
 * prefix. A URL is built only from ids of letters, digits and '-'. */
static void
write_id_source(struct cdx *x, const char *id, const char *source)
{
	static const struct {
		const char *key, *name, *url;
		bool prefix;
	} known[] = {
	    {"osv", "OSV", "https://osv.dev/vulnerability/", false},
	    {"debian", "Debian Security Tracker",
		"https://security-tracker.debian.org/tracker/", false},
	    {"alpine-secdb", "Alpine secdb",
		"https://security.alpinelinux.org/vuln/", false},
	    {"CVE-", "NVD", "https://nvd.nist.gov/vuln/detail/", true},
	    {"GHSA-", "GitHub Advisory Database",
		"https://github.com/advisories/", true},
	    {"GO-", "Go Vulnerability Database", "https://pkg.go.dev/vuln/",
		true},
	};
	bool plain = id[strspn(id,
			 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789-")] == '\0';
	const char *name = source ? source : "OSV", *url = NULL;
	struct jsonw *w = x->w;

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (known[i].prefix ? source != NULL ||
			    strncmp(id, known[i].key, strlen(known[i].key)) != 0
				    : !source || strcmp(source, known[i].key))
			continue;
		name = known[i].name;
		url = known[i].url;
		break;
	}
	jsonw_key(w, "source");
	jsonw_obj_begin(w);
	if (url && plain)
		jsonw_kv_str(w, "url", arena_printf(x->a, "%s%s", url, id));
	jsonw_kv_str(w, "name", name);
	jsonw_obj_end(w);
}

static void
write_aliases(struct cdx *x, const struct vuln_info *vi)
{
	struct jsonw *w = x->w;

	if (vi->naliases == 0)
		return;
	jsonw_key(w, "references");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < vi->naliases; i++) {
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "id", vi->aliases[i]);
		write_id_source(x, vi->aliases[i], NULL);
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
}

static void
write_advisories(struct cdx *x, const struct vuln_info *vi)
{
	struct jsonw *w = x->w;
	size_t n = 0;

	for (size_t i = 0; i < vi->nrefs; i++)
		n += report_is_web_url(vi->refs[i]);
	if (n == 0)
		return;
	jsonw_key(w, "advisories");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < vi->nrefs; i++) {
		if (!report_is_web_url(vi->refs[i]))
			continue;
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "url", vi->refs[i]);
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
}

/* RFC 3339 "YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm)", as "date-time"
 * requires; a database date in another form is left out. */
static bool
is_date_time(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t i;

	for (i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9')
				    : s[i] != shape[i])
			return false;
	s += i;
	if (*s == '.' && s[1] >= '0' && s[1] <= '9')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	if (*s == 'Z')
		return s[1] == '\0';
	if (*s != '+' && *s != '-')
		return false;
	for (i = 1; i < 6; i++)
		if (i == 3 ? s[i] != ':' : !(s[i] >= '0' && s[i] <= '9'))
			return false;
	return s[6] == '\0';
}

/* The schema's version: 1 to 1024 characters. */
static bool
version_ok(const char *v)
{
	return v && *v && strlen(v) <= 1024;
}

static void
write_affects(struct cdx *x, const struct vuln_match *v)
{
	ssize_t i = report_pkg_index(x->inv, v->pkg);
	struct jsonw *w = x->w;

	jsonw_key(w, "affects");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ref", i >= 0 ? x->refs[i] : ROOT_REF);
	jsonw_key(w, "versions");
	jsonw_arr_begin(w);
	if (version_ok(v->installed)) {
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "version", v->installed);
		jsonw_kv_str(w, "status", "affected");
		jsonw_obj_end(w);
	}
	for (size_t k = 0; k < v->nfixed; k++) {
		if (!version_ok(v->fixed[k]))
			continue;
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "version", v->fixed[k]);
		jsonw_kv_str(w, "status", "unaffected");
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_arr_end(w);
}

static void
vuln_props(struct cdx *x, const struct vuln_match *v)
{
	struct jsonw *w = x->w;

	jsonw_key(w, "properties");
	jsonw_arr_begin(w);
	prop(w, "ward:kev", v->info.kev ? "true" : "false");
	prop(w, "ward:status", v->fix_available ? "fixed" : "affected");
	prop(w, "ward:severity", severity_name(report_match_severity(v)));
	prop(w, "ward:ecosystem", v->ecosystem);
	prop(w, "ward:matchedName", v->package);
	prop(w, "ward:installed", v->installed);
	for (size_t i = 0; i < v->nfixed; i++)
		prop(w, "ward:fixedVersion", v->fixed[i]);
	jsonw_arr_end(w);
}

static void
write_vuln(struct cdx *x, size_t n, const struct vuln_match *v)
{
	const struct vuln_info *vi = &v->info;
	const char *id = vi->id ? vi->id : "";
	struct jsonw *w = x->w;

	jsonw_obj_begin(w);
	jsonw_kv_str(
	    w, "bom-ref", arena_printf(x->a, "ward:vuln:%zu:%s", n, id));
	jsonw_kv_str(w, "id", id);
	write_id_source(x, id, vi->source);
	write_aliases(x, vi);
	write_ratings(x, v);
	if (vi->summary)
		jsonw_kv_str(w, "description", vi->summary);
	if (v->nfixed)
		jsonw_kv_str(w, "recommendation",
		    arena_printf(x->a, "Upgrade %s to %s",
			v->pkg && v->pkg->name ? v->pkg->name
			    : v->package       ? v->package
					       : "the package",
			v->fixed[0]));
	write_advisories(x, vi);
	if (vi->published && is_date_time(vi->published))
		jsonw_kv_str(w, "published", vi->published);
	if (vi->modified && is_date_time(vi->modified))
		jsonw_kv_str(w, "updated", vi->modified);
	write_affects(x, v);
	vuln_props(x, v);
	jsonw_obj_end(w);
}

/*
 * A secret as a vulnerability of the target: CycloneDX 1.5 has no kind
 * for leaked credentials, and a vulnerability entry is what BOM consumers
 * (Dependency-Track, CI gates) read and rate. The id is ward's rule id,
 * the weakness CWE-798 (hard-coded credentials), and the file, line,
 * column, layers, redacted match and fingerprint are "ward:" properties.
 * The secret itself is never written: only the rules' redacted excerpt
 * and the SHA-256 fingerprint.
 */
static void
secret_props(struct cdx *x, const struct secret_hit *h)
{
	const struct inventory *inv = x->inv;
	struct jsonw *w = x->w;

	jsonw_key(w, "properties");
	jsonw_arr_begin(w);
	prop(w, "ward:class", "secret");
	prop(w, "ward:ruleId", h->f.rule_id);
	prop(w, "ward:severity", secret_severity_name(h->f.severity));
	prop(w, "ward:path", h->path);
	prop_u64(x, "ward:line", h->f.line);
	prop_u64(x, "ward:column", h->f.column);
	if (h->layer >= 0 && report_inventory_is_image(inv)) {
		prop_u64(x, "ward:layerIndex", (uint64_t)h->layer);
		if ((size_t)h->layer < inv->nlayers)
			prop(w, "ward:layerDigest",
			    inv->layers[h->layer].digest);
	}
	if (h->removed_by >= 0) {
		prop_u64(x, "ward:removedByLayer", (uint64_t)h->removed_by);
		if ((size_t)h->removed_by < inv->nlayers)
			prop(w, "ward:removedByLayerDigest",
			    inv->layers[h->removed_by].digest);
	}
	prop(w, "ward:deleted", h->removed_by >= 0 ? "true" : "false");
	prop(w, "ward:match", h->f.excerpt);
	prop(w, "ward:fingerprint",
	    arena_printf(x->a, "sha256:%s", h->f.fingerprint));
	jsonw_arr_end(w);
}

static void
write_secret(struct cdx *x, size_t n, const struct secret_hit *h)
{
	struct jsonw *w = x->w;
	const char *where = h->layer < 0 || !report_inventory_is_image(x->inv)
	    ? ""
	    : h->removed_by >= 0
	    ? arena_printf(x->a, " (layer %d, deleted in layer %d)", h->layer,
		  h->removed_by)
	    : arena_printf(x->a, " (layer %d)", h->layer);

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "bom-ref",
	    arena_printf(x->a, "ward:secret:%zu:%s", n, h->f.rule_id));
	jsonw_kv_str(w, "id", h->f.rule_id);
	jsonw_key(w, "source");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "name", "ward secret rules");
	jsonw_obj_end(w);
	jsonw_key(w, "ratings");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_key(w, "source");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "name", "ward");
	jsonw_obj_end(w);
	jsonw_kv_str(w, "severity", secret_severity_name(h->f.severity));
	jsonw_kv_str(w, "method", "other");
	jsonw_obj_end(w);
	jsonw_arr_end(w);
	jsonw_key(w, "cwes");
	jsonw_arr_begin(w);
	jsonw_int(w, 798);
	jsonw_arr_end(w);
	jsonw_kv_str(w, "description", h->f.title);
	jsonw_kv_str(w, "detail",
	    arena_printf(x->a, "%s at %s:%u:%u%s: %s", h->f.title, h->path,
		h->f.line, h->f.column, where, h->f.excerpt));
	jsonw_kv_str(w, "recommendation",
	    "Revoke and rotate the credential, then rebuild the image "
	    "without it: deleting the file in a later layer leaves it in "
	    "the image.");
	jsonw_key(w, "affects");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ref", ROOT_REF);
	jsonw_obj_end(w);
	jsonw_arr_end(w);
	secret_props(x, h);
	jsonw_obj_end(w);
}

static void
write_vulns(struct cdx *x, const struct scan_report *r)
{
	const struct secret_hits *h = &r->inv->secrets;

	jsonw_key(x->w, "vulnerabilities");
	jsonw_arr_begin(x->w);
	for (size_t i = 0; r->vulns && i < r->vulns->n; i++)
		if (report_finding_listed(r, i))
			write_vuln(x, i, &r->vulns->v[i]);
	for (size_t i = 0; r->inv->secrets_scanned && i < h->n; i++)
		write_secret(x, i, &h->v[i]);
	jsonw_arr_end(x->w);
}

/* The BOM; with a report that has findings, its vulnerabilities too. */
static int
write_bom(struct arena *a, const struct inventory *inv,
    const struct scan_report *rep, FILE *f, struct ward_err *err)
{
	char uuid[SBOM_UUID_SIZE], when[SBOM_TIME_SIZE];
	struct cdx x = {.a = a, .inv = inv};
	int r;

	if ((r = sbom_uuid(uuid, err)) < 0 ||
	    (r = sbom_timestamp(time(NULL), when, err)) < 0)
		return err_wrap(err, "CycloneDX BOM");
	make_refs(&x);
	x.w = jsonw_new(f, true);
	jsonw_obj_begin(x.w);
	jsonw_kv_str(
	    x.w, "$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json");
	jsonw_kv_str(x.w, "bomFormat", "CycloneDX");
	jsonw_kv_str(x.w, "specVersion", "1.5");
	jsonw_kv_str(x.w, "serialNumber", arena_printf(a, "urn:uuid:%s", uuid));
	jsonw_kv_int(x.w, "version", 1);
	write_metadata(&x, when);
	jsonw_key(x.w, "components");
	jsonw_arr_begin(x.w);
	if (inv->have_os)
		write_os(&x);
	for (size_t i = 0; i < inv->pkgs.n; i++)
		write_pkg(&x, i);
	jsonw_arr_end(x.w);
	write_dependencies(&x);
	if (rep && (rep->vulns || rep->inv->secrets_scanned))
		write_vulns(&x, rep);
	jsonw_obj_end(x.w);
	r = jsonw_free(x.w);
	if (r == -EIO)
		return err_set(err, EIO, "writing the CycloneDX BOM failed");
	if (r < 0)
		return err_set(
		    err, EINVAL, "internal: unbalanced CycloneDX BOM");
	return 0;
}

int
sbom_write_cyclonedx(
    struct arena *a, const struct inventory *inv, FILE *f, struct ward_err *err)
{
	return write_bom(a, inv, NULL, f, err);
}

int
scanreport_write_cyclonedx(
    struct arena *a, const struct scan_report *r, FILE *f, struct ward_err *err)
{
	return write_bom(a, r->inv, r, f, err);
}
