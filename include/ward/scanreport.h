#ifndef WARD_SCANREPORT_H
#define WARD_SCANREPORT_H

/*
 * Writers for the result of 'ward image' / 'ward fs' / 'ward sbom' with
 * vulnerability findings: ward's JSON (the inventory document plus a
 * "vulnerabilities" array and a summary, docs/scan-json.md), a table for
 * people, SARIF 2.1.0 for code-scanning tools, CycloneDX 1.5 with a
 * vulnerabilities section, and JUnit XML for CI dashboards.
 *
 * Findings usually arrive sorted (severity, then id); the table sorts
 * its rows itself. A finding whose 'suppressed' is set (by .wardignore
 * or a VEX statement) is shown as suppressed in JSON and left out of the
 * other formats. 'shown' marks which findings pass the user's filters
 * (--severity, --ignore-unfixed); filtered-out findings appear in no
 * format. Every string in the report (package data and advisory text
 * alike) is untrusted: each writer escapes it for its format.
 *
 * Each writer returns 0, or -EIO when writing to 'f' failed; scratch
 * strings go into 'a'.
 */

#include <stdbool.h>
#include <stdio.h>

struct arena;
struct inventory;
struct match_result;
struct ward_err;

struct scan_report {
	const struct inventory *inv;
	const struct match_result *vulns; /* NULL: not scanned */
	const bool *shown; /* per finding; NULL: all */
	const char *db_built_at; /* for the report's metadata */
};

/*
 * The JSON inventory's members, then (when 'vulns' is set) "database",
 * "vulnerabilities" (every shown finding, suppressed ones with
 * "suppressed": {"reason"}) and "summary" (counts by severity of the
 * shown, unsuppressed findings, and of the suppressed ones). Without
 * 'vulns' the document is the JSON inventory. "schemaVersion" stays 1:
 * the vulnerability members are additions.
 */
int scanreport_write_json(struct arena *a, const struct scan_report *r, FILE *f,
    struct ward_err *err);

/*
 * The target and OS, then the findings grouped by the file their
 * package came from (OS package database first, then each binary), each
 * group's rows sorted by severity, then id: SEVERITY, ID ("[KEV]" for a
 * known exploited one), PACKAGE, INSTALLED, FIXED, TITLE (cut to 60
 * columns), and a "Total: N (CRITICAL: x, ...)" line. 'color' colours
 * severities and headings; no byte of data is printed unescaped. Without
 * 'vulns', the package table (inventory_write_table).
 */
int scanreport_write_table(struct arena *a, const struct scan_report *r,
    FILE *f, bool color, struct ward_err *err);

/*
 * A SARIF 2.1.0 log with one run: a rule per advisory id (descriptions,
 * help text and Markdown, "security-severity", tags, a default level:
 * CRITICAL and HIGH "error", MEDIUM "warning", others "note") and a
 * result per listed finding, located at the package's database path
 * (region line 1), with the fingerprint "ward/v1", a SHA-256 of the
 * advisory id, package name, installed version and target.
 */
int scanreport_write_sarif(struct arena *a, const struct scan_report *r,
    FILE *f, struct ward_err *err);

/*
 * JUnit XML: <testsuites name="ward"> with one <testsuite> named after
 * the target and one <testcase classname="PKG" name="PKG@VERSION"> per
 * package, failing (type = the highest severity) with a line per listed
 * finding, then one failing <testcase classname="secret" name="RULE at
 * PATH:LINE:COLUMN"> per secret (redacted match and fingerprint only).
 * Data that XML 1.0 cannot carry becomes U+FFFD.
 */
int scanreport_write_junit(struct arena *a, const struct scan_report *r,
    FILE *f, struct ward_err *err);

/*
 * The CycloneDX 1.5 BOM sbom_write_cyclonedx() writes, plus a
 * "vulnerabilities" entry per listed finding (ratings, aliases as
 * references, advisories, "affects" naming the package's bom-ref with
 * the installed version affected and fixed versions unaffected, and
 * "ward:" properties such as ward:kev). When the inventory was scanned
 * for secrets, each secret is a vulnerability too: id = the rule id,
 * CWE-798, "affects" the target, and ward:class "secret", ward:path,
 * ward:line, ward:column, ward:layerIndex, ward:removedByLayer,
 * ward:match (redacted) and ward:fingerprint ("sha256:HEX") properties;
 * 'vulns' may then be NULL. May also fail with -errno when no random
 * bytes are available for the serial number.
 */
int scanreport_write_cyclonedx(struct arena *a, const struct scan_report *r,
    FILE *f, struct ward_err *err);

#endif
