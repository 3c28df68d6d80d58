/*
 * 'ward image TARGET', 'ward fs PATH' and 'ward sbom FILE': build an
 * inventory (from an image, a root filesystem or an SBOM), then hand it
 * to the reporting half (report.c): vulnerabilities, policy, formats and
 * the exit code. Input problems (a missing blob, a digest mismatch, a
 * truncated layer, an unreadable SBOM) exit 3 with one message naming
 * what was wrong; problems in one package database are warnings.
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "policy_opts.h"
#include "ward/analyze.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/hash.h"
#include "ward/image.h"
#include "ward/inventory.h"
#include "ward/limits.h"
#include "ward/log.h"
#include "ward/mem.h"
#include "ward/secret.h"
#include "ward/str.h"

enum {
	OPT_PLATFORM = OPT_VERB_BASE,
	OPT_NO_CACHE,
	OPT_SCANNERS,
	OPT_THREADS,
};

struct scan_args {
	struct policy_opts po;
	const char *platform;
	bool no_cache;
	int threads;
};

static void
help_common(FILE *f, bool image)
{
	if (image)
		fputs("Options:\n"
		      "      --platform OS/ARCH[/VARIANT]  image to pick from "
		      "an index (default linux/amd64)\n"
		      "      --no-cache       do not read or write the layer "
		      "cache\n"
		      "      --threads N      layers analysed in parallel "
		      "(default: one per CPU)\n",
		    f);
	fputs("      --scanners LIST  vuln (the default when a database "
	      "exists), secret, or none\n"
	      "      --secret-config FILE  more secret rules and allowlists "
	      "(docs/secret-rules.md)\n"
	      "  -f, --format FMT     table, json, sarif, cyclonedx (1.5), "
	      "spdx-json (2.3), junit\n\n",
	    f);
	policy_opts_help(f);
	cmd_help_globals(f);
}

static void
help_image(FILE *f)
{
	fputs("Usage: ward image [OPTIONS] TARGET\n\n"
	      "Inventory a container image and match it against the "
	      "vulnerability database.\nTARGET is an OCI image layout "
	      "directory (DIR or DIR:REF), an OCI archive,\na 'docker save' "
	      "archive or a root filesystem tarball (gzip, zstd, xz,\nbzip2 "
	      "or none), recognised by content. Every blob is checked "
	      "against its digest.\n\n",
	    f);
	help_common(f, true);
}

static void
help_fs(FILE *f)
{
	fputs("Usage: ward fs [OPTIONS] PATH\n\n"
	      "Inventory a root filesystem (a directory, read in place and "
	      "never followed out\nof, or a tarball) and match it against "
	      "the vulnerability database.\n\n",
	    f);
	help_common(f, true);
}

static void
help_sbom(FILE *f)
{
	fputs("Usage: ward sbom [OPTIONS] FILE\n\n"
	      "Match the packages of a CycloneDX or SPDX JSON SBOM (ward's "
	      "own, or another\ntool's) against the vulnerability "
	      "database.\n\n",
	    f);
	help_common(f, false);
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
	const char *base = cmd_cache_base(a, ctx);
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
scan_option(struct cmd_ctx *ctx, struct scan_args *sa, int opt, const char *arg)
{
	uint64_t v;
	int r = policy_opts_option(&sa->po, opt, arg);

	if (r != 0)
		return r == 1 ? 0 : r;
	switch (opt) {
	case OPT_PLATFORM:
		sa->platform = arg;
		return 0;
	case OPT_NO_CACHE:
		sa->no_cache = true;
		return 0;
	case OPT_SCANNERS:
		return policy_opts_scanners(&sa->po, arg);
	case OPT_SECRET_CONFIG:
		sa->po.secret_config = arg;
		return 0;
	case OPT_THREADS:
		if (parse_u64_cstr(arg, 64, &v) < 0 || v == 0)
			return cmd_usage_error(sa->po.verb,
			    "--threads wants 1 to 64, not '%s'", arg);
		sa->threads = (int)v;
		return 0;
	}
	return cmd_global_option(ctx, opt, arg) < 0 ? EXIT_USAGE : 0;
}

static int
parse_args(struct cmd_ctx *ctx, struct scan_args *sa, int argc, char **argv,
    void (*help)(FILE *))
{
	static const struct option longopts[] = {CMD_GLOBAL_LONGOPTS,
	    POLICY_LONGOPTS,
	    {"platform", required_argument, NULL, OPT_PLATFORM},
	    {"no-cache", no_argument, NULL, OPT_NO_CACHE},
	    {"scanners", required_argument, NULL, OPT_SCANNERS},
	    {"secret-config", required_argument, NULL, OPT_SECRET_CONFIG},
	    {"threads", required_argument, NULL, OPT_THREADS},
	    {NULL, 0, NULL, 0}};
	int opt, r;

	while ((opt = getopt_long(
		    argc, argv, CMD_GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		if (opt == 'h') {
			help(stdout);
			return 1;
		}
		if (opt == '?' || opt == ':')
			return cmd_usage_error(sa->po.verb, "bad option '%s'",
			    cmd_bad_option(argv));
		if ((r = scan_option(ctx, sa, opt, optarg)) != 0)
			return r;
	}
	if (optind != argc - 1)
		return cmd_usage_error(sa->po.verb, "expected one target");
	return 0;
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
read_sbom(struct arena *a, const char *path, struct inventory *inv,
    struct ward_err *err)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct str text;
	int r;

	if (fd < 0)
		return err_set(err, errno, "'%s': %s", path, strerror(errno));
	r = fs_read_fd(a, fd, path, JSON_FILE_MAX, &text, err);
	if (r >= 0)
		r = analyze_sbom(a, text, inv, err);
	if (r < 0)
		return err_wrap(err, "'%s'", path);
	inv->target = path;
	return 0;
}

enum kind { K_IMAGE, K_FS, K_SBOM };

/*
 * The built-in secret rules plus the user's file, compiled once for the
 * whole scan (the layer workers share the engine).
 */
