/*
 * The vulnerability report as SARIF 2.1.0, in the shape GitHub code
 * scanning reads: one run whose driver has one rule per advisory (help
 * text and Markdown, "security-severity" from the CVSS score), and one
 * result per finding with a location and a fingerprint that stays the
 * same from run to run (a SHA-256 of advisory, package, installed
 * version and target), so that an alert survives a re-scan. Advisory
 * text is untrusted: the JSON writer escapes it, Markdown gets every
 * ASCII punctuation character backslash-escaped so that a title cannot
 * inject links, images or HTML, and only references that pass
 * report_is_web_url() become URIs. Locations are the package database's
 * path inside the image, percent-encoded into a relative URI reference.
 */

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "internal.h"
#include "ward/arena.h"
#include "ward/buf.h"
#include "ward/err.h"
#include "ward/hash.h"
#include "ward/inventory.h"
#include "ward/json.h"
#include "ward/map.h"
#include "ward/match.h"
#include "ward/sbom.h"
#include "ward/scanreport.h"
#include "ward/str.h"

#define SARIF_SCHEMA                                                           \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"  \
	"sarif-schema-2.1.0.json"
#define TEXT_MAX (1u << 20) /* one rule's help text */

struct sarif {
	struct arena *a;
	const struct scan_report *r;
	struct jsonw *w;
	const struct vuln_match **rules; /* the finding each rule shows */
	size_t nrules;
	struct map *index; /* advisory id -> rule index + 1 */
};

static const char *
level_of(enum severity s)
{
	if (s >= SEV_HIGH)
		return "error";
	return s == SEV_MEDIUM ? "warning" : "note";
}

/* GitHub ranks alerts by "security-severity"; without a CVSS score, a
 * value inside the severity's CVSS band stands in. */
static const char *
security_severity(struct arena *a, const struct vuln_match *v)
{
	static const char *const band[SEV_COUNT] = {
	    "0.0", "2.0", "5.5", "8.0", "9.5"};

	if (report_score_ok(v->info.cvss_score))
		return arena_printf(a, "%.1f", v->info.cvss_score);
	return band[report_match_severity(v)];
}

/* One rule per advisory id, showing its most severe finding. */
static void
collect_rules(struct sarif *s)
{
	const struct match_result *m = s->r->vulns;

	s->rules = arena_calloc(s->a, m->n ? m->n : 1, sizeof(*s->rules));
	for (size_t i = 0; i < m->n; i++) {
		const struct vuln_match *v = &m->v[i];
		const char *id = v->info.id ? v->info.id : "";
		uintptr_t k;

		if (!report_finding_listed(s->r, i))
			continue;
		k = (uintptr_t)map_get(s->index, str_from(id));
		if (k == 0) {
			s->rules[s->nrules++] = v;
			map_put(s->index, str_from(id),
			    (void *)(uintptr_t)s->nrules);
		} else if (report_match_severity(v) >
		    report_match_severity(s->rules[k - 1])) {
			s->rules[k - 1] = v;
		}
	}
}

static void
plain(struct buf *b, const char *s)
{
	(void)buf_puts(b, s); /* see help_text() */
}

/* Markdown-safe text: the characters that open links, images, HTML,
 * code, emphasis or a table cell backslash-escaped, line breaks and other
 * controls turned into spaces. A bare URL may still be linked, and shows
 * where it goes. */
static void
md_escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			(void)buf_putc(b, ' '); /* see help_text() */
		else if (c < 0x80 && strchr("\\`*_{}[]()#+!|<>~&", c))
			(void)buf_printf(b, "\\%c", c);
		else
			(void)buf_putc(b, (char)c);
	}
}

