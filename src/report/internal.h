#ifndef WARD_REPORT_INTERNAL_H
#define WARD_REPORT_INTERNAL_H

/*
 * Shared between the files of src/report: the inventory document's
 * pieces, which the vulnerability-aware writers extend, and small helpers
 * every findings writer needs.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "ward/report.h"

struct arena;
struct inventory;
struct jsonw;
struct pkg;
struct scan_report;
struct vuln_match;

/*
 * The JSON inventory's members, "schemaVersion" to "warningsDropped"
 * (docs/inventory-json.md), written into the object open on 'w'.
 */
void report_inventory_members(
    struct arena *a, struct jsonw *w, const struct inventory *inv);

/*
 * One package as the JSON inventory writes it. 'brief' leaves out the
 * descriptive fields (licence, maintainer, vendor, installed size), for
 * a finding that names its package.
 */
void report_pkg_json(struct arena *a, struct jsonw *w,
    const struct inventory *inv, const struct pkg *p, bool brief);

/* The target line and the OS line that head both tables. */
void report_table_heading(const struct inventory *inv, FILE *f, bool color);

/* Display width of UTF-8 text (one column per code point). */
size_t report_text_width(const char *s);

/* Index of 'p' in inv->pkgs, or -1 when it points elsewhere (or NULL). */
ssize_t report_pkg_index(const struct inventory *inv, const struct pkg *p);

/* Finding 'i' passes the user's filters and is not suppressed: what
 * every format but JSON shows. */
bool report_finding_listed(const struct scan_report *r, size_t i);

/* The finding's severity; SEV_UNKNOWN for a name ward does not know. */
enum severity report_match_severity(const struct vuln_match *v);

/* A CVSS score worth showing: within 0..10 (not NaN). */
static inline bool
report_score_ok(double s)
{
	return s >= 0 && s <= 10;
}

/*
 * True when 's' is an absolute http or https URL of at most 2048
 * printable ASCII bytes without spaces, quotes, backslashes or angle
 * brackets: safe to hand on as a URI (SARIF helpUri, CycloneDX advisory
 * url, a Markdown autolink). Other references are shown as text.
 */
bool report_is_web_url(const char *s);

/*
 * 's' as XML 1.0 character data ('attr': inside a quoted attribute):
 * markup escaped; C0 controls but tab and newline, DEL, C1 controls,
 * U+FFFE, U+FFFF and invalid UTF-8 written as U+FFFD.
 */
void report_xml_put(FILE *f, const char *s, bool attr);

/*
 * Is the inventory an image's (layers mean something), rather than a
 * directory's or a rootfs tarball's? An unknown source counts as an
 * image.
 */
bool report_inventory_is_image(const struct inventory *inv);

/*
 * A relative URI reference for a path, in 'a': every byte outside the
 * unreserved set and '/' percent-encoded ("." for an empty path).
 */
const char *report_path_uri(struct arena *a, const char *path);

#endif
