/*
 * The vulnerability report as ward's JSON (docs/scan-json.md: the JSON
 * inventory plus "vulnerabilities" and "summary") and as a table for
 * people, and the helpers the other findings writers share. Findings come
 * from the matcher, whose advisory text (titles, references, ids) is as
 * untrusted as the image's package names: the JSON writer escapes every
 * string, and every table cell goes through str_escape() before it is
 * measured, cut or printed, so no byte of data reaches the terminal as a
 * control sequence. Colour codes come only from this file's constants.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/match.h"
#include "ward/mem.h"
#include "ward/report.h"
#include "ward/sbom.h"
#include "ward/scanreport.h"
#include "ward/str.h"

#define CELL_MAX 256 /* bytes of one escaped table cell */
#define TITLE_COLS 60 /* a title is cut to this many columns */
#define URL_MAX 2048 /* longest reference passed on as a URI */

static const char *const sev_color[SEV_COUNT] = {
    "\033[2m", "\033[34m", "\033[33m", "\033[31m", "\033[1;31m"};

/* Helpers shared by the findings writers (internal.h). */

ssize_t
report_pkg_index(const struct inventory *inv, const struct pkg *p)
{
	uintptr_t lo = (uintptr_t)inv->pkgs.v, at = (uintptr_t)p;

	/* Compared as integers: the pointer may belong to another array. */
	if (!p || !inv->pkgs.v || at < lo ||
	    at >= lo + inv->pkgs.n * sizeof(*p) || (at - lo) % sizeof(*p))
		return -1;
	return (ssize_t)((at - lo) / sizeof(*p));
}

bool
report_finding_listed(const struct scan_report *r, size_t i)
{
	return (!r->shown || r->shown[i]) && !r->vulns->v[i].suppressed;
}

enum severity
report_match_severity(const struct vuln_match *v)
{
	enum severity s;

	if (!v->severity || severity_parse(v->severity, &s) < 0)
		return SEV_UNKNOWN;
	return s;
}

bool
report_is_web_url(const char *s)
{
	size_t n;

	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return false;
	n = strlen(s);
	if (n > URL_MAX || n <= 8)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s >= 0x7f || strchr("\"'\\<>`{}|^", *s))
			return false;
	return true;
}

/* The JSON document. */

static void
kv_opt(struct jsonw *w, const char *key, const char *s)
{
	if (s)
		jsonw_kv_str(w, key, s);
}

static void
str_array(struct jsonw *w, const char *key, const char **v, size_t n)
{
	jsonw_key(w, key);
	jsonw_arr_begin(w);
	for (size_t i = 0; i < n; i++)
		jsonw_str(w, v[i]);
	jsonw_arr_end(w);
}

static void
write_cvss(struct jsonw *w, const struct vuln_info *vi)
{
	bool score = report_score_ok(vi->cvss_score);

	if (!score && !vi->cvss_vector && !vi->cvss4_vector)
		return;
	jsonw_key(w, "cvss");
	jsonw_obj_begin(w);
	if (score) {
		jsonw_key(w, "score");
		jsonw_double(w, vi->cvss_score);
	}
	kv_opt(w, "vector", vi->cvss_vector);
	kv_opt(w, "v4Vector", vi->cvss4_vector);
	jsonw_obj_end(w);
}

static void
write_vuln(struct arena *a, struct jsonw *w, const struct inventory *inv,
    const struct vuln_match *v)
{
	const struct vuln_info *vi = &v->info;

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "id", vi->id ? vi->id : "");
	str_array(w, "aliases", vi->aliases, vi->naliases);
	if (v->pkg) {
		jsonw_key(w, "package");
		report_pkg_json(a, w, inv, v->pkg, true);
	}
	kv_opt(w, "ecosystem", v->ecosystem);
	kv_opt(w, "matchedName", v->package);
	kv_opt(w, "installed", v->installed);
	str_array(w, "fixed", v->fixed, v->nfixed);
	jsonw_kv_str(w, "status", v->fix_available ? "fixed" : "affected");
	jsonw_kv_str(w, "severity", severity_name(report_match_severity(v)));
	write_cvss(w, vi);
	jsonw_kv_bool(w, "kev", vi->kev);
	kv_opt(w, "title", vi->summary);
	kv_opt(w, "dataSource", vi->source);
	kv_opt(w, "published", vi->published);
	kv_opt(w, "modified", vi->modified);
	str_array(w, "references", vi->refs, vi->nrefs);
	if (v->suppressed) {
		jsonw_key(w, "suppressed");
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "reason", v->suppressed);
		jsonw_obj_end(w);
	}
	jsonw_obj_end(w);
}

