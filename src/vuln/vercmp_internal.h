#ifndef WARD_VULN_VERCMP_INTERNAL_H
#define WARD_VULN_VERCMP_INTERNAL_H

/*
 * Helpers shared by the version comparators in src/vuln/: ASCII character
 * classes (never the locale's), comparison of digit strings of any length,
 * and the one way a comparator reports a broken rule.
 */

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ward/str.h"

struct ward_err;

static inline bool
c_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool
c_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline bool
c_alnum(int c)
{
	return c_digit(c) || c_alpha(c);
}

static inline int
c_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static inline int
sign(int x)
{
	return (x > 0) - (x < 0);
}

/* The byte at 'i' of 's', or 0 past its end (a C string's terminator). */
static inline int
at(struct str s, size_t i)
{
	return i < s.len ? (unsigned char)s.p[i] : 0;
}

/*
 * Compare two strings of ASCII digits as numbers of any length: leading
 * zeros are skipped, then the longer number is the greater, then the
 * digits decide. An empty string is zero. Returns -1, 0 or 1.
 */
int numcmp(struct str a, struct str b);

/* Bytewise comparison of two views, shorter first on a tie: -1, 0, 1. */
int bytecmp(struct str a, struct str b);

/* The same, ignoring ASCII case. */
int bytecasecmp(struct str a, struct str b);

/* Whether 's' equals the NUL-terminated 'lit', ignoring ASCII case. */
bool str_case_eq_lit(struct str s, const char *lit);

/*
 * Report that version 'v' of ecosystem 'eco' breaks a rule: err gets
 * "eco: version 'v' <rule>" (v escaped and cut). Returns -EINVAL.
 */
int vc_invalid(struct ward_err *err, const char *eco, struct str v,
    const char *rule_fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * The checks every comparator makes first: at most VERCMP_VERSION_MAX
 * bytes and no NUL byte. Returns 0 or -EINVAL.
 */
int vc_common(const char *eco, struct str v, struct ward_err *err);

/*
 * The semver 2.0 core shared by npm, Go and crates.io. A parsed version
 * borrows its text: the main numbers as digit strings and the prerelease
 * as one string of dot-separated identifiers.
 */
struct semver {
	struct str major, minor, patch;
	struct str pre; /* without the '-', empty when absent */
	struct str build; /* without the '+', empty when absent */
};

/* Compare prerelease strings by semver 2.0 rules (empty = release). */
int semver_pre_cmp(struct str a, struct str b);

/* Compare parsed versions: main numbers, then prerelease. */
int semver_cmp(const struct semver *a, const struct semver *b);

/*
 * Parse strict semver 2.0 ("1.2.3-pre.1+build"): no leading zeros in
 * numbers or numeric identifiers, no empty identifiers. Returns NULL or
 * the rule that 's' breaks.
 */
const char *semver_parse(struct str s, struct semver *out);

/* Bytes of JavaScript white space at s[i] (ASCII or UTF-8), or 0. */
size_t npm_space_len(struct str s, size_t i);

/* Trim white space as JavaScript's String.prototype.trim does. */
struct str npm_trim(struct str s);

/*
 * Parse an npm version as node-semver's strict SemVer constructor does.
 * Returns 0 or -EINVAL.
 */
int npm_parse(struct str v, struct semver *out, struct ward_err *err);

#endif
