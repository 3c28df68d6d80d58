/*
 * The result of 'ward config' in four formats: ward's JSON, a table, SARIF
 * 2.1.0 and JUnit XML. Findings arrive in the order they are to be shown
 * (cmd sorts them by file, line, column and rule id), so a file's
 * findings are consecutive. Rule text is ward's own; everything else in
 * a finding (paths, messages quoting field values, resource names) comes
 * from input files: JSON escapes it, the table passes it through
 * str_escape() so that no terminal sequence survives, SARIF relies on the
 * JSON writer (text only, no Markdown), and XML gets report_xml_put().
 */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "internal.h"
#include "ward/arena.h"
#include "ward/config.h"
#include "ward/configreport.h"
#include "ward/err.h"
#include "ward/hash.h"
#include "ward/json.h"
#include "ward/map.h"
#include "ward/str.h"

#define SARIF_SCHEMA                                                           \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"  \
	"sarif-schema-2.1.0.json"
#define CELL_MAX 512 /* bytes of one escaped table cell */

static bool
shown(const struct config_report *r, size_t i)
{
	return !r->shown || r->shown[i];
}

static bool
listed(const struct config_report *r, size_t i)
{
	return shown(r, i) && !r->res->v[i].suppressed;
}

static const char *
orempty(const char *s)
{
	return s ? s : "";
}

/* ---- JSON ---- */

static void
refs_array(struct jsonw *w, const char *refs)
{
	struct str s = str_from(orempty(refs)), one;

	jsonw_key(w, "references");
	jsonw_arr_begin(w);
	while (s.len > 0) {
		str_cut(&s, ' ', &one);
		if (one.len)
			jsonw_strv(w, one);
	}
	jsonw_arr_end(w);
}

static void
json_finding(struct jsonw *w, const struct config_finding *f)
{
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "id", f->rule->id);
	jsonw_kv_str(w, "severity", severity_name(f->severity));
	jsonw_kv_str(w, "title", f->rule->title);
	jsonw_kv_str(w, "message", orempty(f->message));
	jsonw_kv_str(w, "remediation", orempty(f->rule->remediation));
	refs_array(w, f->rule->refs);
	jsonw_kv_str(w, "kind", config_kind_name(f->kind));
	jsonw_kv_str(w, "file", orempty(f->path));
	jsonw_kv_uint(w, "line", f->line);
	jsonw_kv_uint(w, "column", f->col);
	jsonw_kv_str(w, "resource", f->resource);
	jsonw_kv_str(w, "container", f->container);
	jsonw_key(w, "suppressed");
	if (f->suppressed) {
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "reason", f->suppressed);
		jsonw_obj_end(w);
	} else {
		jsonw_null(w);
	}
	jsonw_obj_end(w);
}

static void
json_summary(struct jsonw *w, const struct config_report *r)
{
	const struct config_result *res = r->res;
	size_t by[SEV_COUNT] = {0}, n = 0, sup = 0;

	for (size_t i = 0; i < res->n; i++) {
		if (!shown(r, i))
			continue;
		if (res->v[i].suppressed) {
			sup++;
			continue;
		}
		by[res->v[i].severity]++;
		n++;
	}
	jsonw_key(w, "summary");
	jsonw_obj_begin(w);
	jsonw_kv_uint(w, "files", res->files);
	jsonw_kv_uint(w, "checked", res->checked);
	jsonw_kv_uint(w, "skipped", res->skipped);
	jsonw_kv_uint(w, "findings", n);
	jsonw_kv_uint(w, "suppressed", sup);
	jsonw_kv_uint(w, "dropped", res->dropped);
	jsonw_key(w, "bySeverity");
	jsonw_obj_begin(w);
	for (int s = SEV_COUNT - 1; s >= 0; s--)
		jsonw_kv_uint(w, severity_name((enum severity)s), by[s]);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
}

