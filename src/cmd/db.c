/*
 * 'ward db build|update|info': build the vulnerability database from a
 * local mirror, download the sources and build it, or describe the one in
 * place. The database path comes from --db (or -o for build and update),
 * else the cache directory: $XDG_CACHE_HOME/ward/db/ward.db. A new
 * database replaces the old one only when complete and checked, so every
 * failure here leaves the previous database answering scans. Skipped
 * records are warnings (the first WARN_SHOWN of them, then a count); the
 * per-source counts go to stderr, and to stdout as JSON with -f json.
 */

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/json.h"
#include "ward/limits.h"
#include "ward/log.h"
#include "ward/mem.h"
#include "ward/str.h"
#include "ward/vulndb.h"

/* Skipped-record warnings printed before the rest are only counted. */
#define WARN_SHOWN 50
#define MAX_AGE_DEFAULT 7

enum {
	OPT_FROM = OPT_VERB_BASE,
	OPT_DB,
	OPT_URL_OSV,
	OPT_URL_SECDB,
	OPT_URL_KEV,
	OPT_URL_DEBIAN,
	OPT_ECOSYSTEMS,
	OPT_SECDB_BRANCHES,
	OPT_SOURCES,
	OPT_MAX_AGE,
	OPT_TIMEOUT,
};

struct db_args {
	const char *sub;
	const char *from, *db;
	struct vulndb_update_opts up;
	uint64_t max_age;
	bool update_opt; /* an update-only option was given */
};

struct notes {
	unsigned warned;
	bool downloads; /* progress of downloads shown without -v */
};

static void
help_db(FILE *f)
{
	fputs("Usage: ward db build --from DIR [-o FILE]\n"
	      "       ward db update [OPTIONS] [-o FILE]\n"
	      "       ward db info [--db FILE] [--max-age DAYS] [-f json]\n\n"
	      "The vulnerability database: one SQLite file built from OSV "
	      "records, Alpine\nsecdb, the Debian security tracker and CISA "
	      "KEV (docs/vulndb.md). It is\nreplaced only by a complete, "
	      "checked new file: a failed build or update\nleaves the old "
	      "one in place.\n\n"
	      "  build    build from a local mirror DIR laid out as:\n"
	      "             DIR/osv/<Ecosystem>/all.zip (or *.json records)\n"
	      "             DIR/alpine-secdb/v3.X/{main,community}.json\n"
	      "             DIR/debian/tracker.json (the tracker's "
	      "data/json)\n"
	      "             DIR/kev/known_exploited_vulnerabilities.json\n"
	      "           absent parts are left out; at least one must be "
	      "there\n"
	      "  update   download the same sources over HTTP(S) and build\n"
	      "  info     path, build time, schema, per-source counts\n\n"
	      "Options:\n"
	      "      --from DIR           the mirror (build)\n"
	      "  -o, --db FILE            the database (default "
	      "$XDG_CACHE_HOME/ward/db/ward.db);\n"
	      "                           with info, -o is the report "
	      "file\n"
	      "      --url-osv BASE       OSV bucket: BASE/<Eco>/all.zip\n"
	      "                           (" VULNDB_URL_OSV ")\n"
	      "      --url-secdb BASE     BASE/<branch>/{main,community}."
	      "json\n"
	      "                           (" VULNDB_URL_SECDB ")\n"
	      "      --url-kev URL        (" VULNDB_URL_KEV ")\n"
	      "      --url-debian URL     (" VULNDB_URL_DEBIAN ")\n"
	      "      --ecosystems LIST    OSV ecosystems (" VULNDB_ECOSYSTEMS
	      ")\n"
	      "      --secdb-branches LIST  (" VULNDB_SECDB_BRANCHES ")\n"
	      "      --sources LIST       of osv,secdb,debian,kev (default: "
	      "all)\n"
	      "      --timeout SECONDS    connect timeout, and how long a "
	      "stalled\n"
	      "                           transfer waits (default 30/60)\n"
	      "      --max-age DAYS       info warns when older (default 7; "
	      "0: never)\n"
	      "  -f, --format FMT         table or json\n\n"
	      "http_proxy, https_proxy, no_proxy, SSL_CERT_FILE, "
	      "CURL_CA_BUNDLE and\nSSL_CERT_DIR are honoured. update needs "
	      "libcurl.so.4 at run time.\n\n",
	    f);
	cmd_help_globals(f);
}

