/*
 * Python versions by PEP 440, as python-packaging's Version orders them:
 * [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], with the spellings
 * packaging normalises (alpha, beta, c, pre, preview, rev, r, "-N" for a
 * post-release, optional separators and numbers, a leading 'v', white
 * space around, any case). Trailing zeros of the release do not count;
 * a dev release of a plain version sorts before its pre-releases; a local
 * version sorts after its public one, numeric local segments after
 * alphanumeric ones. The parser tries the alternatives in the order of
 * packaging's regular expression, so the same text gets the same
 * meaning. Input is untrusted; numbers may have any length.
 */

#include <errno.h>

#include "vercmp_internal.h"
#include "pep440.h"
#include "ward/err.h"
#include "ward/vercmp.h"

static const struct {
	const char *word;
	int kind;
} pre_words[] = {
    {"a", PRE_A},
    {"b", PRE_B},
    {"c", PRE_RC},
    {"rc", PRE_RC},
    {"alpha", PRE_A},
    {"beta", PRE_B},
    {"pre", PRE_RC},
    {"preview", PRE_RC},
};

static const char *const post_words[] = {"post", "rev", "r"};

bool
pep440_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

static bool
is_sep(int c)
{
	return c == '-' || c == '_' || c == '.';
}

/* Length of 'word' at s[i], ignoring case, or 0. */
static size_t
word_at(struct str s, size_t i, const char *word)
{
	size_t n = strlen(word);

	if (i + n > s.len)
		return 0;
	return bytecasecmp(str_sub(s, i, n), (struct str){word, n}) == 0 ? n
									 : 0;
}

static size_t
digits_at(struct str s, size_t i)
{
	size_t j = i;

	while (c_digit(at(s, j)))
		j++;
	return j - i;
}

static bool m_post(struct str s, size_t i, struct pep440 *v, int flags);

static bool
m_end(struct str s, size_t i, struct pep440 *v, int flags)
{
	(void)v;
	(void)flags;
	while (pep440_space(at(s, i)) && i < s.len)
		i++;
	return i == s.len;
}

static bool
m_local(struct str s, size_t i, struct pep440 *v, int flags)
{
	size_t j;

	v->local = STR_NULL;
	if ((flags & PEP440_LOCAL) && at(s, i) == '+' &&
	    c_alnum(at(s, i + 1))) {
		j = i + 1;
		for (;;) {
			while (c_alnum(at(s, j)))
				j++;
			if (!is_sep(at(s, j)) || !c_alnum(at(s, j + 1)))
				break;
			j++;
		}
		v->local = str_sub(s, i + 1, j - i - 1);
		if (m_end(s, j, v, flags))
			return true;
		v->local = STR_NULL;
	}
	return m_end(s, i, v, flags);
}

/* [-_.]? WORD [-_.]? N? then 'next'; tries what the regex tries first. */
static bool
m_tagged(struct str s, size_t i, const char *word, struct str *num,
    bool (*next)(struct str, size_t, struct pep440 *, int), struct pep440 *v,
    int flags)
{
	for (int sep1 = 1; sep1 >= 0; sep1--) {
		size_t j = i, n;

		if (sep1 && !is_sep(at(s, j)))
			continue;
		j += (size_t)sep1;
		if ((n = word_at(s, j, word)) == 0)
			continue;
		j += n;
		for (int sep2 = 1; sep2 >= 0; sep2--) {
			size_t k = j, d;

			if (sep2 && !is_sep(at(s, k)))
				continue;
			k += (size_t)sep2;
			d = digits_at(s, k);
			*num = str_sub(s, k, d);
			if (next(s, k + d, v, flags))
				return true;
			if (d) {
				*num = STR_NULL;
				if (next(s, k, v, flags))
					return true;
			}
		}
	}
	return false;
}

static bool
m_dev(struct str s, size_t i, struct pep440 *v, int flags)
{
	v->dev = true;
	if (m_tagged(s, i, "dev", &v->dev_n, m_local, v, flags))
		return true;
	v->dev = false;
	v->dev_n = STR_NULL;
	return m_local(s, i, v, flags);
}

static bool
m_post(struct str s, size_t i, struct pep440 *v, int flags)
{
	size_t d;

	v->post = true;
	if (at(s, i) == '-' && (d = digits_at(s, i + 1)) > 0) {
		v->post_n = str_sub(s, i + 1, d);
		if (m_dev(s, i + 1 + d, v, flags))
			return true;
	}
	for (size_t w = 0; w < sizeof(post_words) / sizeof(post_words[0]); w++)
		if (m_tagged(s, i, post_words[w], &v->post_n, m_dev, v, flags))
			return true;
	v->post = false;
	v->post_n = STR_NULL;
	return m_dev(s, i, v, flags);
}

static bool
m_pre(struct str s, size_t i, struct pep440 *v, int flags)
{
	for (size_t w = 0; w < sizeof(pre_words) / sizeof(pre_words[0]); w++) {
		v->pre = pre_words[w].kind;
		if (m_tagged(
			s, i, pre_words[w].word, &v->pre_n, m_post, v, flags))
			return true;
	}
	v->pre = PRE_NONE;
	v->pre_n = STR_NULL;
	return m_post(s, i, v, flags);
}

