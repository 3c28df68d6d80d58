/*
 * ward config: inputs, type detection, dispatch to the check families,
 * and how findings are recorded and suppressed.
 *
 * SKELETON: detection and walking are minimal here; see issue 7.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/yaml.h"

const struct config_rule cfg_core_rules[] = {
    {"WARD-CONFIG-SYNTAX", 0, SEV_HIGH, "File cannot be parsed",
	"Fix the syntax error so the file can be checked.", ""},
};
const size_t cfg_core_nrules = 1;

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

struct config_finding *
cfg_vemit(struct cfg_ctx *c, const struct config_rule *rule,
    const char *resource, const char *container, uint32_t line, uint32_t col,
    const char *fmt, va_list ap)
{
	struct config_result *res = c->res;
	struct config_finding *f;

	if (!cfg_family_on(c, rule->family))
		return NULL;
	if (res->n >= CONFIG_FINDINGS_MAX)
		return NULL;
	if (res->n == res->cap) {
		size_t cap = res->cap ? res->cap * 2 : 64;
		struct config_finding *v =
		    arena_realloc(c->a, res->v, res->cap, cap, sizeof(*v));

		if (!v)
			return NULL;
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
	*n = 0;
	return NULL;
}

static int
scan_k8s(struct cfg_ctx *c, const struct yaml_stream *ys, struct ward_err *err)
{
	struct k8s_set set = {0};
	const struct yaml_node **docs;
	int r;

	docs = arena_calloc(c->a, ys->ndocs + 1, sizeof(*docs));
	if (!docs)
		return err_set(err, ENOMEM, "out of memory");
	for (size_t i = 0; i < ys->ndocs; i++)
		docs[i] = ys->docs[i].root;
	r = k8s_collect(c->a, docs, ys->ndocs, c->path, c->text, &set, err);
	if (r < 0)
		return r;
	for (size_t i = 0; i < set.n; i++) {
		cfg_pss_check(c, &set, &set.v[i]);
		cfg_k8s_check(c, &set.v[i]);
		cfg_rbac_check(c, &set.v[i]);
		cfg_network_check(c, &set.v[i]);
	}
	cfg_network_check_set(c, &set);
	return 0;
}

int
config_scan_text(struct arena *a, const char *name, struct str text,
    const struct config_opts *opts, struct config_result *out,
    struct ward_err *err)
{
	struct cfg_ctx c = {
	    .a = a, .opts = opts, .res = out, .path = name, .text = text};
	const char *base = strrchr(name, '/');
	struct yaml_stream ys;
	struct ward_err perr = {0};
	const struct yaml_node *root;

	base = base ? base + 1 : name;
	out->files++;
	if (strstr(base, "Dockerfile") || strstr(base, "Containerfile") ||
	    strstr(base, ".dockerfile")) {
		c.kind = CONFIG_DOCKERFILE;
		out->checked++;
		cfg_dockerfile_check(&c);
		return 0;
	}
	if (yaml_parse(a, text, &ys, &perr) < 0) {
		out->skipped++;
		return 0;
	}
	root = ys.ndocs > 0 ? yaml_resolve(ys.docs[0].root) : NULL;
	if (root && yaml_map_get(root, "containerDefinitions")) {
		c.kind = CONFIG_ECS;
		out->checked++;
		cfg_ecs_check(&c, root);
		return 0;
	}
	if (root && yaml_map_get(root, "services") &&
	    !yaml_map_get(root, "apiVersion")) {
		c.kind = CONFIG_COMPOSE;
		out->checked++;
		cfg_compose_check(&c, root);
		return 0;
	}
	c.kind = CONFIG_KUBERNETES;
	out->checked++;
	return scan_k8s(&c, &ys, err);
}

int
config_scan(struct arena *a, const char *const *paths, size_t npaths,
    const struct config_opts *opts, struct config_result *out,
    struct ward_err *err)
{
	(void)a;
	(void)paths;
	(void)npaths;
	(void)opts;
	(void)out;
	return err_set(err, ENOTSUP, "config_scan: not built yet");
}
