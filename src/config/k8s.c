/*
 * The Kubernetes object model: objects found in parsed YAML/JSON streams
 * (List kinds flattened), the pod spec inside each workload kind, and the
 * containers of a pod spec. Everything points into the YAML tree; nothing
 * is copied but short strings for messages.
 */

#include <errno.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/err.h"
#include "ward/limits.h"
#include "ward/map.h"
#include "ward/yaml.h"

const char *
k8s_str(struct arena *a, const struct yaml_node *n)
{
	struct str s;
	char *p;

	if (!yaml_scalar(n, &s))
		return "";
	p = arena_strz(a, s);
	return p ? p : "";
}

const struct yaml_node *
k8s_get(const struct yaml_node *n, const char *path)
{
	const char *p = path;

	while (n && *p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		char key[128];

		if (len >= sizeof(key))
			return NULL;
		memcpy(key, p, len);
		key[len] = '\0';
		n = yaml_map_get(n, key);
		p += len + (dot ? 1 : 0);
	}
	return yaml_resolve(n);
}

/* The ids listed in metadata.annotations["ward.dev/ignore"]. */
static void
ignore_ids(struct arena *a, const struct yaml_node *meta, struct k8s_object *o)
{
	const struct yaml_node *ann = yaml_map_get(meta, "annotations");
	struct str v, rest, id;
	const char **ids;
	size_t n = 0, cap = 0;

	if (!yaml_scalar(yaml_map_get(ann, "ward.dev/ignore"), &v))
		return;
	for (size_t i = 0; i < v.len; i++)
		if (v.p[i] == ',')
			cap++;
	cap++;
	ids = arena_calloc(a, cap, sizeof(*ids));
	if (!ids)
		return;
	rest = v;
	while (rest.len > 0) {
		/* str_cut puts the last id (no comma after it) in 'id' and
		 * empties 'rest'. */
		str_cut(&rest, ',', &id);
		id = str_trim(id);
		if (id.len > 0 && n < cap)
			ids[n++] = arena_strz(a, id);
	}
	o->ignore = ids;
	o->nignore = n;
}

static int
add_object(struct arena *a, const struct yaml_node *m, const char *path,
    struct str text, struct k8s_set *set, struct ward_err *err)
{
	const struct yaml_node *meta = yaml_map_get(m, "metadata");
	struct k8s_object *o;
	const char *slash;

	if (set->n >= CONFIG_OBJECTS_MAX)
		return err_set(err, EFBIG,
		    "%s: more than %u Kubernetes objects", path,
		    CONFIG_OBJECTS_MAX);
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		struct k8s_object *v =
		    arena_realloc(a, set->v, set->cap, cap, sizeof(*v));

		if (!v)
			return err_set(err, ENOMEM, "out of memory");
		set->v = v;
		set->cap = cap;
	}
	o = &set->v[set->n++];
	memset(o, 0, sizeof(*o));
	o->root = m;
	o->api_version = k8s_str(a, yaml_map_get(m, "apiVersion"));
	slash = strchr(o->api_version, '/');
	o->group = slash
	    ? arena_strndup(a, o->api_version, (size_t)(slash - o->api_version))
	    : "";
	if (!o->group)
		o->group = "";
	o->kind = k8s_str(a, yaml_map_get(m, "kind"));
	o->name = k8s_str(a, yaml_map_get(meta, "name"));
	if (yaml_map_get(meta, "namespace") &&
	    !yaml_is_null(yaml_map_get(meta, "namespace")))
		o->ns = k8s_str(a, yaml_map_get(meta, "namespace"));
	o->path = path;
	o->text = text;
	o->line = m->line;
	o->col = m->col;
	if (o->ns && *o->ns)
		o->resource =
		    arena_printf(a, "%s/%s/%s", o->kind, o->ns, o->name);
	else
		o->resource = arena_printf(a, "%s/%s", o->kind, o->name);
	if (!o->resource)
		o->resource = o->kind;
	ignore_ids(a, meta, o);
	return 0;
}

static int
collect(struct arena *a, const struct yaml_node *n, const char *path,
    struct str text, struct k8s_set *set, int depth, struct ward_err *err)
{
	const struct yaml_node *kind, *items;
	struct str k;

	n = yaml_resolve(n);
	if (!n || n->type != YAML_MAP)
		return 0;
	kind = yaml_map_get(n, "kind");
	if (!yaml_scalar(kind, &k) || !yaml_map_get(n, "apiVersion"))
		return 0;
	items = yaml_resolve(yaml_map_get(n, "items"));
	if (items && items->type == YAML_SEQ && k.len >= 4 &&
	    memcmp(k.p + k.len - 4, "List", 4) == 0) {
		if (depth >= CONFIG_LIST_DEPTH_MAX)
			return err_set(err, EFBIG,
			    "%s: line %u: Lists nested more than %d deep", path,
			    n->line, CONFIG_LIST_DEPTH_MAX);
		for (size_t i = 0; i < yaml_seq_len(items); i++) {
			int r = collect(a, yaml_seq_at(items, i), path, text,
			    set, depth + 1, err);

			if (r < 0)
				return r;
		}
		return 0;
	}
	return add_object(a, n, path, text, set, err);
}

