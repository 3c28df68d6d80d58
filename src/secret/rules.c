/*
 * The secret rules file: ward's own line-oriented text format (documented
 * in docs/secret-rules.md). The first significant line is the magic
 * "ward-secret-rules 1"; then "key = value" lines grouped under "[allow]"
 * (global allowlists) and "[rule ID]" sections. Values run to the end of
 * the line, unquoted, so regular expressions need no escaping. The text
 * may come from a user (--secret-config), so every line, list and count
 * is bounded (limits.h) and malformed input is -EBADMSG naming the line.
 * Expressions are only compiled later, by the engine.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/mem.h"
#include "ward/str.h"

static const char MAGIC[] = "ward-secret-rules 1";

struct parser {
	struct secret_rules *r;
	struct secret_rule *cur; /* NULL before any section */
	const char *name;
	size_t lineno;
	bool magic;
};

static int
list_add(struct arena *a, struct secret_list *l, struct str v, bool lower,
    struct ward_err *err)
{
	char *s;

	if (l->n >= SECRET_ALLOW_MAX)
		return err_set(
		    err, EFBIG, "more than %u entries", SECRET_ALLOW_MAX);
	l->v = arena_realloc(a, l->v, l->n, l->n + 1, sizeof(*l->v));
	s = arena_strz(a, v);
	if (lower)
		for (char *c = s; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	l->v[l->n++] = s;
	return 0;
}

static int
add_keywords(struct arena *a, struct secret_rule *rule, struct str v,
    struct ward_err *err)
{
	struct str kw;
	bool more = true;

