#ifndef WARD_CVSS_H
#define WARD_CVSS_H

/*
 * CVSS vectors scored by ward itself, per the FIRST specifications: v2.0,
 * v3.0 and v3.1 base scores, and v4.0 scores (the MacroVector lookup and
 * the severity-distance interpolation of the v4.0 specification, computed
 * in the same floating-point steps as FIRST's reference calculator, so
 * every vector gets the score the calculator shows). Vectors are untrusted
 * input: they are parsed strictly and never echoed unescaped.
 */

#include "ward/str.h"

struct ward_err;

/*
 * Every valid vector is shorter than this (the longest v4.0 vector, with
 * all 32 metrics, has 178 bytes). A longer one is rejected as malformed
 * before it is parsed.
 */
#define CVSS_VECTOR_MAX 256

enum cvss_version {
	CVSS_V20 = 20, /* "AV:N/AC:L/Au:N/C:P/I:P/A:P", no prefix */
	CVSS_V30 = 30, /* "CVSS:3.0/..." */
	CVSS_V31 = 31, /* "CVSS:3.1/..." */
	CVSS_V40 = 40, /* "CVSS:4.0/..." */
};

struct cvss {
	enum cvss_version version;
	double base_score; /* 0.0 - 10.0, one decimal: score10 / 10.0 */
	int score10; /* the score in tenths, 0 - 100, exact */
	/*
	 * A static string: "NONE" "LOW" "MEDIUM" "HIGH" "CRITICAL" (v3, v4);
	 * "LOW" "MEDIUM" "HIGH" (v2, NVD's ranges, as v2 defines none).
	 */
	const char *severity;
	/*
	 * v4.0 scores the whole vector: "CVSS-B" for base metrics alone,
	 * "CVSS-BT", "CVSS-BE" or "CVSS-BTE" when threat or environmental
	 * metrics (other than X) are present. NULL for v2 and v3.
	 */
	const char *nomenclature;
};

/*
 * Check a vector against its version's grammar without scoring it: the
 * prefix, every mandatory metric exactly once, no unknown or repeated
 * metric, values from the specification's table (case-sensitive), and
 * for v2.0 and v4.0 the specification's metric order (v3.x accepts any
 * order, as its specification requires). On success writes the version.
 * Returns 0, -EINVAL (err names the metric or the problem) or -ENOTSUP
 * (a "CVSS:x.y/" prefix of a version ward does not know).
 */
int cvss_validate(
    struct str vector, enum cvss_version *version, struct ward_err *err);

/*
 * Validate and score a vector. v2.0 and v3.x give the Base Score (v3.x
 * temporal and environmental metrics are validated but do not change it);
 * v4.0 gives the score of all the metrics present (see nomenclature).
 * Writes 'out' only on success. Returns 0, -EINVAL or -ENOTSUP as
 * cvss_validate().
 */
int cvss_score(struct str vector, struct cvss *out, struct ward_err *err);

/*
 * The qualitative rating of a score in tenths (0 - 100) under a version's
 * scale, as in struct cvss. Returns a static string.
 */
const char *cvss_severity(enum cvss_version version, int score10);

/*
 * Round a raw score up to one decimal the way 'version' defines it, and
 * return tenths: v3.1's Roundup (Appendix A: to an integer of 1/100000
 * first, so 4.000000000000001 gives 40), v3.0's plain ceiling
 * (4.000000000000001 gives 41). 'x' must lie in [0, 10]. Exposed for
 * tests of the difference.
 */
int cvss_roundup10(enum cvss_version version, double x);

#endif
