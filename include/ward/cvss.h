#ifndef WARD_CVSS_H
#define WARD_CVSS_H

/*
 * CVSS vectors scored by ward itself, per the FIRST specifications:
 * v3.0 and v3.1 base scores (with the spec's Roundup), and v4.0 where it
 * can be scored exactly. (Being written; see tests/unit/test_cvss.c.)
 */

#include <stdbool.h>

#include "ward/str.h"

struct ward_err;

enum cvss_version { CVSS_V30 = 30, CVSS_V31 = 31, CVSS_V40 = 40 };

struct cvss {
	enum cvss_version version;
	double base_score; /* 0.0 - 10.0, one decimal */
	const char *severity; /* "NONE" "LOW" "MEDIUM" "HIGH" "CRITICAL" */
};

/* Parse and score a vector ("CVSS:3.1/AV:N/..."). -EINVAL names the
 * problem; -ENOTSUP for versions ward does not score. */
int cvss_score(struct str vector, struct cvss *out, struct ward_err *err);

#endif
