/*
 * Alpine versions, ordered as apk-tools 2 orders them (Gentoo-style):
 * digits separated by dots, an optional lower-case letter, any number of
 * suffixes (_alpha _beta _pre _rc before the release, _cvs _svn _git _hg
 * _p after it, each with an optional number), and -rN. A dotted component
 * with leading zeros compares by its zeros first (1.01 < 1.1, 1.001 <
 * 1.01), as apk does. The tokenizer follows apk-tools' state machine, so a
 * version apk would call invalid is an error here, with the rule named.
 * Unlike apk-tools, whose numbers are C ints, numbers of any length
 * compare correctly. Input is untrusted.
 */

#include <errno.h>
#include <stdint.h>

#include "vercmp_internal.h"
#include "ward/err.h"
#include "ward/vercmp.h"

enum {
	T_INVALID = -1,
	T_DIGIT_OR_ZERO,
	T_DIGIT,
	T_LETTER,
	T_SUFFIX,
	T_SUFFIX_NO,
	T_REVISION_NO,
	T_END,
};

/* A token's value: a signed number of any length. */
struct val {
	bool neg;
	struct str mag; /* digits */
	char small[24];
};

struct cursor {
	struct str s;
	size_t i;
	int type;
	const char *why; /* set when the type becomes T_INVALID */
};

static const char *const pre_suffixes[] = {"alpha", "beta", "pre", "rc"};
static const char *const post_suffixes[] = {"cvs", "svn", "git", "hg", "p"};

static void
set_small(struct val *v, int64_t n)
{
	uint64_t m = n < 0 ? (uint64_t)-n : (uint64_t)n;
	size_t k = sizeof(v->small);

	v->neg = n < 0;
	do {
		v->small[--k] = (char)('0' + m % 10);
		m /= 10;
	} while (m && k > 0);
	v->mag = (struct str){v->small + k, sizeof(v->small) - k};
}

static void
next_token(struct cursor *c)
{
	int n = T_INVALID, ch = at(c->s, c->i), t = c->type;

	if (c->i >= c->s.len || ch == 0) {
		n = T_END;
	} else if ((t == T_DIGIT || t == T_DIGIT_OR_ZERO) && ch >= 'a' &&
	    ch <= 'z') {
		n = T_LETTER;
	} else if (t == T_LETTER && c_digit(ch)) {
		n = T_DIGIT;
	} else if (t == T_SUFFIX && c_digit(ch)) {
		n = T_SUFFIX_NO;
	} else {
		if (ch == '.')
			n = T_DIGIT_OR_ZERO;
		else if (ch == '_')
			n = T_SUFFIX;
		else if (ch == '-' && at(c->s, c->i + 1) == 'r' &&
		    c->i + 1 < c->s.len) {
			n = T_REVISION_NO;
			c->i++;
		}
		if (n == T_INVALID)
			c->why = ch == '-' ? "has a '-' not followed by 'r' "
					     "and a revision number"
					   : "has a character apk-tools does "
					     "not allow there";
		c->i++;
	}
	if (n < t && n != T_INVALID &&
	    !((n == T_DIGIT_OR_ZERO && t == T_DIGIT) ||
		(n == T_SUFFIX && t == T_SUFFIX_NO) ||
		(n == T_DIGIT && t == T_LETTER))) {
		n = T_INVALID;
		c->why = "has its parts out of order (digits, letter, "
			 "_suffix, -rN)";
	}
	c->type = n;
}

static int
suffix_value(struct cursor *c, size_t *len)
{
	struct str rest = str_sub(c->s, c->i, c->s.len);

	for (size_t k = 0; k < 4; k++)
		if (str_starts_with(rest, str_from(pre_suffixes[k]))) {
			*len = strlen(pre_suffixes[k]);
			return (int)k - 4;
		}
	for (size_t k = 0; k < 5; k++)
		if (str_starts_with(rest, str_from(post_suffixes[k]))) {
			*len = strlen(post_suffixes[k]);
			return (int)k;
		}
	return INT32_MIN;
}

