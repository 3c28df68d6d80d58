/*
 * RPM version ordering: [epoch:]version[-release], each part compared by
 * rpmvercmp. A part is split into runs of ASCII letters and runs of
 * digits; other bytes only separate runs. Digits beat letters, numbers
 * compare by value at any length, '~' sorts before everything (even the
 * end) and '^' after the end but before anything else. The split follows
 * rpm's Python labelCompare as the oracle uses it: the epoch is what
 * precedes the first ':' (compared with rpmvercmp too, so "" and "0" are
 * equal), the release what follows the last '-'. Any bytes are accepted
 * except NUL, which rpm's C strings cannot hold.
 */

#include <errno.h>

#include "vercmp_internal.h"
#include "ward/err.h"
#include "ward/vercmp.h"

struct evr {
	struct str e, v, r;
};

static bool
sep(int c)
{
	return c && !c_alnum(c) && c != '~' && c != '^';
}

/* Compare one alpha or numeric run of each side; *i, *j move past it. */
static int
run_cmp(struct str a, size_t *i, struct str b, size_t *j)
{
	size_t si = *i, sj = *j;
	bool num = c_digit(at(a, si));
	struct str x, y;

	if (num) {
		while (c_digit(at(a, *i)))
			(*i)++;
		while (c_digit(at(b, *j)))
			(*j)++;
	} else {
		while (c_alpha(at(a, *i)))
			(*i)++;
		while (c_alpha(at(b, *j)))
			(*j)++;
	}
	/* A numeric run beats an alpha one (which found no run here). */
	if (*j == sj)
		return num ? 1 : -1;
	x = str_sub(a, si, *i - si);
	y = str_sub(b, sj, *j - sj);
	return num ? numcmp(x, y) : bytecmp(x, y);
}

static int
rpmvercmp(struct str a, struct str b)
{
	size_t i = 0, j = 0;
	int r;

	if (str_eq(a, b))
		return 0;
	while (i < a.len || j < b.len) {
		while (sep(at(a, i)))
			i++;
		while (sep(at(b, j)))
			j++;
		if (at(a, i) == '~' || at(b, j) == '~') {
			if (at(a, i) != '~')
				return 1;
			if (at(b, j) != '~')
				return -1;
			i++, j++;
			continue;
		}
		if (at(a, i) == '^' || at(b, j) == '^') {
			if (!at(a, i))
				return -1;
			if (!at(b, j))
				return 1;
			if (at(a, i) != '^')
				return 1;
			if (at(b, j) != '^')
				return -1;
			i++, j++;
			continue;
		}
		if (!at(a, i) || !at(b, j))
			break;
		if ((r = run_cmp(a, &i, b, &j)) != 0)
			return r;
	}
	if (!at(a, i) && !at(b, j))
		return 0;
	return at(a, i) ? 1 : -1;
}

static int
split(struct str s, struct evr *out, struct ward_err *err)
{
	struct str whole = s;
	ssize_t colon, k;
	int r;

	if ((r = vc_common("rpm", s, err)) < 0)
		return r;
	out->e = STR("0");
	colon = str_find_char(s, ':');
	if (colon >= 0) {
		out->e = str_sub(s, 0, (size_t)colon);
		s = str_sub(s, (size_t)colon + 1, s.len);
	}
	for (k = (ssize_t)s.len - 1; k >= 0 && s.p[k] != '-'; k--)
		;
	out->v = s;
	out->r = STR("");
	if (k >= 0) {
		out->v = str_sub(s, 0, (size_t)k);
		out->r = str_sub(s, (size_t)k + 1, s.len);
	}
	/* rpm's rpmverNew() refuses an empty version; so does labelCompare. */
	if (out->v.len == 0)
		return vc_invalid(
		    err, "rpm", whole, "has an empty version part");
	return 0;
}

int
vercmp_rpm(struct str a, struct str b, int *out, struct ward_err *err)
{
	struct evr x, y;
	int r;

	if ((r = split(a, &x, err)) < 0 || (r = split(b, &y, err)) < 0)
		return r;
	if ((r = rpmvercmp(x.e, y.e)) == 0 && (r = rpmvercmp(x.v, y.v)) == 0)
		r = rpmvercmp(x.r, y.r);
	*out = r;
	return 0;
}