/*
 * The separators tried first by the regex come first here too, but a word
 * is tried with and without a separator before the next word: the regex
 * puts the separator outside the alternation, so for one start position
 * the order is the same, and two different words never match at once.
 */
const char *
pep440_parse(struct str s, int flags, struct pep440 *v)
{
	size_t i = 0, d;

	*v = (struct pep440){.pre = PRE_NONE};
	while (i < s.len && pep440_space(s.p[i]))
		i++;
	if (at(s, i) == 'v' || at(s, i) == 'V')
		i++;
	d = digits_at(s, i);
	if (d && at(s, i + d) == '!') {
		v->epoch = str_sub(s, i, d);
		i += d + 1;
	}
	if ((d = digits_at(s, i)) == 0)
		return "has no release number";
	v->release = str_sub(s, i, d);
	i += d;
	v->nrelease = 1;
	while (at(s, i) == '.' && (d = digits_at(s, i + 1)) > 0) {
		i += d + 1;
		v->release.len += d + 1;
		v->nrelease++;
	}
	if ((flags & PEP440_WILDCARD) && at(s, i) == '.' &&
	    at(s, i + 1) == '*' && m_end(s, i + 2, v, flags)) {
		v->wildcard = true;
		return NULL;
	}
	if (!m_pre(s, i, v, flags))
		return "is not a PEP 440 version "
		       "([N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local])";
	return NULL;
}

/* The next release number of 'rel' at *pos, or "0" past the end. */
static struct str
next_num(struct str rel, size_t *pos)
{
	size_t start = *pos;

	if (start >= rel.len)
		return STR("0");
	while (*pos < rel.len && rel.p[*pos] != '.')
		(*pos)++;
	struct str n = str_sub(rel, start, *pos - start);
	(*pos)++;
	return n;
}

int
pep440_release_cmp(struct str a, struct str b)
{
	size_t i = 0, j = 0;

	while (i < a.len || j < b.len) {
		int r = numcmp(next_num(a, &i), next_num(b, &j));

		if (r)
			return r;
	}
	return 0;
}

/* The pre-release key: -1 for a bare dev release, 1 for none. */
static int
pre_cmp(const struct pep440 *a, const struct pep440 *b)
{
	int ka = a->pre != PRE_NONE ? 0 : (!a->post && a->dev ? -1 : 1);
	int kb = b->pre != PRE_NONE ? 0 : (!b->post && b->dev ? -1 : 1);

	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (ka != 0)
		return 0;
	if (a->pre != b->pre)
		return a->pre < b->pre ? -1 : 1;
	return numcmp(a->pre_n, b->pre_n);
}

static int
local_seg_cmp(struct str x, struct str y)
{
	bool xn = digits_at(x, 0) == x.len, yn = digits_at(y, 0) == y.len;

	if (xn && yn)
		return numcmp(x, y);
	if (xn != yn)
		return xn ? 1 : -1;
	return bytecasecmp(x, y);
}

static struct str
next_local(struct str *s, bool *more)
{
	size_t i = 0;
	struct str seg;

	while (i < s->len && !is_sep(s->p[i]))
		i++;
	seg = str_sub(*s, 0, i);
	*more = i < s->len;
	*s = str_sub(*s, i + 1, s->len);
	return seg;
}

static int
local_cmp(struct str a, struct str b)
{
	bool ma = a.len > 0, mb = b.len > 0;

	if (!ma || !mb)
		return ma == mb ? 0 : (ma ? 1 : -1);
	while (ma && mb) {
		struct str x = next_local(&a, &ma), y = next_local(&b, &mb);
		int r = local_seg_cmp(x, y);

		if (r)
			return r;
	}
	return ma == mb ? 0 : (ma ? 1 : -1);
}

int
pep440_cmp(const struct pep440 *a, const struct pep440 *b, bool public_only)
{
	int r;

	if ((r = numcmp(a->epoch, b->epoch)) != 0 ||
	    (r = pep440_release_cmp(a->release, b->release)) != 0 ||
	    (r = pre_cmp(a, b)) != 0)
		return r;
	if (a->post != b->post)
		return a->post ? 1 : -1;
	if ((r = numcmp(a->post_n, b->post_n)) != 0)
		return r;
	if (a->dev != b->dev)
		return a->dev ? -1 : 1;
	if ((r = numcmp(a->dev_n, b->dev_n)) != 0)
		return r;
	return public_only ? 0 : local_cmp(a->local, b->local);
}

int
pep440_parse_err(struct str s, struct pep440 *v, struct ward_err *err)
{
	const char *why;
	int r;

	if ((r = vc_common("pypi", s, err)) < 0)
		return r;
	if ((why = pep440_parse(s, PEP440_LOCAL, v)) != NULL)
		return vc_invalid(err, "pypi", s, "%s", why);
	return 0;
}

int
vercmp_pep440(struct str a, struct str b, int *out, struct ward_err *err)
{
	struct pep440 x, y;
	int r;

	if ((r = pep440_parse_err(a, &x, err)) < 0 ||
	    (r = pep440_parse_err(b, &y, err)) < 0)
		return r;
	*out = pep440_cmp(&x, &y, false);
	return 0;
}
