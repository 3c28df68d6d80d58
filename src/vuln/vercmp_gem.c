/*
 * RubyGems versions, ordered as Gem::Version: digits, then dot-separated
 * segments of letters and digits, then an optional -prerelease ('-'
 * reads as ".pre."). The version is cut into runs of digits and runs of
 * letters; trailing zero runs of the release part and of the prerelease
 * part are dropped; segments then compare pairwise, a missing one being
 * 0, numbers by value (any length), letters bytewise, and a letter run
 * before any number (so 1.0.a < 1.0). An empty or blank version is "0",
 * as in RubyGems. Input is untrusted.
 */

#include <errno.h>
#include <stdlib.h>

#include "vercmp_internal.h"
#include "ward/err.h"
#include "ward/mem.h"
#include "ward/vercmp.h"

static bool
rb_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool
seg_char(int c, bool pre)
{
	return c_alnum(c) || (pre && c == '-');
}

/* Dot-separated segments of seg_char from *i; false if one is empty. */
static bool
segments(struct str s, size_t *i, bool pre)
{
	for (;;) {
		size_t start = *i;

		while (seg_char(at(s, *i), pre) && *i < s.len)
			(*i)++;
		if (*i == start)
			return false;
		if (at(s, *i) != '.' || !seg_char(at(s, *i + 1), pre))
			return true;
		(*i)++;
	}
}

/* Gem::Version's ANCHORED_VERSION_PATTERN; returns the stripped text. */
static int
parse(struct str v, struct str *out, struct ward_err *err)
{
	struct str s = v;
	size_t i = 0;
	int r;

	if ((r = vc_common("gem", v, err)) < 0)
		return r;
	while (s.len && rb_space(s.p[0]))
		s = str_sub(s, 1, s.len);
	while (s.len && rb_space(s.p[s.len - 1]))
		s.len--;
	*out = s;
	if (s.len == 0)
		return 0;
	if (!c_digit(at(s, 0)))
		return vc_invalid(err, "gem", v, "does not start with a digit");
	while (c_digit(at(s, i)) && i < s.len)
		i++;
	if (at(s, i) == '.' && i + 1 < s.len && c_alnum(at(s, i + 1))) {
		i++;
		if (!segments(s, &i, false))
			return vc_invalid(
			    err, "gem", v, "has an empty segment");
	}
	if (at(s, i) == '-' && i < s.len) {
		i++;
		if (!segments(s, &i, true))
			return vc_invalid(
			    err, "gem", v, "has an empty prerelease segment");
	}
	if (i != s.len)
		return vc_invalid(err, "gem", v,
		    "is not digits and dot-separated letters and digits with "
		    "an "
		    "optional -prerelease");
	return 0;
}

struct seg {
	bool num;
	struct str text;
};

/* The next run of digits or letters at *i; each '-' reads as "pre". */
static bool
next_seg(struct str s, size_t *i, struct seg *out)
{
	size_t start;

	while (*i < s.len && !c_alnum(s.p[*i])) {
		if (s.p[(*i)++] == '-') {
			*out = (struct seg){false, STR("pre")};
			return true;
		}
	}
	if (*i >= s.len)
		return false;
	start = *i;
	out->num = c_digit(s.p[*i]);
	while (*i < s.len && c_alnum(s.p[*i]) && c_digit(s.p[*i]) == out->num)
		(*i)++;
	out->text = str_sub(s, start, *i - start);
	return true;
}

static bool
is_zero(const struct seg *x)
{
	return x->num && numcmp(x->text, STR("0")) == 0;
}

/*
 * Gem::Version#canonical_segments: the numbers before the first letter
 * run with trailing zeros dropped, then the rest likewise.
 */
static size_t
canonical(struct str s, struct seg *segs)
{
	size_t n = 0, i = 0, rel_end, keep, tail;

	while (next_seg(s, &i, &segs[n]))
		n++;
	for (rel_end = 0; rel_end < n && segs[rel_end].num; rel_end++)
		;
	for (keep = rel_end; keep > 0 && is_zero(&segs[keep - 1]); keep--)
		;
	for (tail = n; tail > rel_end && is_zero(&segs[tail - 1]); tail--)
		;
	for (size_t k = rel_end; k < tail; k++)
		segs[keep++] = segs[k];
	return keep;
}

static int
seg_cmp(const struct seg *a, const struct seg *b)
{
	static const struct seg zero = {true, {"0", 1}};

	if (!a)
		a = &zero;
	if (!b)
		b = &zero;
	if (a->num != b->num)
		return a->num ? 1 : -1;
	return a->num ? numcmp(a->text, b->text) : bytecmp(a->text, b->text);
}

int
vercmp_gem(struct str a, struct str b, int *out, struct ward_err *err)
{
	struct seg small[2][32], *sa = small[0], *sb = small[1];
	struct str x, y;
	size_t na, nb;
	int r = 0;

	if ((r = parse(a, &x, err)) < 0 || (r = parse(b, &y, err)) < 0)
		return r;
	/* A version of n bytes has at most n segments. */
	if (x.len >= 32)
		sa = xcalloc(x.len + 1, sizeof(*sa));
	if (y.len >= 32)
		sb = xcalloc(y.len + 1, sizeof(*sb));
	na = canonical(x, sa);
	nb = canonical(y, sb);
	for (size_t i = 0; r == 0 && (i < na || i < nb); i++)
		r = seg_cmp(i < na ? &sa[i] : NULL, i < nb ? &sb[i] : NULL);
	if (sa != small[0])
		free(sa);
	if (sb != small[1])
		free(sb);
	*out = r;
	return 0;
}
