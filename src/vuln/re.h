#ifndef WARD_VULN_RE_H
#define WARD_VULN_RE_H

/*
 * A thin layer over PCRE2 for the comparators whose ecosystems define
 * their syntax by regular expressions (node-semver's ranges, Composer's
 * normaliser): patterns are compiled once, matched with a bounded match
 * limit (a hostile input cannot make a match run unbounded), and groups
 * come back as string views, unset ones with p == NULL (JavaScript's
 * undefined).
 */

#include <stdbool.h>
#include <stddef.h>

#include "ward/str.h"

struct re;

/* Flags for re_compile. */
enum { RE_CASELESS = 1, RE_DOLLAR_ENDONLY = 2 };

/* Compile 'pattern' once per process; aborts if it does not compile. */
struct re *re_compile(const char *pattern, int flags);

/*
 * Match 're' in 's' from byte 'start'. On a match, fills up to 'ngroups'
 * views (group 0 is the whole match) and returns true. A match that hits
 * the limit counts as no match.
 */
bool re_match(const struct re *re, struct str s, size_t start,
    struct str *groups, size_t ngroups);

#endif
