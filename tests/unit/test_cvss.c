/*
 * CVSS parsing and scoring. Every expected score below was published by
 * someone other than ward, and each table names its source:
 *
 *  - FIRST, "CVSS v3.1: Examples" and "CVSS v3.0: Examples"
 *    (first.org/cvss/v3.1/examples, /v3.0/examples), by CVE;
 *  - FIRST, "CVSS v4.0: Examples" (first.org/cvss/v4.0/examples);
 *  - FIRST, "CVSS v2 Complete Documentation", section 3.3 (examples);
 *  - CVE records as published by their CNA (cve.org, the CVE Program's
 *    cvelistV5 repository; NVD shows the same CNA scores), by CVE;
 *  - FIRST's v4.0 calculator, where an issue quotes its answer.
 *
 * The rest checks the grammar (each rejection must name the metric),
 * the limits, and Roundup as the v3.1 specification's Appendix A defines
 * it. No expected value was produced by running ward.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "t.h"
#include "ward/cvss.h"
#include "ward/err.h"

struct pub {
	const char *vector;
	int score10; /* the published score, in tenths */
	const char *source;
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
check_published(const struct pub *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct cvss c = {0};
		struct ward_err err = {0};
		int r = cvss_score(str_from(cases[i].vector), &c, &err);

		T_EQ_INT(r, 0);
		T_EQ_INT(c.score10, cases[i].score10);
		if (r < 0 || c.score10 != cases[i].score10)
			T_NOTE("%s: %s: %s", cases[i].source, cases[i].vector,
			    err.msg);
	}
}

