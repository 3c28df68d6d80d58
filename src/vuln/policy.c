/*
 * Ignore files and OpenVEX statements, read strictly: both are written by
 * people, so a mistake must surface as an error with its line, not as a
 * silently ignored rule.
 */

#include <errno.h>
#include <json-c/json.h>
#include <string.h>
#include <time.h>

#include "ward/arena.h"
#include "ward/err.h"
#include "ward/json.h"
#include "ward/match.h"
#include "ward/policy.h"

#define RULES_MAX 100000

/* Room for element n: capacity doubles at each power of two, so arena
 * copies stay linear in the final size. */
static void *
grow(struct arena *a, void *v, size_t n, size_t size)
{
	if (n && (n & (n - 1)) != 0)
		return v;
	return arena_realloc(a, v, n, n ? 2 * n : 1, size);
}

/* "YYYY-MM-DD" -> the first second of the next day, UTC. */
static int
parse_date(struct str s, time_t *out)
{
	uint64_t y, m, d;
	struct tm tm = {0};

	if (s.len != 10 || s.p[4] != '-' || s.p[7] != '-' ||
	    parse_u64(str_sub(s, 0, 4), 9999, &y) < 0 ||
	    parse_u64(str_sub(s, 5, 2), 12, &m) < 0 ||
	    parse_u64(str_sub(s, 8, 2), 31, &d) < 0 || m == 0 || d == 0 ||
	    y < 1970)
		return -EINVAL;
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)m - 1;
	tm.tm_mday = (int)d + 1;
	*out = timegm(&tm);
	return 0;
}

static bool
next_word(struct str *s, struct str *w)
{
	*s = str_trim(*s);
	if (s->len == 0)
		return false;
	w->p = s->p;
	w->len = 0;
	while (w->len < s->len && s->p[w->len] != ' ' && s->p[w->len] != '\t')
		w->len++;
	*s = str_sub(*s, w->len, s->len);
	return true;
}

static int
parse_qualifier(
    struct arena *a, struct str w, struct ignore_rule *r, struct ward_err *err)
{
	if (str_starts_with(w, STR("exp:"))) {
		if (parse_date(str_sub(w, 4, w.len), &r->expires) < 0)
			return err_set(err, EBADMSG,
			    "bad date '%.*s' (want exp:YYYY-MM-DD)",
			    STR_FMT(str_sub(w, 4, 40)));
	} else if (str_starts_with(w, STR("pkg:")) && w.len > 4) {
		r->pkg = arena_strz(a, str_sub(w, 4, w.len));
	} else if (str_starts_with(w, STR("path:")) && w.len > 5) {
		r->path = arena_strz(a, str_sub(w, 5, w.len));
	} else {
		return err_set(err, EBADMSG,
		    "unknown qualifier '%.*s' (known: exp:, pkg:, path:)",
		    STR_FMT(str_sub(w, 0, 60)));
	}
	return 0;
}

int
policy_load_ignore(struct arena *a, const char *file, struct str text,
    struct policy *p, struct ward_err *err)
{
	struct str line;
	unsigned n = 0;

	while (str_next_line(&text, &line)) {
		ssize_t hash = str_find_char(line, '#');
		struct ignore_rule r = {.file = file, .line = ++n};
		struct str w;

		if (hash >= 0)
			line.len = (size_t)hash;
		if (!next_word(&line, &w))
			continue;
		if (str_find_char(w, ':') > 0 &&
		    !str_starts_with(w, STR("sha256:")))
			return err_set(err, EBADMSG,
			    "%s: line %u: '%.*s' is not an advisory id", file,
			    n, STR_FMT(str_sub(w, 0, 60)));
		r.id = arena_strz(a, w);
		while (next_word(&line, &w))
			if (parse_qualifier(a, w, &r, err) < 0)
				return err_wrap(err, "%s: line %u", file, n);
		if (p->nrules >= RULES_MAX)
			return err_set(err, EFBIG, "%s: more than %d entries",
			    file, RULES_MAX);
		p->rules = grow(a, p->rules, p->nrules, sizeof(*p->rules));
		p->rules[p->nrules++] = r;
	}
	return 0;
}

/* A purl without qualifiers or subpath, for comparing products. */
static const char *
bare_purl(struct arena *a, const char *purl)
{
	return arena_strndup(a, purl, strcspn(purl, "?#"));
}

static void
collect_products(struct arena *a, const struct json_object *list,
    struct vex_stmt *st, int depth)
{
	for (size_t i = 0; i < json_array_len(list) && depth < 4; i++) {
		const struct json_object *pr = json_array_at(list, i);
		struct str id;

		if (!json_str(pr, &id) && !json_get_str(pr, "@id", &id))
			continue;
		if (str_starts_with(id, STR("pkg:"))) {
			st->products = grow(a, st->products, st->nproducts,
			    sizeof(*st->products));
			st->products[st->nproducts++] =
			    bare_purl(a, arena_strz(a, id));
		}
		collect_products(
		    a, json_get(pr, "subcomponents"), st, depth + 1);
	}
}

