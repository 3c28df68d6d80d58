#ifndef WARD_CONFIG_INTERNAL_H
#define WARD_CONFIG_INTERNAL_H

/*
 * Shared by the config module's files: the check context and how checks
 * report, the Kubernetes object model, and each check family's entry
 * point. Ownership:
 *   config.c      inputs, type detection, walking, dispatch, suppression
 *   k8s.c         the Kubernetes object model (objects, pod specs,
 *                 containers)
 *   pss.c         Pod Security Standards (PSS-*)
 *   k8s_checks.c  workload hardening (WARD-K8S-*)
 *   rbac.c        RBAC (WARD-RBAC-*)
 *   network.c     NetworkPolicy coverage, Services, Ingress, Istio
 *                 (WARD-NET-*)
 *   dockerfile.c  the Dockerfile parser and its checks (WARD-DF-*)
 *   compose.c     Compose files (WARD-COMPOSE-*)
 *   ecs.c         ECS task definitions (WARD-ECS-*)
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ward/config.h"
#include "ward/str.h"

struct arena;
struct map;
struct yaml_node;

/* What a check needs to report. One per file (set by config.c). */
struct cfg_ctx {
	struct arena *a; /* findings' strings */
	const struct config_opts *opts;
	struct config_result *res;
	const char *path; /* the file being checked */
	enum config_kind kind;
	struct str text; /* the whole file (comment suppression) */
	/* Added by config.c: the start of each line of 'text', built on
	   first use (comment suppression); NULL until then. Leave NULL
	   (zero) when filling in a context. */
	size_t *lines;
	size_t nlines;
};

/*
 * Note a problem met while reading inputs (an unreadable file, a symlink
 * not followed): 'warn' for warnings, else an informational note. Kept
 * in res (at most WARNINGS_MAX of each); cmd prints them.
 */
void config_note(struct arena *a, struct config_result *res, bool warn,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Record a finding for 'rule' at line/col of the current file, unless the
 * rule's family is not selected in opts->checks (then nothing happens).
 * 'resource' and 'container' may be NULL; they are copied. The message is
 * printf-formatted into the arena; untrusted values are passed through as
 * they are (the writers escape them). For Dockerfiles and Compose files a
 * "# ward:ignore ID[,ID]" comment on the finding's line or on the line
 * just above marks it suppressed ("# ward:ignore" alone: every rule).
 * Returns the finding (NULL when not selected or out of memory) so the
 * caller may adjust its severity.
 */
struct config_finding *
cfg_emit(struct cfg_ctx *c, const struct config_rule *rule,
    const char *resource, const char *container, uint32_t line, uint32_t col,
    const char *fmt, ...) __attribute__((format(printf, 7, 8)));
struct config_finding *
cfg_vemit(struct cfg_ctx *c, const struct config_rule *rule,
    const char *resource, const char *container, uint32_t line, uint32_t col,
    const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));

/* Is the family selected by opts->checks? */
bool cfg_family_on(const struct cfg_ctx *c, enum config_family f);

/* ---- Kubernetes objects (k8s.c) ---- */

struct k8s_object {
	const struct yaml_node *root; /* the object's mapping */
	const char *api_version; /* "apps/v1", "" when absent */
	const char *group; /* "apps", "" for the core group */
	const char *kind; /* "Deployment" */
	const char *name; /* metadata.name, "" when absent */
	const char *ns; /* metadata.namespace, NULL when not given */
	const char *path; /* the file it came from */
	struct str text; /* that file's text */
	uint32_t line, col; /* of the object's mapping */
	const char *resource; /* "Deployment/ns/name", "ClusterRole/name" */
	/* ward.dev/ignore annotation: the rule ids it lists */
	const char *const *ignore;
	size_t nignore;
};

struct k8s_set {
	struct k8s_object *v; /* in the arena */
	size_t n, cap;
	/* Added: Namespace objects by name, built by k8s_set_index() once
	   every file is read (NULL before; k8s_namespace() then scans). */
	struct map *ns_index;
};

/*
 * Index the set's Namespace objects by name (the last of several with
 * one name wins, as a later apply would). config.c calls it before the
 * checks run and k8s_set_unindex() after them.
 */
void k8s_set_index(struct k8s_set *set);
void k8s_set_unindex(struct k8s_set *set);

/*
 * The Namespace (core group) named 'name' in the set, the last one when
 * several are; NULL when none. Constant time once the set is indexed, so
 * per-object checks should prefer it to scanning the set, which costs
 * O(objects) per call and O(objects^2) per run.
 */
const struct k8s_object *
k8s_namespace(const struct k8s_set *set, const char *name);