/* FIRST, CVSS v3.1 Examples: every example's vector and Base Score. */
static const struct pub v31_first[] = {
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 64, "CVE-2013-0375"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 31, "CVE-2014-3566"},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 99, "CVE-2012-1516"},
    {"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 42, "CVE-2009-0783"},
    {"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 72, "CVE-2012-0384"},
    {"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 78, "CVE-2015-1098"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 75, "CVE-2014-0160"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 98, "CVE-2014-6271"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", 68, "CVE-2008-1447"},
    {"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 68, "CVE-2014-2005"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 58, "CVE-2010-0467"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N", 58, "CVE-2012-1342"},
    {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 93, "CVE-2013-6014"},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", 90, "CVE-2019-7551"},
    {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 88, "CVE-2011-1265"},
    {"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 46, "CVE-2014-2019"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 88, "CVE-2015-0970"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 74, "CVE-2014-0224"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", 96, "CVE-2012-5376"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:N", 68, "CVE-2016-0128"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 75, "CVE-2016-2118"},
    /* Raw 6.00697: Roundup gives 6.1 where rounding would give 6.0. */
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 61, "CVE-2017-5942"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:L", 86, "CVE-2016-5558"},
    {"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H", 82, "CVE-2016-5729"},
    {"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:N/I:H/A:H", 60, "CVE-2015-2890"},
    {"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 76, "CVE-2018-3652"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:L/A:N", 42, "CVE-2019-0884"},
};

/*
 * CVE records: Oracle's, whose descriptions also state "CVSS 3.1 Base
 * Score" and the vector; Arista's and VulDB's metrics blocks.
 */
static const struct pub v31_cve[] = {
    {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:N", 93, "CVE-2026-83027"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:N", 93, "CVE-2026-73957"},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N", 81, "CVE-2026-83152"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N", 81, "CVE-2026-83143"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 81, "CVE-2026-83101"},
    {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N", 81, "CVE-2026-83073"},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:H", 81, "CVE-2026-83067"},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:H", 81, "CVE-2026-83019"},
    {"CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:H/I:H/A:N", 81, "CVE-2026-83010"},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:L", 71, "CVE-2026-87236"},
    {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:H", 71, "CVE-2026-87220"},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N", 71, "CVE-2026-87208"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:H/A:L", 71, "CVE-2026-87142"},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:N", 71, "CVE-2026-83484"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:L/A:L", 70, "CVE-2026-83368"},
    {"CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", 70, "CVE-2026-87240"},
    {"CVSS:3.1/AV:L/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 70, "CVE-2026-83150"},
    {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:H", 70, "CVE-2026-76693"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:H", 82, "CVE-2026-73458"},
    {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L", 63, "CVE-2025-0201"},
    {"CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:U/C:N/I:L/A:N", 24, "CVE-2024-0181"},
};

/* FIRST, CVSS v3.0 Examples, and VulDB's CVE records (v3.0 block). */
static const struct pub v30_pub[] = {
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 61, "CVE-2013-1937"},
    {"CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 54, "CVE-2014-9253"},
    {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 88, "CVE-2012-0384"},
    {"CVSS:3.0/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 78, "CVE-2009-0658"},
    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 98, "CVE-2014-6271"},
    {"CVSS:3.0/AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H", 93, "CVE-2013-6014"},
    {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 99, "CVE-2012-1516"},
    {"CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 31, "CVE-2014-3566"},
    {"CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L", 63, "CVE-2025-0201"},
    {"CVSS:3.0/AV:N/AC:L/PR:H/UI:R/S:U/C:N/I:L/A:N", 24, "CVE-2024-0181"},
};

/* FIRST, CVSS v4.0 Examples (scores of the whole vector shown there). */
static const struct pub v40_first[] = {
    {"CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 73,
	"CVE-2022-41741"},
    {"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 77,
	"CVE-2020-3549"},
    {"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 52,
	"CVE-2020-3549, threat"},
    {"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N", 83,
	"CVE-2023-3089"},
    {"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/"
     "IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L",
	81, "CVE-2023-3089, environmental"},
    {"CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 46,
	"CVE-2021-44714"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 51,
	"CVE-2022-21830"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", 69,
	"CVE-2022-22186"},
    {"CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:N/SC:H/SI:N/SA:N", 59,
	"CVE-2023-21989"},
    {"CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 94,
	"CVE-2020-3947"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:H/SI:H/SA:H", 93,
	"CVE-2023-48228"},
    {"CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:H/SA:N/S:P/"
     "V:D",
	83, "CVE-2023-30560, supplemental"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/E:A", 87,
	"CVE-2014-0160"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", 93,
	"CVE-2021-44228"},
    {"CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P", 82,
	"CVE-2021-44228, attack requirements"},
    {"CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/"
     "MAC:L/MAT:N/MVC:N/MVI:N/MVA:L",
	55, "CVE-2021-44228, environmental"},
    {"CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H", 64,
	"CVE-2013-6014"},
    {"CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/R:I", 84,
	"CVE-2016-5729"},
};

/*
 * CVE records with CNA v4.0 scores (Arista, VulDB and others, as NVD
 * carries them: NVD writes every absent metric out as X), FIRST's v4.0
 * calculator as quoted in quay/claircore issue 1382, and the two NVD
 * vectors quoted in ward's issue 5.
 */
#define V4X                                                                    \
	"/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/" \
	"MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X"
static const struct pub v40_cve[] = {
    {"CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H" V4X, 93,
	"CVE-2026-58147"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:N/SC:H/SI:H/SA:H" V4X, 93,
	"CVE-2026-15639"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N" V4X, 93,
	"CVE-2026-81855"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:H/SC:N/SI:N/SA:H", 92,
	"CVE-2026-73458"},
    {"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N" V4X, 92,
	"CVE-2026-69204"},
    {"CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" V4X, 92,
	"CVE-2026-91988"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:N/SC:H/SI:L/SA:N" V4X, 92,
	"CVE-2026-91949"},
    {"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" V4X, 92,
	"CVE-2026-46495"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U/"
     "CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/"
     "MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:Red",
	91, "CVE-2026-81642"},
    {"CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H" V4X, 95,
	"CVE-2026-72530"},
    {"CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:P/VC:H/VI:N/VA:N/SC:H/SI:L/SA:N" V4X, 70,
	"CVE-2026-85628"},
    {"CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H" V4X, 70,
	"CVE-2026-73438"},
    {"CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:N/VC:N/VI:L/VA:H/SC:N/SI:N/SA:H" V4X, 70,
	"CVE-2026-73450"},
    {"CVSS:4.0/AV:A/AC:H/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H" V4X, 70,
	"CVE-2026-73460"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:H/VA:H/SC:N/SI:N/SA:N" V4X, 70,
	"CVE-2026-76856"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 53,
	"CVE-2025-0201"},
    {"CVSS:4.0/AV:A/AC:L/AT:N/PR:L/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:H/CR:X", 41,
	"FIRST v4.0 calculator, claircore issue 1382"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 93,
	"NVD, ward issue 5"},
    {"CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 85,
	"NVD, ward issue 5"},
};

/*
 * FIRST, CVSS v2 guide, section 3.3 (the temporal and environmental
 * forms of each example keep its Base Score), and VulDB's CVE records.
 */
static const struct pub v20_pub[] = {
    {"AV:N/AC:L/Au:N/C:N/I:N/A:C", 78, "CVE-2002-0392"},
    {"AV:N/AC:L/Au:N/C:N/I:N/A:C/E:F/RL:OF/RC:C", 78, "CVE-2002-0392"},
    {"AV:N/AC:L/Au:N/C:N/I:N/A:C/E:ND/RL:ND/RC:ND/CDP:N/TD:H/CR:H/IR:H/AR:H",
	78, "CVE-2002-0392"},
    {"AV:N/AC:L/Au:N/C:C/I:C/A:C", 100, "CVE-2003-0818"},
    {"AV:L/AC:H/Au:N/C:C/I:C/A:C", 62, "CVE-2003-0062"},
    {"AV:L/AC:H/Au:N/C:C/I:C/A:C/E:POC/RL:OF/RC:C", 62, "CVE-2003-0062"},
    {"AV:N/AC:L/Au:S/C:P/I:P/A:P", 65, "CVE-2025-0201"},
    {"AV:N/AC:L/Au:M/C:N/I:P/A:N", 33, "CVE-2024-0181"},
};

static void
test_published(void)
{
	T_NOTE("v3.1: FIRST examples");
	check_published(v31_first, N(v31_first));
	T_NOTE("v3.1: CVE records");
	check_published(v31_cve, N(v31_cve));
	T_NOTE("v3.0");
	check_published(v30_pub, N(v30_pub));
	T_NOTE("v4.0: FIRST examples");
	check_published(v40_first, N(v40_first));
	T_NOTE("v4.0: CVE records and the FIRST calculator");
	check_published(v40_cve, N(v40_cve));
	T_NOTE("v2.0");
	check_published(v20_pub, N(v20_pub));
	T_NOTE("published vectors: %zu v3.1, %zu v3.0, %zu v4.0, %zu v2.0",
	    N(v31_first) + N(v31_cve), N(v30_pub), N(v40_first) + N(v40_cve),
	    N(v20_pub));
}

static struct cvss
score_ok(const char *v)
{
	struct cvss c = {0};
	struct ward_err err = {0};

	T_EQ_INT(cvss_score(str_from(v), &c, &err), 0);
	if (err.code)
		T_NOTE("%s: %s", v, err.msg);
	return c;
}

/* What scoring reports besides the number. */
static void
test_fields(void)
{
	struct cvss c;

	/* CVE-2019-7551: 9.0 is Critical (FIRST v3.1 examples). */
	c = score_ok("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H");
	T_EQ_INT(c.version, CVSS_V31);
	T_EQ_STR(c.severity, "CRITICAL");
	T_OK(c.base_score == 9.0);
	T_OK(c.nomenclature == NULL);
	/* CVE-2014-3566: 3.1 Low. */
	c = score_ok("CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N");
	T_EQ_INT(c.version, CVSS_V30);
	T_EQ_STR(c.severity, "LOW");
	/* v2.0 has no scale of its own; NVD's: 6.2 is Medium. */
	c = score_ok("AV:L/AC:H/Au:N/C:C/I:C/A:C");
	T_EQ_INT(c.version, CVSS_V20);
	T_EQ_STR(c.severity, "MEDIUM");
	/* v4.0 names what it scored (the examples above). */
	c = score_ok("CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/"
		     "SI:N/SA:N");
	T_EQ_INT(c.version, CVSS_V40);
	T_EQ_STR(c.nomenclature, "CVSS-B");
	T_EQ_STR(c.severity, "HIGH");
	c = score_ok("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/"
		     "SI:N/SA:N/E:U");
	T_EQ_STR(c.nomenclature, "CVSS-BT");
	T_EQ_STR(c.severity, "MEDIUM");
	c = score_ok("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/"
		     "SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L");
	T_EQ_STR(c.nomenclature, "CVSS-BE");
	c = score_ok("CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/"
		     "SI:N/SA:N/E:P/MAC:L/MAT:N/MVC:N/MVI:N/MVA:L");
	T_EQ_STR(c.nomenclature, "CVSS-BTE");
	/* Metrics written out as X are Not Defined: still CVSS-B. */
	c = score_ok("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/"
		     "SI:N/SA:N" V4X);
	T_EQ_STR(c.nomenclature, "CVSS-B");
	T_EQ_STR(c.severity, "CRITICAL");
}

/* Rules the specifications state outright. */
static void
test_spec_rules(void)
{
	struct cvss c;

	/* v3.1 section 7.1: "If Impact <= 0: 0". Table 14: 0.0 is None. */
	c = score_ok("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N");
	T_EQ_INT(c.score10, 0);
	T_EQ_STR(c.severity, "NONE");
	c = score_ok("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N");
	T_EQ_INT(c.score10, 0);
	/* v4.0: no impact on any system scores 0 (the calculator's rule). */
	c = score_ok("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/"
		     "SI:N/SA:N");
	T_EQ_INT(c.score10, 0);
	T_EQ_STR(c.severity, "NONE");
	/*
	 * v3.1 section 6: "Programs reading CVSS v3.1 vector strings must
	 * accept metrics in any order"; temporal and environmental metrics
	 * do not change the Base Score. CVE-2017-5942 stays 6.1.
	 */
	c = score_ok("CVSS:3.1/A:N/I:L/C:L/S:C/UI:R/PR:N/AC:L/AV:N");
	T_EQ_INT(c.score10, 61);
	c = score_ok("CVSS:3.1/E:P/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/RL:O/"
		     "RC:C/CR:H/MAV:L/MS:U/MC:H/MI:X");
	T_EQ_INT(c.score10, 61);
	c = score_ok("CVSS:3.0/S:C/C:L/I:L/A:N/AV:N/AC:L/PR:N/UI:R/E:X/RL:X");
	T_EQ_INT(c.score10, 61);
}

/*
 * Roundup. v3.1 Appendix A: Roundup(4.02) = 4.1 and Roundup(4.00) = 4.0;
 * a float artifact such as 4.000000000000001 (or JavaScript's 0.1 + 0.2)
 * must not be rounded up a whole tenth, which v3.0's plain ceiling does;
 * its worked example, 1.200003, is treated as 1.2.
 */
static void
test_roundup(void)
{
	T_EQ_INT(cvss_roundup10(CVSS_V31, 4.02), 41);
	T_EQ_INT(cvss_roundup10(CVSS_V30, 4.02), 41);
	T_EQ_INT(cvss_roundup10(CVSS_V31, 4.00), 40);
	T_EQ_INT(cvss_roundup10(CVSS_V30, 4.00), 40);
	T_EQ_INT(cvss_roundup10(CVSS_V31, 4.000000000000001), 40);
	T_EQ_INT(cvss_roundup10(CVSS_V30, 4.000000000000001), 41);
	T_EQ_INT(cvss_roundup10(CVSS_V31, 0.1 + 0.2), 3);
	T_EQ_INT(cvss_roundup10(CVSS_V30, 0.1 + 0.2), 4);
	T_EQ_INT(cvss_roundup10(CVSS_V31, 1.200003), 12);
	T_EQ_INT(cvss_roundup10(CVSS_V30, 1.200003), 13);
	T_EQ_INT(cvss_roundup10(CVSS_V31, 1.2000051), 13);
	T_EQ_INT(cvss_roundup10(CVSS_V31, 10.0), 100);
	T_EQ_INT(cvss_roundup10(CVSS_V31, 0.0), 0);
	T_EQ_INT(cvss_roundup10(CVSS_V30, 0.0), 0);
}

/*
 * The base equations are the same in v3.0 and v3.1; only Roundup
 * differs, and no base vector's raw score lies close enough to a tenth
 * for the two to part: all 2592 agree. (A published pair with different
 * v3.0 and v3.1 base scores therefore cannot exist; the difference shows
 * only in temporal and environmental scores, which ward does not compute.)
 */
static void
test_v30_v31_agree(void)
{
	static const char *const av = "NALP", *ac = "LH", *pr = "NLH",
				 *ui = "NR", *s = "UC", *cia = "HLN";
	int differ = 0, bad = 0, n = 0;
	char v[64];

	for (int i = 0; i < 2592; i++) {
		int k = i;
		char m[8];
		struct cvss c0 = {0}, c1 = {0};
		struct ward_err err = {0};

		m[0] = av[k % 4], k /= 4;
		m[1] = ac[k % 2], k /= 2;
		m[2] = pr[k % 3], k /= 3;
		m[3] = ui[k % 2], k /= 2;
		m[4] = s[k % 2], k /= 2;
		m[5] = cia[k % 3], k /= 3;
		m[6] = cia[k % 3], k /= 3;
		m[7] = cia[k % 3];
		snprintf(v, sizeof(v),
		    "CVSS:3.0/AV:%c/AC:%c/PR:%c/UI:%c/S:%c/C:%c/I:%c/A:%c",
		    m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7]);
		bad += cvss_score(str_from(v), &c0, &err) < 0;
		v[7] = '1';
		bad += cvss_score(str_from(v), &c1, &err) < 0;
		differ += c0.score10 != c1.score10;
		bad += c1.score10 < 0 || c1.score10 > 100;
		n++;
	}
	T_EQ_INT(n, 2592);
	T_EQ_INT(bad, 0);
	T_EQ_INT(differ, 0);
}

static void
test_severity_scale(void)
{
	/* v3.1 Table 14 and v4.0 Table 22, at each edge. */
	T_EQ_STR(cvss_severity(CVSS_V31, 0), "NONE");
	T_EQ_STR(cvss_severity(CVSS_V31, 1), "LOW");
	T_EQ_STR(cvss_severity(CVSS_V31, 39), "LOW");
	T_EQ_STR(cvss_severity(CVSS_V31, 40), "MEDIUM");
	T_EQ_STR(cvss_severity(CVSS_V40, 69), "MEDIUM");
	T_EQ_STR(cvss_severity(CVSS_V40, 70), "HIGH");
	T_EQ_STR(cvss_severity(CVSS_V30, 89), "HIGH");
	T_EQ_STR(cvss_severity(CVSS_V30, 90), "CRITICAL");
	T_EQ_STR(cvss_severity(CVSS_V40, 100), "CRITICAL");
	/* NVD's v2 ranges: 0.0-3.9 Low, 4.0-6.9 Medium, 7.0-10.0 High. */
	T_EQ_STR(cvss_severity(CVSS_V20, 0), "LOW");
	T_EQ_STR(cvss_severity(CVSS_V20, 39), "LOW");
	T_EQ_STR(cvss_severity(CVSS_V20, 40), "MEDIUM");
	T_EQ_STR(cvss_severity(CVSS_V20, 69), "MEDIUM");
	T_EQ_STR(cvss_severity(CVSS_V20, 70), "HIGH");
}

struct bad {
	const char *vector;
	size_t len; /* 0: strlen */
	int code;
	const char *in_msg; /* the message must contain this */
};

/*
 * Leave bytes that look like UTF-8 continuations where the next call's
 * buffers will be: a message must not depend on what was there before.
 */
static void __attribute__((noinline)) dirty_stack(void)
{
	volatile unsigned char junk[4096];

	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = 0x80;
}

static void
check_rejected(const struct bad *b)
{
	struct str v = str_make(b->vector, b->len ? b->len : strlen(b->vector));
	struct cvss c = {.score10 = -7};
	struct ward_err err = {0};
	enum cvss_version ver = 0;
	char first[WARD_ERR_MSG_MAX];
	bool named;
	int r;

	dirty_stack();
	r = cvss_score(v, &c, &err);
	named = strstr(err.msg, b->in_msg) != NULL;
	T_EQ_INT(r, -b->code);
	T_EQ_INT(err.code, b->code);
	T_OK(named);
	T_EQ_INT(c.score10, -7); /* out is written only on success */
	if (r != -b->code || !named)
		T_NOTE("'%.*s': %s", STR_FMT(v), err.msg);
	memcpy(first, err.msg, sizeof(first));
	memset(&err, 0, sizeof(err));
	dirty_stack();
	T_EQ_INT(cvss_validate(v, &ver, &err), -b->code);
	T_EQ_INT(ver, 0);
	T_EQ_STR(err.msg, first);
}

#define NUL_VECTOR "CVSS:3.1/AV:N\0/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"

/* Each rejection names the metric or the problem. */
static const struct bad rejected[] = {
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", 0, EINVAL,
	"missing base metric 'A'"},
    {"CVSS:3.1/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, EINVAL,
	"missing base metric 'AV'"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:L", 0, EINVAL,
	"metric 'A' given twice"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/E:P", 0, EINVAL,
	"metric 'E' given twice"},
    {"CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, EINVAL,
	"invalid value 'Q' for metric 'AV'"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z", 0, EINVAL,
	"invalid value 'Z' for metric 'E'"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:X/MA:S", 0, EINVAL,
	"invalid value 'S' for metric 'MA'"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X", 0, EINVAL,
	"invalid value 'X' for metric 'A'"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:", 0, EINVAL,
	"invalid value '' for metric 'A'"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H:H", 0, EINVAL,
	"invalid value 'H:H' for metric 'A'"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/XX:N/A:H", 0, EINVAL,
	"unknown metric 'XX'"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N", 0, EINVAL,
	"unknown metric 'AT'"},
    {"CVSS:3.1/av:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, EINVAL,
	"unknown metric 'av'"},
    {"CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, EINVAL,
	"invalid value 'n' for metric 'AV'"},
    {"cvss:3.1/av:n/ac:l/pr:n/ui:n/s:u/c:h/i:h/a:h", 0, EINVAL,
	"'CVSS:' in capitals"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", 0, EINVAL,
	"empty metric"},
    {"CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, EINVAL,
	"empty metric"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H ", 0, EINVAL,
	"invalid value 'H ' for metric 'A'"},
    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/AH", 0, EINVAL,
	"'AH' is not METRIC:VALUE"},
    {"CVSS:3.1/", 0, EINVAL, "empty metric"},
    {"CVSS:3.1", 0, EINVAL, "has no metrics"},
    {"", 0, EINVAL, "empty CVSS vector"},
    {"CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, ENOTSUP,
	"version '3.2'"},
    {"CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", 0, ENOTSUP, "version '2.0'"},
    {"CVSS:3/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, EINVAL,
	"malformed CVSS version '3'"},
    /* A NUL inside the string ends nothing: it is a bad value. */
    {NUL_VECTOR, sizeof(NUL_VECTOR) - 1, EINVAL,
	"invalid value 'N\\x00' for metric 'AV'"},
    /* Hostile bytes come back escaped. */
    {"CVSS:3.1/\x1b[31m:N", 0, EINVAL, "unknown metric '\\x1b[31m'"},
    /* v4.0 fixes the order (specification section 7). */
    {"CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 0,
	EINVAL, "metric 'AV' out of the specification's order"},
    /* Misordered as in github/advisory-database issue 7448. */
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N", 0,
	EINVAL, "metric 'VI' out of the specification's order"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/"
     "U:Clear/E:A",
	0, EINVAL, "metric 'E' out of the specification's order"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", 0, EINVAL,
	"missing base metric 'SA'"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", 0,
	EINVAL, "invalid value 'S' for metric 'SI'"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/"
     "U:clear",
	0, EINVAL, "invalid value 'clear' for metric 'U'"},
    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/"
     "MSC:S",
	0, EINVAL, "invalid value 'S' for metric 'MSC'"},
    /* v3.x metrics are not v4.0 metrics. */
    {"CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, EINVAL,
	"invalid value 'U' for metric 'S'"},
    /* v2.0 fixes the order too (v2 guide section 2.4). */
    {"AV:A/AC:L/Au:N/A:C/I:C/C:C", 0, EINVAL,
	"metric 'I' out of the specification's order"},
    {"AV:N/AC:L/Au:N/C:P/I:P", 0, EINVAL, "missing base metric 'A'"},
    {"AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/E:F", 0, EINVAL,
	"metric 'E' given twice"},
    {"AV:N/AC:L/Au:N/C:P/I:P/A:X", 0, EINVAL,
	"invalid value 'X' for metric 'A'"},
    /* A v3 vector without its prefix reads as a (bad) v2.0 one. */
    {"AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 0, EINVAL,
	"CVSS v2.0 vector: unknown metric 'PR'"},
    {"(AV:N/AC:L/Au:N/C:P/I:P/A:P)", 0, EINVAL, "unknown metric '(AV'"},
    {"not a vector", 0, EINVAL, "'not a vector' is not METRIC:VALUE"},
    /* A quote cut short is cut the same way every time (fuzzing). */
    {"\xc2\x9e\xc2\x9e\xc2\x9e\xc2\x9e", 0, EINVAL,
	"'\\u009e\\u009e\\u009e...' is not"},
};