static void
write_summary(struct jsonw *w, const struct scan_report *r)
{
	const struct match_result *m = r->vulns;
	size_t by[SEV_COUNT] = {0}, total = 0, suppressed = 0, kev = 0;

	for (size_t i = 0; i < m->n; i++) {
		if (r->shown && !r->shown[i])
			continue;
		if (m->v[i].suppressed) {
			suppressed++;
			continue;
		}
		by[report_match_severity(&m->v[i])]++;
		kev += m->v[i].info.kev;
		total++;
	}
	jsonw_key(w, "summary");
	jsonw_obj_begin(w);
	jsonw_kv_uint(w, "total", total);
	jsonw_kv_uint(w, "critical", by[SEV_CRITICAL]);
	jsonw_kv_uint(w, "high", by[SEV_HIGH]);
	jsonw_kv_uint(w, "medium", by[SEV_MEDIUM]);
	jsonw_kv_uint(w, "low", by[SEV_LOW]);
	jsonw_kv_uint(w, "unknown", by[SEV_UNKNOWN]);
	jsonw_kv_uint(w, "suppressed", suppressed);
	jsonw_kv_uint(w, "knownExploited", kev);
	jsonw_kv_uint(w, "invalidVersions", m->invalid_versions);
	str_array(w, "notes", m->notes, m->nnotes);
	jsonw_obj_end(w);
}

/* One secret: where, which rule, a redacted excerpt and a fingerprint. */
static void
write_secret(
    struct jsonw *w, const struct inventory *inv, const struct secret_hit *h)
{
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ruleId", h->f.rule_id);
	jsonw_kv_str(w, "title", h->f.title);
	jsonw_kv_str(w, "severity", secret_severity_name(h->f.severity));
	jsonw_kv_str(w, "path", h->path);
	jsonw_kv_uint(w, "line", h->f.line);
	jsonw_kv_uint(w, "column", h->f.column);
	if (h->layer >= 0) {
		jsonw_kv_int(w, "layer", h->layer);
		if ((size_t)h->layer < inv->nlayers)
			kv_opt(w, "layerDigest", inv->layers[h->layer].digest);
	}
	if (h->removed_by >= 0) {
		jsonw_kv_int(w, "removedByLayer", h->removed_by);
		if ((size_t)h->removed_by < inv->nlayers)
			kv_opt(w, "removedByLayerDigest",
			    inv->layers[h->removed_by].digest);
	}
	jsonw_kv_bool(w, "deleted", h->removed_by >= 0);
	jsonw_kv_str(w, "match", h->f.excerpt);
	jsonw_kv_str(w, "fingerprint", h->f.fingerprint);
	jsonw_obj_end(w);
}

static void
write_secrets(struct jsonw *w, const struct inventory *inv)
{
	jsonw_key(w, "secrets");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < inv->secrets.n; i++)
		write_secret(w, inv, &inv->secrets.v[i]);
	jsonw_arr_end(w);
	jsonw_key(w, "secretFilesSkipped");
	jsonw_obj_begin(w);
	jsonw_kv_uint(w, "binary", inv->secrets.skipped_binary);
	jsonw_kv_uint(w, "tooLarge", inv->secrets.skipped_size);
	jsonw_obj_end(w);
}

int
scanreport_write_json(
    struct arena *a, const struct scan_report *r, FILE *f, struct ward_err *err)
{
	struct jsonw *w = jsonw_new(f, true);
	int rc;

	jsonw_obj_begin(w);
	report_inventory_members(a, w, r->inv);
	if (r->vulns) {
		if (r->db_built_at) {
			jsonw_key(w, "database");
			jsonw_obj_begin(w);
			jsonw_kv_str(w, "builtAt", r->db_built_at);
			jsonw_obj_end(w);
		}
		jsonw_key(w, "vulnerabilities");
		jsonw_arr_begin(w);
		for (size_t i = 0; i < r->vulns->n; i++)
			if (!r->shown || r->shown[i])
				write_vuln(a, w, r->inv, &r->vulns->v[i]);
		jsonw_arr_end(w);
		write_summary(w, r);
	}
	if (r->inv->secrets_scanned)
		write_secrets(w, r->inv);
	jsonw_obj_end(w);
	rc = jsonw_free(w);
	if (rc == -EIO)
		return err_set(err, EIO, "writing the JSON report failed");
	if (rc < 0)
		return err_set(err, EINVAL, "internal: unbalanced JSON report");
	return 0;
}

/* The table. */

enum { COL_SEV, COL_ID, COL_PKG, COL_INSTALLED, COL_FIXED, COL_TITLE, NCOLS };

static const char *const headings[NCOLS] = {
    "SEVERITY", "ID", "PACKAGE", "INSTALLED", "FIXED", "TITLE"};

