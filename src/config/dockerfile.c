/*
 * Dockerfile checks (WARD-DF-*). The parser (dockerfile_parse.c) gives
 * the instructions; this file follows the build the way BuildKit would:
 * global ARGs before the first FROM, one variable scope per stage, stages
 * built on other stages inheriting their ENV, USER, WORKDIR and
 * HEALTHCHECK, and the last stage being the image. RUN commands are
 * split into simple commands (dockerfile_shell.c) so package managers,
 * downloads and chmod are judged by their words. The text is untrusted;
 * a file that does not parse gives one WARD-CONFIG-SYNTAX finding with
 * the line, and expansion is bounded by a budget for the whole file.
 * What a base image brings (its USER, HEALTHCHECK) is unknown here.
 */

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "docker_common.h"
#include "dockerfile.h"
#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"

#define D CHECKS_DOCKERFILE
#define DOCS "https://docs.docker.com/reference/dockerfile/"
#define BP "https://docs.docker.com/build/building/best-practices/"
#define CHK "https://docs.docker.com/reference/build-checks/"
#define CIS "https://www.cisecurity.org/benchmark/docker"
#define HL "https://github.com/hadolint/hadolint/wiki/"

enum {
	R_USER_ROOT,
	R_NO_USER,
	R_LATEST,
	R_UNTAGGED,
	R_ADD_URL,
	R_ADD_COPY,
	R_CURL_SH,
	R_ENV_SECRET,
	R_ARG_SECRET,
	R_SUDO,
	R_INSECURE,
	R_NET_HOST,
	R_NO_HEALTHCHECK,
	R_EXPOSE_22,
	R_APT_PIN,
	R_APT_RECOMMENDS,
	R_APT_LISTS,
	R_UPDATE_ALONE,
	R_APK_CACHE,
	R_APK_PIN,
	R_PIP_CACHE,
	R_PIP_PIN,
	R_NPM_PIN,
	R_CHMOD_WORLD,
	R_WORKDIR_REL,
	R_MULTI_CMD,
	R_SHELL_FORM,
	R_CD,
	R_CRED_FILE,
	R_URL_CREDS,
	R_TLS_OFF,
	R_MAINTAINER,
	R_YUM_CLEAN,
	R_SIG_OFF,
	R_SSHD,
	R_SETUID,
	R_PLAIN_HTTP,
	R_JSON_BAD,
	R_COUNT
};

const struct config_rule cfg_dockerfile_rules[] = {
    [R_USER_ROOT] = {"WARD-DF-001", D, SEV_HIGH, "Final stage runs as root",
	"End the final stage with USER naming an unprivileged user (create "
	"it with useradd/adduser if the base image has none).",
	DOCS "#user " CIS " (CIS Docker Benchmark 4.1) " HL "DL3002"},
    [R_NO_USER] = {"WARD-DF-002", D, SEV_MEDIUM, "Final stage sets no USER",
	"Add a USER instruction with an unprivileged user to the final stage; "
	"without one the container runs as the base image's user, usually "
	"root.",
	DOCS "#user " CIS " (CIS Docker Benchmark 4.1)"},
    [R_LATEST] = {"WARD-DF-003", D, SEV_MEDIUM, "Image uses the 'latest' tag",
	"Pin the image to a version tag, better to a digest "
	"(image:tag@sha256:...), so builds are reproducible and reviewed.",
	DOCS "#from " CIS " (CIS Docker Benchmark 4.2) " HL "DL3007"},
    [R_UNTAGGED] = {"WARD-DF-004", D, SEV_MEDIUM, "Image has no tag or digest",
	"Name a version tag, better a digest (image:tag@sha256:...); an "
	"untagged image means 'latest'.",
	DOCS "#from " CIS " (CIS Docker Benchmark 4.2) " HL "DL3006"},
    [R_ADD_URL] = {"WARD-DF-005", D, SEV_MEDIUM,
	"ADD downloads a remote file without a checksum",
	"Download with a verified checksum: ADD --checksum=sha256:... URL, or "
	"RUN curl and sha256sum -c.",
	DOCS "#add " CIS " (CIS Docker Benchmark 4.9) " HL "DL3020"},
    [R_ADD_COPY] = {"WARD-DF-006", D, SEV_LOW, "ADD used where COPY suffices",
	"Use COPY for local files; ADD also extracts archives and fetches "
	"URLs, which hides what enters the image.",
	DOCS "#add " CIS " (CIS Docker Benchmark 4.9) " HL "DL3020"},
    [R_CURL_SH] = {"WARD-DF-007", D, SEV_HIGH,
	"Remote script piped into a shell",
	"Download the script to a file, verify its checksum or signature, "
	"then run it.",
	CIS " (CIS Docker Benchmark 4.11) " HL "DL4006"},
    [R_ENV_SECRET] = {"WARD-DF-008", D, SEV_HIGH, "Secret in ENV",
	"Do not bake secrets into the image: pass them at build time with "
	"RUN --mount=type=secret and at run time from a secret store.",
	CHK "secrets-used-in-arg-or-env/ " CIS " (CIS Docker Benchmark 4.10)"},
    [R_ARG_SECRET] = {"WARD-DF-009", D, SEV_HIGH, "Secret in ARG default",
	"ARG values are kept in the image history; use RUN "
	"--mount=type=secret instead of a secret build argument.",
	CHK "secrets-used-in-arg-or-env/ " CIS " (CIS Docker Benchmark 4.10)"},
    [R_SUDO] = {"WARD-DF-010", D, SEV_MEDIUM, "sudo used in RUN",
	"RUN already runs as the current USER; switch with USER root / USER "
	"app instead of installing and calling sudo.",
	DOCS "#user " HL "DL3004"},
    [R_INSECURE] = {"WARD-DF-011", D, SEV_HIGH, "RUN --security=insecure",
	"Drop --security=insecure; it runs the step without the build "
	"sandbox, like a privileged container.",
	DOCS "#run---security"},
    [R_NET_HOST] = {"WARD-DF-012", D, SEV_MEDIUM, "RUN --network=host",
	"Drop --network=host; the step then shares the build host's network "
	"namespace and its local services.",
	DOCS "#run---network"},
    [R_NO_HEALTHCHECK] = {"WARD-DF-013", D, SEV_LOW,
	"No HEALTHCHECK in the final stage",
	"Add HEALTHCHECK CMD ... so the runtime can tell a hung container "
	"from a healthy one.",
	DOCS "#healthcheck " CIS " (CIS Docker Benchmark 4.6)"},
    [R_EXPOSE_22] = {"WARD-DF-014", D, SEV_MEDIUM, "SSH port 22 exposed",
	"Do not run sshd in containers; use docker exec or kubectl exec.",
	DOCS "#expose " CIS " (CIS Docker Benchmark 5.6)"},
    [R_APT_PIN] = {"WARD-DF-015", D, SEV_LOW,
	"apt-get install without pinned versions",
	"Pin versions (apt-get install package=1.2.3-1) so the image is "
	"reproducible and changes are reviewed.",
	BP " " HL "DL3008"},
    [R_APT_RECOMMENDS] = {"WARD-DF-016", D, SEV_LOW,
	"apt-get install without --no-install-recommends",
	"Add --no-install-recommends so only the packages named (and their "
	"dependencies) are installed.",
	BP " " CIS " (CIS Docker Benchmark 4.3) " HL "DL3015"},
    [R_APT_LISTS] = {"WARD-DF-017", D, SEV_LOW,
	"apt lists not removed after install",
	"End the same RUN with rm -rf /var/lib/apt/lists/* so stale package "
	"indexes do not ship in the image.",
	BP " " HL "DL3009"},
    [R_UPDATE_ALONE] = {"WARD-DF-018", D, SEV_MEDIUM,
	"Package index update in a RUN of its own",
	"Run the update and the install in one RUN (apt-get update && "
	"apt-get install ...); a cached update layer installs stale "
	"packages.",
	BP " " CIS " (CIS Docker Benchmark 4.7)"},
    [R_APK_CACHE] = {"WARD-DF-019", D, SEV_LOW, "apk add without --no-cache",
	"Use apk add --no-cache so the package index is not kept in the "
	"image.",
	HL "DL3019"},
    [R_APK_PIN] = {"WARD-DF-020", D, SEV_LOW, "apk add without pinned versions",
	"Pin versions (apk add package=1.2.3-r0).", HL "DL3018"},
    [R_PIP_CACHE] = {"WARD-DF-021", D, SEV_LOW,
	"pip install without --no-cache-dir",
	"Add --no-cache-dir (or ENV PIP_NO_CACHE_DIR=1) so pip's cache is "
	"not kept in the image.",
	HL "DL3042"},
    [R_PIP_PIN] = {"WARD-DF-022", D, SEV_LOW,
	"pip install without pinned versions",
	"Pin versions (package==1.2.3) or install from a requirements file "
	"with hashes.",
	HL "DL3013"},
    [R_NPM_PIN] = {"WARD-DF-023", D, SEV_LOW,
	"npm install of unpinned packages",
	"Pin versions (npm install package@1.2.3), or use npm ci with a "
	"lockfile.",
	HL "DL3016"},
    [R_CHMOD_WORLD] = {"WARD-DF-024", D, SEV_HIGH, "World-writable permissions",
	"Grant write access only to the owner (e.g. 755 or 644); anyone in "
	"the container can replace a world-writable file.",
	CIS " (CIS Docker Benchmark 4.8)"},
    [R_WORKDIR_REL] = {"WARD-DF-025", D, SEV_LOW, "Relative WORKDIR",
	"Use an absolute path: a relative WORKDIR depends on the base "
	"image's working directory.",
	CHK "workdir-relative-path/ " HL "DL3000"},
    [R_MULTI_CMD] = {"WARD-DF-026", D, SEV_LOW,
	"CMD, ENTRYPOINT or HEALTHCHECK given more than once in a stage",
	"Keep one; only the last takes effect.",
	CHK "multiple-instructions-disallowed/ " HL "DL4003 " HL "DL4004"},
    [R_SHELL_FORM] = {"WARD-DF-027", D, SEV_LOW,
	"CMD or ENTRYPOINT in shell form",
	"Use the exec form (CMD [\"app\", \"--flag\"]) so the process is PID "
	"1 and receives signals such as SIGTERM.",
	CHK "json-args-recommended/ " HL "DL3025"},
    [R_CD] = {"WARD-DF-028", D, SEV_LOW, "cd used in RUN",
	"Use WORKDIR to change directories.", DOCS "#workdir " HL "DL3003"},
    [R_CRED_FILE] = {"WARD-DF-029", D, SEV_HIGH,
	"Credential file copied into the image",
	"Do not copy keys or credential files into images; mount them for "
	"the build only (RUN --mount=type=secret or type=ssh) and exclude "
	"them in .dockerignore.",
	"https://docs.docker.com/build/building/secrets/ " CIS
	" (CIS Docker Benchmark 4.10)"},
    [R_URL_CREDS] = {"WARD-DF-030", D, SEV_HIGH, "Credentials in a URL",
	"Remove the user:password from the URL; use a build secret (RUN "
	"--mount=type=secret) or an SSH mount for private repositories.",
	"https://docs.docker.com/build/building/secrets/ " CIS
	" (CIS Docker Benchmark 4.10)"},
    [R_TLS_OFF] = {"WARD-DF-031", D, SEV_HIGH,
	"TLS certificate verification disabled",
	"Remove -k/--insecure, --no-check-certificate, --trusted-host, "
	"strict-ssl false and similar; install the CA certificate instead.",
	CIS " (CIS Docker Benchmark 4.11)"},
    [R_MAINTAINER] = {"WARD-DF-032", D, SEV_LOW, "MAINTAINER is deprecated",
	"Use LABEL org.opencontainers.image.authors=\"...\".",
	CHK "maintainer-deprecated/ " HL "DL4000"},
    [R_YUM_CLEAN] = {"WARD-DF-033", D, SEV_LOW,
	"yum/dnf/zypper install without clean",
	"End the same RUN with yum clean all (dnf clean all, zypper clean "
	"--all) so the package cache does not ship in the image.",
	HL "DL3032 " HL "DL3036 " HL "DL3040"},
    [R_SIG_OFF] = {"WARD-DF-034", D, SEV_HIGH,
	"Package signature verification disabled",
	"Remove --allow-unauthenticated, --force-yes, --allow-untrusted, "
	"--nogpgcheck, --nosignature and similar; import the repository's "
	"key instead.",
	CIS " (CIS Docker Benchmark 4.11)"},
    [R_SSHD] = {"WARD-DF-035", D, SEV_MEDIUM, "SSH server installed",
	"Do not run sshd in containers; use docker exec or kubectl exec.",
	CIS " (CIS Docker Benchmark 5.6)"},
    [R_SETUID] = {"WARD-DF-036", D, SEV_MEDIUM, "setuid or setgid bit set",
	"Do not add setuid/setgid binaries; they are a path to root for any "
	"user in the container.",
	CIS " (CIS Docker Benchmark 4.8)"},
    [R_PLAIN_HTTP] = {"WARD-DF-037", D, SEV_MEDIUM, "Download over plain HTTP",
	"Use https:// (and verify a checksum) so the download cannot be "
	"replaced in transit.",
	CIS " (CIS Docker Benchmark 4.11)"},
    [R_JSON_BAD] = {"WARD-DF-038", D, SEV_LOW, "Exec form is not valid JSON",
	"Fix the JSON array (double quotes, commas, closing bracket); as it "
	"is, Docker runs the text in shell form.",
	DOCS "#shell-and-exec-form"},
};
const size_t cfg_dockerfile_nrules =
    sizeof(cfg_dockerfile_rules) / sizeof(cfg_dockerfile_rules[0]);

