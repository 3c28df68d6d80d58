/*
 * 'ward config [OPTIONS] PATH...': check Kubernetes manifests,
 * Dockerfiles, Compose files and ECS task definitions (src/config), apply
 * the user's ignore file and severity filter, write the chosen format
 * and decide the exit code. The paths and the ignore file are named by
 * the user; their contents are untrusted and only the config module and
 * the policy parser read them.
 */

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "ward/arena.h"
#include "ward/config.h"
#include "ward/configreport.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/json.h"
#include "ward/limits.h"
#include "ward/log.h"
#include "ward/mem.h"
#include "ward/policy.h"
#include "ward/report.h"
#include "ward/str.h"

#define IGNOREFILE_MAX (16u << 20)
#define EXCLUDE_MAX 256

enum {
	OPT_PSS_LEVEL = OPT_VERB_BASE,
	OPT_PSS_VERSION,
	OPT_CHECKS,
	OPT_EXCLUDE,
	OPT_SEVERITY,
	OPT_EXIT_CODE,
	OPT_IGNOREFILE,
	OPT_LIST_CHECKS,
};

struct config_args {
	struct config_opts opts;
	const char *exclude[EXCLUDE_MAX];
	unsigned sev_mask;
	int exit_code;
	const char *ignorefile;
	bool list_checks;
};

static const struct {
	const char *name;
	enum config_family bit;
} families[] = {
    {"pss", CHECKS_PSS},
    {"k8s", CHECKS_K8S},
    {"rbac", CHECKS_RBAC},
    {"network", CHECKS_NETWORK},
    {"dockerfile", CHECKS_DOCKERFILE},
    {"compose", CHECKS_COMPOSE},
    {"ecs", CHECKS_ECS},
};

static void
help_config(FILE *f)
{
	fputs("Usage: ward config [OPTIONS] PATH...\n\n"
	      "Check Kubernetes manifests (YAML or JSON, multi-document, "
	      "Lists), Dockerfiles\nand Containerfiles, Compose files and "
	      "ECS task definitions for insecure\nsettings. PATH is a file, "
	      "a directory (walked; symbolic links are not\nfollowed) or - "
	      "for stdin (helm template ... | ward config -).\n\n"
	      "Options:\n"
	      "      --pss-level LEVEL    Pod Security level: baseline or "
	      "restricted (default:\n"
	      "                           each namespace's "
	      "pod-security.kubernetes.io/enforce\n"
	      "                           label in the scanned set, else "
	      "restricted)\n"
	      "      --pss-version V      Pod Security Standards version: "
	      "v1.N or latest (default)\n"
	      "      --checks LIST        only these families: pss, k8s, "
	      "rbac, network,\n"
	      "                           dockerfile, compose, ecs "
	      "(default: all)\n"
	      "      --exclude GLOB       skip matching paths in directory "
	      "walks (repeatable;\n"
	      "                           .git and node_modules are always "
	      "skipped)\n"
	      "      --severity LIST      report only these severities "
	      "(e.g. HIGH,CRITICAL)\n"
	      "      --exit-code [N]      exit N (default 1) when findings "
	      "remain after the filters\n"
	      "      --ignorefile FILE    ignore file (default: ./.wardignore "
	      "when present)\n"
	      "      --list-checks        list every check: id, severity, "
	      "title\n"
	      "  -f, --format FMT         table, json, sarif, junit\n\n",
	    f);
	cmd_help_globals(f);
}

static int
parse_checks(struct config_args *ca, const char *list)
{
	struct str s = str_from(list), w;

	ca->opts.checks = 0;
	while (s.len) {
		size_t i;

		str_cut(&s, ',', &w);
		w = str_trim(w);
		if (w.len == 0)
			continue;
		for (i = 0; i < ARRAY_SIZE(families); i++)
			if (str_eq_cstr(w, families[i].name))
				break;
		if (i == ARRAY_SIZE(families))
			return cmd_usage_error("config",
			    "unknown check family '%.*s' (use pss, k8s, rbac, "
			    "network, dockerfile, compose, ecs)",
			    STR_FMT(w));
		ca->opts.checks |= families[i].bit;
	}
	if (ca->opts.checks == 0)
		return cmd_usage_error("config", "empty --checks list");
	return 0;
}