/* A package's group: its database file, or the binary it came from. OS
 * packages come first. */
static int
group_cmp(const struct vuln_match *a, const struct vuln_match *b)
{
	int ga = a->pkg && a->pkg->type == PKG_GO;
	int gb = b->pkg && b->pkg->type == PKG_GO;
	const char *pa = a->pkg && a->pkg->db_path ? a->pkg->db_path : "";
	const char *pb = b->pkg && b->pkg->db_path ? b->pkg->db_path : "";

	if (ga != gb)
		return ga - gb;
	return strcmp(pa, pb);
}

static int
row_cmp(const void *x, const void *y)
{
	const struct vuln_match *a = *(const struct vuln_match *const *)x;
	const struct vuln_match *b = *(const struct vuln_match *const *)y;
	const char *na = a->pkg && a->pkg->name ? a->pkg->name : "";
	const char *nb = b->pkg && b->pkg->name ? b->pkg->name : "";
	int c;

	if ((c = group_cmp(a, b)) != 0)
		return c;
	if ((c = (int)report_match_severity(b) -
		    (int)report_match_severity(a)) != 0)
		return c;
	if ((c = strcmp(a->info.id ? a->info.id : "",
		 b->info.id ? b->info.id : "")) != 0)
		return c;
	return strcmp(na, nb);
}

/* Cut escaped text (printable, valid UTF-8) to 'cols' code points, the
 * last three of them "...". */
static void
cut(char *s, size_t cols)
{
	size_t w = 0;

	if (report_text_width(s) <= cols)
		return;
	for (char *p = s; *p; p++) {
		if (((unsigned char)*p & 0xc0) == 0x80)
			continue;
		if (w++ == cols - 3) {
			memcpy(p, "...", 4);
			return;
		}
	}
}

static void
cells(struct arena *a, const struct vuln_match *v, char c[NCOLS][CELL_MAX])
{
	const char *fixed = v->nfixed ? v->fixed[0] : "-";
	const char *id = v->info.id ? v->info.id : "";

	for (size_t i = 1; i < v->nfixed; i++)
		fixed = arena_printf(a, "%s, %s", fixed, v->fixed[i]);
	if (v->info.kev)
		id = arena_printf(a, "%s [KEV]", id);
	str_escape(c[COL_SEV], CELL_MAX,
	    str_from(severity_name(report_match_severity(v))));
	str_escape(c[COL_ID], CELL_MAX, str_from(id));
	str_escape(c[COL_PKG], CELL_MAX,
	    str_from(v->pkg && v->pkg->name ? v->pkg->name
		    : v->package	    ? v->package
					    : ""));
	/* The version compared, so that it reads against FIXED. */
	str_escape(c[COL_INSTALLED], CELL_MAX,
	    str_from(v->installed ? v->installed : ""));
	str_escape(c[COL_FIXED], CELL_MAX, str_from(fixed));
	str_escape(c[COL_TITLE], CELL_MAX,
	    str_from(v->info.summary ? v->info.summary : ""));
	cut(c[COL_TITLE], TITLE_COLS);
}

static void
row(FILE *f, char c[NCOLS][CELL_MAX], const size_t wid[NCOLS],
    const char *color)
{
	for (int i = 0; i < NCOLS; i++) {
		size_t w = report_text_width(c[i]);

		if (i == COL_SEV && color)
			fprintf(f, "  %s%s\033[0m", color, c[i]);
		else
			fprintf(f, "  %s", c[i]);
		if (i + 1 < NCOLS)
			for (; w < wid[i]; w++)
				fputc(' ', f);
	}
	fputc('\n', f);
}

static void
group_heading(FILE *f, const struct vuln_match *v, size_t n, bool color)
{
	char where[CELL_MAX];
	const struct pkg *p = v->pkg;

	str_escape(where, sizeof(where),
	    str_from(p && p->db_path ? p->db_path : "(unknown)"));
	fprintf(f, "\n%s%s%s (%s): %zu %s\n", color ? "\033[1m" : "", where,
	    color ? "\033[0m" : "", p ? sbom_pkg_type(p->type) : "unknown", n,
	    n == 1 ? "vulnerability" : "vulnerabilities");
}

/* Rows v[0..n) of one group, under a heading line. */
static void
write_group(
    struct arena *a, FILE *f, const struct vuln_match **v, size_t n, bool color)
{
	char c[NCOLS][CELL_MAX];
	size_t wid[NCOLS];

