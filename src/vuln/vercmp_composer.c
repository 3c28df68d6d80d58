/*
 * Composer (Packagist) versions: normalised as composer/semver's
 * VersionParser::normalize does (1.2 -> 1.2.0.0, 1.0-b2 -> 1.0.0.0-beta2,
 * date versions, "-dev" suffixes, 1.x-dev branches, aliases and @stability
 * flags stripped), then ordered by PHP's version_compare(), which puts
 * dev < alpha < beta < RC < (release) < patch. Named branches (dev-main)
 * have no order, so they are an error here, as they never match a
 * constraint in Composer. The normaliser's regular expressions are
 * Composer's own (re.c). Numbers compare at any length, where PHP's
 * would saturate at LONG_MAX. Input is untrusted.
 */

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "vercmp_internal.h"
#include "re.h"
#include "ward/buf.h"
#include "ward/err.h"
#include "ward/vercmp.h"

#define MODIFIER                                                               \
	"[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?("  \
	"[.-]?dev)?"

enum { C_ALIAS, C_FLAG, C_BUILD, C_CLASSIC, C_DATE, C_DEV, C_BRANCH, C_N };

static const char *const patterns[C_N] = {
    [C_ALIAS] = "^([^,\\s]++) ++as ++([^,\\s]++)$",
    [C_FLAG] = "@(?:stable|RC|beta|alpha|dev)$",
    [C_BUILD] = "^([^,\\s+]++)\\+[^\\s]++$",
    [C_CLASSIC] =
	"^v?(\\d{1,5}+)(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" MODIFIER "$",
    [C_DATE] =
	"^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})" MODIFIER "$",
    [C_DEV] = "(.*?)[.-]?dev$",
    [C_BRANCH] = ("^v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:"
		  "\\d++|[xX*]))?$"),
};

static struct re *re[C_N];
static pthread_once_t re_once = PTHREAD_ONCE_INIT;

static void
re_init(void)
{
	for (int i = 0; i < C_N; i++)
		re[i] = re_compile(patterns[i], RE_CASELESS);
}

static bool
php_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' ||
	    c == '\v';
}

static const char *
expand_stability(struct str s)
{
	if (str_case_eq_lit(s, "a"))
		return "alpha";
	if (str_case_eq_lit(s, "b"))
		return "beta";
	if (str_case_eq_lit(s, "p") || str_case_eq_lit(s, "pl"))
		return "patch";
	if (str_case_eq_lit(s, "rc"))
		return "RC";
	return NULL; /* the lower-cased word itself */
}

static void
put_lower(struct buf *b, struct str s)
{
	for (size_t i = 0; i < s.len; i++)
		(void)buf_putc(b, (char)c_lower((unsigned char)s.p[i]));
}

/* The stability modifiers in groups g[i], g[i+1], g[i+2]. */
static void
modifiers(struct buf *b, const struct str *g)
{
	if (g[0].len) {
		const char *word = expand_stability(g[0]);
		struct str n = g[1];

		if (str_eq(g[0], STR("stable")))
			return;
		(void)buf_putc(b, '-');
		if (word)
			(void)buf_puts(b, word);
		else
			put_lower(b, g[0]);
		while (n.len && (n.p[0] == '.' || n.p[0] == '-'))
			n = str_sub(n, 1, n.len);
		(void)buf_append_str(b, n);
	}
	if (g[2].len)
		(void)buf_puts(b, "-dev");
}

/* VersionParser::normalizeBranch, for "1.x-dev" style versions. */
static bool
branch(struct str name, struct buf *b)
{
	struct str g[5];

	if (!re_match(re[C_BRANCH], name, 0, g, 5))
		return false;
	(void)buf_append_str(b, g[1]);
	for (int i = 2; i < 5; i++) {
		if (!g[i].p) {
			(void)buf_puts(b, ".9999999");
			continue;
		}
		for (size_t k = 0; k < g[i].len; k++) {
			int ch = g[i].p[k];

			if (ch == 'x' || ch == 'X' || ch == '*')
				(void)buf_puts(b, "9999999");
			else
				(void)buf_putc(b, (char)ch);
		}
	}
	(void)buf_puts(b, "-dev");
	return true;
}

static const char *
normalize(struct str v, struct buf *b)
{
	struct str g[9];

	while (v.len && php_space(v.p[0]))
		v = str_sub(v, 1, v.len);
	while (v.len && php_space(v.p[v.len - 1]))
		v.len--;
	if (re_match(re[C_ALIAS], v, 0, g, 2))
		v = g[1];
	if (re_match(re[C_FLAG], v, 0, g, 1))
		v.len -= g[0].len;
	if (str_eq(v, STR("master")) || str_eq(v, STR("trunk")) ||
	    str_eq(v, STR("default")) ||
	    (v.len >= 4 && str_case_eq_lit(str_sub(v, 0, 4), "dev-")))
		return "is a named branch (dev-...), which has no order";
	if (re_match(re[C_BUILD], v, 0, g, 2))
		v = g[1];
	if (re_match(re[C_CLASSIC], v, 0, g, 8)) {
		(void)buf_append_str(b, g[1]);
		for (int i = 2; i <= 4; i++)
			(void)buf_append_str(b, g[i].len ? g[i] : STR(".0"));
		modifiers(b, &g[5]);
		return NULL;
	}
	if (re_match(re[C_DATE], v, 0, g, 5)) {
		for (size_t k = 0; k < g[1].len; k++)
			(void)buf_putc(b, c_digit(g[1].p[k]) ? g[1].p[k] : '.');
		modifiers(b, &g[2]);
		return NULL;
	}
	if (re_match(re[C_DEV], v, 0, g, 2) && branch(g[1], b))
		return NULL;
	return "is not a Composer version (MAJOR[.MINOR[.PATCH[.BUILD]]] "
	       "with an optional stability suffix, or a date)";
}

