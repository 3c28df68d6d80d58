#ifndef WARD_REPORT_H
#define WARD_REPORT_H

/*
 * The report model every verb fills in, and its writers. A report holds
 * targets (an image, a directory, a manifest file); each target holds
 * findings with a severity. All strings live in the report's arena. The
 * writers never print raw untrusted bytes: JSON escapes them, the table
 * escapes them for the terminal.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ward/severity.h"

struct arena;
struct ward_err;


/* "UNKNOWN", "LOW", ... */
const char *severity_name(enum severity s);
/* Parse a name (any case); returns 0 or -EINVAL. */
int severity_parse(const char *name, enum severity *out);
/*
 * Parse a comma-separated list ("HIGH,CRITICAL") into a bitmask of
 * (1 << severity). Returns 0 or -EINVAL (err names the bad word).
 */
int severity_parse_list(const char *list, unsigned *mask, struct ward_err *err);

enum finding_class {
	FINDING_VULN = 1,
	FINDING_SECRET,
	FINDING_MISCONFIG,
	FINDING_NOTE,
};

struct finding {
	enum finding_class class;
	enum severity severity;
	const char *id; /* rule or advisory id */
	const char *title; /* one line */
	const char *message; /* what was found, may be NULL */
	const char *path; /* file inside the target, may be NULL */
	uint32_t line, col; /* 0 when unknown */
};

struct report_target {
	const char *name; /* what the user named */
	const char *type; /* "image", "filesystem", "kubernetes", ... */
	struct finding *findings;
	size_t nfindings, capfindings;
};

struct report {
	struct arena *arena; /* borrowed */
	const char *tool_version;
	struct report_target *targets;
	size_t ntargets, captargets;
};

/* A report whose strings live in 'a' (borrowed). */
void report_init(struct report *r, struct arena *a);

/* Add a target; the returned pointer is valid until the next add. */
struct report_target *
report_add_target(struct report *r, const char *name, const char *type);

/* Add a zeroed finding to 't'; valid until the next add on 't'. */
struct finding *report_add_finding(struct report *r, struct report_target *t);

/* Sort each target's findings by severity (highest first), then id. */
void report_sort(struct report *r);

/* Findings whose severity is in 'mask' (all when mask is 0). */
size_t report_count(const struct report *r, unsigned mask);

/* The JSON report (schema in docs/json-schema.md). */
int report_write_json(const struct report *r, FILE *f, struct ward_err *err);

/* A table for people; 'color' adds ANSI colours by severity. */
int report_write_table(
    const struct report *r, FILE *f, bool color, struct ward_err *err);

#endif