_Static_assert(
    sizeof(cfg_dockerfile_rules) / sizeof(cfg_dockerfile_rules[0]) == R_COUNT,
    "one rule per R_ constant");

/* ---- The build being followed ---- */

struct stage {
	struct str name; /* alias as written, or empty */
	struct str image; /* expanded */
	bool image_unresolved;
	long parent; /* stage this one builds on, or -1 */
	const struct df_instr *from;
	struct df_env env;
	/* In effect at the end of the stage (inherited from 'parent'). */
	const struct df_instr *user;
	struct str user_val;
	bool user_unresolved;
	const struct df_instr *hc;
	bool hc_none;
	bool abs_workdir;
	const struct df_instr *last_cmd, *last_ep, *last_hc;
	bool final_chain; /* the final stage or one it builds on */
};

struct dctx {
	struct cfg_ctx *c;
	struct arena *a;
	const struct df_file *f;
	struct stage *st;
	size_t nst;
	long cur; /* -1 before the first FROM */
	struct df_env globals;
	size_t budget;
	const struct df_instr *in; /* being checked */
	uint64_t once; /* rules already reported for 'in' */
	bool quiet; /* first pass: report nothing */
};

static const struct config_rule *
syntax_rule(void)
{
	for (size_t i = 0; i < cfg_core_nrules; i++)
		if (strcmp(cfg_core_rules[i].id, "WARD-CONFIG-SYNTAX") == 0)
			return &cfg_core_rules[i];
	return &cfg_core_rules[0];
}

static const char *
resource(struct dctx *d)
{
	const struct stage *s;

	if (d->cur < 0)
		return NULL;
	s = &d->st[d->cur];
	if (s->name.len > 0)
		return arena_printf(d->a, "stage %.*s",
		    (int)(s->name.len > 128 ? 128 : s->name.len), s->name.p);
	return arena_printf(d->a, "stage %ld", d->cur);
}

static void __attribute__((format(printf, 4, 5))) emit_at(
    struct dctx *d, int rule, const struct df_instr *in, const char *fmt, ...)
{
	va_list ap;

	if (d->quiet)
		return;
	va_start(ap, fmt);
	(void)cfg_vemit(d->c, &cfg_dockerfile_rules[rule], resource(d), NULL,
	    in->line, in->col, fmt, ap);
	va_end(ap);
}

/* Report 'rule' for the current instruction unless already done. */
static void __attribute__((format(printf, 3, 4)))
emit1(struct dctx *d, int rule, const char *fmt, ...)
{
	va_list ap;

	if (d->quiet || (d->once & (1ull << rule)))
		return;
	d->once |= 1ull << rule;
	va_start(ap, fmt);
	(void)cfg_vemit(d->c, &cfg_dockerfile_rules[rule], resource(d), NULL,
	    d->in->line, d->in->col, fmt, ap);
	va_end(ap);
}

