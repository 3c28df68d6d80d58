/*
 * ward's entry point: global options, the verb table and dispatch, exit
 * codes and output files. Everything that reaches the terminal from here
 * is either ward's own text or passes through the log's sanitiser.
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "ward/err.h"
#include "ward/log.h"
#include "ward/mem.h"
#include "ward/str.h"

static const struct verb *const verbs[] = {
    &verb_image,
    &verb_fs,
    &verb_sbom,
    &verb_config,
    &verb_db,
    &verb_compare_versions,
    &verb_version,
};

static const struct {
	const char *name;
	enum out_format fmt;
} formats[] = {
    {"table", FMT_TABLE},
    {"json", FMT_JSON},
    {"cyclonedx", FMT_CYCLONEDX},
    {"spdx-json", FMT_SPDX_JSON},
    {"sarif", FMT_SARIF},
    {"junit", FMT_JUNIT},
};

void
cmd_help_globals(FILE *f)
{
	fputs("Global options (before or after the verb):\n"
	      "  -f, --format FMT     output format: table (default on a "
	      "terminal), json,\n"
	      "                       cyclonedx, spdx-json (where the verb "
	      "has them)\n"
	      "  -o, --output FILE    write the report to FILE (replaced "
	      "only when complete)\n"
	      "      --cache-dir DIR  cache directory (default "
	      "$XDG_CACHE_HOME/ward)\n"
	      "  -q, --quiet          fewer messages (-q -q: none)\n"
	      "  -v, --verbose        more messages (-v info, -vv debug)\n"
	      "      --no-color       no colours (also when NO_COLOR is set)\n"
	      "  -h, --help           this help\n",
	    f);
}

static void
help_main(FILE *f)
{
	fputs("Usage: ward [OPTIONS] VERB [ARGS...]\n\n"
	      "ward is a container security toolkit: one fast binary for "
	      "what goes into\nan image, how it is deployed, where it runs "
	      "and how it runs.\n\nVerbs:\n",
	    f);
	for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
		fprintf(f, "  %-16s %s\n", verbs[i]->name, verbs[i]->summary);
	fprintf(f, "  %-16s %s\n\n", "help", "show help for a verb");
	cmd_help_globals(f);
	fputs("\nExit codes: 0 clean, --exit-code N when findings pass the "
	      "policy,\n2 usage error, 3 input error, 4 internal error.\n"
	      "Run 'ward VERB --help' for a verb's options.\n",
	    f);
}

static const struct verb *
find_verb(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
		if (strcmp(verbs[i]->name, name) == 0)
			return verbs[i];
	return NULL;
}

int
cmd_usage_error(const char *verb, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		msg[0] = '\0';
	va_end(ap);
	if (verb)
		log_error("%s: %s", verb, msg);
	else
		log_error("%s", msg);
	if (log_enabled(LOG_ERROR))
		fprintf(stderr, "Try 'ward %s%s--help'.\n", verb ? verb : "",
		    verb ? " " : "");
	return EXIT_USAGE;
}

const char *
cmd_bad_option(char **argv)
{
	static char shortopt[3] = "-?";
	const char *last = argv[optind - 1];

	/* Bundled short options ("-xv") leave the whole word in argv; the
	 * letter at fault is in optopt. */
	if (strncmp(last, "--", 2) != 0 && optopt > ' ' && optopt < 127) {
		shortopt[1] = (char)optopt;
		return shortopt;
	}
	return last;
}

void
cmd_print_err(const char *verb, const struct ward_err *err)
{
	log_error("%s: %s", verb, err->msg);
}

int
cmd_global_option(struct cmd_ctx *ctx, int opt, const char *arg)
{
	switch (opt) {
	case 'f':
		for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
			if (strcmp(arg, formats[i].name) == 0) {
				ctx->format = formats[i].fmt;
				return 1;
			}
		}
		cmd_usage_error(NULL,
		    "unknown format '%s' (use table, json, sarif, cyclonedx, "
		    "spdx-json or junit)",
		    arg);
		return -1;
	case 'o':
		ctx->output = arg;
		return 1;
	case 'q':
		ctx->verbosity--;
		break;
	case 'v':
		ctx->verbosity++;
		break;
	case OPT_NO_COLOR:
		ctx->no_color = true;
		break;
	case OPT_CACHE_DIR:
		ctx->cache_dir = arg;
		return 1;
	default:
		return 0;
	}
	log_set_level((enum log_level)(LOG_WARN + ctx->verbosity < LOG_QUIET
		? LOG_QUIET
		: LOG_WARN + ctx->verbosity));
	return 1;
}

enum out_format
cmd_resolve_format(const struct cmd_ctx *ctx)
{
	if (ctx->format != FMT_DEFAULT)
		return ctx->format;
	return isatty(STDOUT_FILENO) && !ctx->output ? FMT_TABLE : FMT_JSON;
}

static char out_tmp[PATH_MAX];
static bool out_direct; /* -o names a FIFO or device: no temp file */

