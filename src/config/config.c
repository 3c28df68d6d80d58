/*
 * ward config: where inputs come from, what each file is, and how the
 * check families are run over it.
 *
 * Inputs are files and directories the user named, and stdin ("-"). A
 * directory is walked without following symbolic links: each level is
 * opened O_NOFOLLOW relative to its parent's fd, entries are classified
 * with fstatat(AT_SYMLINK_NOFOLLOW), and files are opened through
 * fs_open_regular_in_root() with the directory as the root, so that
 * neither a symlink nor a rename race can take the read outside the tree,
 * and a FIFO or device node is never opened for reading. Every file's
 * bytes are untrusted: they are read whole (at most CONFIG_FILE_MAX),
 * parsed by the YAML tree (which serves JSON too) or the Dockerfile
 * parser, and only then handed to the checks.
 *
 * Kubernetes objects of every file go into one set, so checks that look
 * across objects (a namespace's Pod Security labels, whether a namespace
 * has a default-deny NetworkPolicy) see everything that was scanned.
 * Those per-object checks run once all files are read.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/fs.h"
#include "ward/limits.h"
#include "ward/map.h"
#include "ward/mem.h"
#include "ward/yaml.h"

const struct config_rule cfg_core_rules[] = {
    {"WARD-CONFIG-SYNTAX", 0, SEV_HIGH, "File cannot be parsed",
	"Fix the syntax error (the message gives the line and column) so "
	"that the file can be checked; tools that deploy it would refuse it "
	"too.",
	"https://yaml.org/spec/1.2.2/ https://www.rfc-editor.org/rfc/rfc8259"},
    {"WARD-CONFIG-LIMIT", 0, SEV_MEDIUM, "File exceeds a limit of ward config",
	"Split the file, or remove what makes it exceed the limit (size, "
	"nesting, alias expansion); until then it is not checked.",
	""},
    {"WARD-CONFIG-DUPKEY", 0, SEV_MEDIUM, "Mapping has a duplicate key",
	"Remove the duplicate key. Decoders keep one of the values (the "
	"Kubernetes API server keeps the last one), so a reviewer reading "
	"the first one sees a setting that is not applied.",
	"https://yaml.org/spec/1.2.2/#3211-nodes "
	"https://kubernetes.io/docs/reference/using-api/api-concepts/"
	"#field-validation"},
};
const size_t cfg_core_nrules = ARRAY_SIZE(cfg_core_rules);

#define RULE_SYNTAX (&cfg_core_rules[0])
#define RULE_LIMIT (&cfg_core_rules[1])
#define RULE_DUPKEY (&cfg_core_rules[2])

/* Directory names no walk enters unless the user names them. */
static const char *const default_exclude[] = {".git", "node_modules"};

/* The scan in progress: one per config_scan() call. */
struct scan {
	struct arena *a;
	const struct config_opts *opts;
	struct config_result *res;
	struct k8s_set set;
};

const char *
config_kind_name(enum config_kind k)
{
	switch (k) {
	case CONFIG_KUBERNETES:
		return "kubernetes";
	case CONFIG_DOCKERFILE:
		return "dockerfile";
	case CONFIG_COMPOSE:
		return "compose";
	case CONFIG_ECS:
		return "ecs";
	default:
		return "unknown";
	}
}

bool
cfg_family_on(const struct cfg_ctx *c, enum config_family f)
{
	return f == 0 || c->opts == NULL || c->opts->checks == 0 ||
	    (c->opts->checks & f) != 0;
}

/* ---- Comment suppression (Dockerfile, Compose) ---- */

/* Line 'line' (1-based) of the current file, through a line index built
 * on first use. */
