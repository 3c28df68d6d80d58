/*
 * Docker's word processing for Dockerfile arguments: quote removal, the
 * escape character, and variable substitution from ARG and ENV values,
 * as documented under "Environment replacement" in the Dockerfile
 * reference (and as BuildKit's shell lexer does it: "\" escapes "\"",
 * "$" and itself inside double quotes only; unquoted expansions split
 * into words). Variables in scope are kept in a hash map per stage.
 * Input is untrusted: nesting depth, the size of a word and the bytes
 * produced over a whole file are capped (DOCKERFILE_* in limits.h).
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dockerfile.h"
#include "ward/arena.h"
#include "ward/buf.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/map.h"
#include "ward/mem.h"

void
df_env_init(struct df_env *e)
{
	e->m = map_new();
	e->n = 0;
}

void
df_env_fini(struct df_env *e)
{
	map_free(e->m);
	e->m = NULL;
	e->n = 0;
}

int
df_env_set(struct arena *a, struct df_env *e, struct str name, struct str value,
    bool known, bool is_env, struct ward_err *err)
{
	struct df_var *v = map_get(e->m, name);

	if (!v) {
		if (e->n >= DOCKERFILE_VARS_MAX)
			return err_set(err, EFBIG,
			    "more than %u variables in one stage",
			    DOCKERFILE_VARS_MAX);
		v = arena_calloc(a, 1, sizeof(*v));
		v->name = str_make(arena_memdup(a, name.p, name.len), name.len);
		(void)map_put(e->m, v->name, v);
		e->n++;
	}
	v->value = value;
	v->known = known;
	v->is_env = is_env;
	return 0;
}

const struct df_var *
df_env_get(const struct df_env *e, struct str name)
{
	if (!e || !e->m)
		return NULL;
	return map_get(e->m, name);
}

int
df_env_copy(struct arena *a, struct df_env *to, const struct df_env *from,
    struct ward_err *err)
{
	size_t it = 0;
	struct str k;
	void *val;

	while (map_next(from->m, &it, &k, &val)) {
		const struct df_var *v = val;
		int r;

		if (!v->is_env)
			continue; /* an ARG's scope ends with its stage */
		r = df_env_set(a, to, v->name, v->value, v->known, true, err);
		if (r < 0)
			return r;
	}
	return 0;
}

/* ---- Raw words ---- */

static bool
is_ws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

bool
df_raw_word_next(struct str in, size_t *pos, char escape, struct str *out)
{
	size_t i = *pos, start;
	char q = 0;

	while (i < in.len && is_ws(in.p[i]))
		i++;
	if (i >= in.len) {
		*pos = i;
		return false;
	}
	start = i;
	while (i < in.len && (q || !is_ws(in.p[i]))) {
		char ch = in.p[i];

		if (ch == escape && q != '\'' && i + 1 < in.len)
			i++;
		else if (q && ch == q)
			q = 0;
		else if (!q && (ch == '"' || ch == '\''))
			q = ch;
		i++;
	}
	*out = str_make(in.p + start, i - start);
	*pos = i;
	return true;
}

size_t
df_raw_words(struct arena *a, struct str in, char escape, struct str **out)
{
	size_t pos = 0, n = 0, cap = 0;
	struct str *v = NULL, w;

	while (df_raw_word_next(in, &pos, escape, &w)) {
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 8;

			v = arena_realloc(a, v, cap, nc, sizeof(*v));
			cap = nc;
		}
		v[n++] = w;
	}
	*out = v;
	return n;
}

/* ---- Expansion ---- */

/* Output of one lexing run: bytes, and word boundaries when splitting. */
struct out {
	struct buf b;
	bool split; /* words mode */
	bool inword;
	size_t wstart;
	size_t *ends; /* pairs (start, end) of finished words */
	size_t nends, cap;
};

struct run {
	struct df_lex *lx;
	struct str in;
	size_t i;
	int depth;
	struct ward_err *err;
};

static int
over(struct run *r)
{
	return err_set(r->err, EFBIG,
	    "variable expansion larger than %u bytes (or over the file's "
	    "budget of %u)",
	    DOCKERFILE_EXPAND_MAX, DOCKERFILE_EXPAND_TOTAL_MAX);
}