/*
 * The name the layer cache keeps secret findings under: the rules'
 * declared version, a SHA-256 of the effective rules text (the built-in
 * file, a NUL, the user's file if any) and the engine's version. A
 * cache entry written with other rules, other user rules or another
 * engine has another name and is not reused.
 */
static const char *
secrets_key(struct arena *a, const struct secret_rules *rules,
    struct str builtin, const struct str *user)
{
	struct sha256 h;
	uint8_t d[SHA256_LEN];
	char hex[SHA256_HEX_LEN + 1];

	sha256_init(&h);
	sha256_update(&h, builtin.p, builtin.len);
	sha256_update(&h, "", 1);
	if (user)
		sha256_update(&h, user->p, user->len);
	sha256_final(&h, d);
	hex_encode(d, SHA256_LEN, hex);
	return arena_printf(a, "%s:%s:e%d", secret_rules_version(rules), hex,
	    SECRET_ENGINE_VERSION);
}

static int
secret_setup(struct arena *a, const struct policy_opts *po,
    struct secret_rules **rules, struct secret_engine **eng, const char **key,
    struct ward_err *err)
{
	struct secret_rules *extra;
	struct str text, builtin = secret_rules_builtin();
	int r = secret_rules_parse(builtin, "built-in rules", rules, err);

	if (r >= 0 && po->secret_config) {
		_cleanup_close_ int fd =
		    open(po->secret_config, O_RDONLY | O_CLOEXEC | O_NOCTTY);

		r = fd < 0 ? err_set(err, errno, "'%s'", po->secret_config)
			   : fs_read_fd(a, fd, po->secret_config,
				 SECRET_RULES_FILE_MAX, &text, err);
		if (r >= 0)
			r = secret_rules_parse(
			    text, po->secret_config, &extra, err);
		if (r >= 0)
			r = secret_rules_merge(*rules, extra, err);
	}
	if (r >= 0)
		*key = secrets_key(
		    a, *rules, builtin, po->secret_config ? &text : NULL);
	if (r >= 0)
		r = secret_engine_new(*rules, eng, err);
	return r;
}

static int
run_scan(struct cmd_ctx *ctx, int argc, char **argv, const char *verb,
    void (*help)(FILE *), enum kind kind)
{
	struct scan_args sa = {.po = {.verb = verb, .want_vuln = true}};
	struct image_opts o = {0};
	struct ward_err err = {0};
	struct inventory inv;
	struct secret_rules *rules = NULL;
	struct secret_engine *eng = NULL;
	struct stat st;
	struct arena *a;
	const char *target;
	int r = parse_args(ctx, &sa, argc, argv, help);

	if (r != 0)
		return r == 1 ? EXIT_OK : r;
	target = argv[optind];
	a = arena_new();
	if (sa.po.want_secret && kind != K_SBOM &&
	    secret_setup(a, &sa.po, &rules, &eng, &o.secrets_key, &err) < 0) {
		log_error("%s: secrets: %s", verb, err.msg);
		secret_rules_free(rules);
		arena_free(a);
		return EXIT_INPUT;
	}
	o.secrets = eng;
	o.platform = sa.platform;
	o.threads = sa.threads;
	o.cache_dir = kind == K_SBOM ? NULL : layer_cache(a, ctx, sa.no_cache);
	o.progress = isatty(STDERR_FILENO) && log_enabled(LOG_WARN);
	if (kind == K_SBOM)
		r = read_sbom(a, target, &inv, &err);
	else if (kind == K_FS && stat(target, &st) == 0 && S_ISDIR(st.st_mode))
		r = image_scan_dir(a, target, &o, &inv, &err);
	else
		r = image_scan(a, target, &o, &inv, &err);
	secret_engine_free(eng);
	if (r < 0) {
		log_error("%s: %s", verb, err.msg);
		secret_rules_free(rules);
		arena_free(a);
		return r == -ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
	}
	print_warnings(&inv, verb);
	r = policy_report(a, ctx, &inv, &sa.po);
	secret_rules_free(rules);
	arena_free(a);
	return r;
}

static int
run_image(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_scan(ctx, argc, argv, "image", help_image, K_IMAGE);
}

static int
run_fs(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_scan(ctx, argc, argv, "fs", help_fs, K_FS);
}

static int
run_sbom(struct cmd_ctx *ctx, int argc, char **argv)
{
	return run_scan(ctx, argc, argv, "sbom", help_sbom, K_SBOM);
}

const struct verb verb_image = {
    .name = "image",
    .summary = "scan a container image (OCI layout or archive, docker "
	       "archive, rootfs tarball)",
    .run = run_image,
    .help = help_image,
};

const struct verb verb_fs = {
    .name = "fs",
    .summary = "scan a root filesystem directory or tarball",
    .run = run_fs,
    .help = help_fs,
};

const struct verb verb_sbom = {
    .name = "sbom",
    .summary = "match a CycloneDX or SPDX SBOM against the vulnerability "
	       "database",
    .run = run_sbom,
    .help = help_sbom,
};