static void
syntax(struct dctx *d, const struct df_instr *in, const char *what,
    const struct ward_err *err)
{
	if (d->quiet)
		return;
	(void)cfg_emit(d->c, syntax_rule(), resource(d), NULL, in->line,
	    in->col, "%s: %s", what, err->msg);
}

/* At most 200 bytes of an untrusted value, for messages. */
#define V(s) (int)((s).len > 200 ? 200 : (s).len), (s).p

static struct df_env *
scope(struct dctx *d)
{
	return d->cur < 0 ? &d->globals : &d->st[d->cur].env;
}

/* Expand one word in the current scope; false (reported) on error. */
static bool
expand(struct dctx *d, const struct df_instr *in, struct df_env *env,
    struct str raw, struct str *out, bool *unresolved)
{
	struct df_lex lx = {
	    .a = d->a, .escape = d->f->escape, .env = env, .budget = d->budget};
	struct ward_err err = {0};
	int r = df_word_expand(&lx, raw, out, &err);

	d->budget = lx.budget;
	if (r < 0) {
		syntax(d, in, df_cmd_name(in->cmd), &err);
		return false;
	}
	if (unresolved)
		*unresolved = lx.unresolved;
	return true;
}

static bool
expand_words(struct dctx *d, const struct df_instr *in, struct str raw,
    struct str **out, size_t *n, bool *unresolved)
{
	struct df_lex lx = {.a = d->a,
	    .escape = d->f->escape,
	    .env = scope(d),
	    .budget = d->budget};
	struct ward_err err = {0};
	int r = df_words_expand(&lx, raw, out, n, &err);

	d->budget = lx.budget;
	if (r < 0) {
		syntax(d, in, df_cmd_name(in->cmd), &err);
		return false;
	}
	if (unresolved)
		*unresolved = lx.unresolved;
	return true;
}

static const struct df_flag *
flag(const struct df_instr *in, const char *name)
{
	for (size_t i = 0; i < in->nflags; i++)
		if (str_eq_cstr(in->flags[i].name, name))
			return &in->flags[i];
	return NULL;
}

static bool
ieq(struct str a, const char *b)
{
	return str_case_eq(a, str_from(b));
}

static bool
has_prefix(struct str s, const char *p)
{
	return str_starts_with(s, str_from(p));
}

static bool
contains(struct str s, const char *needle)
{
	return str_find(s, str_from(needle)) >= 0;
}

/* ---- Images ---- */

static long
stage_index(struct dctx *d, struct str name, long before)
{
	for (long i = 0; i < before && i < (long)d->nst; i++)
		if (d->st[i].name.len > 0 && str_case_eq(d->st[i].name, name))
			return i;
	return -1;
}

/*
 * Judge an image reference (FROM, COPY --from): scratch, a stage, a
 * digest or a tag other than latest pass.
 */
static void
check_image(
    struct dctx *d, const struct df_instr *in, struct str img, const char *what)
{
	switch (cfg_image_tag(img)) {
	case IMAGE_UNTAGGED:
		emit_at(d, R_UNTAGGED, in, "%s '%.*s' has no tag or digest",
		    what, V(img));
		break;
	case IMAGE_LATEST:
		emit_at(d, R_LATEST, in, "%s '%.*s' uses the latest tag", what,
		    V(img));
		break;
	default:
		break;
	}
}

/* ---- ARG and ENV ---- */

/* Variables whose value turns certificate checking off. */
static void
check_tls_var(struct dctx *d, struct str name, struct str val)
{
	bool off = false;

	if (str_eq_cstr(name, "NODE_TLS_REJECT_UNAUTHORIZED") ||
	    str_eq_cstr(name, "PYTHONHTTPSVERIFY"))
		off = str_eq_cstr(val, "0");
	else if (str_eq_cstr(name, "GIT_SSL_NO_VERIFY"))
		off =
		    val.len > 0 && !str_eq_cstr(val, "0") && !ieq(val, "false");
	else if (str_eq_cstr(name, "PIP_TRUSTED_HOST") ||
	    str_eq_cstr(name, "NPM_CONFIG_STRICT_SSL") ||
	    str_eq_cstr(name, "npm_config_strict_ssl"))
		off = str_eq_cstr(name, "PIP_TRUSTED_HOST") ? val.len > 0
							    : ieq(val, "false");
	if (off)
		emit1(d, R_TLS_OFF, "%.*s=%.*s disables certificate checks",
		    V(name), V(val));
}

/* The name in a value that is only "$NAME" or "${NAME}" (else empty). */
static struct str
var_ref(struct str raw)
{
	struct str v = str_trim(raw);

	if (v.len >= 2 && v.p[0] == '"' && v.p[v.len - 1] == '"')
		v = str_sub(v, 1, v.len - 2);
	if (v.len < 2 || v.p[0] != '$')
		return STR_NULL;
	if (v.p[1] == '{') {
		if (v.len < 4 || v.p[v.len - 1] != '}')
			return STR_NULL;
		return str_sub(v, 2, v.len - 3);
	}
	return str_sub(v, 1, v.len - 1);
}

/* "name=value" pairs of ENV and ARG; legacy "ENV name value" too. */
static void
do_env(struct dctx *d, const struct df_instr *in)
{
	struct str *w;
	size_t nw = df_raw_words(d->a, in->rest, d->f->escape, &w);
	struct str *names = arena_calloc(d->a, nw + 1, sizeof(*names));
	struct str *vals = arena_calloc(d->a, nw + 1, sizeof(*vals));
	bool *known = arena_calloc(d->a, nw + 1, sizeof(*known));
	size_t n = 0;
	struct ward_err err = {0};

	if (nw == 0) {
		(void)err_set(&err, EBADMSG, "needs at least one argument");
		syntax(d, in, "ENV", &err);
		return;
	}
	if (str_find_char(w[0], '=') < 0) {
		struct str rest = str_trim(str_sub(in->rest,
		    (size_t)(w[0].p - in->rest.p) + w[0].len, in->rest.len));

		if (rest.len == 0) {
			(void)err_set(&err, EBADMSG,
			    "'%.*s' needs a value (ENV name=value)", V(w[0]));
			syntax(d, in, "ENV", &err);
			return;
		}
		names[0] = w[0];
		vals[0] = rest;
		n = 1;
	} else {
		for (size_t i = 0; i < nw; i++) {
			ssize_t eq = str_find_char(w[i], '=');

			if (eq <= 0) {
				(void)err_set(&err, EBADMSG,
				    "'%.*s' is not name=value", V(w[i]));
				syntax(d, in, "ENV", &err);
				return;
			}
			names[n] = str_make(w[i].p, (size_t)eq);
			vals[n++] = str_sub(w[i], (size_t)eq + 1, w[i].len);
		}
	}
	/* Every value sees the variables as they were before this ENV. */
	for (size_t i = 0; i < n; i++) {
		bool unres = false;

		struct str ref;

		if (cfg_secret_name(names[i]) && cfg_literal_value(vals[i]))
			emit_at(d, R_ENV_SECRET, in,
			    "ENV %.*s is set to a literal value", V(names[i]));
		else if (cfg_secret_name(names[i]) &&
		    (ref = var_ref(vals[i])).len > 0 &&
		    df_env_get(scope(d), ref))
			emit_at(d, R_ENV_SECRET, in,
			    "ENV %.*s stores the value of %.*s (a build "
			    "argument) in the image",
			    V(names[i]), V(ref));
		if (!expand(d, in, scope(d), vals[i], &vals[i], &unres))
			return;
		known[i] = !unres;
		check_tls_var(d, names[i], vals[i]);
	}
	for (size_t i = 0; i < n; i++) {
		if (df_env_set(d->a, scope(d), names[i], vals[i], known[i],
			true, &err) < 0) {
			syntax(d, in, "ENV", &err);
			return;
		}
	}
}