static bool
text_line(struct cfg_ctx *c, uint32_t line, struct str *out)
{
	size_t start, stop;

	if (!c->lines) {
		size_t n = 1, i = 1;

		for (size_t k = 0; k < c->text.len; k++)
			n += c->text.p[k] == '\n';
		c->lines = arena_calloc(c->a, n, sizeof(*c->lines));
		for (size_t k = 0; k < c->text.len; k++)
			if (c->text.p[k] == '\n')
				c->lines[i++] = k + 1;
		c->nlines = n;
	}
	if (line == 0 || line > c->nlines)
		return false;
	start = c->lines[line - 1];
	stop = line < c->nlines ? c->lines[line] - 1 : c->text.len;
	*out = str_make(c->text.p + start, stop - start);
	return true;
}

static bool
looks_like_id(struct str w)
{
	for (size_t i = 0; i < w.len; i++)
		if (!((w.p[i] >= 'A' && w.p[i] <= 'Z') ||
			(w.p[i] >= '0' && w.p[i] <= '9') || w.p[i] == '-' ||
			w.p[i] == '_' || w.p[i] == '*'))
			return false;
	return w.len > 0;
}

/*
 * Does the line carry a "# ward:ignore" comment naming 'id', or naming
 * no id at all (every rule)? The ids follow the directive, separated by
 * commas or blanks; the first word that is not an id ends the list, so
 * a reason may follow ("# ward:ignore WARD-DF-001 base image pinned
 * elsewhere").
 */
static bool
line_ignores(struct str line, const char *id)
{
	static const struct str tag = STR("ward:ignore");
	ssize_t at = str_find(line, tag);
	struct str rest;
	size_t nids = 0;

	if (at < 0 || str_find_char(str_sub(line, 0, (size_t)at), '#') < 0)
		return false;
	rest = str_sub(line, (size_t)at + tag.len, SIZE_MAX);
	if (rest.len > 0 && !strchr(" \t\r,", rest.p[0]))
		return false; /* "ward:ignored" is not the directive */
	while (rest.len > 0) {
		size_t k = 0;
		struct str w;

		while (k < rest.len && strchr(" \t\r,", rest.p[k]))
			k++;
		rest = str_sub(rest, k, SIZE_MAX);
		k = 0;
		while (k < rest.len && !strchr(" \t\r,", rest.p[k]))
			k++;
		w = str_sub(rest, 0, k);
		rest = str_sub(rest, k, SIZE_MAX);
		if (!looks_like_id(w))
			break;
		nids++;
		if (str_eq_cstr(w, id) || str_eq_cstr(w, "*"))
			return true;
	}
	return nids == 0;
}

static bool
comment_suppresses(struct cfg_ctx *c, const char *id, uint32_t line)
{
	struct str l;

	if (c->kind != CONFIG_DOCKERFILE && c->kind != CONFIG_COMPOSE)
		return false;
	if (text_line(c, line, &l) && line_ignores(l, id))
		return true;
	return line > 1 && text_line(c, line - 1, &l) && line_ignores(l, id);
}