	while (more) {
		more = str_cut(&v, ',', &kw);
		kw = str_trim(kw);
		if (kw.len == 0)
			continue;
		if (rule->keywords.n >= SECRET_KEYWORDS_MAX)
			return err_set(err, EFBIG, "more than %d keywords",
			    SECRET_KEYWORDS_MAX);
		if (list_add(a, &rule->keywords, kw, true, err) < 0)
			return -err->code;
	}
	return 0;
}

static int
parse_severity(struct str v, enum secret_severity *out)
{
	static const char *names[] = {"low", "medium", "high", "critical"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (str_eq_cstr(v, names[i])) {
			*out = (enum secret_severity)i;
			return 0;
		}
	return -EINVAL;
}

static int
parse_entropy(struct str v, double *out)
{
	static const double scale[] = {1, 10, 100, 1000};
	uint64_t whole = 0, frac = 0;
	struct str w;

	/* A decimal such as "3.5", parsed by hand (no strtod and locale). */
	str_cut(&v, '.', &w);
	if (parse_u64(w, 8, &whole) < 0 || v.len > 3 ||
	    (v.len > 0 && parse_u64(v, 999, &frac) < 0))
		return -EINVAL;
	*out = (double)whole + (double)frac / scale[v.len];
	return 0;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "magic = HEX": 1 to SECRET_MAGIC_MAX bytes, two hex digits each. */
static int
add_magic(struct arena *a, struct secret_rule *rule, struct str v,
    struct ward_err *err)
{
	struct secret_magic m = {0};

	if (v.len == 0 || v.len % 2 != 0 || v.len / 2 > SECRET_MAGIC_MAX)
		return err_set(err, EBADMSG,
		    "bad magic: 1 to %d bytes as pairs of hex digits",
		    SECRET_MAGIC_MAX);
	for (size_t i = 0; i < v.len; i += 2) {
		int hi = hex_digit(v.p[i]), lo = hex_digit(v.p[i + 1]);

		if (hi < 0 || lo < 0)
			return err_set(err, EBADMSG, "bad magic: not hex");
		m.b[m.len++] = (unsigned char)(hi << 4 | lo);
	}
	if (rule->nmagic >= SECRET_MAGICS_MAX)
		return err_set(
		    err, EFBIG, "more than %d magic values", SECRET_MAGICS_MAX);
	rule->magic = arena_realloc(
	    a, rule->magic, rule->nmagic, rule->nmagic + 1, sizeof(m));
	rule->magic[rule->nmagic++] = m;
	return 0;
}

static int
rule_key(struct parser *p, struct str k, struct str v, struct ward_err *err)
{
	struct secret_rule *rule = p->cur;
	struct arena *a = p->r->a;
	uint64_t n;

	if (str_eq_cstr(k, "title"))
		rule->title = arena_strz(a, v);
	else if (str_eq_cstr(k, "severity")) {
		if (parse_severity(v, &rule->severity) < 0)
			return err_set(err, EBADMSG, "bad severity");
	} else if (str_eq_cstr(k, "keywords"))
		return add_keywords(a, rule, v, err);
	else if (str_eq_cstr(k, "regex"))
		rule->regex = arena_strz(a, v);
	else if (str_eq_cstr(k, "group")) {
		if (parse_u64(v, 9, &n) < 0)
			return err_set(err, EBADMSG, "bad group");
		rule->group = (unsigned)n;
	} else if (str_eq_cstr(k, "entropy")) {
		if (parse_entropy(v, &rule->entropy) < 0)
			return err_set(err, EBADMSG, "bad entropy");
	} else if (str_eq_cstr(k, "multiline"))
		rule->multiline = str_eq_cstr(v, "true");
	else if (str_eq_cstr(k, "path"))
		return list_add(a, &rule->paths, v, false, err);
	else if (str_eq_cstr(k, "file")) {
		if (v.len == 0)
			return err_set(err, EBADMSG, "empty file");
		rule->file = arena_strz(a, v);
	} else if (str_eq_cstr(k, "magic"))
		return add_magic(a, rule, v, err);
	else
		return err_set(err, EBADMSG, "unknown key '%.*s'", STR_FMT(k));
	return 0;
}

static int
allow_key(struct parser *p, struct secret_rule *rule, struct str k,
    struct str v, struct ward_err *err)
{
	struct arena *a = p->r->a;

	if (str_eq_cstr(k, "allow-path"))
		return list_add(a, &rule->allow_paths, v, false, err);
	if (str_eq_cstr(k, "allow-value"))
		return list_add(a, &rule->allow_values, v, false, err);
	if (str_eq_cstr(k, "stopword"))
		return list_add(a, &rule->stopwords, v, true, err);
	return 1; /* not an allowlist key */
}

static int
section(struct parser *p, struct str line, struct ward_err *err)
{
	struct secret_rules *r = p->r;
	struct str name;

	if (line.len < 3 || line.p[line.len - 1] != ']')
		return err_set(err, EBADMSG, "bad section header");
	name = str_trim(str_sub(line, 1, line.len - 2));
	if (str_eq_cstr(name, "allow")) {
		p->cur = &r->global;
		return 0;
	}
	if (!str_starts_with(name, STR("rule ")))
		return err_set(err, EBADMSG, "unknown section");
	name = str_trim(str_sub(name, 5, name.len));
	if (name.len == 0 || name.len > 128)
		return err_set(err, EBADMSG, "bad rule id");
	if (r->n >= SECRET_RULES_MAX)
		return err_set(
		    err, EFBIG, "more than %u rules", SECRET_RULES_MAX);
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;

		r->v = arena_realloc(r->a, r->v, r->n, cap, sizeof(*r->v));
		r->cap = cap;
	}
	p->cur = &r->v[r->n++];
	memset(p->cur, 0, sizeof(*p->cur));
	p->cur->id = arena_strz(r->a, name);
	p->cur->severity = SECRET_HIGH;
	return 0;
}

static int
key_value(struct parser *p, struct str line, struct ward_err *err)
{
	struct str k, v = line;
	int r;

	if (!str_cut(&v, '=', &k))
		return err_set(err, EBADMSG, "expected 'key = value'");
	k = str_trim(k);
	v = str_trim(v);
	if (!p->cur) {
		if (!str_eq_cstr(k, "version"))
			return err_set(err, EBADMSG, "key outside a section");
		p->r->version = arena_strz(p->r->a, v);
		return 0;
	}
	r = allow_key(p, p->cur, k, v, err);
	if (r <= 0)
		return r;
	if (p->cur == &p->r->global) {
		if (str_eq_cstr(k, "disable"))
			return list_add(
			    p->r->a, &p->r->disabled, v, false, err);
		return err_set(err, EBADMSG, "unknown key '%.*s'", STR_FMT(k));
	}
	return rule_key(p, k, v, err);
}

static int
parse_line(struct parser *p, struct str line, struct ward_err *err)
{
	line = str_trim(line);
	if (line.len == 0 || line.p[0] == '#')
		return 0;
	if (line.len > SECRET_RULE_LINE_MAX)
		return err_set(err, EFBIG, "line longer than %d bytes",
		    SECRET_RULE_LINE_MAX);
	if (!p->magic) {
		if (!str_eq_cstr(line, MAGIC))
			return err_set(err, EBADMSG, "not '%s'", MAGIC);
		p->magic = true;
		return 0;
	}
	if (line.p[0] == '[')
		return section(p, line, err);
	return key_value(p, line, err);
}

static int
check_rules(struct secret_rules *r, struct ward_err *err)
{
	for (size_t i = 0; i < r->n; i++) {
		struct secret_rule *rule = &r->v[i];

		if (rule->file) {
			/* A file rule reports the file: nothing to match. */
			if (rule->regex || rule->keywords.n > 0 ||
			    rule->group || rule->entropy > 0 || rule->multiline)
				return err_set(err, EBADMSG,
				    "rule '%s': a file rule takes no regex, "
				    "keywords, group, entropy or multiline",
				    rule->id);
		} else if (rule->nmagic > 0) {
			return err_set(err, EBADMSG,
			    "rule '%s': magic needs file", rule->id);
		} else if (!rule->regex || rule->keywords.n == 0)
			return err_set(err, EBADMSG,
			    "rule '%s': needs regex and keywords, or file",
			    rule->id);
		if (!rule->title)
			rule->title = rule->id;
	}
	return 0;
}

int
secret_rules_parse(struct str text, const char *name, struct secret_rules **out,
    struct ward_err *err)
{
	struct secret_rules *r;
	struct parser p = {.name = name};
	struct str line;
	int rc = 0;

	if (text.len > SECRET_RULES_FILE_MAX)
		return err_set(err, EFBIG, "%s: over %u bytes", name,
		    SECRET_RULES_FILE_MAX);
	r = xcalloc(1, sizeof(*r));
	r->a = arena_new();
	r->version = "";
	p.r = r;
	while (rc >= 0 && str_next_line(&text, &line)) {
		p.lineno++;
		rc = parse_line(&p, line, err);
	}
	if (rc < 0) {
		secret_rules_free(r);
		return err_wrap(err, "%s: line %zu", name, p.lineno);
	}
	if (!p.magic)
		rc = err_set(err, EBADMSG, "not '%s'", MAGIC);
	if (rc >= 0)
		rc = check_rules(r, err);
	if (rc < 0) {
		secret_rules_free(r);
		return err_wrap(err, "%s", name);
	}
	*out = r;
	return 0;
}

static void
list_concat(
    struct arena *a, struct secret_list *dst, const struct secret_list *src)
{
	if (src->n == 0)
		return;
	dst->v =
	    arena_realloc(a, dst->v, dst->n, dst->n + src->n, sizeof(*dst->v));
	memcpy(dst->v + dst->n, src->v, src->n * sizeof(*src->v));
	dst->n += src->n;
}

static bool
listed(const struct secret_list *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

int
secret_rules_merge(
    struct secret_rules *base, struct secret_rules *extra, struct ward_err *err)
{
	size_t kept = 0;

	if (base->n + extra->n > SECRET_RULES_MAX) {
		secret_rules_free(extra);
		return err_set(
		    err, EFBIG, "more than %u rules", SECRET_RULES_MAX);
	}
	list_concat(base->a, &base->disabled, &extra->disabled);
	list_concat(
	    base->a, &base->global.allow_paths, &extra->global.allow_paths);
	list_concat(
	    base->a, &base->global.allow_values, &extra->global.allow_values);
	list_concat(base->a, &base->global.stopwords, &extra->global.stopwords);
	/* Drop rules that are disabled or that 'extra' redefines. */
	for (size_t i = 0; i < base->n; i++) {
		bool redefined = false;

		for (size_t j = 0; j < extra->n && !redefined; j++)
			redefined = strcmp(base->v[i].id, extra->v[j].id) == 0;
		if (!redefined && !listed(&base->disabled, base->v[i].id))
			base->v[kept++] = base->v[i];
	}
	base->n = kept;
	base->v = arena_realloc(base->a, base->v, base->n,
	    base->n + extra->n + 1, sizeof(*base->v));
	base->cap = base->n + extra->n + 1;
	for (size_t j = 0; j < extra->n; j++)
		if (!listed(&base->disabled, extra->v[j].id))
			base->v[base->n++] = extra->v[j];
	arena_adopt(base->a, extra->a);
	free(extra);
	return 0;
}

void
secret_rules_free(struct secret_rules *r)
{
	if (!r)
		return;
	arena_free(r->a);
	free(r);
}

size_t
secret_rules_count(const struct secret_rules *r)
{
	return r->n;
}

const char *
secret_rules_version(const struct secret_rules *r)
{
	return r->version;
}