static void
do_arg(struct dctx *d, const struct df_instr *in)
{
	struct str *w;
	size_t nw = df_raw_words(d->a, in->rest, d->f->escape, &w);
	struct ward_err err = {0};

	for (size_t i = 0; i < nw; i++) {
		ssize_t eq = str_find_char(w[i], '=');
		struct str name = w[i], val = STR_NULL;
		bool known = false, unres = false;
		const struct df_var *old;

		if (eq == 0) {
			(void)err_set(&err, EBADMSG, "ARG name is empty");
			syntax(d, in, "ARG", &err);
			return;
		}
		if (eq > 0) {
			name = str_make(w[i].p, (size_t)eq);
			val = str_sub(w[i], (size_t)eq + 1, w[i].len);
			if (cfg_secret_name(name) && cfg_literal_value(val))
				emit_at(d, R_ARG_SECRET, in,
				    "ARG %.*s has a literal default value",
				    V(name));
			if (!expand(d, in, scope(d), val, &val, &unres))
				return;
			known = !unres;
		} else if (d->cur >= 0) {
			/* Inside a stage, "ARG x" brings in the global x. */
			const struct df_var *g = df_env_get(&d->globals, name);

			if (g) {
				val = g->value;
				known = g->known;
			}
		}
		old = df_env_get(scope(d), name);
		if (old && old->is_env)
			continue; /* ENV always wins over ARG */
		if (df_env_set(d->a, scope(d), name, val, known, false, &err) <
		    0) {
			syntax(d, in, "ARG", &err);
			return;
		}
	}
}

/* ---- File modes (chmod, COPY --chmod) ---- */

static void
check_mode(struct dctx *d, struct str mode, struct str target)
{
	bool world = false, suid = false, octal = mode.len > 0 && mode.len <= 5;
	uint32_t v = 0;

	for (size_t k = 0; k < mode.len && octal; k++) {
		if (mode.p[k] < '0' || mode.p[k] > '7')
			octal = false;
		else
			v = v * 8 + (uint32_t)(mode.p[k] - '0');
	}
	if (octal) {
		world = (v & 02) != 0;
		suid = (v & 06000) != 0;
	} else {
		/* Symbolic clauses: [ugoa]*[+=]perms, comma-separated. */
		struct str s = mode, cl;

		while (s.len > 0) {
			bool who_o = false, who_us = false, who_none = true;
			size_t k = 0;

			(void)str_cut(&s, ',', &cl);
			for (; k < cl.len && strchr("ugoa", cl.p[k]) && cl.p[k];
			     k++) {
				who_none = false;
				if (cl.p[k] == 'o' || cl.p[k] == 'a')
					who_o = true;
				if (cl.p[k] != 'o')
					who_us = true;
			}
			if (k >= cl.len || (cl.p[k] != '+' && cl.p[k] != '='))
				continue;
			for (k++; k < cl.len; k++) {
				if (cl.p[k] == 'w' && who_o)
					world = true;
				if (cl.p[k] == 's' && (who_us || who_none))
					suid = true;
			}
		}
	}
	if (world)
		emit1(d, R_CHMOD_WORLD, "mode %.*s makes '%.*s' world-writable",
		    V(mode), V(target));
	if (suid)
		emit1(d, R_SETUID, "mode %.*s sets setuid/setgid on '%.*s'",
		    V(mode), V(target));
}

/* ---- URLs ---- */

static bool
local_host(struct str host)
{
	return has_prefix(host, "localhost") || has_prefix(host, "127.") ||
	    has_prefix(host, "[::1]");
}

/* Look at every URL inside a word: credentials, plain http. */
static void
check_urls(struct dctx *d, struct str w, bool download)
{
	static const char *const schemes[] = {"http://", "https://", "ftp://",
	    "git+https://", "git+http://", "ssh://", NULL};

	for (size_t s = 0; schemes[s]; s++) {
		ssize_t at = str_find(w, str_from(schemes[s]));
		struct str rest, auth, host;
		ssize_t slash, amp;

		if (at < 0)
			continue;
		rest = str_sub(w, (size_t)at + strlen(schemes[s]), w.len);
		slash = str_find_char(rest, '/');
		host = slash >= 0 ? str_make(rest.p, (size_t)slash) : rest;
		amp = -1;
		for (size_t k = host.len; k > 0; k--)
			if (host.p[k - 1] == '@') {
				amp = (ssize_t)(k - 1);
				break;
			}
		if (amp > 0) {
			auth = str_make(host.p, (size_t)amp);
			host = str_sub(host, (size_t)amp + 1, host.len);
			if (str_find_char(auth, ':') > 0 &&
			    (size_t)str_find_char(auth, ':') + 1 < auth.len)
				emit1(d, R_URL_CREDS,
				    "URL to '%.*s' carries a user name and "
				    "password",
				    V(host));
		}
		if (download && strcmp(schemes[s], "http://") == 0 &&
		    !local_host(host))
			emit1(d, R_PLAIN_HTTP, "'%.*s' is fetched over http",
			    V(w));
	}
}

/* ---- RUN ---- */

/*
 * Does a RUN --mount=type=cache cover 'dir'? Then what is written there
 * stays out of the image, and cleaning it up is moot.
 */
static bool
cache_mount(const struct df_instr *in, const char *dir)
{
	for (size_t i = 0; in && i < in->nflags; i++) {
		struct str v = in->flags[i].value, kv, target = STR_NULL;
		bool cache = false;

		if (!str_eq_cstr(in->flags[i].name, "mount"))
			continue;
		while (v.len > 0) {
			(void)str_cut(&v, ',', &kv);
			if (str_eq_cstr(kv, "type=cache"))
				cache = true;
			else if (has_prefix(kv, "target="))
				target = str_sub(kv, 7, kv.len);
			else if (has_prefix(kv, "dst="))
				target = str_sub(kv, 4, kv.len);
			else if (has_prefix(kv, "destination="))
				target = str_sub(kv, 12, kv.len);
		}
		while (target.len > 1 && target.p[target.len - 1] == '/')
			target.len--;
		if (cache && str_eq_cstr(target, dir))
			return true;
	}
	return false;
}

struct facts {
	bool apt_update, apt_install, apt_lists_rm;
	bool apk_update, apk_add;
	bool apk_cache_rm, yum_install, yum_clean;
	const char *yum_tool;
};

