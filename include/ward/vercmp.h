#ifndef WARD_VERCMP_H
#define WARD_VERCMP_H

/*
 * Version ordering, one comparator per ecosystem, each agreeing with the
 * ecosystem's own tool (docs/version-ordering.md says which tool and where
 * ward deliberately differs). Comparators are pure functions over string
 * views: they allocate nothing that outlives the call, keep no state and
 * may be called from any thread. Numbers of any length compare correctly.
 *
 * Every comparator has the same contract: it stores -1, 0 or 1 in *out
 * (a < b, a == b, a > b) and returns 0, or returns -EINVAL with err naming
 * the ecosystem and the rule the version breaks, e.g. "dpkg: version '1:'
 * has nothing after the epoch's colon". *out is written only on success.
 */

#include <stdbool.h>

#include "ward/str.h"

struct ward_err;

/* Versions longer than this are rejected by every comparator. */
#define VERCMP_VERSION_MAX 4096
/* Ranges and specifier sets longer than this are rejected. */
#define VERCMP_RANGE_MAX 8192

enum ecosystem {
	ECO_DEBIAN, /* dpkg */
	ECO_ALPINE, /* apk-tools */
	ECO_RPM, /* rpm (Red Hat, SUSE, ...) */
	ECO_NPM, /* node-semver */
	ECO_PYPI, /* PEP 440, as python-packaging */
	ECO_MAVEN, /* maven-artifact ComparableVersion */
	ECO_GO, /* Go module versions */
	ECO_RUBYGEMS, /* Gem::Version */
	ECO_PACKAGIST, /* Composer */
	ECO_NUGET, /* NuGetVersion */
	ECO_CRATES, /* crates.io: semver 2.0 */
	ECO_COUNT,
};

/*
 * Look up an ecosystem by its OSV name ("Debian", "Alpine", "Red Hat",
 * "npm", "PyPI", "Maven", "Go", "RubyGems", "Packagist", "NuGet",
 * "crates.io") or its short name ("deb", "apk", "rpm", "semver", "pypi",
 * "maven", "go", "gem", "composer", "nuget", "cargo"), ignoring case. A
 * few obvious aliases are accepted too (dpkg, alpine, redhat, pep440,
 * golang, rubygems, packagist, crates). Returns 0 or -ENOENT.
 */
int vercmp_ecosystem_parse(const char *name, enum ecosystem *out);

/* The OSV name of 'eco' ("Debian", ...). Never NULL for a valid eco. */
const char *vercmp_ecosystem_name(enum ecosystem eco);

/* The short name of 'eco' ("deb", ...), used in messages. */
const char *vercmp_ecosystem_short(enum ecosystem eco);

/* Compare two versions of ecosystem 'eco' (see the contract above). */
int vercmp(enum ecosystem eco, struct str a, struct str b, int *out,
    struct ward_err *err);

/* Check that 'v' is a valid version of 'eco'. Returns 0 or -EINVAL. */
int vercmp_validate(enum ecosystem eco, struct str v, struct ward_err *err);

/*
 * Whether 'version' satisfies 'range'. For ECO_NPM the range is
 * node-semver's syntax (^ ~ x-ranges, hyphen ranges, ||, comparators) and
 * the answer is node-semver's satisfies() without includePrerelease: an
 * unparsable range or version satisfies nothing, so *out is false and 0
 * is returned. For ECO_PYPI the range is a PEP 440 specifier set
 * ("~=1.2, !=1.3.*") with python-packaging's pre-release rules; an
 * invalid version or specifier gives -EINVAL. Other ecosystems give
 * -ENOTSUP. Ranges longer than VERCMP_RANGE_MAX give -EINVAL.
 */
int vercmp_range_satisfies(enum ecosystem eco, struct str version,
    struct str range, bool *out, struct ward_err *err);

/* The comparators behind vercmp(), one per ecosystem. */
int vercmp_dpkg(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_apk(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_rpm(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_semver(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_pep440(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_maven(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_go(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_gem(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_composer(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_nuget(struct str a, struct str b, int *out, struct ward_err *err);
int vercmp_cargo(struct str a, struct str b, int *out, struct ward_err *err);

/* node-semver's satisfies(version, range); see vercmp_range_satisfies. */
int vercmp_npm_satisfies(
    struct str version, struct str range, bool *out, struct ward_err *err);

/* python-packaging's SpecifierSet(spec).contains(version). */
int vercmp_pep440_satisfies(
    struct str version, struct str spec, bool *out, struct ward_err *err);

#endif
