/*
 * 'ward compare-versions': one ecosystem's version ordering on the command
 * line, for people checking a single pair and for programs feeding
 * millions (--batch, one "A<TAB>B" per line on stdin, one answer per line
 * on stdout). With --range it answers whether a version satisfies an npm
 * range or a PEP 440 specifier set instead. Lines come from anywhere, so
 * each is bounded and may hold any bytes; a bad line is answered "error"
 * and the batch goes on.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ward/err.h"
#include "ward/log.h"
#include "ward/mem.h"
#include "ward/str.h"
#include "ward/vercmp.h"

#define VERB "compare-versions"
#define IN_CHUNK (1u << 20)
#define OUT_FLUSH (1u << 16)
/* A batch line longer than this is answered "error". */
#define LINE_MAX_BYTES (2 * VERCMP_RANGE_MAX + 2)

enum { OPT_ECO = OPT_VERB_BASE, OPT_BATCH, OPT_RANGE };

struct opts {
	enum ecosystem eco;
	bool have_eco, batch, range;
};

struct out {
	char buf[OUT_FLUSH + 64];
	size_t len;
	bool failed;
};

static void
help(FILE *f)
{
	fputs("Usage: ward compare-versions --ecosystem ECO A B\n"
	      "       ward compare-versions --ecosystem ECO --batch < pairs\n"
	      "       ward compare-versions --ecosystem ECO --range VERSION "
	      "RANGE\n\n"
	      "Compare two versions the way the ecosystem's own tool does and "
	      "print\n'<', '=' or '>'. An invalid version is an error (exit 3) "
	      "that names the\nrule it breaks.\n\n"
	      "Options:\n"
	      "  -e, --ecosystem ECO  Debian, Alpine, Red Hat, npm, PyPI, "
	      "Maven, Go,\n"
	      "                       RubyGems, Packagist, NuGet, crates.io "
	      "(any case),\n"
	      "                       or deb, apk, rpm, semver, pypi, maven, "
	      "go, gem,\n"
	      "                       composer, nuget, cargo\n"
	      "      --batch          read 'A<TAB>B' lines on stdin; print -1, "
	      "0, 1 or\n"
	      "                       'error' for each (empty lines are "
	      "skipped)\n"
	      "      --range          compare a version with a range instead "
	      "(npm ranges,\n"
	      "                       PyPI specifier sets): print 'yes' or "
	      "'no', or with\n"
	      "                       --batch 1, 0 or 'error' per "
	      "'VERSION<TAB>RANGE' line\n\n"
	      "Put '--' before versions that start with '-'. "
	      "docs/version-ordering.md\ndescribes each ecosystem's rules.\n\n",
	    f);
	cmd_help_globals(f);
}

static void
out_put(struct out *o, const char *s)
{
	size_t n = strlen(s);

	memcpy(o->buf + o->len, s, n);
	o->len += n;
	if (o->len >= OUT_FLUSH) {
		if (fwrite(o->buf, 1, o->len, stdout) != o->len)
			o->failed = true;
		o->len = 0;
	}
}

/* Split a batch line as the oracle does: at a TAB, else at white space. */
static bool
split_pair(struct str line, struct str *a, struct str *b)
{
	ssize_t tab = str_find_char(line, '\t');
	size_t i = 0, start;

	if (tab >= 0) {
		*a = str_sub(line, 0, (size_t)tab);
		*b = str_sub(line, (size_t)tab + 1, line.len);
		return str_find_char(*b, '\t') < 0;
	}
	while (i < line.len &&
	    (line.p[i] == ' ' || line.p[i] == '\v' || line.p[i] == '\f'))
		i++;
	start = i;
	while (i < line.len && line.p[i] != ' ')
		i++;
	*a = str_sub(line, start, i - start);
	while (i < line.len && line.p[i] == ' ')
		i++;
	start = i;
	while (i < line.len && line.p[i] != ' ')
		i++;
	*b = str_sub(line, start, i - start);
	while (i < line.len && line.p[i] == ' ')
		i++;
	return a->len && b->len && i == line.len;
}

static const char *
answer(const struct opts *o, struct str line)
{
	static const char *const cmp_text[] = {"-1\n", "0\n", "1\n"};
	struct ward_err err;
	struct str a, b;
	bool sat;
	int cmp;

	if (line.len > LINE_MAX_BYTES || !split_pair(line, &a, &b))
		return "error\n";
	if (o->range) {
		if (vercmp_range_satisfies(o->eco, a, b, &sat, &err) < 0)
			return "error\n";
		return sat ? "1\n" : "0\n";
	}
	if (vercmp(o->eco, a, b, &cmp, &err) < 0)
		return "error\n";
	return cmp_text[cmp + 1];
}