/* The help: plain text, or Markdown when 'md'. */
static const char *
help_text(struct arena *a, const struct vuln_match *v, bool md)
{
	const struct vuln_info *vi = &v->info;
	void (*put)(struct buf *, const char *) = md ? md_escape : plain;
	struct buf b;
	const char *out;

	/* Past TEXT_MAX the buffer refuses to grow, which cuts the text:
	 * that is why the appends' results are ignored. */
	buf_init(&b, TEXT_MAX);
	(void)buf_puts(&b, md ? "**Vulnerability** " : "Vulnerability ");
	put(&b, vi->id ? vi->id : "");
	if (vi->summary) {
		(void)buf_puts(&b, md ? "\n\n" : "\n");
		put(&b, vi->summary);
	}
	(void)buf_puts(&b,
	    md ? "\n\n| Severity | Package | Installed | "
		 "Fixed |\n| --- | --- | --- | --- |\n| "
	       : "\nSeverity: ");
	(void)buf_puts(&b, severity_name(report_match_severity(v)));
	if (report_score_ok(vi->cvss_score))
		(void)buf_printf(&b, " (CVSS %.1f)", vi->cvss_score);
	(void)buf_puts(&b, md ? " | " : "\nPackage: ");
	put(&b, v->pkg && v->pkg->name ? v->pkg->name : "");
	(void)buf_puts(&b, md ? " | " : "\nInstalled: ");
	put(&b, v->installed ? v->installed : "");
	(void)buf_puts(&b, md ? " | " : "\nFixed: ");
	for (size_t i = 0; i < v->nfixed; i++) {
		(void)buf_puts(&b, i ? ", " : "");
		put(&b, v->fixed[i]);
	}
	(void)buf_puts(&b, v->nfixed ? "" : "no fix available");
	(void)buf_puts(&b, md ? " |\n" : "\n");
	if (vi->nrefs)
		(void)buf_puts(&b, md ? "\n**References**\n" : "References:\n");
	for (size_t i = 0; i < vi->nrefs; i++) {
		bool link = md && report_is_web_url(vi->refs[i]);

		(void)buf_puts(&b, link ? "- <" : "- ");
		if (link)
			(void)buf_puts(&b, vi->refs[i]);
		else
			put(&b, vi->refs[i]);
		(void)buf_puts(&b, link ? ">\n" : "\n");
	}
	out = arena_strdup(a, buf_cstr(&b));
	buf_fini(&b);
	return out;
}

static void
text_obj(struct jsonw *w, const char *key, const char *text)
{
	jsonw_key(w, key);
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "text", text);
	jsonw_obj_end(w);
}

static void
write_rule(struct sarif *s, const struct vuln_match *v)
{
	struct jsonw *w = s->w;
	const struct vuln_info *vi = &v->info;
	const char *id = vi->id ? vi->id : "";
	enum severity sev = report_match_severity(v);

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "id", id);
	text_obj(w, "shortDescription",
	    vi->summary && *vi->summary ? vi->summary : id);
	text_obj(w, "fullDescription",
	    vi->summary && *vi->summary ? vi->summary : id);
	for (size_t i = 0; i < vi->nrefs; i++) {
		if (report_is_web_url(vi->refs[i])) {
			jsonw_kv_str(w, "helpUri", vi->refs[i]);
			break;
		}
	}
	jsonw_key(w, "help");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "text", help_text(s->a, v, false));
	jsonw_kv_str(w, "markdown", help_text(s->a, v, true));
	jsonw_obj_end(w);
	jsonw_key(w, "defaultConfiguration");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "level", level_of(sev));
	jsonw_obj_end(w);
	jsonw_key(w, "properties");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "security-severity", security_severity(s->a, v));
	jsonw_key(w, "tags");
	jsonw_arr_begin(w);
	jsonw_str(w, "vulnerability");
	jsonw_str(w, "security");
	jsonw_str(w, severity_name(sev));
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
}

/* SHA-256 of advisory, package, installed version and target, each
 * ended by a NUL so that no two tuples hash the same bytes. */
static const char *
fingerprint(struct arena *a, const struct vuln_match *v, const char *target)
{
	const char *parts[4] = {v->info.id ? v->info.id : "",
	    v->pkg && v->pkg->name ? v->pkg->name : v->package, v->installed,
	    target};
	struct sha256 h;
	uint8_t d[SHA256_LEN];
	char *out = arena_alloc(a, SHA256_HEX_LEN + 1);

	sha256_init(&h);
	for (int i = 0; i < 4; i++) {
		const char *p = parts[i] ? parts[i] : "";

		sha256_update(&h, p, strlen(p) + 1);
	}
	sha256_final(&h, d);
	hex_encode(d, SHA256_LEN, out);
	return out;
}