	group_heading(f, v[0], n, color);
	for (int i = 0; i < NCOLS; i++)
		wid[i] = strlen(headings[i]);
	for (size_t i = 0; i < n; i++) {
		cells(a, v[i], c);
		for (int j = 0; j < NCOLS; j++)
			if (report_text_width(c[j]) > wid[j])
				wid[j] = report_text_width(c[j]);
	}
	for (int i = 0; i < NCOLS; i++)
		str_escape(c[i], CELL_MAX, str_from(headings[i]));
	fputs(color ? "\033[1m" : "", f);
	row(f, c, wid, NULL);
	fputs(color ? "\033[0m" : "", f);
	for (size_t i = 0; i < n; i++) {
		cells(a, v[i], c);
		row(f, c, wid,
		    color ? sev_color[report_match_severity(v[i])] : NULL);
	}
}

static void
write_totals(FILE *f, const struct vuln_match **v, size_t n, size_t suppressed)
{
	size_t by[SEV_COUNT] = {0};

	for (size_t i = 0; i < n; i++)
		by[report_match_severity(v[i])]++;
	fprintf(f, "\nTotal: %zu (", n);
	for (int s = SEV_COUNT - 1; s >= 0; s--)
		fprintf(f, "%s: %zu%s", severity_name((enum severity)s), by[s],
		    s ? ", " : ")");
	if (suppressed)
		fprintf(f, "  Suppressed: %zu", suppressed);
	fputc('\n', f);
}

/*
 * The excerpt for the table. The engine stores it already escaped (by
 * str_escape), so escaping it again would double its backslashes; it is
 * printed as it is when escaping would change nothing but those, and
 * escaped otherwise (an excerpt read back from a damaged cache, say).
 */
static void
put_excerpt(char *dst, size_t dstlen, const char *excerpt)
{
	const char *p = excerpt, *q;
	size_t backslashes = 0;

	str_escape(dst, dstlen, str_from(excerpt));
	for (; *p; p++)
		backslashes += *p == '\\';
	if (strlen(dst) != strlen(excerpt) + backslashes)
		return;
	for (p = excerpt, q = dst; *p; p++, q++)
		if (*p != *q || (*p == '\\' && *++q != '\\'))
			return;
	snprintf(dst, dstlen, "%s", excerpt);
}

/*
 * Secrets after the vulnerabilities: SEVERITY RULE PATH:LINE (layer, and
 * the layer that deleted the file) and the redacted match, escaped.
 */
static void
write_secret_rows(FILE *f, const struct inventory *inv)
{
	char path[256], match[256];
	bool layered = report_inventory_is_image(inv);

	if (!inv->secrets_scanned)
		return;
	fprintf(f, "\nSecrets: %zu\n", inv->secrets.n);
	for (size_t i = 0; i < inv->secrets.n; i++) {
		const struct secret_hit *h = &inv->secrets.v[i];

		str_escape(path, sizeof(path), str_from(h->path));
		put_excerpt(match, sizeof(match), h->f.excerpt);
		fprintf(f, "%-8s %-28s %s:%u",
		    secret_severity_name(h->f.severity), h->f.rule_id, path,
		    h->f.line);
		if (layered && h->layer >= 0)
			fprintf(f, " (layer %d", h->layer);
		if (layered && h->layer >= 0 && h->removed_by >= 0)
			fprintf(f, ", deleted in layer %d", h->removed_by);
		fprintf(
		    f, "%s  %s\n", layered && h->layer >= 0 ? ")" : "", match);
	}
}

int
scanreport_write_table(struct arena *a, const struct scan_report *r, FILE *f,
    bool color, struct ward_err *err)
{
	const struct match_result *m = r->vulns;
	_cleanup_free_ const struct vuln_match **v = NULL;
	size_t n = 0, suppressed = 0;
	int rc;

	if (!m) {
		rc = inventory_write_table(r->inv, f, color, err);
		if (rc >= 0)
			write_secret_rows(f, r->inv);
		if (rc >= 0 && (fflush(f) != 0 || ferror(f)))
			return err_set(err, EIO, "writing the table failed");
		return rc;
	}
	v = xcalloc(m->n ? m->n : 1, sizeof(*v));
	for (size_t i = 0; i < m->n; i++) {
		if (report_finding_listed(r, i))
			v[n++] = &m->v[i];
		else if (!r->shown || r->shown[i])
			suppressed++;
	}
	qsort(v, n, sizeof(*v), row_cmp);
	report_table_heading(r->inv, f, color);
	if (n == 0)
		fputs("\nNo vulnerabilities found.\n", f);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && group_cmp(v[i], v[j]) == 0; j++)
			;
		write_group(a, f, v + i, j - i, color);
	}
	write_totals(f, v, n, suppressed);
	write_secret_rows(f, r->inv);
	if (fflush(f) != 0 || ferror(f))
		return err_set(
		    err, EIO, "writing the vulnerability table failed");
	return 0;
}
