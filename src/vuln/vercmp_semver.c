/*
 * Semantic versioning 2.0 and the three ecosystems built on it. npm
 * follows node-semver's strict parser (an optional 'v', surrounding white
 * space trimmed, at most 256 characters, numbers at most 2^53-1); Go
 * module versions need the 'v', accept the short forms v1 and v1.2 as
 * x/mod/semver does and take numbers of any length; crates.io follows the
 * Rust semver crate (no 'v', no spaces, numbers within 64 bits). In all
 * three, build metadata (Go's +incompatible included) does not take part
 * in the ordering, and prerelease identifiers compare as semver 2.0 says:
 * numbers by value at any length, before alphanumerics, which compare as
 * ASCII. The input is untrusted; every rule broken is named.
 */

#include <errno.h>

#include "vercmp_internal.h"
#include "ward/err.h"
#include "ward/vercmp.h"

#define NPM_MAX_LENGTH 256
#define MAX_SAFE_INTEGER "9007199254740991"
#define U64_MAX "18446744073709551615"

struct semver_rules {
	const char *eco;
	int v_prefix; /* 0 never, 1 optional, 2 required */
	bool trim; /* trim white space first (npm) */
	bool short_forms; /* v1, v1.2 (Go) */
	const char *num_max; /* largest main number, NULL for any */
	bool pre_leading_zero; /* numeric prerelease ids with leading 0 */
};

static const struct semver_rules npm_rules = {
    "npm", 1, true, false, MAX_SAFE_INTEGER, false};
static const struct semver_rules go_rules = {"go", 2, false, true, NULL, false};
static const struct semver_rules cargo_rules = {
    "cargo", 0, false, false, U64_MAX, false};

static bool
ident_char(int c)
{
	return c_alnum(c) || c == '-';
}

static bool
all_digits(struct str s)
{
	for (size_t i = 0; i < s.len; i++)
		if (!c_digit(s.p[i]))
			return false;
	return true;
}

/* Compare one prerelease identifier with another. */
static int
ident_cmp(struct str a, struct str b)
{
	bool an = all_digits(a), bn = all_digits(b);

	if (an && bn)
		return numcmp(a, b);
	if (an != bn)
		return an ? -1 : 1;
	return bytecmp(a, b);
}

int
semver_pre_cmp(struct str a, struct str b)
{
	struct str x, y;
	int r;

	if (a.len == 0 || b.len == 0)
		return a.len == b.len ? 0 : (a.len == 0 ? 1 : -1);
	for (;;) {
		bool more_a = str_cut(&a, '.', &x);
		bool more_b = str_cut(&b, '.', &y);

		if ((r = ident_cmp(x, y)) != 0)
			return r;
		if (!more_a || !more_b)
			return more_a == more_b ? 0 : (more_a ? 1 : -1);
	}
}

int
semver_cmp(const struct semver *a, const struct semver *b)
{
	int r;

	if ((r = numcmp(a->major, b->major)) != 0 ||
	    (r = numcmp(a->minor, b->minor)) != 0 ||
	    (r = numcmp(a->patch, b->patch)) != 0)
		return r;
	return semver_pre_cmp(a->pre, b->pre);
}

/* Take a main number from 's' at *i; NULL or the rule broken. */
static const char *
take_num(struct str s, size_t *i, const char *what, struct str *out)
{
	size_t start = *i;

	while (c_digit(at(s, *i)))
		(*i)++;
	*out = str_sub(s, start, *i - start);
	if (out->len == 0)
		return what;
	if (out->len > 1 && out->p[0] == '0')
		return "has a leading zero in a number";
	return NULL;
}

/* Check dot-separated identifiers; 'numeric_zero' rejects 01. */
static const char *
check_idents(struct str s, bool numeric_zero, const char *part)
{
	struct str id;
	bool more = true;

	while (more) {
		more = str_cut(&s, '.', &id);
		if (id.len == 0)
			return part[0] == 'p' ? "has an empty prerelease "
						"identifier"
					      : "has an empty build identifier";
		for (size_t i = 0; i < id.len; i++)
			if (!ident_char(id.p[i]))
				return part[0] == 'p'
				    ? "has a character other than [0-9A-Za-z-] "
				      "in its prerelease"
				    : "has a character other than [0-9A-Za-z-] "
				      "in its build metadata";
		if (numeric_zero && id.len > 1 && id.p[0] == '0' &&
		    all_digits(id))
			return "has a leading zero in a numeric prerelease "
			       "identifier";
	}
	return NULL;
}

static const char *
parse_main(struct str s, size_t *i, const struct semver_rules *rules,
    struct semver *out)
{
	const char *why;

	if ((why = take_num(s, i, "does not start with a major number",
		 &out->major)) != NULL)
		return why;
	out->minor = out->patch = STR("0");
	if (at(s, *i) != '.') {
		if (rules->short_forms && *i == s.len)
			return NULL;
		return "is not MAJOR.MINOR.PATCH";
	}
	(*i)++;
	if ((why = take_num(s, i, "has no minor number", &out->minor)) != NULL)
		return why;
	if (at(s, *i) != '.') {
		if (rules->short_forms && *i == s.len)
			return NULL;
		return "is not MAJOR.MINOR.PATCH";
	}
	(*i)++;
	return take_num(s, i, "has no patch number", &out->patch);
}

