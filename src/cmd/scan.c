/*
 * 'ward image TARGET' and 'ward fs PATH': inventory an image or a root
 * filesystem and write it as a table, ward's JSON, CycloneDX or SPDX.
 * Input problems (a missing blob, a digest mismatch, a truncated layer)
 * exit 3 with one message naming the blob; survivable problems in a
 * package database are warnings and the scan goes on.
 */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/image.h"
#include "ward/inventory.h"
#include "ward/log.h"
#include "ward/sbom.h"
#include "ward/str.h"

enum {
	OPT_PLATFORM = OPT_VERB_BASE,
	OPT_NO_CACHE,
	OPT_SCANNERS,
	OPT_THREADS,
};

struct scan_args {
	const char *verb;
	const char *platform;
	bool no_cache;
	int threads;
};

static void
help_common(FILE *f)
{
	fputs("Options:\n"
	      "      --platform OS/ARCH[/VARIANT]  image to pick from an index "
	      "(default linux/amd64)\n"
	      "      --scanners LIST  what to look for: none (inventory only; "
	      "the default today)\n"
	      "      --no-cache       do not read or write the layer cache\n"
	      "      --threads N      layers analysed in parallel (default: "
	      "one per CPU)\n"
	      "  -f, --format FMT     table, json, cyclonedx (1.5) or "
	      "spdx-json (2.3)\n\n",
	    f);
	cmd_help_globals(f);
}

static void
help_image(FILE *f)
{
	fputs("Usage: ward image [OPTIONS] TARGET\n\n"
	      "Inventory the operating-system packages of a container image.\n"
	      "TARGET is an OCI image layout directory (DIR or DIR:REF), an "
	      "OCI archive,\na 'docker save' archive or a root filesystem "
	      "tarball (gzip, zstd, xz, bzip2\nor none), recognised by "
	      "content. Every blob is checked against its digest.\n\n",
	    f);
	help_common(f);
}

static void
help_fs(FILE *f)
{
	fputs("Usage: ward fs [OPTIONS] PATH\n\n"
	      "Inventory a root filesystem: a directory (read in place, "
	      "never following a\nlink out of it) or a root filesystem "
	      "tarball.\n\n",
	    f);
	help_common(f);
}

/* $XDG_CACHE_HOME/ward, else $HOME/.cache/ward; NULL when neither. */
static const char *
default_cache_dir(struct arena *a)
{
	const char *x = secure_getenv("XDG_CACHE_HOME");
	const char *home = secure_getenv("HOME");

	if (x && x[0] == '/')
		return arena_printf(a, "%s/ward", x);
	if (home && home[0] == '/')
		return arena_printf(a, "%s/.cache/ward", home);
	return NULL;
}