static const char *const shells[] = {
    "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "fish", "busybox", NULL};
static const char *const interp[] = {
    "python", "python3", "python2", "perl", "ruby", "node", "php", NULL};

static bool
in_list(struct str w, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (str_eq_cstr(w, list[i]))
			return true;
	return false;
}

static bool
is_shell(struct str w)
{
	return in_list(df_basename(w), shells);
}

static bool
is_opt(struct str w)
{
	return w.len > 0 && w.p[0] == '-';
}

static bool
unknown_word(struct str w)
{
	/* Left for the shell to expand: nothing to judge. */
	return str_find_char(w, '$') >= 0 || str_find_char(w, '`') >= 0;
}

static void
analyze(struct dctx *d, struct str script, int depth, struct facts *ft);

/* Options taking an argument (as the next word) for each tool. */
static const char *const apt_argopts[] = {"-o", "-c", "-t", "--option",
    "--config-file", "--target-release", "--default-release", NULL};
static const char *const apk_argopts[] = {"-X", "--repository", "-t",
    "--virtual", "-p", "--root", "--arch", "--keys-dir", "--repositories-file",
    "--cache-dir", NULL};
static const char *const pip_argopts[] = {"-r", "--requirement", "-c",
    "--constraint", "-e", "--editable", "-i", "--index-url",
    "--extra-index-url", "-t", "--target", "--prefix", "--root", "-f",
    "--find-links", "--trusted-host", "--platform", "--python-version",
    "--implementation", "--abi", "--src", "--upgrade-strategy",
    "--progress-bar", "--log", "--cert", "--client-cert", "--proxy",
    "--retries", "--timeout", "--exists-action", "--global-option",
    "--install-option", "--no-binary", "--only-binary", "-C",
    "--config-settings", "--report", "--python", "--root-user-action", NULL};
static const char *const npm_argopts[] = {"--prefix", "--registry", "--cache",
    "-w", "--workspace", "--tag", "--userconfig", NULL};

static void
sshd_pkg(struct dctx *d, struct str pkg)
{
	ssize_t eq = str_find_char(pkg, '=');
	struct str name = eq >= 0 ? str_make(pkg.p, (size_t)eq) : pkg;

	if (str_eq_cstr(name, "openssh-server") ||
	    str_eq_cstr(name, "dropbear") || str_eq_cstr(name, "openssh"))
		emit1(d, R_SSHD, "package '%.*s' installs an SSH server",
		    V(name));
}

static void
apt(struct dctx *d, const struct str *a, size_t n, struct facts *ft)
{
	struct str sub = STR_NULL;
	bool norec = false;
	size_t unpinned = 0;
	struct str first = STR_NULL;

	for (size_t i = 1; i < n; i++) {
		struct str w = a[i];

		if (str_eq_cstr(w, "--no-install-recommends") ||
		    ieq(w, "APT::Install-Recommends=false") ||
		    ieq(w, "APT::Install-Recommends=0"))
			norec = true;
		if (str_eq_cstr(w, "--allow-unauthenticated") ||
		    str_eq_cstr(w, "--force-yes") ||
		    str_eq_cstr(w, "--allow-insecure-repositories") ||
		    contains(w, "AllowInsecureRepositories=true") ||
		    contains(w, "AllowUnauthenticated=true"))
			emit1(d, R_SIG_OFF, "apt-get %.*s", V(w));
		if (is_opt(w)) {
			if (in_list(w, apt_argopts) && i + 1 < n) {
				i++;
				if (ieq(a[i],
					"APT::Install-Recommends=false") ||
				    ieq(a[i], "APT::Install-Recommends=0"))
					norec = true;
				if (contains(a[i], "AllowUnauthenticated=true"))
					emit1(d, R_SIG_OFF, "apt-get -o %.*s",
					    V(a[i]));
			}
			continue;
		}
		if (sub.len == 0) {
			sub = w;
			continue;
		}
		if (!str_eq_cstr(sub, "install"))
			continue;
		sshd_pkg(d, w);
		if (unknown_word(w) || str_find_char(w, '=') >= 0 ||
		    str_ends_with(w, STR(".deb")) || has_prefix(w, "/") ||
		    has_prefix(w, "./"))
			continue;
		if (unpinned++ == 0)
			first = w;
	}
	if (str_eq_cstr(sub, "update"))
		ft->apt_update = true;
	if (!str_eq_cstr(sub, "install"))
		return;
	ft->apt_install = true;
	if (unpinned > 0)
		emit1(d, R_APT_PIN, "'%.*s'%s is installed without a version",
		    V(first), unpinned > 1 ? " (and others)" : "");
	if (!norec)
		emit1(d, R_APT_RECOMMENDS,
		    "apt-get install without --no-install-recommends");
}

static void
apk(struct dctx *d, const struct str *a, size_t n, struct facts *ft)
{
	struct str sub = STR_NULL, first = STR_NULL;
	bool nocache = false;
	size_t unpinned = 0;

	for (size_t i = 1; i < n; i++) {
		struct str w = a[i];

		if (str_eq_cstr(w, "--no-cache"))
			nocache = true;
		if (str_eq_cstr(w, "--allow-untrusted"))
			emit1(d, R_SIG_OFF, "apk --allow-untrusted");
		if (is_opt(w)) {
			if (in_list(w, apk_argopts) && i + 1 < n)
				i++;
			continue;
		}
		if (sub.len == 0) {
			sub = w;
			continue;
		}
		if (!str_eq_cstr(sub, "add"))
			continue;
		sshd_pkg(d, w);
		if (unknown_word(w) || str_find_char(w, '=') >= 0 ||
		    str_find_char(w, '~') >= 0 || str_find_char(w, '<') >= 0 ||
		    str_find_char(w, '>') >= 0 || str_ends_with(w, STR(".apk")))
			continue;
		if (unpinned++ == 0)
			first = w;
	}
	if (str_eq_cstr(sub, "update"))
		ft->apk_update = true;
	if (!str_eq_cstr(sub, "add"))
		return;
	ft->apk_add = true;
	if (!nocache && !cache_mount(d->in, "/var/cache/apk"))
		emit1(d, R_APK_CACHE, "apk add without --no-cache");
	if (unpinned > 0)
		emit1(d, R_APK_PIN, "'%.*s'%s is added without a version",
		    V(first), unpinned > 1 ? " (and others)" : "");
}

static bool
pip_pinned(struct str w)
{
	return contains(w, "==") || str_find_char(w, '@') >= 0 ||
	    str_find_char(w, '/') >= 0 || has_prefix(w, ".") ||
	    str_ends_with(w, STR(".whl")) || str_ends_with(w, STR(".tar.gz")) ||
	    str_ends_with(w, STR(".zip"));
}

static void
pip(struct dctx *d, const struct df_scmd *c, const struct str *a, size_t n)
{
	struct str first = STR_NULL;
	bool install = false, nocache = false;
	size_t unpinned = 0;
	const struct df_var *ev;

	for (size_t i = 1; i < n; i++) {
		struct str w = a[i];

		if (str_eq_cstr(w, "--no-cache-dir") ||
		    has_prefix(w, "--no-cache-dir="))
			nocache = true;
		if (str_eq_cstr(w, "--trusted-host") ||
		    has_prefix(w, "--trusted-host="))
			emit1(d, R_TLS_OFF, "pip --trusted-host");
		if ((str_eq_cstr(w, "-i") || str_eq_cstr(w, "--index-url") ||
			str_eq_cstr(w, "--extra-index-url")) &&
		    i + 1 < n)
			check_urls(d, a[i + 1], true);
		if (is_opt(w)) {
			if (in_list(w, pip_argopts) && i + 1 < n)
				i++;
			continue;
		}
		if (!install) {
			if (!str_eq_cstr(w, "install"))
				return;
			install = true;
			continue;
		}
		if (unknown_word(w) || pip_pinned(w))
			continue;
		if (unpinned++ == 0)
			first = w;
	}
	if (!install)
		return;
	for (size_t i = 0; i < c->cmd; i++)
		if (has_prefix(c->w[i], "PIP_NO_CACHE_DIR="))
			nocache = true;
	ev = df_env_get(scope(d), STR("PIP_NO_CACHE_DIR"));
	if (ev && ev->value.len > 0)
		nocache = true;
	if (!nocache && !cache_mount(d->in, "/root/.cache/pip") &&
	    !cache_mount(d->in, "/root/.cache"))
		emit1(d, R_PIP_CACHE, "pip install without --no-cache-dir");
	if (unpinned > 0)
		emit1(d, R_PIP_PIN, "'%.*s'%s is installed without a version",
		    V(first), unpinned > 1 ? " (and others)" : "");
}

static void
npm(struct dctx *d, const struct str *a, size_t n)
{
	struct str sub = STR_NULL, first = STR_NULL;
	size_t unpinned = 0;

	for (size_t i = 1; i < n; i++) {
		struct str w = a[i];

		if (is_opt(w)) {
			if (in_list(w, npm_argopts) && i + 1 < n)
				i++;
			continue;
		}
		if (sub.len == 0) {
			sub = w;
			if (str_eq_cstr(sub, "config") && i + 3 < n &&
			    str_eq_cstr(a[i + 1], "set") &&
			    str_eq_cstr(a[i + 2], "strict-ssl") &&
			    str_eq_cstr(a[i + 3], "false"))
				emit1(d, R_TLS_OFF,
				    "npm config set strict-ssl "
				    "false");
			continue;
		}
		if (!str_eq_cstr(sub, "install") && !str_eq_cstr(sub, "i") &&
		    !str_eq_cstr(sub, "add"))
			return;
		if (unknown_word(w) || has_prefix(w, ".") ||
		    has_prefix(w, "/") || contains(w, "://") ||
		    has_prefix(w, "git") || str_ends_with(w, STR(".tgz")) ||
		    str_find_char(str_sub(w, 1, w.len), '@') >= 0)
			continue;
		if (unpinned++ == 0)
			first = w;
	}
	if (unpinned > 0)
		emit1(d, R_NPM_PIN, "'%.*s'%s is installed without a version",
		    V(first), unpinned > 1 ? " (and others)" : "");
}

static void
yum(struct dctx *d, struct str tool, const struct str *a, size_t n,
    struct facts *ft)
{
	struct str sub = STR_NULL;

	for (size_t i = 1; i < n; i++) {
		struct str w = a[i];

		if (str_eq_cstr(w, "--nogpgcheck") ||
		    str_eq_cstr(w, "--no-gpg-checks") ||
		    has_prefix(w, "--setopt=gpgcheck=0") ||
		    str_eq_cstr(w, "--allow-unsigned-rpm"))
			emit1(d, R_SIG_OFF, "%.*s %.*s", V(tool), V(w));
		if (is_opt(w))
			continue;
		if (sub.len == 0) {
			sub = w;
			continue;
		}
		if (str_eq_cstr(sub, "clean") && str_eq_cstr(w, "all"))
			ft->yum_clean = true;
		if (str_eq_cstr(sub, "install") || str_eq_cstr(sub, "in"))
			sshd_pkg(d, w);
	}
	/* zypper's clean (alias cc) takes no "all" word: without options
	 * it drops the package cache, -a/--all also the metadata. zypper
	 * keeps its repository metadata in /var/cache/zypp after install,
	 * as yum does, so it is held to the same rule (hadolint DL3036). */
	if (str_eq_cstr(tool, "zypper") &&
	    (str_eq_cstr(sub, "clean") || str_eq_cstr(sub, "cc")))
		ft->yum_clean = true;
	if (str_eq_cstr(sub, "install") || str_eq_cstr(sub, "in")) {
		ft->yum_install = true;
		ft->yum_tool = str_eq_cstr(tool, "dnf") ? "dnf"
		    : str_eq_cstr(tool, "microdnf")	? "microdnf"
		    : str_eq_cstr(tool, "zypper")	? "zypper"
							: "yum";
	}
}

static void
downloader(struct dctx *d, struct str b, const struct str *a, size_t n)
{
	bool curl = str_eq_cstr(b, "curl");

	for (size_t i = 1; i < n; i++) {
		struct str w = a[i];

		if (curl &&
		    (str_eq_cstr(w, "--insecure") ||
			str_eq_cstr(w, "--proxy-insecure")))
			emit1(d, R_TLS_OFF, "curl %.*s", V(w));
		if (curl && w.len > 1 && w.p[0] == '-' && w.p[1] != '-') {
			/* A cluster of short options, until one that takes
			   an argument. */
			for (size_t k = 1; k < w.len; k++) {
				if (w.p[k] == 'k') {
					emit1(d, R_TLS_OFF, "curl %.*s", V(w));
					break;
				}
				if (strchr(
					"AbcCdDeEFHKmoPQrtTuUwxXYyz", w.p[k]))
					break;
			}
		}
		if (!curl && str_eq_cstr(w, "--no-check-certificate"))
			emit1(d, R_TLS_OFF, "wget --no-check-certificate");
		check_urls(d, w, true);
	}
}

static void
chmod_cmd(struct dctx *d, const struct str *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (is_opt(a[i]) &&
		    !(a[i].len > 1 && strchr("+=", a[i].p[1]) && a[i].p[1]))
			continue;
		if (unknown_word(a[i]))
			return;
		check_mode(d, a[i], i + 1 < n ? a[i + 1] : STR(""));
		return;
	}
}

