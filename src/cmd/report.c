/*
 * The reporting half of 'ward image', 'ward fs' and 'ward sbom': match
 * the inventory against the vulnerability database, apply the user's
 * ignore file and VEX statements, filter by severity and fix status,
 * write the chosen format and decide the exit code. Files named by the
 * user (ignore file, VEX, database) are trusted paths with untrusted
 * contents.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "policy_opts.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/inventory.h"
#include "ward/limits.h"
#include "ward/log.h"
#include "ward/mem.h"
#include "ward/match.h"
#include "ward/policy.h"
#include "ward/report.h"
#include "ward/sbom.h"
#include "ward/scanreport.h"
#include "ward/str.h"
#include "ward/vulndb.h"

#define POLICY_FILE_MAX (16u << 20)

int
policy_opts_scanners(struct policy_opts *o, const char *list)
{
	struct str s = str_from(list), w;

	o->scanners_set = true;
	o->want_vuln = false;
	o->want_secret = false;
	while (s.len) {
		str_cut(&s, ',', &w);
		if (str_eq_cstr(w, "vuln"))
			o->want_vuln = true;
		else if (str_eq_cstr(w, "secret"))
			o->want_secret = true;
		else if (!str_eq_cstr(w, "none") && w.len)
			return cmd_usage_error(o->verb,
			    "unknown scanner '%.*s' (available: vuln, secret, "
			    "none)",
			    STR_FMT(w));
	}
	return 0;
}

int
policy_opts_option(struct policy_opts *o, int opt, const char *arg)
{
	struct ward_err err;
	uint64_t v;

	switch (opt) {
	case OPT_SEVERITY:
		if (severity_parse_list(arg, &o->sev_mask, &err) < 0)
			return cmd_usage_error(o->verb, "%s", err.msg);
		return 1;
	case OPT_IGNORE_UNFIXED:
		o->ignore_unfixed = true;
		return 1;
	case OPT_EXIT_CODE:
		if (parse_u64_cstr(arg, 255, &v) < 0)
			return cmd_usage_error(o->verb,
			    "--exit-code wants 0 to 255, not '%s'", arg);
		o->exit_code = (int)v;
		return 1;
	case OPT_IGNOREFILE:
		o->ignorefile = arg;
		return 1;
	case OPT_VEX:
		if (o->nvex == sizeof(o->vex) / sizeof(o->vex[0]))
			return cmd_usage_error(o->verb, "too many --vex files");
		o->vex[o->nvex++] = arg;
		return 1;
	case OPT_DB:
		o->db_path = arg;
		return 1;
	}
	return 0;
}

void
policy_opts_help(FILE *f)
{
	fputs("Vulnerability options:\n"
	      "      --severity LIST      report only these severities "
	      "(e.g. HIGH,CRITICAL)\n"
	      "      --ignore-unfixed     leave out vulnerabilities with no "
	      "fixed version\n"
	      "      --exit-code N        exit N when findings remain after "
	      "the filters\n"
	      "      --ignorefile FILE    ignore file (default: ./.wardignore "
	      "when present)\n"
	      "      --vex FILE           OpenVEX statements: not_affected "
	      "and fixed suppress\n"
	      "      --db FILE            vulnerability database (default: "
	      "$XDG_CACHE_HOME/ward/db/ward.db)\n\n",
	    f);
}

static int
read_user_file(
    struct arena *a, const char *path, struct str *out, struct ward_err *err)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return err_set(err, errno, "'%s': %s", path, strerror(errno));
	return fs_read_fd(a, fd, path, POLICY_FILE_MAX, out, err);
}

static int
load_policy(struct arena *a, struct policy_opts *o, struct policy *p,
    struct ward_err *err)
{
	const char *ign = o->ignorefile;
	struct str text;
	int r;

	memset(p, 0, sizeof(*p));
	if (!ign && access(".wardignore", F_OK) == 0)
		ign = ".wardignore";
	if (ign) {
		r = read_user_file(a, ign, &text, err);
		if (r < 0 || (r = policy_load_ignore(a, ign, text, p, err)) < 0)
			return r;
	}
	for (size_t i = 0; i < o->nvex; i++) {
		r = read_user_file(a, o->vex[i], &text, err);
		if (r < 0 ||
		    (r = policy_load_vex(a, o->vex[i], text, p, err)) < 0)
			return r;
	}
	return 0;
}

const char *
cmd_cache_base(struct arena *a, const struct cmd_ctx *ctx)
{
	const char *x = secure_getenv("XDG_CACHE_HOME");
	const char *home = secure_getenv("HOME");

	if (ctx->cache_dir)
		return ctx->cache_dir;
	if (x && x[0] == '/')
		return arena_printf(a, "%s/ward", x);
	if (home && home[0] == '/')
		return arena_printf(a, "%s/.cache/ward", home);
	return NULL;
}

const char *
cmd_db_path(struct arena *a, const struct cmd_ctx *ctx)
{
	const char *base = cmd_cache_base(a, ctx);

	return base ? arena_printf(a, "%s/db/ward.db", base) : NULL;
}

static void
apply_policy(struct arena *a, const struct inventory *inv,
    struct match_result *m, const struct policy *p, const bool **shown_out,
    const struct policy_opts *o)
{
	bool *shown = arena_calloc(a, m->n ? m->n : 1, sizeof(*shown));
	time_t now = time(NULL);

	for (size_t i = 0; i < m->n; i++) {
		struct vuln_match *v = &m->v[i];
		enum severity s = SEV_UNKNOWN;

		v->suppressed = policy_suppresses(
		    a, p, v, purl_for_pkg(a, inv, v->pkg), now);
		(void)severity_parse(v->severity, &s); /* else UNKNOWN */
		shown[i] = (!o->sev_mask || (o->sev_mask & (1u << s))) &&
		    !(o->ignore_unfixed && !v->fix_available);
	}
	*shown_out = shown;
}