static int
parse_pss_version(struct config_args *ca, const char *v)
{
	uint64_t n;

	ca->opts.pss_minor_set = true;
	if (strcmp(v, "latest") == 0) {
		ca->opts.pss_minor = PSS_VERSION_LATEST;
		return 0;
	}
	if (v[0] == 'v')
		v++;
	if (strncmp(v, "1.", 2) != 0 || parse_u64_cstr(v + 2, 999, &n) < 0)
		return cmd_usage_error("config",
		    "--pss-version wants v1.N or latest, not '%s'", v);
	ca->opts.pss_minor = (uint32_t)n;
	return 0;
}

static int
config_option(struct cmd_ctx *ctx, struct config_args *ca, int opt,
    const char *arg, int argc, char **argv)
{
	struct ward_err err = {0};
	uint64_t v;

	switch (opt) {
	case OPT_PSS_LEVEL:
		ca->opts.pss_level_set = true;
		if (strcmp(arg, "baseline") == 0)
			ca->opts.pss_level = PSS_BASELINE;
		else if (strcmp(arg, "restricted") == 0)
			ca->opts.pss_level = PSS_RESTRICTED;
		else
			return cmd_usage_error("config",
			    "--pss-level wants baseline or restricted, not "
			    "'%s'",
			    arg);
		return 0;
	case OPT_PSS_VERSION:
		return parse_pss_version(ca, arg);
	case OPT_CHECKS:
		return parse_checks(ca, arg);
	case OPT_EXCLUDE:
		if (ca->opts.nexclude == EXCLUDE_MAX)
			return cmd_usage_error(
			    "config", "more than %d --exclude", EXCLUDE_MAX);
		ca->exclude[ca->opts.nexclude++] = arg;
		return 0;
	case OPT_SEVERITY:
		if (severity_parse_list(arg, &ca->sev_mask, &err) < 0)
			return cmd_usage_error("config", "%s", err.msg);
		return 0;
	case OPT_EXIT_CODE:
		/* "--exit-code" alone means 1; "--exit-code N" and
		 * "--exit-code=N" give N. A word of digits right after is
		 * taken as N, so a path named "3" must be written "./3". */
		if (!arg && optind < argc && argv[optind][0] &&
		    strspn(argv[optind], "0123456789") == strlen(argv[optind]))
			arg = argv[optind++];
		if (!arg) {
			ca->exit_code = EXIT_FINDINGS;
			return 0;
		}
		if (parse_u64_cstr(arg, 255, &v) < 0)
			return cmd_usage_error("config",
			    "--exit-code wants 0 to 255, not '%s'", arg);
		ca->exit_code = (int)v;
		return 0;
	case OPT_IGNOREFILE:
		ca->ignorefile = arg;
		return 0;
	case OPT_LIST_CHECKS:
		ca->list_checks = true;
		return 0;
	}
	return cmd_global_option(ctx, opt, arg) < 0 ? EXIT_USAGE : 0;
}