static int
mkdir_p(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

/* The layer cache directory, created when missing; NULL: no cache. */
static const char *
layer_cache(struct arena *a, const struct cmd_ctx *ctx, bool no_cache)
{
	const char *base =
	    ctx->cache_dir ? ctx->cache_dir : default_cache_dir(a);
	char *dir;

	if (no_cache || !base)
		return NULL;
	dir = arena_printf(a, "%s/layers", base);
	if (mkdir_p(dir) < 0) {
		log_warn("cannot create the cache directory '%s', scanning "
			 "without it",
		    dir);
		return NULL;
	}
	return dir;
}

static int
parse_args(struct cmd_ctx *ctx, struct scan_args *sa, int argc, char **argv,
    void (*help)(FILE *))
{
	static const struct option longopts[] = {CMD_GLOBAL_LONGOPTS,
	    {"platform", required_argument, NULL, OPT_PLATFORM},
	    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
	    {"scanners", required_argument, NULL, OPT_SCANNERS},
	    {"threads", required_argument, NULL, OPT_THREADS},
	    {NULL, 0, NULL, 0}};
	uint64_t v;
	int opt;

	while ((opt = getopt_long(
		    argc, argv, CMD_GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			help(stdout);
			return 1;
		case OPT_PLATFORM:
			sa->platform = optarg;
			break;
		case OPT_NO_CACHE:
			sa->no_cache = true;
			break;
		case OPT_SCANNERS:
			if (strcmp(optarg, "none") != 0)
				return cmd_usage_error(sa->verb,
				    "unknown scanner list '%s' (available: "
				    "none)",
				    optarg);
			break;
		case OPT_THREADS:
			if (parse_u64_cstr(optarg, 64, &v) < 0 || v == 0)
				return cmd_usage_error(sa->verb,
				    "--threads wants 1 to 64, not '%s'",
				    optarg);
			sa->threads = (int)v;
			break;
		case '?':
		case ':':
			return cmd_usage_error(
			    sa->verb, "bad option '%s'", argv[optind - 1]);
		default:
			if (cmd_global_option(ctx, opt, optarg) < 0)
				return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return cmd_usage_error(sa->verb, "expected one target");
	return 0;
}

static int
write_out(struct arena *a, struct cmd_ctx *ctx, const struct inventory *inv,
    const char *verb)
{
	struct ward_err err = {0};
	FILE *f;
	int r;

	if (cmd_output_open(ctx, &f, &err) < 0) {
		cmd_print_err(verb, &err);
		return EXIT_INPUT;
	}
	switch (cmd_resolve_format(ctx)) {
	case FMT_CYCLONEDX:
		r = sbom_write_cyclonedx(a, inv, f, &err);
		break;
	case FMT_SPDX_JSON:
		r = sbom_write_spdx(a, inv, f, &err);
		break;
	case FMT_TABLE:
		r = inventory_write_table(
		    inv, f, ctx->color && !ctx->output, &err);
		break;
	default:
		r = inventory_write_json(a, inv, f, &err);
	}
	if (cmd_output_close(ctx, f, r >= 0, &err) < 0 || r < 0) {
		cmd_print_err(verb, &err);
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

static void
print_warnings(const struct inventory *inv, const char *verb)
{
	for (size_t i = 0; i < inv->warnings.n; i++)
		log_warn("%s: %s", verb, inv->warnings.v[i]);
	if (inv->warnings.dropped)
		log_warn("%s: %zu more warnings not shown", verb,
		    inv->warnings.dropped);
}

static int
run_scan(struct cmd_ctx *ctx, int argc, char **argv, const char *verb,
    void (*help)(FILE *), bool is_fs)
{
	struct scan_args sa = {.verb = verb};
	struct arena *a;
	struct image_opts o = {0};
	struct inventory inv;
	struct ward_err err = {0};
	struct stat st;
	const char *target;
	int r = parse_args(ctx, &sa, argc, argv, help);

	if (r != 0)
		return r == 1 ? EXIT_OK : r;
	if (ctx->format == FMT_SARIF || ctx->format == FMT_JUNIT)
		return cmd_usage_error(verb,
		    "this format needs findings; use "
		    "table, json, cyclonedx or "
		    "spdx-json");
	target = argv[optind];
	a = arena_new();
	o.platform = sa.platform;
	o.threads = sa.threads;
	o.cache_dir = layer_cache(a, ctx, sa.no_cache);
	o.progress = isatty(STDERR_FILENO) && log_enabled(LOG_WARN);
	if (is_fs && stat(target, &st) == 0 && S_ISDIR(st.st_mode))
		r = image_scan_dir(a, target, &o, &inv, &err);
	else
		r = image_scan(a, target, &o, &inv, &err);
	if (r < 0) {
		log_error("%s: %s", verb, err.msg);
		arena_free(a);
		return r == -ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
	}
	print_warnings(&inv, verb);
	r = write_out(a, ctx, &inv, verb);
	arena_free(a);
	return r;
}

static int
run_image(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_scan(ctx, argc, argv, "image", help_image, false);
}

static int
run_fs(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_scan(ctx, argc, argv, "fs", help_fs, true);
}

const struct verb verb_image = {
    .name = "image",
    .summary = "inventory a container image (OCI layout or archive, "
	       "docker archive, rootfs tarball)",
    .run = run_image,
    .help = help_image,
};

const struct verb verb_fs = {
    .name = "fs",
    .summary = "inventory a root filesystem directory or tarball",
    .run = run_fs,
    .help = help_fs,
};
