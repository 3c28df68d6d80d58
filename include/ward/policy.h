#ifndef WARD_POLICY_H
#define WARD_POLICY_H

/*
 * What the user has decided not to see: an ignore file (.wardignore) and
 * OpenVEX documents. Both are read strictly: a line or statement ward
 * does not understand is an error naming the file and line, never
 * silently dropped, because a typo in an ignore file must not hide a
 * finding nor leave one the user meant to accept.
 *
 * .wardignore, one entry per line:
 *   ID [exp:YYYY-MM-DD] [pkg:NAME] [path:PATH]   # comment
 * ID is an advisory id or alias (CVE-..., GHSA-..., GO-...) or a secret's
 * fingerprint (sha256:...). 'exp' ends the entry after that day (UTC);
 * 'pkg' limits it to a package (binary or source name), 'path' to a file.
 */

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "ward/str.h"

struct arena;
struct ward_err;
struct vuln_match;

struct ignore_rule {
	const char *id;
	const char *pkg;  /* NULL: any */
	const char *path; /* NULL: any */
	time_t expires;	  /* 0: never; else first second no longer ignored */
	const char *file;
	unsigned line;
};

struct vex_stmt {
	const char *vuln;	/* id or alias */
	const char *status;	/* "not_affected" or "fixed" (others dropped) */
	const char *justification;
	const char **products;	/* purls (qualifiers stripped); none: all */
	size_t nproducts;
	const char *file;
};

struct policy {
	struct ignore_rule *rules;
	size_t nrules;
	struct vex_stmt *vex;
	size_t nvex;
	size_t expired; /* entries past their date (reported once) */
};

/* Parse an ignore file; -EBADMSG names the file and line. */
int policy_load_ignore(struct arena *a, const char *file, struct str text,
    struct policy *p, struct ward_err *err);

/* Parse an OpenVEX JSON document (v0.0.1 and v0.2.0 shapes). */
int policy_load_vex(struct arena *a, const char *file, struct str text,
    struct policy *p, struct ward_err *err);

/*
 * Why finding 'v' (whose package has the package URL 'purl', may be NULL)
 * is suppressed at time 'now', or NULL when it is not.
 */
const char *policy_suppresses(struct arena *a, const struct policy *p,
    const struct vuln_match *v, const char *purl, time_t now);

/* True when 'id' (a secret fingerprint or rule id) is ignored for 'path'. */
bool policy_ignores(const struct policy *p, const char *id, const char *path,
    time_t now);

#endif