static const char *
default_db(struct arena *a, const struct cmd_ctx *ctx)
{
	const char *x = secure_getenv("XDG_CACHE_HOME");
	const char *home = secure_getenv("HOME");

	if (ctx->cache_dir)
		return arena_printf(a, "%s/db/ward.db", ctx->cache_dir);
	if (x && x[0] == '/')
		return arena_printf(a, "%s/ward/db/ward.db", x);
	if (home && home[0] == '/')
		return arena_printf(a, "%s/.cache/ward/db/ward.db", home);
	return NULL;
}

static int
mkdir_parents(struct arena *a, const char *file)
{
	char *p = arena_strdup(a, file);
	char *slash = strrchr(p, '/');

	if (!slash || slash == p)
		return 0;
	*slash = '\0';
	for (char *c = p + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			return -errno;
		*c = '/';
	}
	if (mkdir(p, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int
parse_sources(struct db_args *da, const char *list)
{
	struct str s = str_from(list), item;

	da->up.no_osv = da->up.no_secdb = true;
	da->up.no_kev = da->up.no_debian = true;
	while (s.len > 0) {
		(void)str_cut(&s, ',', &item); /* no ',': all of 's' */
		item = str_trim(item);
		if (str_eq_cstr(item, "osv"))
			da->up.no_osv = false;
		else if (str_eq_cstr(item, "secdb") ||
		    str_eq_cstr(item, "alpine-secdb"))
			da->up.no_secdb = false;
		else if (str_eq_cstr(item, "kev"))
			da->up.no_kev = false;
		else if (str_eq_cstr(item, "debian"))
			da->up.no_debian = false;
		else if (item.len > 0)
			return cmd_usage_error("db",
			    "unknown source '%.*s' (osv, secdb, debian, kev)",
			    STR_FMT(item));
	}
	return 0;
}

static int
verb_option(struct cmd_ctx *ctx, struct db_args *da, int opt)
{
	uint64_t v;

	if (opt >= OPT_URL_OSV && opt <= OPT_TIMEOUT && opt != OPT_MAX_AGE)
		da->update_opt = true;
	switch (opt) {
	case OPT_FROM:
		da->from = optarg;
		return 0;
	case OPT_DB:
		da->db = optarg;
		return 0;
	case 'o':
		if (strcmp(da->sub, "info") == 0)
			return cmd_global_option(ctx, opt, optarg) < 0
			    ? EXIT_USAGE
			    : 0;
		da->db = optarg;
		return 0;
	case OPT_URL_OSV:
		da->up.url_osv = optarg;
		return 0;
	case OPT_URL_SECDB:
		da->up.url_secdb = optarg;
		return 0;
	case OPT_URL_KEV:
		da->up.url_kev = optarg;
		return 0;
	case OPT_URL_DEBIAN:
		da->up.url_debian = optarg;
		return 0;
	case OPT_ECOSYSTEMS:
		da->up.ecosystems = optarg;
		return 0;
	case OPT_SECDB_BRANCHES:
		da->up.secdb_branches = optarg;
		return 0;
	case OPT_SOURCES:
		return parse_sources(da, optarg);
	case OPT_TIMEOUT:
		if (parse_u64_cstr(optarg, 86400, &v) < 0 || v == 0)
			return cmd_usage_error("db",
			    "--timeout wants 1 to 86400 seconds, not '%s'",
			    optarg);
		da->up.connect_timeout = da->up.low_speed_time = (long)v;
		return 0;
	case OPT_MAX_AGE:
		if (parse_u64_cstr(optarg, 36500, &da->max_age) < 0)
			return cmd_usage_error("db",
			    "--max-age wants a number of days, not '%s'",
			    optarg);
		return 0;
	default:
		return cmd_global_option(ctx, opt, optarg) < 0 ? EXIT_USAGE : 0;
	}
}

static int
check_args(struct db_args *da, int argc, char **argv)
{
	bool build = strcmp(da->sub, "build") == 0;
	bool update = strcmp(da->sub, "update") == 0;

	if (!build && !update && strcmp(da->sub, "info") != 0)
		return cmd_usage_error("db",
		    "unknown subcommand '%s' (build, update or info)", da->sub);
	if (optind < argc)
		return cmd_usage_error(
		    "db", "unexpected argument '%s'", argv[optind]);
	if (build && !da->from)
		return cmd_usage_error("db", "build needs --from DIR");
	if (!build && da->from)
		return cmd_usage_error("db", "--from is for 'db build'");
	if (!update && da->update_opt)
		return cmd_usage_error("db",
		    "URL, source and timeout options are for 'db update'");
	return 0;
}

/* Returns 1 after --help, 0 to go on, or an exit code. */
static int
parse_args(struct cmd_ctx *ctx, struct db_args *da, int argc, char **argv)
{
	static const struct option longopts[] = {CMD_GLOBAL_LONGOPTS,
	    {"from", required_argument, NULL, OPT_FROM},
	    {"db", required_argument, NULL, OPT_DB},
	    {"url-osv", required_argument, NULL, OPT_URL_OSV},
	    {"url-secdb", required_argument, NULL, OPT_URL_SECDB},
	    {"url-kev", required_argument, NULL, OPT_URL_KEV},
	    {"url-debian", required_argument, NULL, OPT_URL_DEBIAN},
	    {"ecosystems", required_argument, NULL, OPT_ECOSYSTEMS},
	    {"secdb-branches", required_argument, NULL, OPT_SECDB_BRANCHES},
	    {"sources", required_argument, NULL, OPT_SOURCES},
	    {"timeout", required_argument, NULL, OPT_TIMEOUT},
	    {"max-age", required_argument, NULL, OPT_MAX_AGE},
	    {NULL, 0, NULL, 0}};
	int opt, r;

	if (argc >= 2 && argv[1][0] != '-') {
		da->sub = argv[1];
		argc--;
		argv++;
	}
	while ((opt = getopt_long(
		    argc, argv, CMD_GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		if (opt == 'h') {
			help_db(stdout);
			return 1;
		}
		if (opt == '?' || opt == ':')
			return cmd_usage_error(
			    "db", "bad option '%s'", cmd_bad_option(argv));
		if (!da->sub)
			return cmd_usage_error(
			    "db", "expected build, update or info first");
		if ((r = verb_option(ctx, da, opt)) != 0)
			return r;
	}
	if (!da->sub)
		return cmd_usage_error("db", "expected build, update or info");
	return check_args(da, argc, argv);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
on_note(void *ctx, int level, const char *msg)
{
	struct notes *n = ctx;

	if (level == LOG_WARN && n->warned++ >= WARN_SHOWN)
		return;
	/* A download can take minutes: say what is happening unless -q. */
	if (level == LOG_INFO && n->downloads && !log_enabled(LOG_INFO)) {
		say("ward: db: %s\n", msg);
		return;
	}
	log_msg((enum log_level)level, "db: %s", msg);
}

/* A line on stderr unless -q: counts are what the user asked for. */
static void
say(const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	va_list ap;
	int n;

	if (!log_enabled(LOG_WARN))
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	log_write_sanitized(STDERR_FILENO, line,
	    (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1, true);
}

static double
age_days(const char *built_at)
{
	struct tm tm = {0};
	const char *end =
	    built_at ? strptime(built_at, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;

	if (!end || *end)
		return -1;
	return difftime(time(NULL), timegm(&tm)) / 86400.0;
}

static void
write_json(FILE *f, const char *path, const struct vulndb_meta *m,
    long long size, double age, bool stale)
{
	struct jsonw *w = jsonw_new(f, true);

	jsonw_obj_begin(w);
	jsonw_kv_str(w, "path", path);
	jsonw_kv_int(w, "size", size);
	jsonw_kv_str(w, "built_at", m->built_at);
	jsonw_key(w, "age_days");
	jsonw_double(w, age < 0 ? 0 : (double)(long long)(age * 100) / 100);
	jsonw_kv_bool(w, "stale", stale);
	jsonw_kv_int(w, "schema_version", m->schema_version);
	jsonw_kv_uint(w, "vulns", m->vulns);
	jsonw_kv_uint(w, "affected", m->affected);
	jsonw_key(w, "sources");
	jsonw_arr_begin(w);
	for (size_t i = 0; i < m->nsources; i++) {
		const struct vulndb_source_info *s = &m->sources[i];

		jsonw_obj_begin(w);
		jsonw_kv_str(w, "name", s->name);
		jsonw_kv_str(w, "origin", s->origin);
		jsonw_kv_uint(w, "records", s->records);
		jsonw_kv_uint(w, "skipped", s->skipped);
		jsonw_kv_uint(w, "excluded", s->excluded);
		jsonw_kv_uint(w, "ignored", s->ignored);
		jsonw_obj_end(w);
	}
	jsonw_arr_end(w);
	jsonw_obj_end(w);
	/* A write error shows in the output's close, which reports it. */
	(void)jsonw_free(w);
	fputc('\n', f);
}

static void
write_table(FILE *f, const char *path, const struct vulndb_meta *m,
    long long size, double age)
{
	fprintf(f, "Database:  %s (%.1f MB)\n", path, (double)size / 1e6);
	fprintf(f, "Built:     %s (%.1f days ago)\n", m->built_at,
	    age < 0 ? 0 : age);
	fprintf(f, "Schema:    %d\n", m->schema_version);
	fprintf(f, "Advisories: %llu, affected rows: %llu\n\n",
	    (unsigned long long)m->vulns, (unsigned long long)m->affected);
	fprintf(f, "%-16s %9s %8s %9s %8s  %s\n", "SOURCE", "RECORDS",
	    "SKIPPED", "EXCLUDED", "IGNORED", "ORIGIN");
	for (size_t i = 0; i < m->nsources; i++) {
		const struct vulndb_source_info *s = &m->sources[i];

		fprintf(f, "%-16s %9llu %8llu %9llu %8llu  %s\n", s->name,
		    (unsigned long long)s->records,
		    (unsigned long long)s->skipped,
		    (unsigned long long)s->excluded,
		    (unsigned long long)s->ignored, s->origin);
	}
}

static void
summarize(const char *path, const struct vulndb_meta *m)
{
	for (size_t i = 0; i < m->nsources; i++) {
		const struct vulndb_source_info *s = &m->sources[i];

		say("ward: db: %s: %llu records, %llu skipped, %llu excluded, "
		    "%llu ignored\n",
		    s->name, (unsigned long long)s->records,
		    (unsigned long long)s->skipped,
		    (unsigned long long)s->excluded,
		    (unsigned long long)s->ignored);
	}
	say("ward: db: %s: %llu advisories, %llu affected rows, built %s\n",
	    path, (unsigned long long)m->vulns, (unsigned long long)m->affected,
	    m->built_at);
}

static int
report(struct cmd_ctx *ctx, const char *path, const struct vulndb_meta *m,
    bool table_ok, double max_age)
{
	struct ward_err err = {0};
	struct stat st;
	double age = age_days(m->built_at);
	bool stale = max_age > 0 && age > max_age;
	enum out_format fmt = cmd_resolve_format(ctx);
	FILE *f;
	bool ok;

	if (stale)
		log_warn("db: %s was built %.0f days ago (over --max-age "
			 "%.0f): run 'ward db update'",
		    path, age, max_age);
	if (fmt != FMT_JSON && !table_ok)
		return EXIT_OK;
	if (fmt != FMT_JSON && fmt != FMT_TABLE)
		return cmd_usage_error("db", "use -f table or -f json");
	if (cmd_output_open(ctx, &f, &err) < 0) {
		cmd_print_err("db", &err);
		return EXIT_INPUT;
	}
	if (stat(path, &st) < 0)
		st.st_size = 0;
	if (fmt == FMT_JSON)
		write_json(f, path, m, (long long)st.st_size, age, stale);
	else
		write_table(f, path, m, (long long)st.st_size, age);
	ok = !ferror(f);
	if (cmd_output_close(ctx, f, ok, &err) < 0) {
		cmd_print_err("db", &err);
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

static int
exit_for(int r)
{
	return r == -ENOMEM || r == -ENOSPC || r == -EDQUOT ? EXIT_INTERNAL
							    : EXIT_INPUT;
}

static int
run_info(struct cmd_ctx *ctx, struct arena *a, const char *path,
    const struct db_args *da)
{
	struct ward_err err = {0};
	struct vulndb_meta m;
	struct vulndb *db;
	int r = vulndb_open(path, &db, &err);

	if (r == -ENOENT) {
		log_error("db: no database at %s: run 'ward db update' or "
			  "'ward db build --from DIR'",
		    path);
		return EXIT_INPUT;
	}
	if (r == 0)
		r = vulndb_meta(db, a, &m, &err);
	vulndb_close(db);
	if (r < 0) {
		cmd_print_err("db", &err);
		return exit_for(r);
	}
	return report(ctx, path, &m, true, (double)da->max_age);
}

static int
run_build(
    struct cmd_ctx *ctx, struct arena *a, const char *path, struct db_args *da)
{
	struct notes n = {.downloads = strcmp(da->sub, "update") == 0};
	struct vulndb_note note = {.fn = on_note, .ctx = &n};
	struct ward_err err = {0};
	struct vulndb_meta m;
	int r;

	if (mkdir_parents(a, path) < 0) {
		log_error("db: cannot create the directory of %s: %s", path,
		    strerror(errno));
		return EXIT_INPUT;
	}
	if (strcmp(da->sub, "build") == 0) {
		struct vulndb_build_opts o = {
		    .from = da->from, .output = path, .note = note};

		r = vulndb_build(a, &o, &m, &err);
	} else {
		da->up.output = path;
		da->up.note = note;
		r = vulndb_update(a, &da->up, &m, &err);
	}
	if (n.warned > WARN_SHOWN)
		log_warn("db: %u more skipped records not shown",
		    n.warned - WARN_SHOWN);
	if (r < 0) {
		log_error("db: %s: %s (the previous database, if any, is "
			  "unchanged)",
		    da->sub, err.msg);
		return exit_for(r);
	}
	summarize(path, &m);
	return ctx->format == FMT_JSON ? report(ctx, path, &m, false, 0)
				       : EXIT_OK;
}

static int
run_db(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct db_args da = {.max_age = MAX_AGE_DEFAULT};
	struct arena *a;
	const char *path;
	int r = parse_args(ctx, &da, argc, argv);

	if (r != 0)
		return r == 1 ? EXIT_OK : r;
	a = arena_new();
	path = da.db ? da.db : default_db(a, ctx);
	if (!path) {
		arena_free(a);
		return cmd_usage_error("db",
		    "no cache directory (HOME and "
		    "XDG_CACHE_HOME unset): use --db "
		    "FILE");
	}
	if (strcmp(da.sub, "info") == 0)
		r = run_info(ctx, a, path, &da);
	else
		r = run_build(ctx, a, path, &da);
	arena_free(a);
	return r;
}

const struct verb verb_db = {
    .name = "db",
    .summary = "build, update or describe the vulnerability database",
    .run = run_db,
    .help = help_db,
};