/*
 * The objects of one parsed YAML/JSON stream: every document that is a
 * mapping with apiVersion and kind, items of "List" kinds (kind ending in
 * "List" with an items sequence) flattened, nested Lists included.
 * Appends to 'set'. Returns 0 or -EFBIG (over CONFIG_OBJECTS_MAX).
 */
int k8s_collect(struct arena *a, const struct yaml_node *const *docs,
    size_t ndocs, const char *path, struct str text, struct k8s_set *set,
    struct ward_err *err);

/*
 * The pod spec of a workload (Pod, PodTemplate, Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, ReplicationController, Job, CronJob), and the
 * pod's metadata mapping (the template's; the object's own for Pod) in
 * *meta (NULL when absent). NULL when 'o' carries no pod template.
 */
const struct yaml_node *
k8s_pod_spec(const struct k8s_object *o, const struct yaml_node **meta);

enum k8s_container_kind {
	K8S_CONTAINER = 0, /* spec.containers */
	K8S_INIT_CONTAINER, /* spec.initContainers */
	K8S_EPHEMERAL_CONTAINER, /* spec.ephemeralContainers */
};

struct k8s_container {
	const struct yaml_node *node; /* the container mapping */
	const char *name; /* "" when absent */
	enum k8s_container_kind ckind;
	const char *field; /* "spec.containers[0]" etc., relative to the pod
			      spec, for messages */
};

/*
 * Every container of a pod spec, regular ones first, then init, then
 * ephemeral, in document order. *out is in the arena. Returns the count.
 */
size_t k8s_containers(
    struct arena *a, const struct yaml_node *spec, struct k8s_container **out);

/* The value at a dotted path of mapping keys ("securityContext.runAsUser");
   NULL when any step is absent or not a mapping. */
const struct yaml_node *k8s_get(const struct yaml_node *n, const char *path);

/* A scalar's text as a C string in the arena ("" for non-scalars/NULL). */
const char *k8s_str(struct arena *a, const struct yaml_node *n);

/*
 * Record a finding for object 'o' at node 'at' (NULL: the object itself).
 * Sets path, resource and container, and marks the finding suppressed
 * when the object's ward.dev/ignore annotation names the rule.
 */
struct config_finding *cfg_k8s_emit(struct cfg_ctx *c,
    const struct k8s_object *o, const struct config_rule *rule,
    const char *container, const struct yaml_node *at, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* ---- Check families: each file's entry points and rule table ---- */

/* pss.c: one object, with the whole set for namespace labels. */
void cfg_pss_check(
    struct cfg_ctx *c, const struct k8s_set *set, const struct k8s_object *o);
extern const struct config_rule cfg_pss_rules[];
extern const size_t cfg_pss_nrules;

/* k8s_checks.c: one workload (or any object; non-workloads are ignored). */
void cfg_k8s_check(struct cfg_ctx *c, const struct k8s_object *o);
extern const struct config_rule cfg_k8s_rules[];
extern const size_t cfg_k8s_nrules;

/* rbac.c: Roles, ClusterRoles, RoleBindings, ClusterRoleBindings. */
void cfg_rbac_check(struct cfg_ctx *c, const struct k8s_object *o);
extern const struct config_rule cfg_rbac_rules[];
extern const size_t cfg_rbac_nrules;

/* network.c: per object (Service, Ingress, NetworkPolicy, Istio), then
   once over the whole set (namespace coverage). */
void cfg_network_check(struct cfg_ctx *c, const struct k8s_object *o);
void cfg_network_check_set(struct cfg_ctx *c, const struct k8s_set *set);
extern const struct config_rule cfg_network_rules[];
extern const size_t cfg_network_nrules;

/* dockerfile.c: a Dockerfile's text (c->text). */
void cfg_dockerfile_check(struct cfg_ctx *c);
extern const struct config_rule cfg_dockerfile_rules[];
extern const size_t cfg_dockerfile_nrules;

/* compose.c: a Compose file's root mapping. */
void cfg_compose_check(struct cfg_ctx *c, const struct yaml_node *root);
extern const struct config_rule cfg_compose_rules[];
extern const size_t cfg_compose_nrules;

/* ecs.c: an ECS task definition's root mapping (JSON read as YAML). */
void cfg_ecs_check(struct cfg_ctx *c, const struct yaml_node *root);
extern const struct config_rule cfg_ecs_rules[];
extern const size_t cfg_ecs_nrules;

/* config.c: rules of the framework itself (WARD-CONFIG-SYNTAX, ...). */
extern const struct config_rule cfg_core_rules[];
extern const size_t cfg_core_nrules;

#endif
