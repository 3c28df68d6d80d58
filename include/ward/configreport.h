#ifndef WARD_CONFIGREPORT_H
#define WARD_CONFIGREPORT_H

/*
 * Writers for the result of 'ward config': ward's JSON (docs/config.md),
 * a table for people, SARIF 2.1.0 and JUnit XML. Every string of a
 * finding but the rule's own text comes from an input file and is
 * untrusted: each writer escapes it for its format.
 *
 * 'shown' (may be NULL: all) marks the findings that pass the user's
 * filters (--severity); the others appear in no format. Suppressed
 * findings (annotation, comment, .wardignore) are listed with their
 * reason in JSON and SARIF (as SARIF suppressions) and left out of the
 * table and JUnit, which count them. Each writer returns 0, or -EIO when
 * writing to 'f' failed; scratch strings go into 'a'.
 */

#include <stdbool.h>
#include <stdio.h>

struct arena;
struct config_result;
struct ward_err;

struct config_report {
	const struct config_result *res;
	const bool *shown; /* per finding; NULL: all */
};

/* {"schemaVersion", "tool", "summary", "findings", "warnings"}. */
int configreport_write_json(struct arena *a, const struct config_report *r,
    FILE *f, struct ward_err *err);

/* Findings grouped by file, each row: LINE:COL, SEVERITY, ID, RESOURCE,
 * CONTAINER, MESSAGE; then totals. 'color' colours severities. */
int configreport_write_table(struct arena *a, const struct config_report *r,
    FILE *f, bool color, struct ward_err *err);

/* SARIF 2.1.0: a rule per rule id used (help = remediation, helpUri =
 * first reference), a result per finding at its file, line and column. */
int configreport_write_sarif(struct arena *a, const struct config_report *r,
    FILE *f, struct ward_err *err);

/* JUnit XML: a <testsuite> per file with findings, a failing
 * <testcase> per finding. */
int configreport_write_junit(struct arena *a, const struct config_report *r,
    FILE *f, struct ward_err *err);

#endif