static const char *
message(struct arena *a, const struct vuln_match *v)
{
	const char *name = v->pkg && v->pkg->name ? v->pkg->name : v->package;
	const char *fixed = v->nfixed ? v->fixed[0] : NULL;

	for (size_t i = 1; i < v->nfixed; i++)
		fixed = arena_printf(a, "%s, %s", fixed, v->fixed[i]);
	return arena_printf(a, "Package %s version %s is affected by %s; %s%s",
	    name ? name : "", v->installed ? v->installed : "",
	    v->info.id ? v->info.id : "",
	    fixed ? "fixed in " : "no fix is available", fixed ? fixed : "");
}

static void
write_location(struct sarif *s, const struct vuln_match *v)
{
	struct jsonw *w = s->w;
	const char *target = s->r->inv->target ? s->r->inv->target : "";
	const char *path = v->pkg && v->pkg->db_path ? v->pkg->db_path : target;

	jsonw_key(w, "locations");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_key(w, "physicalLocation");
	jsonw_obj_begin(w);
	jsonw_key(w, "artifactLocation");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "uri", report_path_uri(s->a, path));
	jsonw_obj_end(w);
	jsonw_key(w, "region");
	jsonw_obj_begin(w);
	jsonw_kv_int(w, "startLine", 1);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	jsonw_arr_end(w);
}

static void
write_result(struct sarif *s, const struct vuln_match *v)
{
	struct jsonw *w = s->w;
	const char *id = v->info.id ? v->info.id : "";
	uintptr_t k = (uintptr_t)map_get(s->index, str_from(id));
	const char *target = s->r->inv->target ? s->r->inv->target : "";
	const char *purl;

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ruleId", id);
	jsonw_kv_uint(w, "ruleIndex", k - 1);
	jsonw_kv_str(w, "level", level_of(report_match_severity(v)));
	text_obj(w, "message", message(s->a, v));
	write_location(s, v);
	jsonw_key(w, "partialFingerprints");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ward/v1", fingerprint(s->a, v, target));
	jsonw_obj_end(w);
	jsonw_key(w, "properties");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "severity", severity_name(report_match_severity(v)));
	jsonw_kv_str(w, "status", v->fix_available ? "fixed" : "affected");
	jsonw_kv_bool(w, "kev", v->info.kev);
	if (v->ecosystem)
		jsonw_kv_str(w, "ecosystem", v->ecosystem);
	if (v->pkg && (purl = purl_for_pkg(s->a, s->r->inv, v->pkg)))
		jsonw_kv_str(w, "purl", purl);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
}

/*
 * Secrets: one rule per secret rule seen (after the advisories' rules),
 * one result per secret at its file, line and column, fingerprinted by
 * the SHA-256 of the secret (as in the JSON report).
 */
static const char *
secret_level(enum secret_severity sev)
{
	return sev >= SECRET_HIGH  ? "error"
	    : sev == SECRET_MEDIUM ? "warning"
				   : "note";
}

/* GitHub code scanning ranks by "security-severity", a CVSS-like score:
 * over 9.0 critical, 7.0 high, 4.0 medium, else low. */
static const char *
secret_score(enum secret_severity sev)
{
	return sev >= SECRET_CRITICAL ? "9.5"
	    : sev == SECRET_HIGH      ? "8.0"
	    : sev == SECRET_MEDIUM    ? "5.5"
				      : "2.0";
}

static void
write_secret_rules(struct sarif *s, struct map *seen)
{
	const struct secret_hits *h = &s->r->inv->secrets;
	struct jsonw *w = s->w;

	for (size_t i = 0; i < h->n; i++) {
		const struct secret_finding *f = &h->v[i].f;

		if (map_has(seen, str_from(f->rule_id)))
			continue;
		map_put(seen, str_from(f->rule_id),
		    (void *)(uintptr_t)(s->nrules + map_len(seen) + 1));
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "id", f->rule_id);
		text_obj(w, "shortDescription", f->title);
		text_obj(w, "help",
		    "A credential in the image. Revoke and rotate it, then "
		    "rebuild the image without it: a file deleted in a later "
		    "layer stays in the image's layers.");
		jsonw_key(w, "defaultConfiguration");
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "level", secret_level(f->severity));
		jsonw_obj_end(w);
		jsonw_key(w, "properties");
		jsonw_obj_begin(w);
		jsonw_kv_str(w, "security-severity", secret_score(f->severity));
		jsonw_key(w, "tags");
		jsonw_arr_begin(w);
		jsonw_str(w, "secret");
		jsonw_str(w, "security");
		jsonw_arr_end(w);
		jsonw_obj_end(w);
		jsonw_obj_end(w);
	}
}