static void
word_end(struct out *o)
{
	if (!o->split || !o->inword)
		return;
	if (o->nends + 2 > o->cap) {
		size_t nc = o->cap ? o->cap * 2 : 16;
		size_t *e = xreallocarray(o->ends, nc, sizeof(*e));

		o->ends = e;
		o->cap = nc;
	}
	o->ends[o->nends++] = o->wstart;
	o->ends[o->nends++] = o->b.len;
	o->inword = false;
}

static int
put(struct run *r, struct out *o, char ch, bool raw)
{
	if (o->split && !raw && is_ws(ch)) {
		word_end(o);
		return 0;
	}
	if (r->lx->budget == 0 || o->b.len >= DOCKERFILE_EXPAND_MAX)
		return over(r);
	if (o->split && !o->inword) {
		o->inword = true;
		o->wstart = o->b.len;
	}
	if (buf_putc(&o->b, ch) < 0)
		return over(r);
	r->lx->budget--;
	return 0;
}

static int
puts_str(struct run *r, struct out *o, struct str s, bool raw)
{
	for (size_t k = 0; k < s.len; k++) {
		int e = put(r, o, s.p[k], raw);

		if (e < 0)
			return e;
	}
	return 0;
}

static bool
name_char(char ch, bool first)
{
	return ch == '_' || (ch >= 'a' && ch <= 'z') ||
	    (ch >= 'A' && ch <= 'Z') || (!first && ch >= '0' && ch <= '9');
}

/*
 * A variable name at r->i: letters, digits and '_' not starting with a
 * digit; or all the digits of a positional parameter; or one special
 * parameter character. Empty when none.
 */
static struct str
take_name(struct run *r)
{
	size_t s = r->i;
	const char *p = r->in.p;

	if (r->i < r->in.len && p[r->i] >= '0' && p[r->i] <= '9') {
		while (r->i < r->in.len && p[r->i] >= '0' && p[r->i] <= '9')
			r->i++;
		return str_make(p + s, r->i - s);
	}
	if (r->i < r->in.len && strchr("@*#?-$!", p[r->i]) && p[r->i]) {
		r->i++;
		return str_make(p + s, 1);
	}
	while (r->i < r->in.len && name_char(p[r->i], r->i == s))
		r->i++;
	return str_make(p + s, r->i - s);
}

static int lex(struct run *r, struct out *o, char stop, char *closed);

static void
out_init(struct out *o, bool split)
{
	memset(o, 0, sizeof(*o));
	buf_init(&o->b, DOCKERFILE_EXPAND_MAX);
	o->split = split;
}

static void
out_fini(struct out *o)
{
	buf_fini(&o->b);
	free(o->ends);
}

/* The value of a variable; *set false when unset. */
static struct str
lookup(struct run *r, struct str name, bool *set)
{
	const struct df_var *v = df_env_get(r->lx->env, name);

	*set = v != NULL;
	if (!v || !v->known)
		r->lx->unresolved = true;
	return v ? v->value : STR("");
}

/* Lex a nested word up to 'stop' into a fresh buffer. */
static int
subword(struct run *r, struct out *w, char stop, char *closed)
{
	int e;

	if (r->depth >= DOCKERFILE_SUBST_DEPTH_MAX)
		return err_set(r->err, EFBIG,
		    "substitutions nested deeper than %d",
		    DOCKERFILE_SUBST_DEPTH_MAX);
	r->depth++;
	out_init(w, false);
	e = lex(r, w, stop, closed);
	r->depth--;
	return e;
}

static bool
wildcard(struct str p)
{
	for (size_t k = 0; k < p.len; k++)
		if (p.p[k] == '*' || p.p[k] == '?' || p.p[k] == '[')
			return true;
	return false;
}

/*
 * ${name#p} ${name##p} ${name%p} ${name%%p} ${name/p/r} ${name//p/r}.
 * Literal patterns are applied (shortest and longest matches are then
 * the same); a pattern with shell wildcards is not evaluated: the value
 * is kept and the result marked unresolved, so nothing is judged on it.
 */