int
cmd_output_open(struct cmd_ctx *ctx, FILE **out, struct ward_err *err)
{
	struct stat st;
	mode_t mask;
	int fd, n;

	if (!ctx->output || strcmp(ctx->output, "-") == 0) {
		*out = stdout;
		return 0;
	}
	/*
	 * A FIFO, terminal or device (/dev/null, /dev/stderr) is written in
	 * place: renaming a temporary file over it would replace the device
	 * node itself (as root, /dev/null would become a regular file).
	 * Only a regular file, or a new one, gets the temporary-and-rename
	 * treatment.
	 */
	out_direct = false;
	if (stat(ctx->output, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			return err_set(
			    err, EISDIR, "'%s' is a directory", ctx->output);
		fd = open(ctx->output, O_WRONLY | O_CLOEXEC | O_NOCTTY);
		if (fd < 0)
			return err_set(err, errno, "cannot open '%s': %s",
			    ctx->output, strerror(errno));
		*out = fdopen(fd, "w");
		if (!*out) {
			int e = errno;

			close(fd);
			return err_set(err, e, "fdopen: %s", strerror(e));
		}
		out_direct = true;
		return 0;
	}
	n = snprintf(out_tmp, sizeof(out_tmp), "%s.XXXXXX", ctx->output);
	if (n < 0 || (size_t)n >= sizeof(out_tmp))
		return err_set(err, ENAMETOOLONG, "output path too long");
	fd = mkostemp(out_tmp, O_CLOEXEC);
	if (fd < 0)
		return err_set(err, errno, "cannot create '%s': %s", out_tmp,
		    strerror(errno));
	/* mkostemp gives 0600; a report gets the usual 0666 & ~umask. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask); /* best effort: 0600 is safe too */
	*out = fdopen(fd, "w");
	if (!*out) {
		int e = errno;

		close(fd);
		unlink(out_tmp);
		return err_set(err, e, "fdopen: %s", strerror(e));
	}
	return 0;
}

int
cmd_output_close(struct cmd_ctx *ctx, FILE *f, bool ok, struct ward_err *err)
{
	if (f == stdout) {
		if (fflush(stdout) != 0)
			return err_set(err, errno, "writing to stdout: %s",
			    strerror(errno));
		return 0;
	}
	if (out_direct) {
		if (fflush(f) != 0)
			ok = false;
		if (fclose(f) != 0)
			ok = false;
		if (!ok)
			return err_set(err, EIO,
			    "report not fully written to '%s'", ctx->output);
		return 0;
	}
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		ok = false;
	if (fclose(f) != 0)
		ok = false;
	if (!ok) {
		unlink(out_tmp);
		return err_set(
		    err, EIO, "report not written to '%s'", ctx->output);
	}
	if (rename(out_tmp, ctx->output) != 0) {
		int e = errno;

		unlink(out_tmp);
		return err_set(err, e, "cannot rename into '%s': %s",
		    ctx->output, strerror(e));
	}
	return 0;
}

static void
setup_color(struct cmd_ctx *ctx)
{
	const char *nc = secure_getenv("NO_COLOR");

	if (nc && *nc)
		ctx->no_color = true;
	ctx->color = !ctx->no_color && isatty(STDOUT_FILENO);
	log_set_color(!ctx->no_color && isatty(STDERR_FILENO));
}

static int
run_help(int argc, char **argv)
{
	const struct verb *v;

	if (argc < 2) {
		help_main(stdout);
		return EXIT_OK;
	}
	v = find_verb(argv[1]);
	if (!v)
		return cmd_usage_error("help", "unknown verb '%s'", argv[1]);
	v->help(stdout);
	return EXIT_OK;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {CMD_GLOBAL_LONGOPTS,
	    {"version", no_argument, NULL, 'V'}, {NULL, 0, NULL, 0}};
	struct cmd_ctx ctx = {0};
	const struct verb *v;
	int opt, vi;

	log_set_level(LOG_WARN);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:f:o:qvh", longopts, NULL)) !=
	    -1) {
		if (opt == 'h') {
			help_main(stdout);
			return EXIT_OK;
		}
		if (opt == 'V') {
			optind = 0;
			return verb_version.run(
			    &ctx, 1, (char *[]){"version", NULL});
		}
		if (opt == '?')
			return cmd_usage_error(
			    NULL, "unknown option '%s'", cmd_bad_option(argv));
		if (opt == ':')
			return cmd_usage_error(NULL,
			    "option '%s' needs a value", argv[optind - 1]);
		if (cmd_global_option(&ctx, opt, optarg) < 0)
			return EXIT_USAGE;
	}
	setup_color(&ctx);
	if (optind >= argc) {
		help_main(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[optind], "help") == 0)
		return run_help(argc - optind, argv + optind);
	v = find_verb(argv[optind]);
	if (!v)
		return cmd_usage_error(NULL, "unknown verb '%s'", argv[optind]);
	vi = optind;
	optind = 0; /* reinitialise getopt for the verb's own parsing */
	return v->run(&ctx, argc - vi, argv + vi);
}
