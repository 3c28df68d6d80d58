/*
 * Debian version ordering, as dpkg defines it: [epoch:]upstream[-revision],
 * the epoch compared as a number, then upstream and revision each by
 * dpkg's verrevcmp (letters sort before other symbols, '~' before
 * everything including the end of the string, runs of digits compare as
 * numbers of any length). Validation follows dpkg's parseversion: its
 * hard errors are ours, its warnings (bad characters, no leading digit)
 * are accepted, as 'dpkg --compare-versions' accepts them. The input is
 * untrusted and may be any bytes; nothing here reads past a view.
 */

#include <errno.h>
#include <limits.h>
#include <stdint.h>

#include "vercmp_internal.h"
#include "ward/err.h"
#include "ward/vercmp.h"

struct dpkg_ver {
	int64_t epoch;
	struct str upstream, revision;
};

static bool
blank(int c)
{
	return c == ' ' || c == '\t';
}

/*
 * dpkg's character order: '~' first, then the end of the string (and
 * digits, which never meet a letter here), letters, then everything else.
 * A table, since this is the inner loop of every comparison.
 */
#define O(c)                                                                   \
	((c) == 0 || ((c) >= '0' && (c) <= '9') ? 0                            \
		: ((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z')     \
		? (c)                                                          \
		: (c) == '~' ? -1                                              \
		: (c) < 128  ? (c) + 256                                       \
			     : (c))
#define T4(n) O(n), O((n) + 1), O((n) + 2), O((n) + 3)
#define T16(n) T4(n), T4((n) + 4), T4((n) + 8), T4((n) + 12)
#define T64(n) T16(n), T16((n) + 16), T16((n) + 32), T16((n) + 48)
/* Bytes above 127 are negative chars in dpkg: c - 256 + 256 == c. */
static const short order_tab[256] = {T64(0), T64(64), T64(128), T64(192)};

#define ORD(p, e) ((p) < (e) ? order_tab[(unsigned char)*(p)] : 0)
#define DIG(p, e) ((p) < (e) && c_digit(*(p)))

/* dpkg's verrevcmp over [a, ae) and [b, be). */
static int
verrevcmp(const char *a, const char *ae, const char *b, const char *be)
{
	while (a < ae || b < be) {
		int first_diff = 0;

		while ((a < ae && !c_digit(*a)) || (b < be && !c_digit(*b))) {
			int ac = ORD(a, ae), bc = ORD(b, be);

			if (ac != bc)
				return ac < bc ? -1 : 1;
			a++;
			b++;
		}
		while (a < ae && *a == '0')
			a++;
		while (b < be && *b == '0')
			b++;
		while (DIG(a, ae) && DIG(b, be)) {
			if (!first_diff)
				first_diff = *a - *b;
			a++;
			b++;
		}
		if (DIG(a, ae))
			return 1;
		if (DIG(b, be))
			return -1;
		if (first_diff)
			return first_diff < 0 ? -1 : 1;
	}
	return 0;
}

/* The epoch as C's strtol reads it, with dpkg's checks. */
static int
parse_epoch(struct str v, struct str e, int64_t *out, struct ward_err *err)
{
	size_t i = 0, digits = 0;
	bool neg = false, nonzero = false;
	int64_t n = 0;

	while (
	    i < e.len && (e.p[i] == ' ' || (e.p[i] >= '\t' && e.p[i] <= '\r')))
		i++;
	if (i < e.len && (e.p[i] == '+' || e.p[i] == '-'))
		neg = e.p[i++] == '-';
	for (; i < e.len && c_digit(e.p[i]); i++, digits++) {
		nonzero |= e.p[i] != '0';
		if (n <= INT_MAX)
			n = n * 10 + (e.p[i] - '0');
	}
	if (digits == 0)
		return vc_invalid(err, "dpkg", v, "has an empty epoch");
	if (i != e.len)
		return vc_invalid(err, "dpkg", v,
		    "has an epoch that is not a "
		    "number");
	if (neg && nonzero)
		return vc_invalid(err, "dpkg", v, "has a negative epoch");
	if (n > INT_MAX)
		return vc_invalid(err, "dpkg", v,
		    "has an epoch that is too "
		    "big (over %d)",
		    INT_MAX);
	*out = n;
	return 0;
}

/* Bytes the parser looks for: NUL, blanks, ':' and '-'. */
static bool
special(unsigned char c)
{
	return c <= ':' &&
	    (c == 0 || c == ' ' || c == '\t' || c == ':' || c == '-');
}

static int
parse(struct str v, struct dpkg_ver *out, struct ward_err *err)
{
	const char *p = v.p, *e = v.p + v.len, *colon = NULL, *hyphen = NULL;
	int r;

	if (v.len > VERCMP_VERSION_MAX)
		return vc_common("dpkg", v, err);
	while (p < e && blank(*p))
		p++;
	while (e > p && blank(e[-1]))
		e--;
	if (p == e)
		return vc_common("dpkg", v, err) < 0
		    ? -EINVAL
		    : vc_invalid(err, "dpkg", v, "is empty");
	for (const char *q = p; q < e; q++) {
		if (!special((unsigned char)*q))
			continue;
		if (*q == '\0')
			return vc_common("dpkg", v, err);
		if (blank(*q))
			return vc_invalid(
			    err, "dpkg", v, "has embedded spaces");
		if (*q == ':' && !colon)
			colon = q;
		else if (*q == '-')
			hyphen = q;
	}
	out->epoch = 0;
	if (colon) {
		r = parse_epoch(
		    v, (struct str){p, (size_t)(colon - p)}, &out->epoch, err);
		if (r < 0)
			return r;
		p = colon + 1;
		if (p == e)
			return vc_invalid(err, "dpkg", v,
			    "has nothing after the epoch's colon");
	}
	out->upstream = (struct str){p, (size_t)(e - p)};
	out->revision = (struct str){e, 0};
	if (hyphen && hyphen >= p) {
		if (hyphen + 1 == e)
			return vc_invalid(err, "dpkg", v,
			    "has an empty revision after its last '-'");
		out->upstream.len = (size_t)(hyphen - p);
		out->revision =
		    (struct str){hyphen + 1, (size_t)(e - hyphen - 1)};
	}
	if (out->upstream.len == 0)
		return vc_invalid(err, "dpkg", v, "has an empty upstream part");
	return 0;
}

int
vercmp_dpkg(struct str a, struct str b, int *out, struct ward_err *err)
{
	struct dpkg_ver x, y;
	int r;

	if ((r = parse(a, &x, err)) < 0 || (r = parse(b, &y, err)) < 0)
		return r;
	if (str_eq(a, b))
		r = 0; /* the same text, now known to be valid */
	else if (x.epoch != y.epoch)
		r = x.epoch < y.epoch ? -1 : 1;
	else if ((r = verrevcmp(x.upstream.p, x.upstream.p + x.upstream.len,
		      y.upstream.p, y.upstream.p + y.upstream.len)) == 0)
		r = verrevcmp(x.revision.p, x.revision.p + x.revision.len,
		    y.revision.p, y.revision.p + y.revision.len);
	*out = r;
	return 0;
}
