#ifndef WARD_VULN_PEP440_H
#define WARD_VULN_PEP440_H

/*
 * A parsed PEP 440 version, shared by the comparator and the specifier
 * matcher. All views borrow the parsed text; numbers are digit strings of
 * any length (empty means 0).
 */

#include <stdbool.h>

#include "ward/str.h"

struct buf;
struct ward_err;

enum { PRE_NONE = -1, PRE_A = 0, PRE_B = 1, PRE_RC = 2 };

/* Parse flags: allow a +local part; allow a trailing ".*". */
enum { PEP440_LOCAL = 1, PEP440_WILDCARD = 2 };

struct pep440 {
	struct str epoch;
	struct str release; /* "N(.N)*" */
	size_t nrelease;
	int pre; /* PRE_* */
	struct str pre_n;
	bool post;
	struct str post_n;
	bool dev;
	struct str dev_n;
	struct str local; /* without '+', empty when absent */
	bool wildcard; /* ended in ".*" (PEP440_WILDCARD only) */
};

/* Python's \s for ASCII: what packaging strips around a version. */
bool pep440_space(int c);

/* Parse 's'; returns NULL or the rule broken. */
const char *pep440_parse(struct str s, int flags, struct pep440 *v);

/* The same with the common checks, for a version (local allowed). */
int pep440_parse_err(struct str s, struct pep440 *v, struct ward_err *err);

/* Order two versions; 'public_only' ignores the local parts. */
int
pep440_cmp(const struct pep440 *a, const struct pep440 *b, bool public_only);

/* Compare release strings "N(.N)*" with zero padding. */
int pep440_release_cmp(struct str a, struct str b);

/*
 * packaging's str(Version) (or canonicalize_version when 'strip_zeros'),
 * optionally without the local part. Returns 0 or -EFBIG.
 */
int pep440_format(const struct pep440 *v, bool strip_zeros, bool public_only,
    struct buf *out);

#endif