static int
vex_statement(struct arena *a, const char *file, size_t i,
    const struct json_object *s, struct policy *p, struct ward_err *err)
{
	const struct json_object *v = json_get(s, "vulnerability");
	struct vex_stmt st = {.file = file};
	struct str name, status;

	if (!json_str(v, &name) && !json_get_str(v, "name", &name))
		return err_set(err, EBADMSG,
		    "%s: statement %zu names no vulnerability", file, i);
	if (!json_get_str(s, "status", &status))
		return err_set(
		    err, EBADMSG, "%s: statement %zu has no status", file, i);
	if (!str_eq_cstr(status, "not_affected") &&
	    !str_eq_cstr(status, "fixed") && !str_eq_cstr(status, "affected") &&
	    !str_eq_cstr(status, "under_investigation"))
		return err_set(err, EBADMSG,
		    "%s: statement %zu: unknown status '%.*s'", file, i,
		    STR_FMT(str_sub(status, 0, 40)));
	if (!str_eq_cstr(status, "not_affected") &&
	    !str_eq_cstr(status, "fixed"))
		return 0; /* affected or under investigation: nothing hidden */
	st.vuln = arena_strz(a, name);
	st.status = arena_strz(a, status);
	if (json_get_str(s, "justification", &name))
		st.justification = arena_strz(a, name);
	collect_products(a, json_get(s, "products"), &st, 0);
	p->vex = grow(a, p->vex, p->nvex, sizeof(*p->vex));
	p->vex[p->nvex++] = st;
	return 0;
}

int
policy_load_vex(struct arena *a, const char *file, struct str text,
    struct policy *p, struct ward_err *err)
{
	struct json_object *doc;
	const struct json_object *stmts;
	int r = json_parse(text, &doc, err);

	if (r < 0)
		return err_wrap(err, "%s", file);
	stmts = json_get(doc, "statements");
	if (!json_is_array(stmts))
		r = err_set(err, EBADMSG,
		    "%s: not an OpenVEX document (no statements)", file);
	for (size_t i = 0; r >= 0 && i < json_array_len(stmts); i++)
		r = vex_statement(a, file, i, json_array_at(stmts, i), p, err);
	json_object_put(doc);
	return r;
}

static bool
names_vuln(const struct vuln_match *v, const char *id)
{
	if (strcmp(v->info.id, id) == 0)
		return true;
	for (size_t i = 0; i < v->info.naliases; i++)
		if (strcmp(v->info.aliases[i], id) == 0)
			return true;
	return false;
}

static bool
rule_applies(
    const struct ignore_rule *r, const struct vuln_match *v, time_t now)
{
	if (r->expires && now >= r->expires)
		return false;
	if (!names_vuln(v, r->id))
		return false;
	if (r->pkg && strcmp(r->pkg, v->pkg->name) != 0 &&
	    !(v->package && strcmp(r->pkg, v->package) == 0))
		return false;
	if (r->path && (!v->pkg->db_path || strcmp(r->path, v->pkg->db_path)))
		return false;
	return true;
}

const char *
policy_suppresses(struct arena *a, const struct policy *p,
    const struct vuln_match *v, const char *purl, time_t now)
{
	const char *bare = purl ? bare_purl(a, purl) : NULL;

	for (size_t i = 0; i < p->nrules; i++)
		if (rule_applies(&p->rules[i], v, now))
			return arena_printf(
			    a, "%s:%u", p->rules[i].file, p->rules[i].line);
	for (size_t i = 0; i < p->nvex; i++) {
		const struct vex_stmt *s = &p->vex[i];
		bool product = s->nproducts == 0;

		for (size_t j = 0; j < s->nproducts && bare && !product; j++)
			product = strcmp(s->products[j], bare) == 0;
		if (product && names_vuln(v, s->vuln))
			return arena_printf(a, "VEX %s (%s%s%s)", s->file,
			    s->status, s->justification ? ": " : "",
			    s->justification ? s->justification : "");
	}
	return NULL;
}

bool
policy_ignores(
    const struct policy *p, const char *id, const char *path, time_t now)
{
	for (size_t i = 0; i < p->nrules; i++) {
		const struct ignore_rule *r = &p->rules[i];

		if ((r->expires && now >= r->expires) || strcmp(r->id, id))
			continue;
		if (!r->path || (path && strcmp(r->path, path) == 0))
			return true;
	}
	return false;
}
