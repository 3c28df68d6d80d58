#ifndef WARD_SEVERITY_H
#define WARD_SEVERITY_H

/*
 * The severity scale every finding uses. It is a plain value shared by
 * the modules that produce findings (config, vuln) and the report that
 * prints them; names and parsing live in the report module.
 */

enum severity {
	SEV_UNKNOWN = 0,
	SEV_LOW,
	SEV_MEDIUM,
	SEV_HIGH,
	SEV_CRITICAL,
};
#define SEV_COUNT 5

#endif
