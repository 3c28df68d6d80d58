/*
 * npm ranges, answered as node-semver's satisfies(version, range) without
 * includePrerelease. node-semver defines range syntax by rewriting the
 * text step by step with regular expressions (build metadata stripped,
 * hyphen ranges, carets, tildes, x-ranges and stars desugared into plain
 * comparators) and then parsing each comparator; ward repeats the same
 * steps with the same expressions (re.c), so that malformed and unusual
 * ranges mean here what they mean to npm. A range that node-semver cannot
 * parse satisfies nothing. Then a prerelease version satisfies a set of
 * comparators only if one of them has a prerelease on the same
 * [major, minor, patch]. Everything is untrusted; intermediate strings
 * live in one arena per call.
 */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vercmp_internal.h"
#include "re.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/vercmp.h"

/* node-semver's expressions, with its "safe" bounds on repetitions. */
#define NUMID "0|[1-9]\\d{0,256}"
#define NONNUMID "\\d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}"
#define PRID "(?:" NONNUMID "|" NUMID ")"
#define PRERELEASE "(?:-(" PRID "(?:\\." PRID ")*))"
#define BUILDID "[a-zA-Z0-9-]{1,250}"
#define BUILD "(?:\\+(" BUILDID "(?:\\." BUILDID ")*))"
#define MAIN "(" NUMID ")\\.(" NUMID ")\\.(" NUMID ")"
#define FULLPLAIN "v?" MAIN PRERELEASE "?" BUILD "?"
#define GTLT "((?:<|>)?=?)"
#define XRID NUMID "|x|X|\\*"
#define XRANGEPLAIN                                                            \
	"[v=\\s]*(" XRID ")(?:\\.(" XRID ")(?:\\.(" XRID ")(?:" PRERELEASE     \
	")?" BUILD "?)?)?"

enum {
	P_BUILDSTRIP,
	P_BUILD,
	P_HYPHEN,
	P_TILDETRIM,
	P_CARETTRIM,
	P_TILDE,
	P_CARET,
	P_XRANGE,
	P_STAR,
	P_GTE0,
	P_COMPARATOR,
	P_COUNT,
};

static const char *const patterns[P_COUNT] = {
    [P_BUILDSTRIP] = ("(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))"),
    [P_BUILD] = (BUILD),
    [P_HYPHEN] = ("^\\s{0,1}(" XRANGEPLAIN ")\\s{1,1}-\\s{1,1}(" XRANGEPLAIN
		  ")\\s{0,1}$"),
    [P_TILDETRIM] = ("(\\s{0,1})(?:~>?)\\s{1,1}"),
    [P_CARETTRIM] = ("(\\s{0,1})(?:\\^)\\s{1,1}"),
    [P_TILDE] = ("^(?:~>?)" XRANGEPLAIN "$"),
    [P_CARET] = ("^(?:\\^)" XRANGEPLAIN "$"),
    [P_XRANGE] = ("^" GTLT "\\s{0,1}" XRANGEPLAIN "$"),
    [P_STAR] = ("(<|>)?=?\\s{0,1}\\*"),
    [P_GTE0] = ("^\\s{0,1}>=\\s{0,1}0\\.0\\.0\\s{0,1}$"),
    [P_COMPARATOR] = ("^" GTLT "\\s{0,1}(" FULLPLAIN ")$|^$"),
};

static struct re *re[P_COUNT];
static pthread_once_t re_once = PTHREAD_ONCE_INIT;

static void
re_init(void)
{
	for (int i = 0; i < P_COUNT; i++)
		re[i] = re_compile(patterns[i], RE_DOLLAR_ENDONLY);
}

/* A comparator after parsing: the operator and the version, or any. */
struct comp {
	const char *op; /* "", "<", "<=", ">", ">=" */
	bool any;
	bool null_set; /* "<0.0.0-0", which nothing satisfies */
	struct semver v;
};

struct ctx {
	struct arena *a;
	bool bad; /* node-semver would have thrown */
};

/* ---- JavaScript string helpers ---- */