static int
write_report(struct arena *a, struct cmd_ctx *ctx, const struct scan_report *r)
{
	struct ward_err err = {0};
	FILE *f;
	int rc;

	if (cmd_output_open(ctx, &f, &err) < 0) {
		cmd_print_err("report", &err);
		return EXIT_INPUT;
	}
	switch (cmd_resolve_format(ctx)) {
	case FMT_SARIF:
		rc = scanreport_write_sarif(a, r, f, &err);
		break;
	case FMT_JUNIT:
		rc = scanreport_write_junit(a, r, f, &err);
		break;
	case FMT_CYCLONEDX:
		rc = r->vulns || r->inv->secrets_scanned
		    ? scanreport_write_cyclonedx(a, r, f, &err)
		    : sbom_write_cyclonedx(a, r->inv, f, &err);
		break;
	case FMT_SPDX_JSON:
		rc = sbom_write_spdx(a, r->inv, f, &err);
		break;
	case FMT_TABLE:
		rc = scanreport_write_table(
		    a, r, f, ctx->color && !ctx->output, &err);
		break;
	default:
		rc = r->vulns || r->inv->secrets_scanned
		    ? scanreport_write_json(a, r, f, &err)
		    : inventory_write_json(a, r->inv, f, &err);
	}
	if (cmd_output_close(ctx, f, rc >= 0, &err) < 0 || rc < 0) {
		log_error("%s", err.msg);
		return EXIT_INTERNAL;
	}
	return EXIT_OK;
}

/* Open the database; absent is fine unless the user asked for vulns. */
static int
open_db(struct arena *a, struct cmd_ctx *ctx, struct policy_opts *o,
    struct vulndb **db)
{
	const char *path = o->db_path ? o->db_path : cmd_db_path(a, ctx);
	struct ward_err err = {0};

	*db = NULL;
	if (!o->want_vuln)
		return 0;
	if (path && access(path, F_OK) != 0 && !o->scanners_set &&
	    !o->db_path) {
		log_warn("no vulnerability database at '%s' (run 'ward db "
			 "update' or 'ward db build --from DIR'); listing "
			 "packages only",
		    path);
		o->want_vuln = false;
		return 0;
	}
	if (!path || vulndb_open(path, db, &err) < 0) {
		log_error("%s: vulnerability database: %s", o->verb,
		    path ? err.msg : "no cache directory (set HOME or --db)");
		return EXIT_INPUT;
	}
	return 0;
}

static void
print_notes(const struct match_result *m)
{
	for (size_t i = 0; i < m->nnotes; i++)
		log_info("%s", m->notes[i]);
	if (m->invalid_versions)
		log_info("%zu comparisons skipped: versions the ecosystem's "
			 "ordering cannot read (-vv lists them)",
		    m->invalid_versions);
}

static int
exit_status(const struct match_result *m, const bool *shown, int code)
{
	for (size_t i = 0; m && code && i < m->n; i++)
		if (shown[i] && !m->v[i].suppressed)
			return code;
	return EXIT_OK;
}

/*
 * Secrets the ignore file accepts, by fingerprint ("sha256:HEX") or rule
 * id, optionally for one path, are left out of the report.
 */
static void
filter_secrets(struct arena *a, const struct policy *p, struct inventory *inv)
{
	struct secret_hits kept = inv->secrets;
	time_t now = time(NULL);

	kept.v = arena_calloc(a, inv->secrets.n + 1, sizeof(*kept.v));
	kept.n = 0;
	kept.cap = inv->secrets.n + 1;
	for (size_t i = 0; i < inv->secrets.n; i++) {
		const struct secret_hit *h = &inv->secrets.v[i];
		const char *fp = arena_printf(a, "sha256:%s", h->f.fingerprint);

		if (policy_ignores(p, fp, h->path, now) ||
		    policy_ignores(p, h->f.rule_id, h->path, now))
			continue;
		kept.v[kept.n++] = *h;
	}
	inv->secrets = kept;
}

int
policy_report(struct arena *a, struct cmd_ctx *ctx, const struct inventory *inv,
    struct policy_opts *o)
{
	struct scan_report r = {.inv = inv};
	struct inventory *shown_inv = arena_memdup(a, inv, sizeof(*inv));
	struct match_result *m = arena_calloc(a, 1, sizeof(*m));
	struct ward_err err = {0};
	struct vulndb *db;
	struct policy p;
	int rc = open_db(a, ctx, o, &db);

	if (rc)
		return rc;
	if (load_policy(a, o, &p, &err) < 0) {
		log_error("%s: %s", o->verb, err.msg);
		vulndb_close(db);
		return EXIT_INPUT;
	}
	if (inv->secrets_scanned) {
		filter_secrets(a, &p, shown_inv);
		r.inv = shown_inv;
	}
	if (db) {
		struct vulndb_meta meta;

		if (match_inventory(a, db, inv, m, &err) < 0) {
			log_error("%s: matching: %s", o->verb, err.msg);
			vulndb_close(db);
			return EXIT_INTERNAL;
		}
		if (vulndb_meta(db, a, &meta, &err) >= 0)
			r.db_built_at = meta.built_at;
		vulndb_close(db);
		print_notes(m);
		apply_policy(a, inv, m, &p, &r.shown, o);
		r.vulns = m;
	}
	rc = write_report(a, ctx, &r);
	if (rc != EXIT_OK)
		return rc;
	if (o->exit_code && r.inv->secrets.n > 0)
		return o->exit_code;
	return exit_status(r.vulns, r.shown, o->exit_code);
}
