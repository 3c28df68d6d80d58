#ifndef WARD_CMD_POLICY_OPTS_H
#define WARD_CMD_POLICY_OPTS_H

/* Options shared by the verbs that report vulnerabilities. */

#include <stdbool.h>
#include <stddef.h>

#include "cmd.h"

struct arena;
struct inventory;

enum {
	OPT_SEVERITY = OPT_VERB_BASE + 0x40,
	OPT_IGNORE_UNFIXED,
	OPT_EXIT_CODE,
	OPT_IGNOREFILE,
	OPT_VEX,
	OPT_DB,
	OPT_SKIP_DB_CHECK,
	OPT_SECRET_CONFIG,
};

#define POLICY_LONGOPTS                                                        \
	{"severity", required_argument, NULL, OPT_SEVERITY},                   \
	    {"ignore-unfixed", no_argument, NULL, OPT_IGNORE_UNFIXED},         \
	    {"exit-code", required_argument, NULL, OPT_EXIT_CODE},             \
	    {"ignorefile", required_argument, NULL, OPT_IGNOREFILE},           \
	    {"vex", required_argument, NULL, OPT_VEX},                         \
	{                                                                      \
		"db", required_argument, NULL, OPT_DB                          \
	}

struct policy_opts {
	const char *verb;
	bool want_vuln; /* --scanners includes vuln */
	bool want_secret; /* --scanners includes secret */
	const char *secret_config; /* --secret-config FILE, or NULL */
	bool scanners_set; /* the user chose the scanners */
	unsigned sev_mask; /* 0: all */
	bool ignore_unfixed;
	int exit_code;
	const char *ignorefile;
	const char *vex[16];
	size_t nvex;
	const char *db_path;
};

/* Parse a --scanners list ("vuln", "secret", "none"). Returns 0 or
 * EXIT_USAGE. */
int policy_opts_scanners(struct policy_opts *o, const char *list);

/* Handle one of POLICY_LONGOPTS: 1 handled, 0 not ours, EXIT_USAGE. */
int policy_opts_option(struct policy_opts *o, int opt, const char *arg);

/* The help text for these options. */
void policy_opts_help(FILE *f);

/*
 * Match 'inv' (unless vulnerabilities are off), apply the ignore file and
 * VEX, write the report in the chosen format, and return the exit code.
 */
int policy_report(struct arena *a, struct cmd_ctx *ctx,
    const struct inventory *inv, struct policy_opts *o);

#endif
