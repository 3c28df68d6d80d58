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

#include "internal.h"
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

/* dpkg's character order: '~' first, then the end, letters, the rest. */
static int
order(int c)
{
	if (c_digit(c))
		return 0;
	if (c_alpha(c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return (int)(signed char)c + 256;
	return 0;
}

static int
verrevcmp(struct str a, struct str b)
{
	size_t i = 0, j = 0;

	while (i < a.len || j < b.len) {
		int first_diff = 0;

		while ((i < a.len && !c_digit(at(a, i))) ||
		    (j < b.len && !c_digit(at(b, j)))) {
			int ac = order(at(a, i)), bc = order(at(b, j));

			if (ac != bc)
				return sign(ac - bc);
			i++;
			j++;
		}
		while (at(a, i) == '0')
			i++;
		while (at(b, j) == '0')
			j++;
		while (c_digit(at(a, i)) && c_digit(at(b, j))) {
			if (!first_diff)
				first_diff = at(a, i) - at(b, j);
			i++;
			j++;
		}
		if (c_digit(at(a, i)))
			return 1;
		if (c_digit(at(b, j)))
			return -1;
		if (first_diff)
			return sign(first_diff);
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

static int
parse(struct str v, struct dpkg_ver *out, struct ward_err *err)
{
	struct str s = v, rest;
	ssize_t colon, k;
	int r;

	if ((r = vc_common("dpkg", v, err)) < 0)
		return r;
	while (s.len && blank(s.p[0]))
		s = str_sub(s, 1, s.len);
	while (s.len && blank(s.p[s.len - 1]))
		s.len--;
	if (s.len == 0)
		return vc_invalid(err, "dpkg", v, "is empty");
	for (size_t i = 0; i < s.len; i++)
		if (blank(s.p[i]))
			return vc_invalid(
			    err, "dpkg", v, "has embedded spaces");
	out->epoch = 0;
	rest = s;
	colon = str_find_char(s, ':');
	if (colon >= 0) {
		r = parse_epoch(
		    v, str_sub(s, 0, (size_t)colon), &out->epoch, err);
		if (r < 0)
			return r;
		rest = str_sub(s, (size_t)colon + 1, s.len);
		if (rest.len == 0)
			return vc_invalid(err, "dpkg", v,
			    "has nothing after the epoch's colon");
	}
	out->upstream = rest;
	out->revision = STR_NULL;
	for (k = (ssize_t)rest.len - 1; k >= 0 && rest.p[k] != '-'; k--)
		;
	if (k >= 0) {
		if ((size_t)k + 1 == rest.len)
			return vc_invalid(err, "dpkg", v,
			    "has an empty revision after its last '-'");
		out->upstream = str_sub(rest, 0, (size_t)k);
		out->revision = str_sub(rest, (size_t)k + 1, rest.len);
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
	if (x.epoch != y.epoch)
		r = x.epoch < y.epoch ? -1 : 1;
	else if ((r = verrevcmp(x.upstream, y.upstream)) == 0)
		r = verrevcmp(x.revision, y.revision);
	*out = r;
	return 0;
}