int
configreport_write_json(struct arena *a, const struct config_report *r, FILE *f,
    struct ward_err *err)
{
	const struct config_result *res = r->res;
	struct jsonw *w = jsonw_new(f, true);
	int rc;

	(void)a;
	jsonw_obj_begin(w);
	jsonw_kv_uint(w, "schemaVersion", 1);
	jsonw_key(w, "tool");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "name", "ward");
	jsonw_kv_str(w, "version", WARD_VERSION);
	jsonw_obj_end(w);
	json_summary(w, r);
	jsonw_key(w, "findings");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < res->n; i++)
		if (shown(r, i))
			json_finding(w, &res->v[i]);
	jsonw_arr_end(w);
	jsonw_key(w, "warnings");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < res->nwarnings; i++)
		jsonw_str(w, res->warnings[i]);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	rc = jsonw_free(w);
	if (rc == -EIO)
		return err_set(err, EIO, "writing the JSON report failed");
	if (rc < 0)
		return err_set(err, EINVAL, "internal: unbalanced JSON report");
	return 0;
}

/* ---- Table ---- */

enum { C_LOC, C_SEV, C_ID, C_RES, C_CTR, C_MSG, NCOLS };

static const char *
sev_color(enum severity s)
{
	static const char *const c[SEV_COUNT] = {
	    "", "\033[34m", "\033[33m", "\033[31m", "\033[1;31m"};

	return c[s];
}

static void
cell(char *dst, const char *s)
{
	str_escape(dst, CELL_MAX, str_from(orempty(s)));
}

static void
table_cells(const struct config_finding *f, char c[NCOLS][CELL_MAX])
{
	if (f->line && f->col)
		snprintf(c[C_LOC], CELL_MAX, "%u:%u", f->line, f->col);
	else if (f->line)
		snprintf(c[C_LOC], CELL_MAX, "%u", f->line);
	else
		snprintf(c[C_LOC], CELL_MAX, "-");
	snprintf(c[C_SEV], CELL_MAX, "%s", severity_name(f->severity));
	snprintf(c[C_ID], CELL_MAX, "%s", f->rule->id);
	cell(c[C_RES], f->resource ? f->resource : "-");
	cell(c[C_CTR], f->container ? f->container : "-");
	cell(c[C_MSG], f->message);
}

static void
table_group(
    FILE *f, const struct config_report *r, size_t from, size_t to, bool color)
{
	static const char *const head[NCOLS] = {
	    "LINE", "SEVERITY", "ID", "RESOURCE", "CONTAINER", "MESSAGE"};
	const struct config_finding *v = r->res->v;
	char c[NCOLS][CELL_MAX], name[CELL_MAX];
	size_t wid[NCOLS];

	for (int k = 0; k < NCOLS; k++)
		wid[k] = strlen(head[k]);
	for (size_t i = from; i < to; i++) {
		if (!listed(r, i))
			continue;
		table_cells(&v[i], c);
		for (int k = 0; k < NCOLS - 1; k++) {
			size_t n = report_text_width(c[k]);

			wid[k] = n > wid[k] ? n : wid[k];
		}
	}
	cell(name, v[from].path);
	fprintf(f, "\n%s%s%s (%s)\n", color ? "\033[1m" : "", name,
	    color ? "\033[0m" : "", config_kind_name(v[from].kind));
	for (int k = 0; k < NCOLS - 1; k++)
		fprintf(f, "%-*s  ", (int)wid[k], head[k]);
	fprintf(f, "%s\n", head[C_MSG]);
	for (size_t i = from; i < to; i++) {
		if (!listed(r, i))
			continue;
		table_cells(&v[i], c);
		for (int k = 0; k < NCOLS - 1; k++) {
			size_t pad = wid[k] - report_text_width(c[k]);
			bool col = color && k == C_SEV;

			fprintf(f, "%s%s%s%*s  ",
			    col ? sev_color(v[i].severity) : "", c[k],
			    col ? "\033[0m" : "", (int)pad, "");
		}
		fprintf(f, "%s\n", c[C_MSG]);
	}
}

