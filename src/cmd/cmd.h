#ifndef WARD_CMD_H
#define WARD_CMD_H

/*
 * Shared by the verbs: global options, output handling and exit codes.
 * Only cmd parses argv, prints and exits.
 */

#include <stdbool.h>
#include <stdio.h>

struct arena;
struct ward_err;

enum exit_code {
	EXIT_OK = 0,
	EXIT_FINDINGS = 1, /* default for --exit-code when given no value */
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,
	EXIT_INTERNAL = 4,
};

enum out_format {
	FMT_DEFAULT = 0, /* table on a TTY, json otherwise */
	FMT_TABLE,
	FMT_JSON,
	FMT_SARIF,
	FMT_CYCLONEDX,
	FMT_SPDX_JSON,
	FMT_JUNIT,
};

struct cmd_ctx {
	enum out_format format;
	const char *output; /* -o FILE, NULL for stdout */
	const char *cache_dir;
	bool color; /* colours on stdout */
	bool no_color; /* --no-color or NO_COLOR */
	int verbosity; /* -v adds, -q subtracts */
};

struct verb {
	const char *name;
	const char *summary;
	int (*run)(struct cmd_ctx *ctx, int argc, char **argv);
	void (*help)(FILE *f);
};

extern const struct verb verb_version;
extern const struct verb verb_image;
extern const struct verb verb_fs;
extern const struct verb verb_config;
extern const struct verb verb_sbom;
extern const struct verb verb_db;
extern const struct verb verb_compare_versions;

/*
 * Handle an option every verb takes. 'opt' is getopt's return value.
 * Returns 1 when handled, 0 when not a global option, or -1 after printing
 * a usage error.
 */
int cmd_global_option(struct cmd_ctx *ctx, int opt, const char *arg);

/* Usage error: print "ward: VERB: message" and a hint, return EXIT_USAGE. */
int cmd_usage_error(const char *verb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The option getopt just refused, as the user wrote it. */
const char *cmd_bad_option(char **argv);

/* Print "ward: VERB: err->msg" (sanitised) to stderr. */
void cmd_print_err(const char *verb, const struct ward_err *err);

/*
 * Output: open stdout or a temporary file beside -o FILE; cmd_output_close
 * renames it into place only when 'ok', so a failed run never leaves a
 * partial report. Return 0 or -errno with err set.
 */
int cmd_output_open(struct cmd_ctx *ctx, FILE **out, struct ward_err *err);
int
cmd_output_close(struct cmd_ctx *ctx, FILE *f, bool ok, struct ward_err *err);

/* The cache directory (--cache-dir, $XDG_CACHE_HOME/ward or
 * $HOME/.cache/ward), and the default database path inside it. */
const char *cmd_cache_base(struct arena *a, const struct cmd_ctx *ctx);
const char *cmd_db_path(struct arena *a, const struct cmd_ctx *ctx);

/* The format actually used when the user gave none. */
enum out_format cmd_resolve_format(const struct cmd_ctx *ctx);

/* Option letters/ids shared by the verbs' getopt tables. */
enum {
	OPT_NO_COLOR = 0x100,
	OPT_CACHE_DIR,
	OPT_HELP,
	OPT_VERB_BASE = 0x200, /* verb-specific long options start here */
};

#define CMD_GLOBAL_SHORTOPTS ":f:o:qvh"
#define CMD_GLOBAL_LONGOPTS                                                    \
	{"format", required_argument, NULL, 'f'},                              \
	    {"output", required_argument, NULL, 'o'},                          \
	    {"quiet", no_argument, NULL, 'q'},                                 \
	    {"verbose", no_argument, NULL, 'v'},                               \
	    {"no-color", no_argument, NULL, OPT_NO_COLOR},                     \
	    {"cache-dir", required_argument, NULL, OPT_CACHE_DIR},             \
	{                                                                      \
		"help", no_argument, NULL, 'h'                                 \
	}

/* The global options' help text, printed by every verb's help. */
void cmd_help_globals(FILE *f);

#endif