struct config_finding *
cfg_vemit(struct cfg_ctx *c, const struct config_rule *rule,
    const char *resource, const char *container, uint32_t line, uint32_t col,
    const char *fmt, va_list ap)
{
	struct config_result *res = c->res;
	struct config_finding *f;

	if (!cfg_family_on(c, rule->family))
		return NULL;
	if (res->n >= CONFIG_FINDINGS_MAX) {
		res->dropped++;
		return NULL;
	}
	if (res->n == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 64;
		struct config_finding *v =
		    arena_realloc(c->a, res->v, res->cap, cap, sizeof(*v));

		res->v = v;
		res->cap = cap;
	}
	f = &res->v[res->n++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = rule->severity;
	f->message = arena_vprintf(c->a, fmt, ap);
	f->path = c->path;
	f->line = line;
	f->col = col;
	f->kind = c->kind;
	f->resource = resource ? arena_strdup(c->a, resource) : NULL;
	f->container = container ? arena_strdup(c->a, container) : NULL;
	if (comment_suppresses(c, rule->id, line))
		f->suppressed = "comment ward:ignore";
	return f;
}

struct config_finding *
cfg_emit(struct cfg_ctx *c, const struct config_rule *rule,
    const char *resource, const char *container, uint32_t line, uint32_t col,
    const char *fmt, ...)
{
	struct config_finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = cfg_vemit(c, rule, resource, container, line, col, fmt, ap);
	va_end(ap);
	return f;
}

const struct config_rule *const *
config_rules(size_t *n)
{
	static const struct config_rule **all;
	static size_t nall;
	const struct {
		const struct config_rule *v;
		size_t n;
	} tables[] = {
	    {cfg_core_rules, cfg_core_nrules},
	    {cfg_pss_rules, cfg_pss_nrules},
	    {cfg_k8s_rules, cfg_k8s_nrules},
	    {cfg_rbac_rules, cfg_rbac_nrules},
	    {cfg_network_rules, cfg_network_nrules},
	    {cfg_dockerfile_rules, cfg_dockerfile_nrules},
	    {cfg_compose_rules, cfg_compose_nrules},
	    {cfg_ecs_rules, cfg_ecs_nrules},
	};

	if (!all) {
		size_t total = 0, k = 0;

		for (size_t t = 0; t < ARRAY_SIZE(tables); t++)
			total += tables[t].n;
		all = xcalloc(total + 1, sizeof(*all));
		for (size_t t = 0; t < ARRAY_SIZE(tables); t++)
			for (size_t i = 0; i < tables[t].n; i++)
				all[k++] = &tables[t].v[i];
		nall = k;
	}
	*n = nall;
	return all;
}

/* ---- Type detection ---- */

static bool
ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool
name_is_dockerfile(const char *base)
{
	return strcasecmp(base, "Dockerfile") == 0 ||
	    strncasecmp(base, "Dockerfile.", 11) == 0 ||
	    ends_with_ci(base, ".Dockerfile") ||
	    strncasecmp(base, "Containerfile", 13) == 0;
}

static bool
name_is_compose(const char *base)
{
	return strcmp(base, "compose.yaml") == 0 ||
	    strcmp(base, "compose.yml") == 0 ||
	    (strncmp(base, "docker-compose", 14) == 0 &&
		(ends_with_ci(base, ".yml") || ends_with_ci(base, ".yaml")));
}

static bool
name_is_data(const char *base)
{
	return ends_with_ci(base, ".yaml") || ends_with_ci(base, ".yml") ||
	    ends_with_ci(base, ".json");
}

/* Worth reading during a directory walk? */
static bool
name_is_candidate(const char *base)
{
	return name_is_dockerfile(base) || name_is_data(base);
}

static bool
word_is(struct str line, const char *w)
{
	size_t n = strlen(w);

	return line.len > n && strncasecmp(line.p, w, n) == 0 &&
	    (line.p[n] == ' ' || line.p[n] == '\t');
}

/*
 * Content that reads as a Dockerfile: the first line that is not blank
 * is a "# syntax=" or "# escape=" parser directive, or (after comments)
 * the first instruction is FROM or ARG.
 */
static bool
content_is_dockerfile(struct str text)
{
	struct str line;
	bool first = true;

	while (str_next_line(&text, &line)) {
		line = str_trim(line);
		if (line.len == 0)
			continue;
		if (line.p[0] == '#') {
			struct str d = str_trim(str_sub(line, 1, SIZE_MAX));

			if (first &&
			    (str_starts_with(d, STR("syntax=")) ||
				str_starts_with(d, STR("escape="))))
				return true;
			first = false;
			continue;
		}
		return word_is(line, "FROM") || word_is(line, "ARG");
	}
	return false;
}

/* A Compose file: a top-level "services" mapping of mappings. */
static bool
tree_is_compose(const struct yaml_node *root)
{
	const struct yaml_node *svc =
	    yaml_resolve(yaml_map_get(root, "services"));

	if (!svc || svc->type != YAML_MAP || yaml_map_get(root, "apiVersion"))
		return false;
	for (size_t i = 0; i < svc->len; i++) {
		const struct yaml_node *v = yaml_resolve(svc->pairs[i].value);

		if (!v || (v->type != YAML_MAP && !yaml_is_null(v)))
			return false;
	}
	return true;
}

/* An ECS task definition, or the output of describe-task-definition. */
static const struct yaml_node *
tree_ecs_root(const struct yaml_node *root)
{
	const struct yaml_node *td;

	if (yaml_map_get(root, "apiVersion"))
		return NULL;
	if (yaml_map_get(root, "containerDefinitions"))
		return root;
	td = yaml_resolve(yaml_map_get(root, "taskDefinition"));
	if (td && td->type == YAML_MAP &&
	    yaml_map_get(td, "containerDefinitions"))
		return td;
	return NULL;
}

/* Does any document hold a Kubernetes object (or a List of them)? */
static bool
stream_is_k8s(const struct yaml_stream *ys)
{
	for (size_t i = 0; i < ys->ndocs; i++) {
		const struct yaml_node *r = yaml_resolve(ys->docs[i].root);

		if (r && r->type == YAML_MAP && yaml_map_get(r, "apiVersion") &&
		    yaml_map_get(r, "kind"))
			return true;
	}
	return false;
}

/* ---- Problems found while reading ---- */

/* "line L column C: ..." from yaml_parse's message. */
static void
msg_position(const char *msg, uint32_t *line, uint32_t *col)
{
	const char *p = strstr(msg, "line ");
	uint64_t v;

	*line = 0;
	*col = 0;
	if (!p)
		return;
	p += 5;
	if (parse_u64(str_make(p, strspn(p, "0123456789")), UINT32_MAX, &v) ==
	    0)
		*line = (uint32_t)v;
	p = strstr(p, "column ");
	if (p &&
	    parse_u64(str_make(p + 7, strspn(p + 7, "0123456789")), UINT32_MAX,
		&v) == 0)
		*col = (uint32_t)v;
}

static void
parse_problem(struct cfg_ctx *c, int r, const struct ward_err *perr)
{
	const char *msg = perr->msg;
	uint32_t line, col;

	if (c->path && strncmp(msg, c->path, strlen(c->path)) == 0 &&
	    strncmp(msg + strlen(c->path), ": ", 2) == 0)
		msg += strlen(c->path) + 2;
	msg_position(msg, &line, &col);
	/* The position is the finding's own; the message keeps the rest. */
	if (line && strncmp(msg, "line ", 5) == 0 && strstr(msg, ": "))
		msg = strstr(msg, ": ") + 2;
	if (r == -EFBIG)
		cfg_emit(c, RULE_LIMIT, NULL, NULL, line, col,
		    "not checked: %s", msg);
	else
		cfg_emit(c, RULE_SYNTAX, NULL, NULL, line, col, "%s%s",
		    r == -ELOOP ? "recursive alias: " : "", msg);
}

void
config_note(
    struct arena *a, struct config_result *res, bool warn, const char *fmt, ...)
{
	const char ***v = warn ? &res->warnings : &res->notes;
	size_t *n = warn ? &res->nwarnings : &res->nnotes;
	va_list ap;

	if (*n >= WARNINGS_MAX)
		return;
	if (*n % 16 == 0)
		*v = arena_realloc(a, *v, *n, *n + 16, sizeof(**v));
	va_start(ap, fmt);
	(*v)[(*n)++] = arena_vprintf(a, fmt, ap);
	va_end(ap);
}

/* ---- Duplicate keys ---- */

static bool
key_text(const struct yaml_node *k, struct str *out)
{
	return k && k->type == YAML_SCALAR && yaml_scalar(k, out);
}

static void
dup_emit(struct cfg_ctx *c, const struct yaml_node *key,
    const struct yaml_node *first, struct str k)
{
	cfg_emit(c, RULE_DUPKEY, NULL, NULL, key->line, key->col,
	    "key '%.*s' is also defined at line %u; only one value is used",
	    STR_FMT(k), first->line);
}

/* Duplicate keys of one mapping: pairwise for small mappings, through a
 * map for large ones (a hostile mapping may have a million keys). */
static void
dup_keys(struct cfg_ctx *c, const struct yaml_node *n)
{
	struct map *seen = n->len > 64 ? map_new() : NULL;
	struct str ki, kj;

	for (size_t j = 0; j < n->len; j++) {
		const struct yaml_node *key = n->pairs[j].key, *prev = NULL;

		if (!key_text(key, &kj) || str_eq_cstr(kj, "<<"))
			continue;
		if (seen) {
			prev = map_get(seen, kj);
			if (!prev)
				map_put(seen, kj, (void *)key);
		}
		for (size_t i = 0; !seen && i < j && !prev; i++)
			if (key_text(n->pairs[i].key, &ki) && str_eq(ki, kj))
				prev = n->pairs[i].key;
		if (prev)
			dup_emit(c, key, prev, kj);
	}
	map_free(seen);
}

static void
dup_walk(struct cfg_ctx *c, const struct yaml_node *n, int depth)
{
	/* Aliases are not followed: their target is checked where it
	 * stands, and following them could multiply the work. */
	if (!n || n->type == YAML_ALIAS || n->type == YAML_SCALAR ||
	    depth > YAML_DEPTH_MAX)
		return;
	if (n->type == YAML_SEQ) {
		for (size_t i = 0; i < n->len; i++)
			dup_walk(c, n->items[i], depth + 1);
		return;
	}
	dup_keys(c, n);
	for (size_t i = 0; i < n->len; i++)
		dup_walk(c, n->pairs[i].value, depth + 1);
}

/* ---- One file ---- */

static void
run_k8s(struct scan *s, struct cfg_ctx *c)
{
	k8s_set_index(&s->set);
	for (size_t i = 0; i < s->set.n; i++) {
		const struct k8s_object *o = &s->set.v[i];

		c->path = o->path;
		c->text = o->text;
		c->kind = CONFIG_KUBERNETES;
		c->lines = NULL;
		cfg_pss_check(c, &s->set, o);
		cfg_k8s_check(c, o);
		cfg_rbac_check(c, o);
		cfg_network_check(c, o);
	}
	c->lines = NULL;
	cfg_network_check_set(c, &s->set);
	k8s_set_unindex(&s->set);
}

static void
check_tree(struct scan *s, struct cfg_ctx *c, const char *base,
    const struct yaml_stream *ys)
{
	const struct yaml_node *root =
	    ys->ndocs > 0 ? yaml_resolve(ys->docs[0].root) : NULL;
	const struct yaml_node *ecs = root ? tree_ecs_root(root) : NULL;
	struct ward_err err = {0};
	int r;

	if (stream_is_k8s(ys))
		c->kind = CONFIG_KUBERNETES;
	else if (ecs)
		c->kind = CONFIG_ECS;
	else if (root && root->type == YAML_MAP &&
	    (tree_is_compose(root) ||
		(name_is_compose(base) && yaml_map_get(root, "services"))))
		c->kind = CONFIG_COMPOSE;
	else {
		s->res->skipped++;
		return;
	}
	s->res->checked++;
	for (size_t i = 0; i < ys->ndocs; i++)
		dup_walk(c, ys->docs[i].root, 0);
	switch (c->kind) {
	case CONFIG_KUBERNETES: {
		const struct yaml_node **docs =
		    arena_calloc(c->a, ys->ndocs + 1, sizeof(*docs));

		for (size_t i = 0; i < ys->ndocs; i++)
			docs[i] = ys->docs[i].root;
		r = k8s_collect(
		    c->a, docs, ys->ndocs, c->path, c->text, &s->set, &err);
		if (r < 0)
			parse_problem(c, r, &err);
		break;
	}
	case CONFIG_ECS:
		cfg_ecs_check(c, ecs);
		break;
	default:
		cfg_compose_check(c, root);
	}
}

/*
 * Check one file's text. 'named': the user named it (or it is stdin),
 * so content decides even when the name says nothing.
 */
static void
check_text(struct scan *s, const char *name, struct str text, bool named)
{
	struct cfg_ctx c = {.a = s->a,
	    .opts = s->opts,
	    .res = s->res,
	    .path = name,
	    .text = text};
	const char *base = strrchr(name, '/');
	struct ward_err perr = {0};
	struct yaml_stream ys;
	int r;

	base = base && base[1] ? base + 1 : name;
	s->res->files++;
	if (name_is_dockerfile(base) ||
	    (!name_is_data(base) && content_is_dockerfile(text))) {
		c.kind = CONFIG_DOCKERFILE;
		s->res->checked++;
		cfg_dockerfile_check(&c);
		return;
	}
	if (!named && !name_is_data(base)) {
		s->res->skipped++;
		return;
	}
	r = yaml_parse(s->a, text, &ys, &perr);
	if (r < 0) {
		/* Only files that claim to be YAML or JSON (or that the user
		 * named) are worth a finding; others are not configuration. */
		if (name_is_data(base) || name_is_compose(base) ||
		    strcmp(name, "-") == 0 || (named && r == -EFBIG)) {
			c.kind = CONFIG_UNKNOWN;
			s->res->checked++;
			parse_problem(&c, r, &perr);
		} else {
			s->res->skipped++;
		}
		return;
	}
	check_tree(s, &c, base, &ys);
}

int
config_scan_text(struct arena *a, const char *name, struct str text,
    const struct config_opts *opts, struct config_result *out,
    struct ward_err *err)
{
	struct scan s = {.a = a, .opts = opts, .res = out};
	struct cfg_ctx c = {.a = a, .opts = opts, .res = out};

	(void)err;
	check_text(&s, name, text, true);
	run_k8s(&s, &c);
	return 0;
}

/* ---- Walking ---- */

static bool
excluded(const struct config_opts *o, const char *rel, const char *base)
{
	for (size_t i = 0; i < ARRAY_SIZE(default_exclude); i++)
		if (strcmp(base, default_exclude[i]) == 0)
			return true;
	for (size_t i = 0; o && i < o->nexclude; i++)
		if (fnmatch(o->exclude[i], base, 0) == 0 ||
		    fnmatch(o->exclude[i], rel, FNM_PATHNAME) == 0 ||
		    fnmatch(o->exclude[i], rel, 0) == 0)
			return true;
	return false;
}

static int
name_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The names in directory 'fd', sorted (the walk is deterministic). */
static int
list_dir(struct arena *a, int fd, const char *shown, char ***out, size_t *n,
    struct ward_err *err)
{
	int dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (dfd < 0 || !(d = fdopendir(dfd))) {
		int e = errno;

		if (dfd >= 0)
			close(dfd);
		return err_set(err, e, "'%s': %s", shown, strerror(e));
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (*n == cap) {
			v = arena_realloc(
			    a, v, cap, cap ? cap * 2 : 64, sizeof(*v));
			cap = cap ? cap * 2 : 64;
		}
		v[(*n)++] = arena_strdup(a, de->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), name_cmp);
	*out = v;
	return 0;
}

static void
read_walked(
    struct scan *s, int dirfd, const char *name, const char *shown, off_t size)
{
	struct ward_err err = {0};
	_cleanup_close_ int fd = -1;
	struct str text;

	if (size > (off_t)CONFIG_FILE_MAX) {
		struct cfg_ctx c = {
		    .a = s->a, .opts = s->opts, .res = s->res, .path = shown};

		s->res->files++;
		s->res->checked++;
		cfg_emit(&c, RULE_LIMIT, NULL, NULL, 0, 0,
		    "not checked: %lld bytes, more than %u", (long long)size,
		    CONFIG_FILE_MAX);
		return;
	}
	fd = fs_open_regular_in_root(dirfd, name, NULL, &err);
	if (fd >= 0 &&
	    fs_read_fd(s->a, fd, shown, CONFIG_FILE_MAX, &text, &err) >= 0) {
		check_text(s, shown, text, false);
		return;
	}
	config_note(s->a, s->res, true, "%s, skipping", err.msg);
}

static void
walk(struct scan *s, int fd, const char *shown, const char *rel, int depth);

static void
walk_entry(struct scan *s, int fd, const char *name, const char *shown,
    const char *rel, int depth)
{
	struct stat st;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		config_note(s->a, s->res, true, "'%s': %s, skipping", shown,
		    strerror(errno));
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		config_note(s->a, s->res, false,
		    "'%s': symbolic link, not followed", shown);
		s->res->skipped++;
	} else if (S_ISDIR(st.st_mode)) {
		int sub = openat(
		    fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (sub < 0) {
			config_note(s->a, s->res, true, "'%s': %s, skipping",
			    shown, strerror(errno));
			return;
		}
		walk(s, sub, shown, rel, depth + 1);
		close(sub);
	} else if (S_ISREG(st.st_mode) && name_is_candidate(name)) {
		read_walked(s, fd, name, shown, st.st_size);
	}
}

static void
walk(struct scan *s, int fd, const char *shown, const char *rel, int depth)
{
	struct ward_err err = {0};
	size_t n;
	char **names;
	bool slash = shown[0] && shown[strlen(shown) - 1] == '/';

	if (depth >= CONFIG_WALK_DEPTH_MAX) {
		config_note(s->a, s->res, true,
		    "'%s': directories nested more than %d deep, skipping",
		    shown, CONFIG_WALK_DEPTH_MAX);
		return;
	}
	if (list_dir(s->a, fd, shown, &names, &n, &err) < 0) {
		config_note(s->a, s->res, true, "%s, skipping", err.msg);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const char *cshown = arena_printf(
		    s->a, "%s%s%s", shown, slash ? "" : "/", names[i]);
		const char *crel = rel[0]
		    ? arena_printf(s->a, "%s/%s", rel, names[i])
		    : names[i];

		if (excluded(s->opts, crel, names[i])) {
			s->res->skipped++;
			continue;
		}
		walk_entry(s, fd, names[i], cshown, crel, depth);
	}
}

static int
scan_path(struct scan *s, const char *path, struct ward_err *err)
{
	_cleanup_close_ int fd = -1;
	struct stat st;
	struct str text;
	int r;

	if (strcmp(path, "-") == 0) {
		r = fs_read_fd(
		    s->a, STDIN_FILENO, "stdin", CONFIG_FILE_MAX, &text, err);
		if (r < 0)
			return r;
		check_text(s, "-", text, true);
		return 0;
	}
	/* A path the user named is followed even if it is a symlink: the
	 * user chose it. Only what a walk meets is not. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return err_set(err, errno, "'%s': %s", path, strerror(errno));
	if (fstat(fd, &st) < 0)
		return err_set(err, errno, "'%s': %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode)) {
		walk(s, fd, path, "", 0);
		return 0;
	}
	if (!S_ISREG(st.st_mode))
		return err_set(
		    err, EINVAL, "'%s': not a regular file or directory", path);
	if (st.st_size > (off_t)CONFIG_FILE_MAX)
		return err_set(err, EFBIG, "'%s': %lld bytes, more than %u",
		    path, (long long)st.st_size, CONFIG_FILE_MAX);
	r = fs_read_fd(s->a, fd, path, CONFIG_FILE_MAX, &text, err);
	if (r < 0)
		return r;
	check_text(s, path, text, true);
	return 0;
}

int
config_scan(struct arena *a, const char *const *paths, size_t npaths,
    const struct config_opts *opts, struct config_result *out,
    struct ward_err *err)
{
	struct scan s = {.a = a, .opts = opts, .res = out};
	struct cfg_ctx c = {.a = a, .opts = opts, .res = out};

	for (size_t i = 0; i < npaths; i++) {
		int r = scan_path(&s, paths[i], err);

		if (r < 0)
			return r;
	}
	run_k8s(&s, &c);
	return 0;
}