static bool
remote_exec_word(struct str w)
{
	static const char *const pats[] = {
	    "$(curl", "$(wget", "`curl", "`wget", "<(curl", "<(wget", NULL};

	for (size_t i = 0; pats[i]; i++)
		if (contains(w, pats[i]))
			return true;
	return false;
}

/* A download at cs[i] whose output flows, through its pipeline, into a
   shell or an interpreter. */
static void
piped_into_shell(struct dctx *d, const struct df_scmd *cs, size_t ncs, size_t i,
    struct str b)
{
	for (size_t j = i + 1; j < ncs; j++) {
		const struct df_scmd *p = &cs[j];
		struct str pb =
		    p->cmd < p->n ? df_basename(p->w[p->cmd]) : STR("");

		if (is_shell(pb) || in_list(pb, interp)) {
			emit1(d, R_CURL_SH, "output of %.*s is piped into %.*s",
			    V(b), V(pb));
			return;
		}
		if (!p->pipe)
			return;
	}
}

/* One simple command, with the commands after it in its pipeline. */
static void
command(struct dctx *d, const struct df_scmd *cs, size_t ncs, size_t i,
    int depth, struct facts *ft)
{
	const struct df_scmd *c = &cs[i];
	const struct str *a = c->w + c->cmd;
	size_t n = c->n - c->cmd;
	struct str b;

	for (size_t k = 0; k < c->cmd; k++) {
		ssize_t eq = str_find_char(c->w[k], '=');

		if (eq > 0)
			check_tls_var(d, str_make(c->w[k].p, (size_t)eq),
			    str_sub(c->w[k], (size_t)eq + 1, c->w[k].len));
	}
	if (c->sudo)
		emit1(d, R_SUDO, "sudo runs '%.*s'", V(n > 0 ? a[0] : STR("")));
	if (n == 0)
		return;
	b = df_basename(a[0]);
	if (str_eq_cstr(b, "cd"))
		emit1(d, R_CD, "cd %.*s", V(n > 1 ? a[1] : STR("")));
	if ((str_eq_cstr(b, "curl") || str_eq_cstr(b, "wget")) && c->pipe)
		piped_into_shell(d, cs, ncs, i, b);
	if (is_shell(b) || str_eq_cstr(b, "eval") || str_eq_cstr(b, "source") ||
	    str_eq_cstr(b, ".")) {
		for (size_t k = 1; k < n; k++)
			if (remote_exec_word(a[k]))
				emit1(d, R_CURL_SH,
				    "%.*s runs a downloaded script", V(b));
	}
	if (is_shell(b) && depth < DOCKERFILE_SHELL_DEPTH_MAX) {
		for (size_t k = 1; k + 1 < n; k++)
			if (str_eq_cstr(a[k], "-c") ||
			    (a[k].len > 1 && a[k].p[0] == '-' &&
				a[k].p[a[k].len - 1] == 'c' &&
				a[k].p[1] != '-')) {
				analyze(d, a[k + 1], depth + 1, ft);
				break;
			}
	}
	if (str_eq_cstr(b, "apt-get") || str_eq_cstr(b, "apt"))
		apt(d, a, n, ft);
	else if (str_eq_cstr(b, "apk"))
		apk(d, a, n, ft);
	else if (has_prefix(b, "pip") &&
	    (b.len == 3 || b.p[3] == '3' || b.p[3] == '2'))
		pip(d, c, a, n);
	else if (in_list(b, interp) && n > 2 && str_eq_cstr(a[1], "-m") &&
	    has_prefix(a[2], "pip"))
		pip(d, c, a + 2, n - 2);
	else if (str_eq_cstr(b, "npm"))
		npm(d, a, n);
	else if (str_eq_cstr(b, "yum") || str_eq_cstr(b, "dnf") ||
	    str_eq_cstr(b, "microdnf") || str_eq_cstr(b, "zypper"))
		yum(d, b, a, n, ft);
	else if (str_eq_cstr(b, "curl") || str_eq_cstr(b, "wget"))
		downloader(d, b, a, n);
	else if (str_eq_cstr(b, "chmod"))
		chmod_cmd(d, a, n);
	else if (str_eq_cstr(b, "rpm")) {
		for (size_t k = 1; k < n; k++)
			if (str_eq_cstr(a[k], "--nosignature") ||
			    str_eq_cstr(a[k], "--nodigest"))
				emit1(d, R_SIG_OFF, "rpm %.*s", V(a[k]));
	} else if (str_eq_cstr(b, "rm")) {
		for (size_t k = 1; k < n; k++) {
			if (has_prefix(a[k], "/var/lib/apt/lists"))
				ft->apt_lists_rm = true;
			if (has_prefix(a[k], "/var/cache/apk"))
				ft->apk_cache_rm = true;
			if (has_prefix(a[k], "/var/cache/yum") ||
			    has_prefix(a[k], "/var/cache/dnf") ||
			    has_prefix(a[k], "/var/cache/zypp"))
				ft->yum_clean = true;
		}
	} else if (str_eq_cstr(b, "git")) {
		for (size_t k = 1; k < n; k++) {
			if (ieq(a[k], "http.sslVerify=false") ||
			    (ieq(a[k], "http.sslVerify") && k + 1 < n &&
				ieq(a[k + 1], "false")))
				emit1(d, R_TLS_OFF, "git http.sslVerify false");
			check_urls(d, a[k], true);
		}
	} else {
		for (size_t k = 1; k < n; k++)
			check_urls(d, a[k], false);
	}
}

static void
analyze(struct dctx *d, struct str script, int depth, struct facts *ft)
{
	struct df_scmd *cs;
	size_t n = df_shell_split(d->a, script, &cs);

	for (size_t i = 0; i < n; i++)
		command(d, cs, n, i, depth, ft);
}