int
configreport_write_table(struct arena *a, const struct config_report *r,
    FILE *f, bool color, struct ward_err *err)
{
	const struct config_result *res = r->res;
	size_t by[SEV_COUNT] = {0}, n = 0, sup = 0;
	const char *sep = " (";

	(void)a;
	for (size_t i = 0; i < res->n;) {
		size_t j = i, listed_here = 0;

		while (j < res->n &&
		    strcmp(orempty(res->v[j].path), orempty(res->v[i].path)) ==
			0) {
			if (listed(r, j)) {
				listed_here++;
				by[res->v[j].severity]++;
				n++;
			} else if (shown(r, j)) {
				sup++;
			}
			j++;
		}
		if (listed_here)
			table_group(f, r, i, j, color);
		i = j;
	}
	fprintf(f, "\nFiles: %zu read, %zu checked. Findings: %zu", res->files,
	    res->checked, n);
	for (int s = SEV_COUNT - 1; s >= 0; s--) {
		if (!by[s])
			continue;
		fprintf(f, "%s%s: %zu", sep, severity_name((enum severity)s),
		    by[s]);
		sep = ", ";
	}
	fprintf(f, "%s", n ? ")" : "");
	if (sup)
		fprintf(f, ", suppressed: %zu", sup);
	fputc('\n', f);
	if (fflush(f) != 0 || ferror(f))
		return err_set(err, EIO, "writing the table failed");
	return 0;
}

/* ---- SARIF ---- */

static const char *
level_of(enum severity s)
{
	if (s >= SEV_HIGH)
		return "error";
	return s == SEV_MEDIUM ? "warning" : "note";
}

static void
text_obj(struct jsonw *w, const char *key, const char *text)
{
	jsonw_key(w, key);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "text", text);
	jsonw_obj_end(w);
}

static const char *
first_web_ref(struct arena *a, const char *refs)
{
	struct str s = str_from(orempty(refs)), one;

	while (s.len > 0) {
		const char *u;

		str_cut(&s, ' ', &one);
		u = arena_strz(a, one);
		if (one.len && report_is_web_url(u))
			return u;
	}
	return NULL;
}

static const char *
family_tag(enum config_family fam)
{
	switch (fam) {
	case CHECKS_PSS:
		return "pod-security";
	case CHECKS_K8S:
		return "kubernetes";
	case CHECKS_RBAC:
		return "rbac";
	case CHECKS_NETWORK:
		return "network";
	case CHECKS_DOCKERFILE:
		return "dockerfile";
	case CHECKS_COMPOSE:
		return "compose";
	case CHECKS_ECS:
		return "ecs";
	default:
		return "config";
	}
}

static void
sarif_rule(struct arena *a, struct jsonw *w, const struct config_rule *rule)
{
	static const char *const band[SEV_COUNT] = {
	    "0.0", "2.0", "5.5", "8.0", "9.5"};
	const char *uri = first_web_ref(a, rule->refs);
	const char *help = rule->remediation && *rule->remediation
	    ? rule->remediation
	    : rule->title;

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "id", rule->id);
	text_obj(w, "shortDescription", rule->title);
	text_obj(w, "fullDescription", rule->title);
	if (uri)
		jsonw_kv_str(w, "helpUri", uri);
	text_obj(w, "help", help);
	jsonw_key(w, "defaultConfiguration");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "level", level_of(rule->severity));
	jsonw_obj_end(w);
	jsonw_key(w, "properties");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "security-severity", band[rule->severity]);
	jsonw_key(w, "tags");
	jsonw_arr_begin(w);
	jsonw_str(w, "security");
	jsonw_str(w, "configuration");
	jsonw_str(w, family_tag(rule->family));
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
}

/* A URI for the file: stdin as "stdin", an absolute path as a file URI,
 * others relative. */