static int
pattern(struct run *r, struct out *o, bool raw, struct str val)
{
	char op = r->in.p[r->i++];
	bool all = false;
	char closed = 0;
	struct out pw, rw;
	struct str pat, rep = STR_NULL;
	int e;

	if (r->i < r->in.len && r->in.p[r->i] == op) {
		all = true;
		r->i++;
	}
	e = subword(r, &pw, op == '/' ? '/' : '}', &closed);
	if (e < 0) {
		out_fini(&pw);
		return e;
	}
	out_init(&rw, false);
	if (op == '/' && closed == '/') {
		closed = 0;
		e = subword(r, &rw, '}', &closed);
		rep = buf_str(&rw.b);
	}
	if (e == 0 && !closed)
		e = err_set(r->err, EBADMSG, "missing '}' in substitution");
	pat = buf_str(&pw.b);
	if (e == 0 && wildcard(pat)) {
		r->lx->unresolved = true;
		e = puts_str(r, o, val, raw);
	} else if (e == 0 && op == '#') {
		e = puts_str(r, o,
		    str_starts_with(val, pat) ? str_sub(val, pat.len, val.len)
					      : val,
		    raw);
	} else if (e == 0 && op == '%') {
		e = puts_str(r, o,
		    str_ends_with(val, pat) ? str_sub(val, 0, val.len - pat.len)
					    : val,
		    raw);
	} else if (e == 0) {
		struct str v = val;
		ssize_t at;

		while (e == 0 && pat.len > 0 && (at = str_find(v, pat)) >= 0) {
			e = puts_str(r, o, str_sub(v, 0, (size_t)at), raw);
			if (e == 0)
				e = puts_str(r, o, rep, raw);
			v = str_sub(v, (size_t)at + pat.len, v.len);
			if (!all)
				break;
		}
		if (e == 0)
			e = puts_str(r, o, v, raw);
	}
	out_fini(&pw);
	out_fini(&rw);
	return e;
}

/* "${" seen; r->i is past it. */
static int
dollar_brace(struct run *r, struct out *o, bool raw)
{
	struct str name = take_name(r), val, word;
	struct out w;
	bool set, colon = false, use_word;
	char closed = 0;
	char mod;
	int e;

	if (name.len == 0 || r->i >= r->in.len)
		return err_set(r->err, EBADMSG, "bad substitution");
	val = lookup(r, name, &set);
	if (r->in.p[r->i] == '}') {
		r->i++;
		return puts_str(r, o, val, raw);
	}
	if (r->in.p[r->i] == '#' || r->in.p[r->i] == '%' ||
	    r->in.p[r->i] == '/')
		return pattern(r, o, raw, val);
	if (r->in.p[r->i] == ':') {
		colon = true;
		r->i++;
	}
	if (r->i >= r->in.len || !strchr("-+?", r->in.p[r->i]) ||
	    r->in.p[r->i] == 0)
		return err_set(r->err, EBADMSG,
		    "unsupported modifier in ${%.*s...}", STR_FMT(name));
	mod = r->in.p[r->i++];
	if (r->depth >= DOCKERFILE_SUBST_DEPTH_MAX)
		return err_set(r->err, EFBIG,
		    "substitutions nested deeper than %d",
		    DOCKERFILE_SUBST_DEPTH_MAX);
	r->depth++;
	out_init(&w, false);
	e = lex(r, &w, '}', &closed);
	r->depth--;
	if (e == 0 && !closed)
		e = err_set(r->err, EBADMSG, "missing '}' in substitution");
	if (e < 0) {
		out_fini(&w);
		return e;
	}
	word = buf_str(&w.b);
	/* With ':' an empty value counts as unset, as in the shell. */
	if (colon && val.len == 0)
		set = false;
	switch (mod) {
	case '-':
		use_word = !set;
		e = puts_str(r, o, use_word ? word : val, raw);
		break;
	case '+':
		e = set ? puts_str(r, o, word, raw) : 0;
		break;
	default: /* '?': unset (or, with ':', empty) is an error */
		if (!set)
			e = err_set(r->err, EBADMSG, "%.*s: %.*s",
			    STR_FMT(name),
			    STR_FMT(word.len ? word : STR("is not set")));
		else
			e = puts_str(r, o, val, raw);
		break;
	}
	out_fini(&w);
	return e;
}

