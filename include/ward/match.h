#ifndef WARD_MATCH_H
#define WARD_MATCH_H

/*
 * Matching an inventory against the vulnerability database. OS packages
 * are looked up by source package within the distribution release the
 * image reports ("Debian:12", "Alpine:v3.20") and compared with that
 * distribution's version ordering; Go modules by module path ("stdlib"
 * for the toolchain). OSV ranges are evaluated as the OSV specification
 * describes: events sorted by the ecosystem's ordering, "introduced"
 * opens, "fixed" and "limit" close before the version, "last_affected"
 * closes after it; explicit version lists match exactly.
 */

#include <stdbool.h>
#include <stddef.h>

#include "ward/analyze.h"
#include "ward/vulndb.h"

struct arena;
struct inventory;
struct ward_err;

struct vuln_match {
	const struct pkg *pkg;	 /* borrowed from the inventory */
	const char *ecosystem;	 /* where it matched: "Debian:12", "Go" */
	const char *package;	 /* the name looked up (source package) */
	const char *installed;	 /* the version compared */
	const char **fixed;	 /* fixed versions above 'installed' */
	size_t nfixed;
	bool fix_available;	 /* status "fixed" (else "affected") */
	const char *severity;	 /* CRITICAL ... UNKNOWN */
	struct vuln_info info;
	const char *suppressed;	 /* why (ignore file, VEX), or NULL */
};

struct match_result {
	struct vuln_match *v;
	size_t n, cap;
	/* Why nothing could match, per ecosystem (for -v). */
	const char **notes;
	size_t nnotes, capnotes;
	size_t invalid_versions; /* comparisons skipped: unreadable version */
};

/*
 * The ecosystem and name a package is looked up under, and the version
 * compared; false when ward has no data model for it (e.g. an unknown
 * distribution).
 */
bool match_key(struct arena *a, const struct inventory *inv,
    const struct pkg *p, const char **eco, const char **name,
    const char **version);

/*
 * Is 'version' affected according to one 'affected' row? Sets *hit and
 * collects the fixed versions above it. -EINVAL when the version cannot
 * be read in that ecosystem (err says why).
 */
int match_affected(struct arena *a, const struct vuln_affected *row,
    const char *version, bool *hit, const char ***fixed, size_t *nfixed,
    struct ward_err *err);

/* Match every package; findings sorted by severity, then id. */
int match_inventory(struct arena *a, struct vulndb *db,
    const struct inventory *inv, struct match_result *out,
    struct ward_err *err);

#endif
