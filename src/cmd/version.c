/*
 * 'ward version': ward's own version and the versions of the libraries it
 * runs with, read from the libraries themselves where they can say (so a
 * user reporting a bug reports what was really loaded).
 */

#include <archive.h>
#include <errno.h>
#include <getopt.h>
#include <json-c/json.h>
#include <openssl/crypto.h>
#include <seccomp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <yaml.h>
#include <zlib.h>
#include <zstd.h>

#include "cmd.h"
#include "config.h"
#include "ward/err.h"
#include "ward/json.h"

struct lib {
	const char *name;
	char version[128];
};

static size_t
collect(struct lib *libs, size_t max)
{
	const struct scmp_version *sv = seccomp_version();
	size_t n = 0;

#define ADD(nm, ...)                                                           \
	do {                                                                   \
		if (n < max) {                                                 \
			libs[n].name = (nm);                                   \
			if (snprintf(libs[n].version, sizeof(libs[n].version), \
				__VA_ARGS__) < 0)                              \
				libs[n].version[0] = '\0';                     \
			n++;                                                   \
		}                                                              \
	} while (0)
	ADD("libarchive", "%s", archive_version_details());
	ADD("json-c", "%s", json_c_version());
	ADD("libyaml", "%s", yaml_get_version_string());
	ADD("sqlite", "%s", sqlite3_libversion());
	ADD("openssl", "%s", OpenSSL_version(OPENSSL_VERSION));
	ADD("libseccomp", "%u.%u.%u", sv ? sv->major : 0, sv ? sv->minor : 0,
	    sv ? sv->micro : 0);
	ADD("libcap", "%s", WARD_LIBCAP_VERSION);
	ADD("zlib", "%s", zlibVersion());
	ADD("libzstd", "%s", ZSTD_versionString());
#ifdef HAVE_ISAL
	ADD("isa-l", "%s", WARD_ISAL_VERSION);
#endif
#undef ADD
	return n;
}

static void
help(FILE *f)
{
	fputs("Usage: ward version [--format table|json]\n\n"
	      "Print ward's version and the versions of the libraries it "
	      "runs with.\n\n",
	    f);
	cmd_help_globals(f);
}

static int
write_json(FILE *f, const struct lib *libs, size_t n)
{
	struct jsonw *w = jsonw_new(f, true);

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "version", WARD_VERSION);
	jsonw_key(w, "libraries");
	jsonw_obj_begin(w);
	for (size_t i = 0; i < n; i++)
		jsonw_kv_str(w, libs[i].name, libs[i].version);
	jsonw_obj_end(w);
	jsonw_obj_end(w);
	return jsonw_free(w);
}

static int
run(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
	    CMD_GLOBAL_LONGOPTS, {NULL, 0, NULL, 0}};
	struct ward_err err = {0};
	struct lib libs[16];
	size_t n;
	FILE *f;
	int opt, r = 0;

	while ((opt = getopt_long(
		    argc, argv, CMD_GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		if (opt == 'h') {
			help(stdout);
			return EXIT_OK;
		}
		if (opt == '?' || opt == ':')
			return cmd_usage_error(
			    "version", "bad option '%s'", cmd_bad_option(argv));
		if (cmd_global_option(ctx, opt, optarg) < 0)
			return EXIT_USAGE;
	}
	if (ctx->format != FMT_DEFAULT && ctx->format != FMT_TABLE &&
	    ctx->format != FMT_JSON)
		return cmd_usage_error("version", "use --format table or json");
	if (optind < argc)
		return cmd_usage_error(
		    "version", "unexpected argument '%s'", argv[optind]);
	n = collect(libs, sizeof(libs) / sizeof(libs[0]));
	if (cmd_output_open(ctx, &f, &err) < 0) {
		cmd_print_err("version", &err);
		return EXIT_INPUT;
	}
	if (cmd_resolve_format(ctx) == FMT_JSON && ctx->format == FMT_JSON) {
		r = write_json(f, libs, n);
	} else {
		fprintf(f, "ward %s\n", WARD_VERSION);
		for (size_t i = 0; i < n; i++)
			fprintf(
			    f, "  %-11s %s\n", libs[i].name, libs[i].version);
		if (ferror(f))
			r = -EIO;
	}
	if (cmd_output_close(ctx, f, r == 0, &err) < 0) {
		cmd_print_err("version", &err);
		return EXIT_INTERNAL;
	}
	return r == 0 ? EXIT_OK : EXIT_INTERNAL;
}

const struct verb verb_version = {
    .name = "version",
    .summary = "print the versions of ward and its libraries",
    .run = run,
    .help = help,
};