static void
write_secret_result(
    struct sarif *s, const struct secret_hit *h, const struct map *seen)
{
	struct jsonw *w = s->w;
	const char *where = h->removed_by >= 0
	    ? arena_printf(s->a, " (layer %d, deleted in layer %d)", h->layer,
		  h->removed_by)
	    : h->layer >= 0 ? arena_printf(s->a, " (layer %d)", h->layer)
			    : "";

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ruleId", h->f.rule_id);
	jsonw_kv_uint(w, "ruleIndex",
	    (uintptr_t)map_get(seen, str_from(h->f.rule_id)) - 1);
	jsonw_kv_str(w, "level", secret_level(h->f.severity));
	text_obj(w, "message",
	    arena_printf(s->a, "%s: %s%s", h->f.title, h->f.excerpt, where));
	jsonw_key(w, "locations");
	jsonw_arr_begin(w);
	jsonw_obj_begin(w);
	jsonw_key(w, "physicalLocation");
	jsonw_obj_begin(w);
	jsonw_key(w, "artifactLocation");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "uri", report_path_uri(s->a, h->path));
	jsonw_obj_end(w);
	/* SARIF numbers lines and columns from 1; a finding without a
	 * known place (0) has no region rather than an invalid one. */
	if (h->f.line >= 1) {
		jsonw_key(w, "region");
		jsonw_obj_begin(w);
		jsonw_kv_uint(w, "startLine", h->f.line);
		if (h->f.column >= 1)
			jsonw_kv_uint(w, "startColumn", h->f.column);
		jsonw_obj_end(w);
	}
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	jsonw_arr_end(w);
	jsonw_key(w, "partialFingerprints");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "ward/secret/v1", h->f.fingerprint);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
}

static void
write_run(struct sarif *s)
{
	struct jsonw *w = s->w;
	const struct match_result *m = s->r->vulns;
	struct map *seen = map_new(); /* secret rule id -> rule index + 1 */

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
	for (size_t i = 0; i < s->nrules; i++)
		write_rule(s, s->rules[i]);
	write_secret_rules(s, seen);
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	jsonw_key(w, "results");
	jsonw_arr_begin(w);
	for (size_t i = 0; m && i < m->n; i++)
		if (report_finding_listed(s->r, i))
			write_result(s, &m->v[i]);
	for (size_t i = 0; i < s->r->inv->secrets.n; i++)
		write_secret_result(s, &s->r->inv->secrets.v[i], seen);
	jsonw_arr_end(w);
	jsonw_kv_str(w, "columnKind", "unicodeCodePoints");
	jsonw_key(w, "properties");
	jsonw_obj_begin(w);
	jsonw_kv_str(w, "target", s->r->inv->target ? s->r->inv->target : "");
	if (s->r->db_built_at)
		jsonw_kv_str(w, "databaseBuiltAt", s->r->db_built_at);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	map_free(seen);
}

int
scanreport_write_sarif(
    struct arena *a, const struct scan_report *r, FILE *f, struct ward_err *err)
{
	struct sarif s = {.a = a, .r = r, .index = map_new()};
	int rc;

	if (r->vulns)
		collect_rules(&s);
	s.w = jsonw_new(f, true);
	jsonw_obj_begin(s.w);
	jsonw_kv_str(s.w, "$schema", SARIF_SCHEMA);
	jsonw_kv_str(s.w, "version", "2.1.0");
	jsonw_key(s.w, "runs");
	jsonw_arr_begin(s.w);
	write_run(&s);
	jsonw_arr_end(s.w);
	jsonw_obj_end(s.w);
	rc = jsonw_free(s.w);
	map_free(s.index);
	if (rc == -EIO)
		return err_set(err, EIO, "writing the SARIF log failed");
	if (rc < 0)
		return err_set(err, EINVAL, "internal: unbalanced SARIF log");
	return 0;
}
