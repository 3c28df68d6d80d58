/*
 * NuGet versions, ordered as NuGet.Versioning's NuGetVersion with the
 * default comparer: one to four numbers (a missing one is 0, so 1.0 ==
 * 1.0.0.0), then an optional -prerelease of dot-separated labels and
 * +metadata, which is ignored. A version with a prerelease sorts before
 * the same version without; labels compare pairwise, numeric ones by
 * value and before alphanumeric ones, which compare ignoring ASCII case.
 * The numbers of the version proper are limited to 2147483647, as .NET's
 * System.Version limits them; prerelease numbers may have any length.
 * Surrounding white space is trimmed, as NuGetVersion.TryParse does.
 */

#include <errno.h>

#include "vercmp_internal.h"
#include "ward/err.h"
#include "ward/vercmp.h"

#define INT32_MAX_STR "2147483647"

struct nuget {
	struct str num[4];
	size_t nnum;
	struct str pre;
};

static bool
dotnet_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static bool
label_char(int c)
{
	return c_alnum(c) || c == '-';
}

/* Dot-separated labels of [0-9A-Za-z-], none empty. */
static bool
labels_ok(struct str s)
{
	struct str id;
	bool more = true;

	while (more) {
		more = str_cut(&s, '.', &id);
		if (id.len == 0)
			return false;
		for (size_t i = 0; i < id.len; i++)
			if (!label_char(id.p[i]))
				return false;
	}
	return true;
}

static const char *
parse_numbers(struct str s, struct nuget *out)
{
	struct str part;
	bool more = true;

	out->nnum = 0;
	while (more) {
		more = str_cut(&s, '.', &part);
		if (out->nnum == 4)
			return "has more than four numbers";
		if (part.len == 0)
			return "has an empty number";
		for (size_t i = 0; i < part.len; i++)
			if (!c_digit(part.p[i]))
				return "has a number that is not digits";
		if (numcmp(part, STR(INT32_MAX_STR)) > 0)
			return "has a number greater than 2147483647";
		out->num[out->nnum++] = part;
	}
	return NULL;
}

static int
parse(struct str v, struct nuget *out, struct ward_err *err)
{
	struct str s = v, meta = STR_NULL;
	ssize_t k;
	const char *why;
	int r;

	if ((r = vc_common("nuget", v, err)) < 0)
		return r;
	while (s.len && dotnet_space(s.p[0]))
		s = str_sub(s, 1, s.len);
	while (s.len && dotnet_space(s.p[s.len - 1]))
		s.len--;
	if ((k = str_find_char(s, '+')) >= 0) {
		meta = str_sub(s, (size_t)k + 1, s.len);
		s = str_sub(s, 0, (size_t)k);
		if (!labels_ok(meta))
			return vc_invalid(err, "nuget", v,
			    "has invalid +metadata (dot-separated "
			    "[0-9A-Za-z-])");
	}
	out->pre = STR_NULL;
	if ((k = str_find_char(s, '-')) >= 0) {
		out->pre = str_sub(s, (size_t)k + 1, s.len);
		s = str_sub(s, 0, (size_t)k);
		if (!labels_ok(out->pre))
			return vc_invalid(err, "nuget", v,
			    "has an invalid -prerelease (dot-separated "
			    "[0-9A-Za-z-])");
	}
	if (s.len == 0)
		return vc_invalid(err, "nuget", v, "has no version number");
	if ((why = parse_numbers(s, out)) != NULL)
		return vc_invalid(err, "nuget", v, "%s", why);
	return 0;
}

static bool
numeric(struct str s)
{
	for (size_t i = 0; i < s.len; i++)
		if (!c_digit(s.p[i]))
			return false;
	return true;
}

static int
label_cmp(struct str a, struct str b)
{
	struct str x, y;
	int r;

	if (a.len == 0 || b.len == 0)
		return a.len == b.len ? 0 : (a.len == 0 ? 1 : -1);
	for (;;) {
		bool ma = str_cut(&a, '.', &x), mb = str_cut(&b, '.', &y);
		bool nx = numeric(x), ny = numeric(y);

		if (nx && ny)
			r = numcmp(x, y);
		else if (nx != ny)
			r = nx ? -1 : 1;
		else
			r = bytecasecmp(x, y);
		if (r)
			return r;
		if (!ma || !mb)
			return ma == mb ? 0 : (ma ? 1 : -1);
	}
}

int
vercmp_nuget(struct str a, struct str b, int *out, struct ward_err *err)
{
	struct nuget x, y;
	int r = 0;

	if ((r = parse(a, &x, err)) < 0 || (r = parse(b, &y, err)) < 0)
		return r;
	for (size_t i = 0; r == 0 && i < 4; i++)
		r = numcmp(i < x.nnum ? x.num[i] : STR("0"),
		    i < y.nnum ? y.num[i] : STR("0"));
	if (r == 0)
		r = label_cmp(x.pre, y.pre);
	*out = r;
	return 0;
}