static bool
ws(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static struct str
cat3(struct ctx *c, struct str x, struct str y, struct str z)
{
	char *p = arena_alloc(c->a, x.len + y.len + z.len + 1);

	memcpy(p, x.p ? x.p : "", x.len);
	memcpy(p + x.len, y.p ? y.p : "", y.len);
	memcpy(p + x.len + y.len, z.p ? z.p : "", z.len);
	p[x.len + y.len + z.len] = '\0';
	return (struct str){p, x.len + y.len + z.len};
}

static struct str
fmt(struct ctx *c, const char *f, ...) __attribute__((format(printf, 2, 3)));

static struct str
fmt(struct ctx *c, const char *f, ...)
{
	va_list ap;
	char *p;

	va_start(ap, f);
	p = arena_vprintf(c->a, f, ap);
	va_end(ap);
	return str_from(p);
}

/* String.prototype.trim() (the range holds only ASCII space by now). */
static struct str
trim(struct str s)
{
	return npm_trim(s);
}

/*
 * Split on a separator: /\s+/ when 'sep' is 0, else one character. As
 * in JavaScript, separators at either end give empty strings. Returns the
 * number of parts, stored in an arena array.
 */
static size_t
split(struct ctx *c, struct str s, char sep, struct str **out)
{
	size_t n = 1, k = 0, start = 0, i = 0;

	for (size_t j = 0; j < s.len; j++)
		n += sep ? s.p[j] == sep
			 : (ws(s.p[j]) && (j == 0 || !ws(s.p[j - 1])));
	*out = arena_calloc(c->a, n, sizeof(**out));
	while (i <= s.len) {
		if (i == s.len || (sep ? s.p[i] == sep : ws(s.p[i]))) {
			(*out)[k++] = str_sub(s, start, i - start);
			if (i == s.len)
				break;
			while (!sep && i + 1 < s.len && ws(s.p[i + 1]))
				i++;
			start = i + 1;
		}
		i++;
	}
	return k;
}

static struct str
join(struct ctx *c, struct str *parts, size_t n)
{
	struct str r = STR("");

	for (size_t i = 0; i < n; i++)
		r = cat3(c, r, i ? STR(" ") : STR(""), parts[i]);
	return r;
}

typedef struct str (*repl_fn)(struct ctx *, struct str *g, struct str whole);

/* String.prototype.replace with a regex: the first match, or all. */
static struct str
replace(struct ctx *c, int pat, struct str s, bool global, repl_fn fn)
{
	struct str g[16], out = STR("");
	size_t pos = 0, copied = 0;

	while (pos <= s.len && re_match(re[pat], s, pos, g, 16)) {
		size_t ms = (size_t)(g[0].p - (s.p ? s.p : "")),
		       me = ms + g[0].len;

		out =
		    cat3(c, out, str_sub(s, copied, ms - copied), fn(c, g, s));
		copied = me;
		pos = me > ms ? me : me + 1;
		if (!global)
			break;
	}
	return cat3(c, out, str_sub(s, copied, s.len), STR(""));
}

static struct str
r_empty(struct ctx *c, struct str *g, struct str whole)
{
	(void)c, (void)g, (void)whole;
	return STR("");
}

static struct str
r_tilde_trim(struct ctx *c, struct str *g, struct str whole)
{
	(void)whole;
	return cat3(c, g[1], STR("~"), STR(""));
}

static struct str
r_caret_trim(struct ctx *c, struct str *g, struct str whole)
{
	(void)whole;
	return cat3(c, g[1], STR("^"), STR(""));
}

/* ---- node-semver's desugaring ---- */

static bool
is_x(struct str id)
{
	return id.p == NULL || id.len == 0 || str_eq(id, STR("x")) ||
	    str_eq(id, STR("X")) || str_eq(id, STR("*"));
}

/* +n + 1 for a decimal string (exact; too large becomes invalid later). */
static struct str
inc(struct ctx *c, struct str n)
{
	char *p = arena_alloc(c->a, n.len + 2);
	size_t i = n.len;
	int carry = 1;

	p[n.len + 1] = '\0';
	while (i-- > 0) {
		int d = n.p[i] - '0' + carry;

		carry = d / 10;
		p[i + 1] = (char)('0' + d % 10);
	}
	if (carry) {
		p[0] = '1';
		return (struct str){p, n.len + 1};
	}
	return (struct str){p + 1, n.len};
}

#define S(x) STR_FMT(x)

static struct str
r_tilde(struct ctx *c, struct str *g, struct str whole)
{
	struct str M = g[1], m = g[2], p = g[3], pr = g[4];

	(void)whole;
	if (is_x(M))
		return STR("");
	if (is_x(m))
		return fmt(c, ">=%.*s.0.0 <%.*s.0.0-0", S(M), S(inc(c, M)));
	if (is_x(p))
		return fmt(c, ">=%.*s.%.*s.0 <%.*s.%.*s.0-0", S(M), S(m), S(M),
		    S(inc(c, m)));
	if (pr.len)
		return fmt(c, ">=%.*s.%.*s.%.*s-%.*s <%.*s.%.*s.0-0", S(M),
		    S(m), S(p), S(pr), S(M), S(inc(c, m)));
	return fmt(c, ">=%.*s.%.*s.%.*s <%.*s.%.*s.0-0", S(M), S(m), S(p), S(M),
	    S(inc(c, m)));
}

/* The upper bound of a caret range: the first non-zero number bumps. */
static struct str
caret_upper(struct ctx *c, struct str M, struct str m, struct str p)
{
	if (!str_eq(M, STR("0")))
		return fmt(c, "<%.*s.0.0-0", S(inc(c, M)));
	if (!str_eq(m, STR("0")))
		return fmt(c, "<%.*s.%.*s.0-0", S(M), S(inc(c, m)));
	return fmt(c, "<%.*s.%.*s.%.*s-0", S(M), S(m), S(inc(c, p)));
}

static struct str
r_caret(struct ctx *c, struct str *g, struct str whole)
{
	struct str M = g[1], m = g[2], p = g[3], pr = g[4];

	(void)whole;
	if (is_x(M))
		return STR("");
	if (is_x(m))
		return fmt(c, ">=%.*s.0.0 <%.*s.0.0-0", S(M), S(inc(c, M)));
	if (is_x(p)) {
		if (str_eq(M, STR("0")))
			return fmt(c, ">=%.*s.%.*s.0 <%.*s.%.*s.0-0", S(M),
			    S(m), S(M), S(inc(c, m)));
		return fmt(
		    c, ">=%.*s.%.*s.0 <%.*s.0.0-0", S(M), S(m), S(inc(c, M)));
	}
	if (pr.len)
		return fmt(c, ">=%.*s.%.*s.%.*s-%.*s %.*s", S(M), S(m), S(p),
		    S(pr), S(caret_upper(c, M, m, p)));
	return fmt(c, ">=%.*s.%.*s.%.*s %.*s", S(M), S(m), S(p),
	    S(caret_upper(c, M, m, p)));
}

/* An operator with wildcards: >1.x is >=2.0.0, <=1.2 is <1.3.0-0. */
static struct str
xrange_op(struct ctx *c, struct str gtlt, struct str M, struct str m, bool xm)
{
	struct str p = STR("0"), pr = STR("");

	if (xm)
		m = STR("0");
	if (str_eq(gtlt, STR(">"))) {
		gtlt = STR(">=");
		if (xm)
			M = inc(c, M);
		else
			m = inc(c, m);
	} else if (str_eq(gtlt, STR("<="))) {
		gtlt = STR("<");
		if (xm)
			M = inc(c, M);
		else
			m = inc(c, m);
	}
	if (str_eq(gtlt, STR("<")))
		pr = STR("-0");
	return fmt(
	    c, "%.*s%.*s.%.*s.%.*s%.*s", S(gtlt), S(M), S(m), S(p), S(pr));
}

static struct str
r_xrange(struct ctx *c, struct str *g, struct str whole)
{
	struct str gtlt = g[1], M = g[2], m = g[3], p = g[4];
	bool xM, xm, xp;

	if ((is_x(M) && !is_x(m)) || (is_x(m) && p.len && !is_x(p)))
		return whole;
	xM = is_x(M);
	xm = xM || is_x(m);
	xp = xm || is_x(p);
	if (str_eq(gtlt, STR("=")) && xp)
		gtlt = STR("");
	if (xM)
		return str_eq(gtlt, STR(">")) || str_eq(gtlt, STR("<"))
		    ? STR("<0.0.0-0")
		    : STR("*");
	if (gtlt.len && xp)
		return xrange_op(c, gtlt, M, m, xm);
	if (xm)
		return fmt(c, ">=%.*s.0.0 <%.*s.0.0-0", S(M), S(inc(c, M)));
	if (xp)
		return fmt(c, ">=%.*s.%.*s.0 <%.*s.%.*s.0-0", S(M), S(m), S(M),
		    S(inc(c, m)));
	return g[0];
}

static struct str
r_hyphen(struct ctx *c, struct str *g, struct str whole)
{
	struct str from = g[1], fM = g[2], fm = g[3], fp = g[4];
	struct str to = g[7], tM = g[8], tm = g[9], tp = g[10], tpr = g[11];

	(void)whole;
	if (is_x(fM))
		from = STR("");
	else if (is_x(fm))
		from = fmt(c, ">=%.*s.0.0", S(fM));
	else if (is_x(fp))
		from = fmt(c, ">=%.*s.%.*s.0", S(fM), S(fm));
	else
		from = fmt(c, ">=%.*s", S(from));
	if (is_x(tM))
		to = STR("");
	else if (is_x(tm))
		to = fmt(c, "<%.*s.0.0-0", S(inc(c, tM)));
	else if (is_x(tp))
		to = fmt(c, "<%.*s.%.*s.0-0", S(tM), S(inc(c, tm)));
	else if (tpr.len)
		to = fmt(
		    c, "<=%.*s.%.*s.%.*s-%.*s", S(tM), S(tm), S(tp), S(tpr));
	else
		to = fmt(c, "<=%.*s", S(to));
	return trim(fmt(c, "%.*s %.*s", S(from), S(to)));
}

/* Apply 'fn' (a whole-string rewrite) to each white-space-split word. */
static struct str
each_word(struct ctx *c, struct str s, int pat, repl_fn fn, bool trim_each)
{
	struct str *w;
	size_t n = split(c, s, 0, &w);

	for (size_t i = 0; i < n; i++)
		w[i] =
		    replace(c, pat, trim_each ? trim(w[i]) : w[i], false, fn);
	return join(c, w, n);
}

static struct str
parse_comparator(struct ctx *c, struct str comp)
{
	comp = replace(c, P_BUILD, comp, false, r_empty);
	comp = each_word(c, trim(comp), P_CARET, r_caret, false);
	comp = each_word(c, trim(comp), P_TILDE, r_tilde, false);
	comp = each_word(c, comp, P_XRANGE, r_xrange, true);
	return replace(c, P_STAR, trim(comp), false, r_empty);
}

/* ---- node-semver's trimComparatorWhitespace: "> 1.2.3" -> ">1.2.3" ---- */

enum { MAX_LENGTH = 256, MAX_BUILD = MAX_LENGTH - 6 };

static bool
ident_char(int ch)
{
	return c_alnum(ch) || ch == '-';
}

static bool
version_prefix(int ch)
{
	return ch == 'v' || ch == '=' || ws(ch);
}

static bool
version_start(int ch)
{
	return c_digit(ch) || ch == 'x' || ch == 'X' || ch == '*';
}

static size_t
digits_end(struct str s, size_t start, size_t limit)
{
	size_t end = start;

	while (c_digit(at(s, end)) && end < s.len)
		end++;
	return end - start > limit ? start + limit : end;
}

static size_t
number_end(struct str s, size_t start, bool loose)
{
	if (!loose && at(s, start) == '0')
		return start + 1;
	return digits_end(s, start, loose ? MAX_LENGTH : MAX_LENGTH + 1);
}

static size_t
pre_ident_end(struct str s, size_t start, bool loose)
{
	size_t d = digits_end(s, start, MAX_LENGTH), end, limit;

	if (c_alpha(at(s, d)) || at(s, d) == '-') {
		end = d + 1;
		limit = end + MAX_BUILD;
		while (end < limit && ident_char(at(s, end)))
			end++;
		return end;
	}
	return number_end(s, start, loose);
}

static size_t
pre_end(struct str s, size_t start, bool loose)
{
	bool hyphen = at(s, start) == '-';
	size_t id = start + hyphen, end, next;

	if (!loose && !hyphen)
		return start;
	end = pre_ident_end(s, id, loose);
	if (end == id) {
		if (!loose || !hyphen)
			return start;
		end = pre_ident_end(s, start, loose);
	}
	while (at(s, end) == '.') {
		if ((next = pre_ident_end(s, end + 1, loose)) == end + 1)
			break;
		end = next;
	}
	return end;
}

static size_t
build_ident_end(struct str s, size_t start)
{
	size_t end = start;

	while (end - start < MAX_BUILD && ident_char(at(s, end)))
		end++;
	return end;
}

static size_t
build_end(struct str s, size_t start)
{
	size_t end, next;

	if (at(s, start) != '+')
		return start;
	if ((end = build_ident_end(s, start + 1)) == start + 1)
		return start;
	while (at(s, end) == '.') {
		if ((next = build_ident_end(s, end + 1)) == end + 1)
			break;
		end = next;
	}
	return end;
}

static size_t
loose_full_end(struct str s, size_t start)
{
	size_t end = start, next;

	for (int k = 0; k < 3; k++) {
		if ((next = number_end(s, end, true)) == end)
			return start;
		end = next;
		if (k < 2) {
			if (at(s, end) != '.')
				return start;
			end++;
		}
	}
	return build_end(s, pre_end(s, end, true));
}

static size_t
partial_part_end(struct str s, size_t start)
{
	if (c_digit(at(s, start)))
		return number_end(s, start, false);
	return version_start(at(s, start)) ? start + 1 : start;
}

static size_t
partial_end(struct str s, size_t start)
{
	size_t end = partial_part_end(s, start), next;

	for (int k = 0; k < 2; k++) {
		if (at(s, end) != '.')
			return end;
		if ((next = partial_part_end(s, end + 1)) == end + 1)
			return end;
		end = next;
	}
	return build_end(s, pre_end(s, end, false));
}

static size_t
version_end(struct str s, size_t start)
{
	size_t full = loose_full_end(s, start);

	return full != start ? full : partial_end(s, start);
}

/* The white space after an operator that node-semver removes, or -1. */
static ssize_t
removable_space(struct str s, size_t pos)
{
	if (ws(at(s, pos)))
		pos++;
	if (at(s, pos) == '<' || at(s, pos) == '>')
		pos++;
	if (at(s, pos) == '=')
		pos++;
	return ws(at(s, pos)) && pos < s.len ? (ssize_t)pos : -1;
}

static struct str
trim_comparator_ws(struct ctx *c, struct str s)
{
	struct str out = STR("");
	size_t cur = 0, copy_from = 0;

	while (cur < s.len) {
		size_t start = cur;
		ssize_t w;

		if (s.p[cur] == '<' || s.p[cur] == '>') {
			cur++;
		} else if (!version_prefix(s.p[cur]) &&
		    !version_start(s.p[cur])) {
			cur++;
			continue;
		}
		while (cur < s.len && version_prefix(s.p[cur]))
			cur++;
		if (!version_start(at(s, cur)) || cur >= s.len)
			continue;
		if ((w = removable_space(s, start)) >= 0) {
			out = cat3(c, out,
			    str_sub(s, copy_from, (size_t)w - copy_from),
			    STR(""));
			copy_from = (size_t)w + 1;
		}
		cur = version_end(s, cur);
	}
	return cat3(c, out, str_sub(s, copy_from, s.len), STR(""));
}

/* ---- comparators and sets ---- */

/* new Comparator(text): false when node-semver would throw. */
static bool
comparator(struct ctx *c, struct str text, struct comp *out)
{
	struct str *w, g[3];
	struct ward_err err;
	size_t n = split(c, trim(text), 0, &w);

	text = join(c, w, n);
	if (!re_match(re[P_COMPARATOR], text, 0, g, 3))
		return false;
	*out = (struct comp){.op = ""};
	if (g[2].p == NULL) {
		out->any = true;
		return true;
	}
	if (g[1].len && !str_eq(g[1], STR("=")))
		out->op = arena_strz(c->a, g[1]);
	if (npm_parse(g[2], &out->v, &err) < 0)
		return false;
	out->null_set = strcmp(out->op, "<") == 0 &&
	    str_eq(out->v.major, STR("0")) && str_eq(out->v.minor, STR("0")) &&
	    str_eq(out->v.patch, STR("0")) && str_eq(out->v.pre, STR("0"));
	return true;
}

/* Range.parseRange: one "||" alternative into comparators. */
static size_t
parse_range(struct ctx *c, struct str r, struct comp **out)
{
	struct str *parts, *words, joined;
	size_t n, nw;

	r = replace(c, P_BUILDSTRIP, r, true, r_empty);
	r = replace(c, P_HYPHEN, r, false, r_hyphen);
	r = trim_comparator_ws(c, r);
	r = replace(c, P_TILDETRIM, r, true, r_tilde_trim);
	r = replace(c, P_CARETTRIM, r, true, r_caret_trim);
	n = split(c, r, ' ', &parts);
	for (size_t i = 0; i < n; i++)
		parts[i] = parse_comparator(c, parts[i]);
	joined = join(c, parts, n);
	nw = split(c, joined, 0, &words);
	*out = arena_calloc(c->a, nw, sizeof(**out));
	for (size_t i = 0; i < nw; i++) {
		words[i] = replace(c, P_GTE0, trim(words[i]), false, r_empty);
		if (!comparator(c, words[i], &(*out)[i]))
			c->bad = true;
	}
	return nw;
}

static bool
comp_test(const struct comp *k, const struct semver *v)
{
	int r;

	if (k->any)
		return true;
	r = semver_cmp(v, &k->v);
	if (k->op[0] == '\0')
		return r == 0;
	if (k->op[0] == '<')
		return k->op[1] == '=' ? r <= 0 : r < 0;
	return k->op[1] == '=' ? r >= 0 : r > 0;
}

static bool
test_set(const struct comp *set, size_t n, const struct semver *v)
{
	for (size_t i = 0; i < n; i++)
		if (!comp_test(&set[i], v))
			return false;
	if (v->pre.len == 0)
		return true;
	/* A prerelease needs a comparator with a prerelease on its tuple. */
	for (size_t i = 0; i < n; i++) {
		const struct semver *a = &set[i].v;

		if (set[i].any || a->pre.len == 0)
			continue;
		if (numcmp(a->major, v->major) == 0 &&
		    numcmp(a->minor, v->minor) == 0 &&
		    numcmp(a->patch, v->patch) == 0)
			return true;
	}
	return false;
}

static bool
is_null_set(const struct comp *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (set[i].null_set)
			return true;
	return false;
}

static bool
is_any_set(const struct comp *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!set[i].any)
			return false;
	return true;
}