static int
parse_args(struct cmd_ctx *ctx, struct config_args *ca, int argc, char **argv)
{
	static const struct option longopts[] = {CMD_GLOBAL_LONGOPTS,
	    {"pss-level", required_argument, NULL, OPT_PSS_LEVEL},
	    {"pss-version", required_argument, NULL, OPT_PSS_VERSION},
	    {"checks", required_argument, NULL, OPT_CHECKS},
	    {"exclude", required_argument, NULL, OPT_EXCLUDE},
	    {"severity", required_argument, NULL, OPT_SEVERITY},
	    {"exit-code", optional_argument, NULL, OPT_EXIT_CODE},
	    {"ignorefile", required_argument, NULL, OPT_IGNOREFILE},
	    {"list-checks", no_argument, NULL, OPT_LIST_CHECKS},
	    {NULL, 0, NULL, 0}};
	int opt, r;

	while ((opt = getopt_long(
		    argc, argv, CMD_GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		if (opt == 'h') {
			help_config(stdout);
			return 1;
		}
		if (opt == '?' || opt == ':')
			return cmd_usage_error(
			    "config", "bad option '%s'", cmd_bad_option(argv));
		r = config_option(ctx, ca, opt, optarg, argc, argv);
		if (r != 0)
			return r;
	}
	if (!ca->list_checks && optind >= argc)
		return cmd_usage_error("config", "expected at least one PATH");
	return 0;
}

static bool
family_selected(const struct config_args *ca, const struct config_rule *r)
{
	return r->family == 0 || ca->opts.checks == 0 ||
	    (ca->opts.checks & r->family) != 0;
}

static int
list_checks(struct cmd_ctx *ctx, const struct config_args *ca)
{
	size_t n;
	const struct config_rule *const *all = config_rules(&n);
	struct ward_err err = {0};
	bool json = cmd_resolve_format(ctx) == FMT_JSON && ctx->format;
	FILE *f;
	int rc = 0;

	if (cmd_output_open(ctx, &f, &err) < 0) {
		cmd_print_err("config", &err);
		return EXIT_INPUT;
	}
	if (json) {
		struct jsonw *w = jsonw_new(f, true);

		jsonw_arr_begin(w);
		for (size_t i = 0; i < n; i++) {
			if (!family_selected(ca, all[i]))
				continue;
			jsonw_obj_begin(w);
			jsonw_kv_str(w, "id", all[i]->id);
			jsonw_kv_str(
			    w, "severity", severity_name(all[i]->severity));
			jsonw_kv_str(w, "title", all[i]->title);
			jsonw_kv_str(w, "remediation", all[i]->remediation);
			jsonw_kv_str(w, "references", all[i]->refs);
			jsonw_obj_end(w);
		}
		jsonw_arr_end(w);
		rc = jsonw_free(w);
	} else {
		for (size_t i = 0; i < n; i++)
			if (family_selected(ca, all[i]))
				fprintf(f, "%-32s %-9s %s\n", all[i]->id,
				    severity_name(all[i]->severity),
				    all[i]->title);
	}
	if (cmd_output_close(ctx, f, rc >= 0, &err) < 0) {
		cmd_print_err("config", &err);
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

static int
load_ignore(
    struct arena *a, const char *file, struct policy *p, struct ward_err *err)
{
	_cleanup_close_ int fd = -1;
	struct str text;
	int r;

	memset(p, 0, sizeof(*p));
	if (!file && access(".wardignore", F_OK) == 0)
		file = ".wardignore";
	if (!file)
		return 0;
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return err_set(err, errno, "'%s': %s", file, strerror(errno));
	r = fs_read_fd(a, fd, file, IGNOREFILE_MAX, &text, err);
	if (r < 0)
		return r;
	return policy_load_ignore(a, file, text, p, err);
}

/* Show findings file by file, in line order. */
static int
finding_cmp(const void *x, const void *y)
{
	const struct config_finding *a = x, *b = y;
	int c = strcmp(a->path ? a->path : "", b->path ? b->path : "");

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	c = strcmp(a->rule->id, b->rule->id);
	if (c)
		return c;
	c = strcmp(
	    a->resource ? a->resource : "", b->resource ? b->resource : "");
	if (c)
		return c;
	c = strcmp(
	    a->container ? a->container : "", b->container ? b->container : "");
	return c ? c
		 : strcmp(a->message ? a->message : "",
		       b->message ? b->message : "");
}

static int
write_result(
    struct arena *a, struct cmd_ctx *ctx, const struct config_report *rep)
{
	struct ward_err err = {0};
	FILE *f;
	int rc;

	if (cmd_output_open(ctx, &f, &err) < 0) {
		cmd_print_err("config", &err);
		return EXIT_INPUT;
	}
	switch (cmd_resolve_format(ctx)) {
	case FMT_TABLE:
		rc = configreport_write_table(
		    a, rep, f, ctx->color && !ctx->output, &err);
		break;
	case FMT_SARIF:
		rc = configreport_write_sarif(a, rep, f, &err);
		break;
	case FMT_JUNIT:
		rc = configreport_write_junit(a, rep, f, &err);
		break;
	case FMT_JSON:
		rc = configreport_write_json(a, rep, f, &err);
		break;
	default: /* refused in run_config() */
		rc = configreport_write_json(a, rep, f, &err);
	}
	if (cmd_output_close(ctx, f, rc >= 0, &err) < 0 || rc < 0) {
		cmd_print_err("config", &err);
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

static int
report(struct arena *a, struct cmd_ctx *ctx, struct config_args *ca,
    struct config_result *res)
{
	struct config_report rep = {.res = res};
	struct ward_err err = {0};
	struct policy p;
	time_t now = time(NULL);
	bool *shown;
	int rc;

	if (load_ignore(a, ca->ignorefile, &p, &err) < 0) {
		cmd_print_err("config", &err);
		return EXIT_INPUT;
	}
	for (size_t i = 0; i < res->nwarnings; i++)
		log_warn("config: %s", res->warnings[i]);
	for (size_t i = 0; i < res->nnotes; i++)
		log_info("config: %s", res->notes[i]);
	if (res->dropped)
		log_warn("config: %zu findings over the limit of %u not "
			 "reported",
		    res->dropped, CONFIG_FINDINGS_MAX);
	if (res->n > 1)
		qsort(res->v, res->n, sizeof(*res->v), finding_cmp);
	shown = arena_calloc(a, res->n + 1, sizeof(*shown));
	for (size_t i = 0; i < res->n; i++) {
		struct config_finding *f = &res->v[i];

		if (!f->suppressed &&
		    policy_ignores(&p, f->rule->id, f->path, now))
			f->suppressed = ".wardignore";
		shown[i] =
		    !ca->sev_mask || (ca->sev_mask & (1u << f->severity));
	}
	rep.shown = shown;
	rc = write_result(a, ctx, &rep);
	if (rc != EXIT_OK)
		return rc;
	for (size_t i = 0; ca->exit_code && i < res->n; i++)
		if (shown[i] && !res->v[i].suppressed)
			return ca->exit_code;
	return EXIT_OK;
}

static int
run_config(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct config_args ca = {.opts = {.pss_minor = PSS_VERSION_LATEST}};
	struct config_result res = {0};
	struct ward_err err = {0};
	struct arena *a;
	int r = parse_args(ctx, &ca, argc, argv);

	if (r != 0)
		return r == 1 ? EXIT_OK : r;
	ca.opts.exclude = ca.exclude;
	switch (ctx->format) {
	case FMT_DEFAULT:
	case FMT_TABLE:
	case FMT_JSON:
	case FMT_SARIF:
	case FMT_JUNIT:
		break;
	default:
		return cmd_usage_error("config",
		    "format not available here (use table, json, sarif or "
		    "junit)");
	}
	if (ca.list_checks)
		return list_checks(ctx, &ca);
	a = arena_new();
	r = config_scan(a, (const char *const *)argv + optind,
	    (size_t)(argc - optind), &ca.opts, &res, &err);
	if (r < 0) {
		cmd_print_err("config", &err);
		arena_free(a);
		return r == -ENOMEM ? EXIT_INTERNAL : EXIT_INPUT;
	}
	r = report(a, ctx, &ca, &res);
	arena_free(a);
	return r;
}

const struct verb verb_config = {
    .name = "config",
    .summary = "check Kubernetes manifests, Dockerfiles, Compose files and "
	       "ECS task definitions",
    .run = run_config,
    .help = help_config,
};