/* "$" seen; r->i is past it. */
static int
dollar(struct run *r, struct out *o, bool raw)
{
	struct str name, val;
	bool set;

	if (r->i < r->in.len && r->in.p[r->i] == '{') {
		r->i++;
		return dollar_brace(r, o, raw);
	}
	name = take_name(r);
	if (name.len == 0)
		return put(r, o, '$', raw);
	val = lookup(r, name, &set);
	return puts_str(r, o, val, raw);
}

static int
single_quote(struct run *r, struct out *o)
{
	while (r->i < r->in.len) {
		char ch = r->in.p[r->i++];
		int e;

		if (ch == '\'')
			return 0;
		e = put(r, o, ch, true);
		if (e < 0)
			return e;
	}
	return err_set(r->err, EBADMSG, "single quote not closed");
}

static int
double_quote(struct run *r, struct out *o)
{
	char esc = r->lx->escape;

	while (r->i < r->in.len) {
		char ch = r->in.p[r->i++];
		int e;

		if (ch == '"')
			return 0;
		if (ch == '$') {
			e = dollar(r, o, true);
		} else if (ch == esc && r->i < r->in.len &&
		    (r->in.p[r->i] == '"' || r->in.p[r->i] == '$' ||
			r->in.p[r->i] == esc)) {
			e = put(r, o, r->in.p[r->i++], true);
		} else {
			e = put(r, o, ch, true);
		}
		if (e < 0)
			return e;
	}
	return err_set(r->err, EBADMSG, "double quote not closed");
}

/*
 * Lex until 'stop' (0: the end; '/' also stops at '}', for ${x/p}); *closed
 * gets the character that stopped it, or stays 0.
 */
static int
lex(struct run *r, struct out *o, char stop, char *closed)
{
	char esc = r->lx->escape;

	while (r->i < r->in.len) {
		char ch = r->in.p[r->i++];
		int e;

		if (stop && (ch == stop || (stop == '/' && ch == '}'))) {
			*closed = ch;
			return 0;
		}
		if (ch == esc) {
			if (r->i >= r->in.len)
				break; /* a trailing escape is dropped */
			e = put(r, o, r->in.p[r->i++], true);
		} else if (ch == '\'') {
			e = single_quote(r, o);
		} else if (ch == '"') {
			e = double_quote(r, o);
		} else if (ch == '$') {
			e = dollar(r, o, false);
		} else {
			e = put(r, o, ch, false);
		}
		if (e < 0)
			return e;
	}
	return 0;
}

int
df_word_expand(
    struct df_lex *lx, struct str in, struct str *out, struct ward_err *err)
{
	struct run r = {.lx = lx, .in = in, .err = err};
	struct out o;
	char closed = 0;
	int e;

	out_init(&o, false);
	e = lex(&r, &o, 0, &closed);
	if (e == 0)
		*out = str_make(
		    arena_memdup(lx->a, o.b.p ? o.b.p : "", o.b.len), o.b.len);
	out_fini(&o);
	return e;
}

int
df_words_expand(struct df_lex *lx, struct str in, struct str **out, size_t *n,
    struct ward_err *err)
{
	struct run r = {.lx = lx, .in = in, .err = err};
	struct out o;
	char closed = 0;
	int e;

	out_init(&o, true);
	e = lex(&r, &o, 0, &closed);
	if (e == 0) {
		const char *base;
		struct str *v;

		word_end(&o);
		base = arena_memdup(lx->a, o.b.p ? o.b.p : "", o.b.len);
		v = arena_calloc(lx->a, o.nends / 2 + 1, sizeof(*v));
		for (size_t k = 0; k + 1 < o.nends; k += 2)
			v[k / 2] = str_make(
			    base + o.ends[k], o.ends[k + 1] - o.ends[k]);
		*out = v;
		*n = o.nends / 2;
	}
	out_fini(&o);
	return e;
}