static void
test_rejected(void)
{
	for (size_t i = 0; i < N(rejected); i++)
		check_rejected(&rejected[i]);
}

/* CVSS_VECTOR_MAX: at, just under and just over. */
static void
test_length_limit(void)
{
	char v[CVSS_VECTOR_MAX + 2], longest[CVSS_VECTOR_MAX];
	struct ward_err err = {0};
	struct cvss c;
	int n;

	/*
	 * The longest valid vector there is fits well under the limit. It is
	 * the highest vector of MacroVector 000000, which the specification's
	 * table scores 10.
	 */
	n = snprintf(longest, sizeof(longest),
	    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/"
	    "E:A/CR:H/IR:H/AR:H/MAV:N/MAC:L/MAT:N/MPR:N/MUI:N/MVC:H/MVI:H/"
	    "MVA:H/MSC:H/MSI:S/MSA:S/S:P/AU:Y/R:I/V:C/RE:H/U:Amber");
	T_OK(n > 0 && n < CVSS_VECTOR_MAX);
	T_EQ_INT(cvss_score(str_make(longest, (size_t)n), &c, &err), 0);
	T_EQ_INT(c.score10, 100);

	/* Filler after a valid vector: rejected for what it is, not size. */
	memset(v, 'X', sizeof(v));
	memcpy(v, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:",
	    strlen("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:"));
	for (size_t len = CVSS_VECTOR_MAX - 1; len <= CVSS_VECTOR_MAX + 1;
	     len++) {
		bool over = len > CVSS_VECTOR_MAX;

		memset(&err, 0, sizeof(err));
		T_EQ_INT(cvss_score(str_make(v, len), &c, &err), -EINVAL);
		T_EQ_INT(
		    strstr(err.msg, "longer than any valid") != NULL, over);
		T_EQ_INT(strstr(err.msg, "metric 'E'") != NULL, !over);
	}
	/* Far over: a megabyte-sized blob costs nothing. */
	{
		static char big[1 << 20];

		memset(big, 'A', sizeof(big));
		memset(&err, 0, sizeof(err));
		T_EQ_INT(
		    cvss_score(str_make(big, sizeof(big)), &c, &err), -EINVAL);
	}
}

/* Validation alone reports the version and agrees with scoring. */
static void
test_validate(void)
{
	static const struct {
		const char *v;
		enum cvss_version want;
	} cases[] = {
	    {"AV:N/AC:L/Au:N/C:P/I:P/A:P", CVSS_V20},
	    {"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_V30},
	    {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", CVSS_V31},
	    {"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
		CVSS_V40},
	};

	for (size_t i = 0; i < N(cases); i++) {
		struct ward_err err = {0};
		enum cvss_version ver = 0;

		T_EQ_INT(cvss_validate(str_from(cases[i].v), &ver, &err), 0);
		T_EQ_INT(ver, cases[i].want);
		T_EQ_INT(err.code, 0); /* err is untouched on success */
	}
}

int
main(void)
{
	test_published();
	test_fields();
	test_spec_rules();
	test_roundup();
	test_v30_v31_agree();
	test_severity_scale();
	test_rejected();
	test_length_limit();
	test_validate();
	return t_done();
}