static int
run_batch(const struct opts *o)
{
	struct out *out = xcalloc(1, sizeof(*out));
	char *buf = xmalloc(IN_CHUNK);
	size_t have = 0, cap = IN_CHUNK, n;
	int rc = EXIT_OK;

	for (;;) {
		size_t start = 0;

		if (have == cap) {
			/* A line longer than the buffer: grow it. */
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = fread(buf + have, 1, cap - have, stdin);
		have += n;
		for (size_t i = 0; i < have; i++) {
			struct str line;

			if (buf[i] != '\n')
				continue;
			line = (struct str){buf + start, i - start};
			if (line.len && line.p[line.len - 1] == '\r')
				line.len--;
			if (line.len)
				out_put(out, answer(o, line));
			start = i + 1;
		}
		memmove(buf, buf + start, have - start);
		have -= start;
		if (n == 0)
			break;
	}
	if (have && !(have == 1 && buf[0] == '\r'))
		out_put(out, answer(o, (struct str){buf, have}));
	if (ferror(stdin)) {
		log_error("%s: reading stdin: %s", VERB, strerror(errno));
		rc = EXIT_INPUT;
	}
	if (fwrite(out->buf, 1, out->len, stdout) != out->len || out->failed ||
	    fflush(stdout) != 0)
		rc = EXIT_INTERNAL;
	free(buf);
	free(out);
	return rc;
}

static int
run_one(const struct opts *o, const char *a, const char *b)
{
	struct ward_err err;
	bool sat;
	int cmp, r;

	if (o->range)
		r = vercmp_range_satisfies(
		    o->eco, str_from(a), str_from(b), &sat, &err);
	else
		r = vercmp(o->eco, str_from(a), str_from(b), &cmp, &err);
	if (r < 0) {
		cmd_print_err(VERB, &err);
		return EXIT_INPUT;
	}
	if (o->range)
		puts(sat ? "yes" : "no");
	else
		puts(cmp < 0 ? "<" : (cmp > 0 ? ">" : "="));
	if (fflush(stdout) != 0)
		return EXIT_INTERNAL;
	return EXIT_OK;
}

static int
parse_opts(struct cmd_ctx *ctx, int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {CMD_GLOBAL_LONGOPTS,
	    {"ecosystem", required_argument, NULL, 'e'},
	    {"batch", no_argument, NULL, OPT_BATCH},
	    {"range", no_argument, NULL, OPT_RANGE}, {NULL, 0, NULL, 0}};
	int opt;

	while ((opt = getopt_long(argc, argv,
		    CMD_GLOBAL_SHORTOPTS "e:", longopts, NULL)) != -1) {
		if (opt == 'h') {
			help(stdout);
			return 0;
		}
		if (opt == '?' || opt == ':')
			return cmd_usage_error(
			    VERB, "bad option '%s'", cmd_bad_option(argv));
		if (opt == 'e') {
			if (vercmp_ecosystem_parse(optarg, &o->eco) < 0)
				return cmd_usage_error(
				    VERB, "unknown ecosystem '%s'", optarg);
			o->have_eco = true;
		} else if (opt == OPT_BATCH) {
			o->batch = true;
		} else if (opt == OPT_RANGE) {
			o->range = true;
		} else if (cmd_global_option(ctx, opt, optarg) < 0) {
			return EXIT_USAGE;
		}
	}
	return -1;
}

static int
run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct opts o = {0};
	int r;

	if ((r = parse_opts(ctx, argc, argv, &o)) >= 0)
		return r;
	if (!o.have_eco)
		return cmd_usage_error(VERB, "--ecosystem is required");
	if (o.range && o.eco != ECO_NPM && o.eco != ECO_PYPI)
		return cmd_usage_error(VERB,
		    "--range works for npm and PyPI only, not %s",
		    vercmp_ecosystem_name(o.eco));
	if (o.batch) {
		if (optind < argc)
			return cmd_usage_error(VERB,
			    "unexpected argument '%s' with --batch",
			    argv[optind]);
		return run_batch(&o);
	}
	if (argc - optind != 2)
		return cmd_usage_error(VERB, "expected two versions%s, got %d",
		    o.range ? " (VERSION RANGE)" : "", argc - optind);
	return run_one(&o, argv[optind], argv[optind + 1]);
}

const struct verb verb_compare_versions = {
    .name = VERB,
    .summary = "compare two versions as an ecosystem's own tool does",
    .run = run,
    .help = help,
};