static void
do_run(struct dctx *d, const struct df_instr *in)
{
	const struct df_flag *fl;
	struct facts ft = {0};
	bool final = d->cur >= 0 && d->st[d->cur].final_chain;

	if ((fl = flag(in, "security")) && str_eq_cstr(fl->value, "insecure"))
		emit1(d, R_INSECURE, "RUN --security=insecure");
	if ((fl = flag(in, "network")) && str_eq_cstr(fl->value, "host"))
		emit1(d, R_NET_HOST, "RUN --network=host");
	if (in->json) {
		struct df_scmd c;

		df_scmd_init(&c, in->argv, in->argc);
		command(d, &c, 1, 0, 0, &ft);
	} else {
		analyze(d, in->rest, 0, &ft);
		for (size_t h = 0; h < in->nheredocs; h++) {
			/* A heredoc is a script when the command line runs
			   nothing else, or runs a shell. */
			struct str *w;
			size_t nw =
			    df_raw_words(d->a, in->rest, d->f->escape, &w);
			bool script = true;

			for (size_t k = 0; k < nw; k++)
				if (!has_prefix(w[k], "<<")) {
					script = is_shell(w[k]);
					break;
				}
			if (script)
				analyze(d, in->heredocs[h].body, 0, &ft);
		}
	}
	if (ft.apt_install && !ft.apt_lists_rm && final &&
	    !cache_mount(in, "/var/lib/apt/lists") &&
	    !cache_mount(in, "/var/lib/apt"))
		emit1(d, R_APT_LISTS,
		    "apt-get install without rm -rf /var/lib/apt/lists/*");
	if ((ft.apt_update && !ft.apt_install) ||
	    (ft.apk_update && !ft.apk_add))
		emit1(d, R_UPDATE_ALONE,
		    "%s update without an install in the "
		    "same RUN",
		    ft.apt_update ? "apt-get" : "apk");
	if (ft.yum_install && !ft.yum_clean && final &&
	    !cache_mount(in, "/var/cache/yum") &&
	    !cache_mount(in, "/var/cache/dnf") &&
	    !cache_mount(in, "/var/cache/zypp"))
		emit1(d, R_YUM_CLEAN, "%s install without %s clean%s",
		    ft.yum_tool, ft.yum_tool,
		    strcmp(ft.yum_tool, "zypper") == 0 ? "" : " all");
}

/* ---- COPY and ADD ---- */

static bool
archive(struct str p)
{
	static const char *const ext[] = {".tar", ".tar.gz", ".tgz", ".tar.bz2",
	    ".tbz2", ".tbz", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".gz",
	    ".bz2", ".xz", ".zst", NULL};

	for (size_t i = 0; ext[i]; i++)
		if (str_ends_with(p, str_from(ext[i])))
			return true;
	return false;
}

static bool
remote(struct str p)
{
	return has_prefix(p, "http://") || has_prefix(p, "https://") ||
	    has_prefix(p, "git@") || has_prefix(p, "git://") ||
	    has_prefix(p, "ssh://");
}

static bool
cred_component(struct str c)
{
	static const char *const exact[] = {".ssh", ".aws", ".azure", ".kube",
	    ".docker", ".gnupg", ".npmrc", ".pypirc", ".netrc",
	    ".git-credentials", ".env", ".env.local", ".env.production",
	    ".htpasswd", "credentials.json", "service-account.json",
	    ".vault-token", ".boto", ".s3cfg", NULL};
	static const char *const prefix[] = {
	    "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", NULL};

	for (size_t i = 0; exact[i]; i++)
		if (str_eq_cstr(c, exact[i]))
			return true;
	for (size_t i = 0; prefix[i]; i++)
		if (has_prefix(c, prefix[i]) && !str_ends_with(c, STR(".pub")))
			return true;
	return false;
}

static void
check_source(struct dctx *d, struct str src)
{
	struct str s = src, comp;

	while (s.len > 0) {
		(void)str_cut(&s, '/', &comp);
		if (cred_component(comp)) {
			emit1(d, R_CRED_FILE, "'%.*s' is copied into the image",
			    V(src));
			return;
		}
	}
}

static void
do_copy(struct dctx *d, const struct df_instr *in)
{
	const struct df_flag *fl;
	struct str *w = NULL;
	size_t n = 0;
	bool unres = false;

	if ((fl = flag(in, "chmod")) && fl->has_value)
		check_mode(d, fl->value, STR("the copied files"));
	if (in->cmd == DF_COPY && (fl = flag(in, "from")) && fl->has_value) {
		struct str from = fl->value;
		uint64_t idx;

		if (!expand(d, in, scope(d), from, &from, &unres))
			return;
		if (!unres && stage_index(d, from, d->cur) < 0 &&
		    parse_u64(from, UINT32_MAX, &idx) < 0)
			check_image(d, in, from, "COPY --from image");
	}
	if (in->json) {
		w = in->argv;
		n = in->argc;
	} else if (!expand_words(d, in, in->rest, &w, &n, NULL)) {
		return;
	}
	for (size_t i = 0; i + 1 < n; i++) {
		struct str s = w[i];

		if (has_prefix(s, "<<"))
			continue;
		check_source(d, s);
		if (in->cmd != DF_ADD)
			continue;
		if (remote(s)) {
			if (has_prefix(s, "http://"))
				check_urls(d, s, true);
			else
				check_urls(d, s, false);
			if (!flag(in, "checksum"))
				emit1(d, R_ADD_URL,
				    "ADD fetches '%.*s' without --checksum",
				    V(s));
		} else if (!archive(s)) {
			emit1(d, R_ADD_COPY,
			    "'%.*s' is not a remote file or archive", V(s));
		}
	}
	if (in->cmd == DF_ADD && in->nheredocs > 0)
		emit1(d, R_ADD_COPY, "ADD of a heredoc");
}

/* ---- The other instructions ---- */

static bool
root_user(struct str u)
{
	ssize_t colon = str_find_char(u, ':');

	if (colon >= 0)
		u.len = (size_t)colon;
	/* Windows containers: ContainerAdministrator is the administrator
	   (ContainerUser is not). */
	return str_eq_cstr(u, "root") || str_eq_cstr(u, "0") ||
	    ieq(u, "ContainerAdministrator");
}

/*
 * The external image the final stage is built on says it runs as a
 * non-root user: distroless's ":nonroot" and ":debug-nonroot" tags set
 * USER 65532, so no USER in the Dockerfile is needed.
 */
static bool
nonroot_base(const struct dctx *d, const struct stage *s)
{
	struct str last;
	ssize_t colon;

	for (size_t hops = 0; s->parent >= 0 && hops < d->nst; hops++)
		s = &d->st[s->parent];
	if (s->image_unresolved)
		return false;
	last = df_basename(s->image);
	colon = str_find_char(last, ':');
	return colon >= 0 &&
	    contains(str_sub(last, (size_t)colon + 1, last.len), "nonroot");
}

static void
do_user(struct dctx *d, const struct df_instr *in)
{
	struct stage *s = &d->st[d->cur];
	struct str v;
	bool unres = false;

	if (!expand(d, in, scope(d), in->rest, &v, &unres))
		return;
	s->user = in;
	s->user_val = str_trim(v);
	s->user_unresolved = unres;
}

static void
do_workdir(struct dctx *d, const struct df_instr *in)
{
	struct stage *s = &d->st[d->cur];
	struct str v;
	bool unres = false;

	if (!expand(d, in, scope(d), in->rest, &v, &unres) || unres)
		return;
	v = str_trim(v);
	/* Windows paths (C:\app, \app) are absolute too. */
	if (has_prefix(v, "/") || has_prefix(v, "\\") ||
	    (v.len >= 2 && v.p[1] == ':')) {
		s->abs_workdir = true;
		return;
	}
	if (!s->abs_workdir)
		emit1(d, R_WORKDIR_REL, "WORKDIR '%.*s' is relative", V(v));
}