/* PHP's php_canonicalize_version: '.' between digit and non-digit runs. */
static void
canonicalize(const char *v, struct buf *b)
{
	char lp = *v;

	(void)buf_putc(b, *v++);
	for (; *v; lp = *v++) {
		char last = b->p[b->len - 1];
		bool d = c_digit(*v), ld = c_digit(lp);
		bool nd = !d && *v != '.', lnd = !ld && lp != '.';

		if (*v == '-' || *v == '_' || *v == '+') {
			if (last != '.')
				(void)buf_putc(b, '.');
		} else if ((lnd && d) || (ld && nd)) {
			if (last != '.')
				(void)buf_putc(b, '.');
			(void)buf_putc(b, *v);
		} else if (!c_alnum(*v)) {
			if (last != '.')
				(void)buf_putc(b, '.');
		} else {
			(void)buf_putc(b, *v);
		}
	}
}

static int
special_form(const char *s)
{
	static const struct {
		const char *name;
		int order;
	} forms[] = {{"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2},
	    {"RC", 3}, {"rc", 3}, {"#", 4}, {"pl", 5}, {"p", 5}};

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strncmp(s, forms[i].name, strlen(forms[i].name)) == 0)
			return forms[i].order;
	return -1;
}

static int
forms_cmp(const char *a, const char *b)
{
	return sign(special_form(a) - special_form(b));
}

static struct str
elem(const char *p)
{
	const char *dot = strchr(p, '.');

	return (struct str){p, dot ? (size_t)(dot - p) : strlen(p)};
}

static int php_version_compare(const char *a, const char *b);

static int
compare_canonical(const char *p1, const char *p2)
{
	bool more1 = true, more2 = true;
	int r = 0;

	while (*p1 && *p2 && more1 && more2) {
		struct str e1 = elem(p1), e2 = elem(p2);

		more1 = p1[e1.len] == '.';
		more2 = p2[e2.len] == '.';
		if (c_digit(*p1) && c_digit(*p2))
			r = numcmp(e1, e2);
		else if (!c_digit(*p1) && !c_digit(*p2))
			r = forms_cmp(p1, p2);
		else
			r = c_digit(*p1) ? forms_cmp("#N#", p2)
					 : forms_cmp(p1, "#N#");
		if (r)
			return r;
		p1 += e1.len + more1;
		p2 += e2.len + more2;
	}
	if (more1)
		return c_digit(*p1) ? 1 : php_version_compare(p1, "#N#");
	if (more2)
		return c_digit(*p2) ? -1 : php_version_compare("#N#", p2);
	return 0;
}

static int
php_version_compare(const char *a, const char *b)
{
	struct buf ca, cb;
	int r;

	if (!*a || !*b)
		return *a == *b ? 0 : (*a ? 1 : -1);
	buf_init(&ca, 4 * VERCMP_VERSION_MAX + 64);
	buf_init(&cb, 4 * VERCMP_VERSION_MAX + 64);
	if (a[0] == '#')
		(void)buf_puts(&ca, a);
	else
		canonicalize(a, &ca);
	if (b[0] == '#')
		(void)buf_puts(&cb, b);
	else
		canonicalize(b, &cb);
	r = compare_canonical(buf_cstr(&ca), buf_cstr(&cb));
	buf_fini(&ca);
	buf_fini(&cb);
	return r;
}

static int
parse(struct str v, struct buf *b, struct ward_err *err)
{
	const char *why;
	int r;

	if ((r = vc_common("composer", v, err)) < 0)
		return r;
	if ((why = normalize(v, b)) != NULL)
		return vc_invalid(err, "composer", v, "%s", why);
	return 0;
}

int
vercmp_composer(struct str a, struct str b, int *out, struct ward_err *err)
{
	struct buf na, nb;
	int r;

	pthread_once(&re_once, re_init);
	buf_init(&na, 2 * VERCMP_VERSION_MAX + 64);
	buf_init(&nb, 2 * VERCMP_VERSION_MAX + 64);
	if ((r = parse(a, &na, err)) == 0 && (r = parse(b, &nb, err)) == 0)
		*out = php_version_compare(buf_cstr(&na), buf_cstr(&nb));
	buf_fini(&na);
	buf_fini(&nb);
	return r;
}