static const char *
file_uri(struct arena *a, const char *path)
{
	if (!path || strcmp(path, "-") == 0)
		return "stdin";
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (path[0] == '/')
		return arena_printf(a, "file://%s", report_path_uri(a, path));
	return report_path_uri(a, path);
}

/* SHA-256 of rule id, file, resource, container and message, each ended
 * by a NUL; stable across runs while the finding does not change. */
static const char *
fingerprint(struct arena *a, const struct config_finding *f)
{
	const char *parts[5] = {f->rule->id, orempty(f->path),
	    orempty(f->resource), orempty(f->container), orempty(f->message)};
	struct sha256 h;
	uint8_t d[SHA256_LEN];
	char *out = arena_alloc(a, SHA256_HEX_LEN + 1);

	sha256_init(&h);
	for (int i = 0; i < 5; i++)
		sha256_update(&h, parts[i], strlen(parts[i]) + 1);
	sha256_final(&h, d);
	hex_encode(d, SHA256_LEN, out);
	return out;
}

static void
sarif_location(struct arena *a, struct jsonw *w, const struct config_finding *f)
{
	jsonw_key(w, "locations");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_key(w, "physicalLocation");
	jsonw_obj_begin(w);
	jsonw_key(w, "artifactLocation");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "uri", file_uri(a, f->path));
	jsonw_obj_end(w);
	jsonw_key(w, "region");
	jsonw_obj_begin(w);
	jsonw_kv_uint(w, "startLine", f->line ? f->line : 1);
	if (f->line && f->col)
		jsonw_kv_uint(w, "startColumn", f->col);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	if (f->resource) {
		jsonw_key(w, "logicalLocations");
		jsonw_arr_begin(w);
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "fullyQualifiedName",
		    f->container
			? arena_printf(a, "%s/%s", f->resource, f->container)
			: f->resource);
		jsonw_kv_str(w, "kind", "resource");
		jsonw_obj_end(w);
		jsonw_arr_end(w);
	}
	jsonw_obj_end(w);
	jsonw_arr_end(w);
}

static void
sarif_result(struct arena *a, struct jsonw *w, const struct config_finding *f,
    size_t rule_index)
{
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ruleId", f->rule->id);
	jsonw_kv_uint(w, "ruleIndex", rule_index);
	jsonw_kv_str(w, "level", level_of(f->severity));
	text_obj(w, "message",
	    f->message && *f->message ? f->message : f->rule->title);
	sarif_location(a, w, f);
	jsonw_key(w, "partialFingerprints");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ward/config/v1", fingerprint(a, f));
	jsonw_obj_end(w);
	if (f->suppressed) {
		jsonw_key(w, "suppressions");
		jsonw_arr_begin(w);
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "kind",
		    strcmp(f->suppressed, ".wardignore") == 0 ? "external"
							      : "inSource");
		jsonw_kv_str(w, "justification", f->suppressed);
		jsonw_obj_end(w);
		jsonw_arr_end(w);
	}
	jsonw_key(w, "properties");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "severity", severity_name(f->severity));
	jsonw_kv_str(w, "kind", config_kind_name(f->kind));
	if (f->resource)
		jsonw_kv_str(w, "resource", f->resource);
	if (f->container)
		jsonw_kv_str(w, "container", f->container);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
}