static void
do_expose(struct dctx *d, const struct df_instr *in)
{
	struct str *w;
	size_t n;

	if (!expand_words(d, in, in->rest, &w, &n, NULL))
		return;
	for (size_t i = 0; i < n; i++) {
		struct str p = w[i], lo, hi;
		uint64_t a, b;
		ssize_t slash = str_find_char(p, '/');

		if (slash >= 0)
			p.len = (size_t)slash;
		hi = p;
		if (!str_cut(&hi, '-', &lo))
			hi = lo;
		if (parse_u64(lo, 65535, &a) < 0 ||
		    parse_u64(hi, 65535, &b) < 0)
			continue;
		if (a <= 22 && 22 <= b)
			emit1(d, R_EXPOSE_22, "EXPOSE %.*s", V(w[i]));
	}
}

static void
do_healthcheck(struct dctx *d, const struct df_instr *in)
{
	struct stage *s = &d->st[d->cur];

	if (s->last_hc)
		emit1(d, R_MULTI_CMD,
		    "HEALTHCHECK overrides the one at line %u",
		    s->last_hc->line);
	s->last_hc = in;
	s->hc = in;
	s->hc_none = ieq(in->rest, "NONE");
}

static void
do_cmd(struct dctx *d, const struct df_instr *in)
{
	struct stage *s = &d->st[d->cur];
	const struct df_instr **last =
	    in->cmd == DF_CMD ? &s->last_cmd : &s->last_ep;

	if (*last)
		emit1(d, R_MULTI_CMD, "%s overrides the one at line %u",
		    df_cmd_name(in->cmd), (*last)->line);
	*last = in;
	if (!in->json && !in->json_bad && in->rest.len > 0)
		emit1(
		    d, R_SHELL_FORM, "%s in shell form", df_cmd_name(in->cmd));
}

/* A FROM: the stage was set up by the first pass; judge its image. */
static void
do_from(struct dctx *d, const struct df_instr *in)
{
	struct stage *s = &d->st[d->cur];

	if (s->parent >= 0 || s->image_unresolved)
		return;
	check_image(d, in, s->image, "base image");
}

static void
check(struct dctx *d, const struct df_instr *in)
{
	d->in = in;
	d->once = 0;
	if (in->json_bad)
		emit1(d, R_JSON_BAD,
		    "%s arguments begin with '[' but are not "
		    "a JSON array of strings",
		    df_cmd_name(in->cmd));
	if (d->cur < 0 && in->cmd != DF_ARG && in->cmd != DF_FROM) {
		struct ward_err err = {0};

		(void)err_set(&err, EBADMSG,
		    "only ARG may come before the "
		    "first FROM");
		syntax(d, in, df_cmd_name(in->cmd), &err);
		return;
	}
	switch (in->cmd) {
	case DF_ARG:
		do_arg(d, in);
		break;
	case DF_ENV:
		do_env(d, in);
		break;
	case DF_FROM:
		do_from(d, in);
		break;
	case DF_RUN:
		do_run(d, in);
		break;
	case DF_COPY:
	case DF_ADD:
		do_copy(d, in);
		break;
	case DF_USER:
		do_user(d, in);
		break;
	case DF_WORKDIR:
		do_workdir(d, in);
		break;
	case DF_EXPOSE:
		do_expose(d, in);
		break;
	case DF_HEALTHCHECK:
		do_healthcheck(d, in);
		break;
	case DF_CMD:
	case DF_ENTRYPOINT:
		do_cmd(d, in);
		break;
	case DF_MAINTAINER:
		emit1(d, R_MAINTAINER, "MAINTAINER %.*s", V(in->rest));
		break;
	default:
		break;
	}
}

/*
 * First pass: the global ARGs and every stage's image, name and parent,
 * so RUN checks know which stages end up in the final image.
 */
static int
stages(struct dctx *d)
{
	size_t nfrom = 0;

	for (size_t i = 0; i < d->f->n; i++)
		if (d->f->v[i].cmd == DF_FROM)
			nfrom++;
	if (nfrom > DOCKERFILE_STAGES_MAX) {
		struct ward_err err = {0};

		(void)err_set(
		    &err, EFBIG, "more than %u stages", DOCKERFILE_STAGES_MAX);
		syntax(d, &d->f->v[0], "FROM", &err);
		return -EFBIG;
	}
	d->st = arena_calloc(d->a, nfrom + 1, sizeof(*d->st));
	for (size_t i = 0; i < d->f->n; i++) {
		const struct df_instr *in = &d->f->v[i];
		struct stage *s;
		struct str *w;
		size_t nw;

		if (in->cmd == DF_ARG && d->nst == 0) {
			d->in = in;
			d->quiet = true;
			do_arg(d, in);
			d->quiet = false;
		}
		if (in->cmd != DF_FROM)
			continue;
		s = &d->st[d->nst];
		s->from = in;
		s->parent = -1;
		nw = df_raw_words(d->a, in->rest, d->f->escape, &w);
		if (nw >= 3 && ieq(w[1], "AS"))
			s->name = w[2];
		d->quiet = true;
		if (nw > 0 &&
		    expand(d, in, &d->globals, w[0], &s->image,
			&s->image_unresolved))
			s->parent = stage_index(d, s->image, (long)d->nst);
		else
			s->image_unresolved = true;
		d->quiet = false;
		d->nst++;
	}
	for (long k = (long)d->nst - 1; k >= 0 && d->nst > 0;) {
		d->st[k].final_chain = true;
		k = d->st[k].parent;
	}
	return 0;
}

/* Enter stage 'k': its scope starts from its parent's ENV. */
static void
enter(struct dctx *d, long k)
{
	struct stage *s = &d->st[k], *p;
	struct ward_err err = {0};

	d->cur = k;
	df_env_init(&s->env);
	if (s->parent < 0)
		return;
	p = &d->st[s->parent];
	if (df_env_copy(d->a, &s->env, &p->env, &err) < 0)
		syntax(d, s->from, "FROM", &err);
	s->user = p->user;
	s->user_val = p->user_val;
	s->user_unresolved = p->user_unresolved;
	s->hc = p->hc;
	s->hc_none = p->hc_none;
	s->abs_workdir = p->abs_workdir;
}

/* After the last instruction: what the image runs as, and its health. */
static void
final_checks(struct dctx *d)
{
	const struct stage *s = &d->st[d->nst - 1];

	d->cur = (long)d->nst - 1;
	d->in = s->from;
	d->once = 0;
	if (!s->user && !nonroot_base(d, s)) {
		emit_at(d, R_NO_USER, s->from,
		    "the final stage (FROM %.*s) has no USER instruction",
		    V(s->image));
	} else if (!s->user_unresolved && root_user(s->user_val)) {
		d->in = s->user;
		emit_at(d, R_USER_ROOT, s->user, "USER %.*s is the last USER",
		    V(s->user_val));
	}
	if (!s->hc || s->hc_none)
		emit_at(d, R_NO_HEALTHCHECK, s->from, "%s",
		    s->hc_none ? "HEALTHCHECK NONE disables health checks"
			       : "the final stage has no HEALTHCHECK");
}

void
cfg_dockerfile_check(struct cfg_ctx *c)
{
	struct dctx d = {.c = c,
	    .a = c->a,
	    .cur = -1,
	    .budget = DOCKERFILE_EXPAND_TOTAL_MAX};
	struct df_file f;
	struct ward_err err = {0};
	uint32_t line = 0;
	long k = -1;

	if (df_parse(c->a, c->text, &f, &line, &err) < 0) {
		(void)cfg_emit(c, syntax_rule(), NULL, NULL, line, 0,
		    "Dockerfile: %s", err.msg);
		return;
	}
	d.f = &f;
	df_env_init(&d.globals);
	if (stages(&d) == 0 && d.nst == 0 && f.n > 0) {
		(void)err_set(&err, EBADMSG, "no FROM instruction");
		(void)cfg_emit(c, syntax_rule(), NULL, NULL, f.v[0].line,
		    f.v[0].col, "Dockerfile: %s", err.msg);
	}
	/* The first pass already processed the global ARGs. */
	df_env_fini(&d.globals);
	df_env_init(&d.globals);
	d.budget = DOCKERFILE_EXPAND_TOTAL_MAX;
	for (size_t i = 0; i < f.n && d.nst > 0; i++) {
		if (f.v[i].cmd == DF_FROM && k + 1 < (long)d.nst)
			enter(&d, ++k);
		check(&d, &f.v[i]);
	}
	if (d.nst > 0 && k == (long)d.nst - 1)
		final_checks(&d);
	for (long s = 0; s <= k; s++)
		df_env_fini(&d.st[s].env);
	df_env_fini(&d.globals);
}