/* apk-tools' get_token: read one value and move to the next type. */
static void
get_token(struct cursor *c, struct val *v)
{
	size_t i = c->i, n = 0;
	bool zeros = false;
	int sv;

	set_small(v, 0);
	if (c->i >= c->s.len) {
		c->type = T_END;
		return;
	}
	switch (c->type) {
	case T_DIGIT_OR_ZERO:
		if (at(c->s, i) == '0') {
			while (at(c->s, i + n) == '0' && i + n < c->s.len)
				n++;
			/* Leading zeros: the value is minus their count. */
			set_small(v, -(int64_t)n);
			zeros = true;
			break;
		}
		/* fall through */
	case T_DIGIT:
	case T_SUFFIX_NO:
	case T_REVISION_NO:
		while (i + n < c->s.len && c_digit(c->s.p[i + n]))
			n++;
		v->mag = str_sub(c->s, i, n);
		break;
	case T_LETTER:
		set_small(v, (unsigned char)c->s.p[i]);
		n = 1;
		break;
	case T_SUFFIX:
		if ((sv = suffix_value(c, &n)) != INT32_MIN) {
			set_small(v, sv);
			break;
		}
		/* fall through */
	default:
		c->why = "has an unknown suffix (apk knows _alpha _beta _pre "
			 "_rc _cvs _svn _git _hg _p)";
		c->type = T_INVALID;
		return;
	}
	c->i += n;
	if (c->i >= c->s.len)
		c->type = T_END;
	else if (zeros)
		c->type = T_DIGIT;
	else
		next_token(c);
}

static int
val_cmp(const struct val *a, const struct val *b)
{
	int r;

	if (a->neg != b->neg)
		return a->neg ? -1 : 1;
	r = numcmp(a->mag, b->mag);
	return a->neg ? -r : r;
}

static int
validate(struct str v, struct ward_err *err)
{
	struct cursor c = {.s = v, .type = T_DIGIT};
	struct val x;
	int r;

	if ((r = vc_common("apk", v, err)) < 0)
		return r;
	while (c.type != T_END && c.type != T_INVALID)
		get_token(&c, &x);
	if (c.type == T_INVALID)
		return vc_invalid(err, "apk", v, "%s", c.why);
	return 0;
}

/* Whether the suffix at the cursor is a pre-release one. */
static bool
pre_suffix(struct cursor c)
{
	struct val v;

	get_token(&c, &v);
	return v.neg;
}

static void
skip_empty_digits(struct cursor *c)
{
	struct val v;

	if (c->type == T_DIGIT && !c_digit(at(c->s, c->i)))
		get_token(c, &v);
}

int
vercmp_apk(struct str a, struct str b, int *out, struct ward_err *err)
{
	struct cursor x = {.s = a, .type = T_DIGIT};
	struct cursor y = {.s = b, .type = T_DIGIT};
	struct val av, bv;
	int r;

	if ((r = validate(a, err)) < 0 || (r = validate(b, err)) < 0)
		return r;
	set_small(&av, 0);
	set_small(&bv, 0);
	while (x.type == y.type && x.type != T_END && x.type != T_INVALID &&
	    val_cmp(&av, &bv) == 0) {
		get_token(&x, &av);
		get_token(&y, &bv);
	}
	if ((r = val_cmp(&av, &bv)) != 0 || x.type == y.type) {
		*out = r;
		return 0;
	}
	/*
	 * Equal so far: the longer one is newer unless it goes on with a
	 * pre-release suffix. After a zero component ("1.0_rc1") apk-tools 2
	 * leaves an empty digit token before the suffix and so ranks 1.0_rc1
	 * above 1.0; ward skips that token, so the suffix decides, as
	 * apk-tools documents (docs/version-ordering.md).
	 */
	skip_empty_digits(&x);
	skip_empty_digits(&y);
	if (x.type == T_SUFFIX && pre_suffix(x))
		r = -1;
	else if (y.type == T_SUFFIX && pre_suffix(y))
		r = 1;
	else
		r = x.type > y.type ? -1 : (y.type > x.type ? 1 : 0);
	*out = r;
	return 0;
}