int
configreport_write_sarif(struct arena *a, const struct config_report *r,
    FILE *f, struct ward_err *err)
{
	const struct config_result *res = r->res;
	struct map *index = map_new(); /* rule id -> rule index + 1 */
	const struct config_rule *const *all;
	size_t nall, nused = 0;
	struct jsonw *w;
	int rc;

	for (size_t i = 0; i < res->n; i++)
		if (shown(r, i))
			map_put(index, str_from(res->v[i].rule->id), (void *)1);
	w = jsonw_new(f, true);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "$schema", SARIF_SCHEMA);
	jsonw_kv_str(w, "version", "2.1.0");
	jsonw_key(w, "runs");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_key(w, "tool");
	jsonw_obj_begin(w);
	jsonw_key(w, "driver");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "name", "ward");
	jsonw_kv_str(w, "version", WARD_VERSION);
	jsonw_kv_str(w, "semanticVersion", WARD_VERSION);
	jsonw_key(w, "rules");
	jsonw_arr_begin(w);
	all = config_rules(&nall);
	for (size_t i = 0; i < nall; i++) {
		if (!map_has(index, str_from(all[i]->id)))
			continue;
		map_put(
		    index, str_from(all[i]->id), (void *)(uintptr_t)(++nused));
		sarif_rule(a, w, all[i]);
	}
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	jsonw_key(w, "results");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < res->n; i++) {
		uintptr_t k;

		if (!shown(r, i))
			continue;
		k = (uintptr_t)map_get(index, str_from(res->v[i].rule->id));
		sarif_result(a, w, &res->v[i], k ? k - 1 : 0);
	}
	jsonw_arr_end(w);
	jsonw_kv_str(w, "columnKind", "unicodeCodePoints");
	jsonw_obj_end(w);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	rc = jsonw_free(w);
	map_free(index);
	if (rc == -EIO)
		return err_set(err, EIO, "writing the SARIF log failed");
	if (rc < 0)
		return err_set(err, EINVAL, "internal: unbalanced SARIF log");
	return 0;
}

/* ---- JUnit ---- */

static void
junit_case(FILE *f, const struct config_finding *v)
{
	char loc[32];

	if ((v->col ? snprintf(loc, sizeof(loc), "%u:%u", v->line, v->col)
		    : snprintf(loc, sizeof(loc), "%u", v->line)) < 0)
		loc[0] = '\0';
	fputs("    <testcase classname=\"", f);
	report_xml_put(f, v->path, true);
	fputs("\" name=\"", f);
	report_xml_put(f, v->rule->id, true);
	fprintf(f, " at %s", loc);
	if (v->resource) {
		fputs(" ", f);
		report_xml_put(f, v->resource, true);
	}
	if (v->container) {
		fputs(" container ", f);
		report_xml_put(f, v->container, true);
	}
	fputs("\">\n      <failure message=\"", f);
	report_xml_put(f, v->rule->title, true);
	fprintf(f, "\" type=\"%s\">", severity_name(v->severity));
	report_xml_put(f, v->path, false);
	fprintf(f, ":%s: %s ", loc, v->rule->id);
	report_xml_put(f, v->message, false);
	fputs("\nRemediation: ", f);
	report_xml_put(f, v->rule->remediation, false);
	fputs("</failure>\n    </testcase>\n", f);
}

int
configreport_write_junit(struct arena *a, const struct config_report *r,
    FILE *f, struct ward_err *err)
{
	const struct config_result *res = r->res;
	size_t total = 0;

	(void)a;
	for (size_t i = 0; i < res->n; i++)
		total += listed(r, i);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f,
	    "<testsuites name=\"ward config\" tests=\"%zu\" failures=\"%zu\" "
	    "errors=\"0\">\n",
	    total, total);
	for (size_t i = 0; i < res->n;) {
		size_t j = i, n = 0;

		while (j < res->n &&
		    strcmp(orempty(res->v[j].path), orempty(res->v[i].path)) ==
			0)
			n += listed(r, j++);
		if (n) {
			fputs("  <testsuite name=\"", f);
			report_xml_put(f, res->v[i].path, true);
			fprintf(f,
			    "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
			    "skipped=\"0\">\n",
			    n, n);
			for (size_t k = i; k < j; k++)
				if (listed(r, k))
					junit_case(f, &res->v[k]);
			fputs("  </testsuite>\n", f);
		}
		i = j;
	}
	fputs("</testsuites>\n", f);
	if (fflush(f) != 0 || ferror(f))
		return err_set(err, EIO, "writing the JUnit report failed");
	return 0;
}