/* Range's constructor: white space runs become one space. */
static struct str
raw_range(struct ctx *c, struct str s)
{
	char *p = arena_alloc(c->a, s.len + 1);
	size_t n = 0, w;

	s = npm_trim(s);
	for (size_t i = 0; i < s.len;) {
		if ((w = npm_space_len(s, i)) > 0) {
			if (n == 0 || p[n - 1] != ' ')
				p[n++] = ' ';
			i += w;
			continue;
		}
		p[n++] = s.p[i++];
	}
	return (struct str){p, n};
}

/* Split at each "||", as JavaScript's split("||"). */
static size_t
split_or(struct ctx *c, struct str s, struct str **out)
{
	size_t n = 1, k = 0, start = 0;

	for (size_t i = 0; i + 1 < s.len; i++)
		if (s.p[i] == '|' && s.p[i + 1] == '|')
			n++, i++;
	*out = arena_calloc(c->a, n, sizeof(**out));
	for (size_t i = 0; i + 1 < s.len; i++) {
		if (s.p[i] == '|' && s.p[i + 1] == '|') {
			(*out)[k++] = str_sub(s, start, i - start);
			start = i + 2;
			i++;
		}
	}
	(*out)[k++] = str_sub(s, start, s.len);
	return k;
}

static bool
range_test(struct ctx *c, struct str range, const struct semver *v)
{
	struct str *alts;
	struct comp **sets;
	size_t *lens, n = split_or(c, raw_range(c, range), &alts), live = 0;
	bool any = false, ok = false;

	sets = arena_calloc(c->a, n, sizeof(*sets));
	lens = arena_calloc(c->a, n, sizeof(*lens));
	for (size_t i = 0; i < n; i++) {
		lens[i] = parse_range(c, trim(alts[i]), &sets[i]);
		if (c->bad)
			return false;
	}
	if (n == 1)
		return !is_null_set(sets[0], lens[0]) &&
		    test_set(sets[0], lens[0], v);
	/* Null sets drop out; then a lone "*" set stands for the range. */
	for (size_t i = 0; i < n; i++) {
		if (is_null_set(sets[i], lens[i]))
			continue;
		live++;
		any |= is_any_set(sets[i], lens[i]);
		ok |= test_set(sets[i], lens[i], v);
	}
	if (live > 1 && any)
		return v->pre.len == 0;
	return ok;
}

int
vercmp_npm_satisfies(
    struct str version, struct str range, bool *out, struct ward_err *err)
{
	struct ctx c = {0};
	struct semver v;
	struct ward_err ignored;

	if (range.len > VERCMP_RANGE_MAX)
		return err_set(err, EINVAL,
		    "npm: range is longer than %d bytes", VERCMP_RANGE_MAX);
	if (memchr(range.p ? range.p : "", '\0', range.len))
		return err_set(err, EINVAL, "npm: range contains a NUL byte");
	if (npm_parse(version, &v, &ignored) < 0) {
		*out = false;
		return 0;
	}
	pthread_once(&re_once, re_init);
	c.a = arena_new();
	*out = range_test(&c, range, &v);
	arena_free(c.a);
	return 0;
}