int
k8s_collect(struct arena *a, const struct yaml_node *const *docs, size_t ndocs,
    const char *path, struct str text, struct k8s_set *set,
    struct ward_err *err)
{
	for (size_t i = 0; i < ndocs; i++) {
		int r = collect(a, docs[i], path, text, set, 0, err);

		if (r < 0)
			return r;
	}
	return 0;
}

const struct yaml_node *
k8s_pod_spec(const struct k8s_object *o, const struct yaml_node **meta)
{
	static const char *const templated[] = {"Deployment", "StatefulSet",
	    "DaemonSet", "ReplicaSet", "ReplicationController", "Job"};
	const struct yaml_node *tmpl = NULL, *spec;

	if (meta)
		*meta = NULL;
	if (strcmp(o->kind, "Pod") == 0) {
		if (meta)
			*meta = yaml_resolve(yaml_map_get(o->root, "metadata"));
		spec = yaml_resolve(yaml_map_get(o->root, "spec"));
		return spec && spec->type == YAML_MAP ? spec : NULL;
	}
	if (strcmp(o->kind, "PodTemplate") == 0)
		tmpl = yaml_resolve(yaml_map_get(o->root, "template"));
	else if (strcmp(o->kind, "CronJob") == 0)
		tmpl = k8s_get(o->root, "spec.jobTemplate.spec.template");
	else
		for (size_t i = 0; i < sizeof(templated) / sizeof(*templated);
		     i++)
			if (strcmp(o->kind, templated[i]) == 0)
				tmpl = k8s_get(o->root, "spec.template");
	if (!tmpl || tmpl->type != YAML_MAP)
		return NULL;
	if (meta)
		*meta = yaml_resolve(yaml_map_get(tmpl, "metadata"));
	spec = yaml_resolve(yaml_map_get(tmpl, "spec"));
	return spec && spec->type == YAML_MAP ? spec : NULL;
}

size_t
k8s_containers(
    struct arena *a, const struct yaml_node *spec, struct k8s_container **out)
{
	static const struct {
		const char *key;
		enum k8s_container_kind kind;
	} lists[] = {
	    {"containers", K8S_CONTAINER},
	    {"initContainers", K8S_INIT_CONTAINER},
	    {"ephemeralContainers", K8S_EPHEMERAL_CONTAINER},
	};
	size_t total = 0, n = 0;
	struct k8s_container *v;

	*out = NULL;
	for (size_t l = 0; l < 3; l++)
		total += yaml_seq_len(
		    yaml_resolve(yaml_map_get(spec, lists[l].key)));
	if (total == 0)
		return 0;
	v = arena_calloc(a, total, sizeof(*v));
	if (!v)
		return 0;
	for (size_t l = 0; l < 3; l++) {
		const struct yaml_node *seq =
		    yaml_resolve(yaml_map_get(spec, lists[l].key));

		for (size_t i = 0; i < yaml_seq_len(seq); i++) {
			const struct yaml_node *c = yaml_seq_at(seq, i);

			if (!c || c->type != YAML_MAP)
				continue;
			v[n].node = c;
			v[n].name = k8s_str(a, yaml_map_get(c, "name"));
			v[n].ckind = lists[l].kind;
			v[n].field =
			    arena_printf(a, "%s[%zu]", lists[l].key, i);
			if (!v[n].field)
				v[n].field = lists[l].key;
			n++;
		}
	}
	*out = v;
	return n;
}

struct config_finding *
cfg_k8s_emit(struct cfg_ctx *c, const struct k8s_object *o,
    const struct config_rule *rule, const char *container,
    const struct yaml_node *at, const char *fmt, ...)
{
	const char *path = c->path;
	struct str text = c->text;
	struct config_finding *f;
	uint32_t line = o->line, col = o->col;
	va_list ap;

	if (at) {
		line = at->line;
		col = at->col;
	}
	c->path = o->path;
	c->text = o->text;
	va_start(ap, fmt);
	f = cfg_vemit(c, rule, o->resource, container, line, col, fmt, ap);
	va_end(ap);
	c->path = path;
	c->text = text;
	if (f && !f->suppressed)
		for (size_t i = 0; i < o->nignore; i++)
			if (strcmp(o->ignore[i], rule->id) == 0 ||
			    strcmp(o->ignore[i], "*") == 0) {
				f->suppressed = "annotation ward.dev/ignore";
				break;
			}
	return f;
}

static bool
is_namespace(const struct k8s_object *o)
{
	return strcmp(o->kind, "Namespace") == 0 && o->group[0] == '\0';
}

void
k8s_set_index(struct k8s_set *set)
{
	k8s_set_unindex(set);
	set->ns_index = map_new();
	for (size_t i = 0; i < set->n; i++)
		if (is_namespace(&set->v[i]))
			map_put(set->ns_index, str_from(set->v[i].name),
			    &set->v[i]);
}

void
k8s_set_unindex(struct k8s_set *set)
{
	map_free(set->ns_index);
	set->ns_index = NULL;
}

const struct k8s_object *
k8s_namespace(const struct k8s_set *set, const char *name)
{
	const struct k8s_object *found = NULL;

	if (!set || !name)
		return NULL;
	if (set->ns_index)
		return map_get(set->ns_index, str_from(name));
	for (size_t i = 0; i < set->n; i++)
		if (is_namespace(&set->v[i]) &&
		    strcmp(set->v[i].name, name) == 0)
			found = &set->v[i];
	return found;
}