static const char *
parse_rules(struct str s, const struct semver_rules *rules, struct semver *out)
{
	const char *why;
	size_t i = 0, start;

	if (at(s, 0) == 'v' && rules->v_prefix)
		i++;
	else if (rules->v_prefix == 2)
		return "does not start with 'v'";
	if ((why = parse_main(s, &i, rules, out)) != NULL)
		return why;
	out->pre = out->build = STR_NULL;
	if (at(s, i) == '-') {
		start = ++i;
		while (i < s.len && s.p[i] != '+')
			i++;
		out->pre = str_sub(s, start, i - start);
		why = check_idents(out->pre, !rules->pre_leading_zero, "pre");
		if (why)
			return why;
	}
	if (at(s, i) == '+') {
		start = ++i;
		i = s.len;
		out->build = str_sub(s, start, i - start);
		if ((why = check_idents(out->build, false, "build")) != NULL)
			return why;
	}
	if (i != s.len)
		return "has characters after MAJOR.MINOR.PATCH that are not "
		       "-prerelease or +build";
	return NULL;
}

const char *
semver_parse(struct str s, struct semver *out)
{
	static const struct semver_rules strict = {
	    "semver", 0, false, false, NULL, false};

	return parse_rules(s, &strict, out);
}

static bool
js_space_at(struct str s, size_t i, size_t *n)
{
	static const char *const uni[] = {"\xc2\xa0", "\xe1\x9a\x80",
	    "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f",
	    "\xe3\x80\x80", "\xef\xbb\xbf"};
	int c = at(s, i);

	*n = 1;
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return true;
	if (c < 0x80)
		return false;
	if (c == 0xe2 && at(s, i + 1) == 0x80 && at(s, i + 2) >= 0x80 &&
	    at(s, i + 2) <= 0x8a) {
		*n = 3; /* U+2000 to U+200A */
		return true;
	}
	for (size_t k = 0; k < sizeof(uni) / sizeof(uni[0]); k++) {
		size_t len = strlen(uni[k]);

		if (i + len <= s.len && memcmp(s.p + i, uni[k], len) == 0) {
			*n = len;
			return true;
		}
	}
	return false;
}

size_t
npm_space_len(struct str s, size_t i)
{
	size_t n;

	return js_space_at(s, i, &n) ? n : 0;
}

struct str
npm_trim(struct str s)
{
	size_t n;

	while (s.len && js_space_at(s, 0, &n))
		s = str_sub(s, n, s.len);
	for (;;) {
		size_t k = s.len, found = 0;

		/* White space is 1 to 3 bytes; try each ending at s.len. */
		for (size_t w = 1; w <= 3 && w <= k && !found; w++)
			if (js_space_at(s, k - w, &n) && n == w)
				found = w;
		if (!found)
			return s;
		s.len -= found;
	}
}

/* Length in UTF-16 code units, as JavaScript counts a string. */
static size_t
utf16_len(struct str s)
{
	size_t n = 0;

	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.p[i];

		n += (c & 0xc0) != 0x80;
		n += c >= 0xf0;
	}
	return n;
}

static int
parse_eco(struct str v, const struct semver_rules *rules, struct semver *out,
    struct ward_err *err)
{
	struct str s = v;
	const char *why;
	int r;

	if ((r = vc_common(rules->eco, v, err)) < 0)
		return r;
	if (rules->trim) {
		if (utf16_len(v) > NPM_MAX_LENGTH)
			return vc_invalid(err, rules->eco, v,
			    "is longer than %d characters", NPM_MAX_LENGTH);
		s = npm_trim(v);
	}
	if ((why = parse_rules(s, rules, out)) != NULL)
		return vc_invalid(err, rules->eco, v, "%s", why);
	if (rules->num_max) {
		struct str max = str_from(rules->num_max);

		if (numcmp(out->major, max) > 0 ||
		    numcmp(out->minor, max) > 0 || numcmp(out->patch, max) > 0)
			return vc_invalid(err, rules->eco, v,
			    "has a number greater than %s", rules->num_max);
	}
	return 0;
}

static int
cmp_eco(struct str a, struct str b, const struct semver_rules *rules, int *out,
    struct ward_err *err)
{
	struct semver x, y;
	int r;

	if ((r = parse_eco(a, rules, &x, err)) < 0 ||
	    (r = parse_eco(b, rules, &y, err)) < 0)
		return r;
	*out = semver_cmp(&x, &y);
	return 0;
}

int
npm_parse(struct str v, struct semver *out, struct ward_err *err)
{
	return parse_eco(v, &npm_rules, out, err);
}

int
vercmp_semver(struct str a, struct str b, int *out, struct ward_err *err)
{
	return cmp_eco(a, b, &npm_rules, out, err);
}

int
vercmp_go(struct str a, struct str b, int *out, struct ward_err *err)
{
	return cmp_eco(a, b, &go_rules, out, err);
}

int
vercmp_cargo(struct str a, struct str b, int *out, struct ward_err *err)
{
	return cmp_eco(a, b, &cargo_rules, out, err);
}
