/*
 * RBAC checks (WARD-RBAC-*): what Roles and ClusterRoles grant, and whom
 * RoleBindings and ClusterRoleBindings grant it to. A role rule is matched
 * the way the RBAC authorizer matches a request: an apiGroups entry equal
 * to the group or "*", a resources entry equal to the resource or "*"
 * (for subresources also "res/" or "/sub" joined to a "*"), and a verbs
 * entry equal to the verb or "*". resourceNames narrow a rule to named objects; such findings are
 * kept but lowered one severity step. Aggregated ClusterRoles (rules
 * filled in by the controller) are checked only for the rules they carry.
 * Input is untrusted; nothing but scalars is read from it.
 */

#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/yaml.h"

enum {
	R_WILD_VERBS,
	R_WILD_RESOURCES,
	R_WILD_GROUPS,
	R_SECRETS_READ,
	R_ESCALATE_BIND,
	R_IMPERSONATE,
	R_EXEC_ATTACH,
	R_NODES_PROXY,
	R_CREATE_WORKLOADS,
	R_SA_TOKEN,
	R_CLUSTER_ADMIN,
	R_PUBLIC_SUBJECT,
	R_MODIFY_RBAC,
	R_WEBHOOKS,
	R_COUNT
};

#define RBAC_DOCS                                                              \
	"https://kubernetes.io/docs/reference/access-authn-authz/rbac/"
#define RBAC_GOOD                                                              \
	"https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
#define NSA_GUIDE                                                              \
	"https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/"            \
	"CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF"

#define RULE(id, sev, title, fix, refs)                                        \
	{                                                                      \
		"WARD-RBAC-" id, CHECKS_RBAC, sev, title, fix, refs            \
	}

const struct config_rule cfg_rbac_rules[] = {
    [R_WILD_VERBS] = RULE("001", SEV_HIGH, "Role grants every verb ('*')",
	"List the verbs the subject needs instead of '*'.",
	RBAC_GOOD " " NSA_GUIDE),
    [R_WILD_RESOURCES] = RULE("002", SEV_HIGH,
	"Role grants every resource ('*')",
	"List the resources (or non-resource URLs) the subject needs instead "
	"of '*'; '*' also covers resources added later.",
	RBAC_GOOD " " NSA_GUIDE),
    [R_WILD_GROUPS] =
	RULE("003", SEV_MEDIUM, "Role grants every API group ('*')",
	    "List the API groups the subject needs instead of '*'.", RBAC_GOOD),
    [R_SECRETS_READ] = RULE("004", SEV_HIGH, "Role can read Secrets",
	"Remove get, list and watch on secrets, or limit them with "
	"resourceNames; list and watch return the secrets' contents.",
	RBAC_GOOD "#listing-secrets"),
    [R_ESCALATE_BIND] = RULE("005", SEV_HIGH, "Role can escalate or bind roles",
	"Remove the escalate and bind verbs on roles and clusterroles; they "
	"let the subject grant permissions it does not hold.",
	RBAC_GOOD "#escalate-verb " RBAC_GOOD "#bind-verb"),
    [R_IMPERSONATE] = RULE("006", SEV_HIGH, "Role can impersonate",
	"Remove impersonate on users, groups and service accounts.",
	RBAC_GOOD "#impersonate-verb"),
    [R_EXEC_ATTACH] =
	RULE("007", SEV_HIGH, "Role can exec into or attach to pods",
	    "Remove pods/exec and pods/attach; they run commands as the pod's "
	    "service account.",
	    RBAC_GOOD),
    [R_NODES_PROXY] = RULE("008", SEV_HIGH, "Role can proxy to kubelets",
	"Remove nodes/proxy: it reaches the kubelet API, which runs commands "
	"in any pod on the node and bypasses admission and audit.",
	RBAC_GOOD "#access-to-proxy-subresource-of-nodes"),
    [R_CREATE_WORKLOADS] =
	RULE("009", SEV_MEDIUM, "Role can create pods or workloads",
	    "Limit create on pods and workload kinds to deployment tooling; a "
	    "pod creator can run as any service account of the namespace and "
	    "mount its secrets.",
	    RBAC_GOOD "#workload-creation"),
    [R_SA_TOKEN] =
	RULE("010", SEV_HIGH, "Role can create service account tokens",
	    "Remove create on serviceaccounts/token; it mints tokens for any "
	    "service account the rule covers.",
	    RBAC_GOOD),
    [R_CLUSTER_ADMIN] =
	RULE("011", SEV_CRITICAL, "cluster-admin bound to a non-system subject",
	    "Bind a role that grants only what the subject needs; keep "
	    "cluster-admin for break-glass accounts.",
	    RBAC_DOCS "#user-facing-roles " RBAC_GOOD),
    [R_PUBLIC_SUBJECT] = RULE("012", SEV_CRITICAL,
	"Role bound to anonymous or all authenticated users",
	"Remove system:anonymous, system:unauthenticated and "
	"system:authenticated from the binding's subjects.",
	RBAC_GOOD " " RBAC_DOCS "#default-roles-and-role-bindings"),
    [R_MODIFY_RBAC] = RULE("013", SEV_HIGH, "Role can change RBAC",
	"Remove create, update, patch and delete on roles, clusterroles, "
	"rolebindings and clusterrolebindings.",
	RBAC_GOOD " " RBAC_DOCS "#privilege-escalation-prevention-and-"
		  "bootstrapping"),
    [R_WEBHOOKS] = RULE("014", SEV_HIGH, "Role can change admission webhooks",
	"Remove write access to mutating and validating webhook "
	"configurations; a webhook sees and can rewrite every object "
	"admitted.",
	RBAC_GOOD "#control-admission-webhooks"),
};
const size_t cfg_rbac_nrules = R_COUNT;

_Static_assert(sizeof(cfg_rbac_rules) / sizeof(cfg_rbac_rules[0]) == R_COUNT,
    "every rule index has a rule");

static bool
has_item(const struct yaml_node *seq, const char *s)
{
	for (size_t i = 0; i < yaml_seq_len(seq); i++)
		if (yaml_scalar_eq(yaml_seq_at(seq, i), s))
			return true;
	return false;
}

static const struct yaml_node *
find_item(const struct yaml_node *seq, const char *s)
{
	for (size_t i = 0; i < yaml_seq_len(seq); i++)
		if (yaml_scalar_eq(yaml_seq_at(seq, i), s))
			return yaml_seq_at(seq, i);
	return NULL;
}

/* Does a resources entry name 'res' (a resource, or "resource/sub")
   other than through a bare "*"? */
static bool
res_match(struct str entry, const char *res)
{
	const char *slash = strchr(res, '/');
	size_t blen = slash ? (size_t)(slash - res) : strlen(res);

	if (str_eq_cstr(entry, res))
		return true;
	if (!slash)
		return false;
	/* "pods/" followed by "*" covers every subresource of pods; "*"
	   followed by "/exec" the exec subresource of every resource. */
	if (entry.len == blen + 2 && memcmp(entry.p, res, blen) == 0 &&
	    entry.p[blen] == '/' && entry.p[blen + 1] == '*')
		return true;
	return entry.len >= 2 && entry.p[0] == '*' && entry.p[1] == '/' &&
	    str_eq_cstr(str_sub(entry, 1, entry.len), slash);
}

/*
 * Does role rule 'r' grant one of 'verbs' (NULL-terminated) on one of
 * 'res' (NULL-terminated) in one of 'groups' (NULL-terminated; "" is the
 * core group)? A bare "*" resource does not count: the wildcard finding
 * already reports it. The first matching verb goes to *verb.
 */
static bool
grants(const struct yaml_node *r, const char *const *groups,
    const char *const *res, const char *const *verbs, const char **verb)
{
	const struct yaml_node *g = yaml_map_get(r, "apiGroups");
	const struct yaml_node *rs = yaml_map_get(r, "resources");
	const struct yaml_node *vs = yaml_map_get(r, "verbs");
	bool gok = has_item(g, "*"), rok = false;

	for (size_t i = 0; !gok && groups[i]; i++)
		gok = has_item(g, groups[i]);
	if (!gok)
		return false;
	for (size_t i = 0; i < yaml_seq_len(rs) && !rok; i++) {
		struct str e;

		if (!yaml_scalar(yaml_seq_at(rs, i), &e))
			continue;
		for (size_t j = 0; res[j] && !rok; j++)
			rok = res_match(e, res[j]);
	}
	if (!rok)
		return false;
	if (has_item(vs, "*")) {
		*verb = "*";
		return true;
	}
	for (size_t i = 0; verbs[i]; i++)
		if (has_item(vs, verbs[i])) {
			*verb = verbs[i];
			return true;
		}
	return false;
}

static const struct {
	int rule;
	const char *what;
	const char *groups[4];
	const char *res[10];
	const char *verbs[6];
} derived[] = {
    {R_SECRETS_READ, "read secrets", {""}, {"secrets"},
	{"get", "list", "watch"}},
    {R_ESCALATE_BIND, "escalate or bind roles", {"rbac.authorization.k8s.io"},
	{"roles", "clusterroles"}, {"escalate", "bind"}},
    {R_IMPERSONATE, "impersonate", {"", "authentication.k8s.io"},
	{"users", "groups", "serviceaccounts", "uids", "userextras"},
	{"impersonate"}},
    /* The websocket upgrade kubectl uses is a GET, which the API server
       authorises as "get pods/exec", so get counts as much as create. */
    {R_EXEC_ATTACH, "exec into or attach to pods", {""},
	{"pods/exec", "pods/attach"}, {"create", "get"}},
    {R_NODES_PROXY, "proxy to kubelets", {""}, {"nodes/proxy"},
	{"get", "create", "update", "patch", "delete"}},
    {R_CREATE_WORKLOADS, "create pods or workloads",
	{"", "apps", "batch", "extensions"},
	{"pods", "deployments", "statefulsets", "daemonsets", "replicasets",
	    "replicationcontrollers", "jobs", "cronjobs"},
	{"create"}},
    {R_SA_TOKEN, "create service account tokens", {""},
	{"serviceaccounts/token"}, {"create"}},
    {R_MODIFY_RBAC, "change RBAC", {"rbac.authorization.k8s.io"},
	{"roles", "clusterroles", "rolebindings", "clusterrolebindings"},
	{"create", "update", "patch", "delete"}},
    {R_WEBHOOKS, "change admission webhooks", {"admissionregistration.k8s.io"},
	{"mutatingwebhookconfigurations", "validatingwebhookconfigurations"},
	{"create", "update", "patch", "delete"}},
};

static void
lower(struct config_finding *f)
{
	if (f && f->severity > SEV_LOW)
		f->severity--;
}

static void
check_rule(struct cfg_ctx *c, const struct k8s_object *o,
    const struct yaml_node *r, size_t idx)
{
	static const struct {
		const char *key;
		int rule;
	} wild[] = {
	    {"verbs", R_WILD_VERBS},
	    {"resources", R_WILD_RESOURCES},
	    {"nonResourceURLs", R_WILD_RESOURCES},
	    {"apiGroups", R_WILD_GROUPS},
	};
	bool named = yaml_seq_len(yaml_map_get(r, "resourceNames")) > 0;
	const char *note = named ? " (limited by resourceNames)" : "";

	for (size_t i = 0; i < sizeof(wild) / sizeof(*wild); i++) {
		const struct yaml_node *it =
		    find_item(yaml_map_get(r, wild[i].key), "*");
		struct config_finding *f;

		if (!it)
			continue;
		f = cfg_k8s_emit(c, o, &cfg_rbac_rules[wild[i].rule], NULL, it,
		    "rules[%zu].%s has '*'%s", idx, wild[i].key, note);
		if (named)
			lower(f);
	}
	for (size_t i = 0; i < sizeof(derived) / sizeof(*derived); i++) {
		const char *verb = NULL;
		struct config_finding *f;

		if (!grants(r, derived[i].groups, derived[i].res,
			derived[i].verbs, &verb))
			continue;
		f = cfg_k8s_emit(c, o, &cfg_rbac_rules[derived[i].rule], NULL,
		    r, "rules[%zu] lets the subject %s (verb '%s')%s", idx,
		    derived[i].what, verb, note);
		if (named)
			lower(f);
	}
}

static void
check_role(struct cfg_ctx *c, const struct k8s_object *o)
{
	const struct yaml_node *rules = yaml_map_get(o->root, "rules");

	for (size_t i = 0; i < yaml_seq_len(rules); i++) {
		const struct yaml_node *r = yaml_seq_at(rules, i);

		if (r && r->type == YAML_MAP)
			check_rule(c, o, r, i);
	}
}

static bool
starts_system(struct str s)
{
	return str_starts_with(s, STR("system:"));
}

static void
check_binding(struct cfg_ctx *c, const struct k8s_object *o, bool cluster)
{
	const struct yaml_node *subjects = yaml_map_get(o->root, "subjects");
	const struct yaml_node *ref = yaml_map_get(o->root, "roleRef");
	struct str role = STR(""), kind, name;
	bool admin, bootstrap;

	(void)yaml_scalar(yaml_map_get(ref, "name"), &role);
	admin = str_eq_cstr(role, "cluster-admin") &&
	    yaml_scalar_eq(yaml_map_get(ref, "kind"), "ClusterRole");
	/* The cluster's own bootstrap bindings (system:discovery and
	   friends) grant system roles to these groups by design. */
	bootstrap = starts_system(str_from(o->name)) && starts_system(role);
	for (size_t i = 0; i < yaml_seq_len(subjects); i++) {
		const struct yaml_node *s = yaml_seq_at(subjects, i);
		struct config_finding *f;

		if (!yaml_scalar(yaml_map_get(s, "kind"), &kind) ||
		    !yaml_scalar(yaml_map_get(s, "name"), &name))
			continue;
		if (admin && !starts_system(name)) {
			f = cfg_k8s_emit(c, o, &cfg_rbac_rules[R_CLUSTER_ADMIN],
			    NULL, s,
			    "subjects[%zu] %.*s '%.*s' is bound to "
			    "cluster-admin%s",
			    i, STR_FMT(kind), STR_FMT(name),
			    cluster ? "" : " in the binding's namespace");
			if (!cluster)
				lower(f);
		}
		if (bootstrap)
			continue;
		if ((str_eq_cstr(kind, "User") &&
			str_eq_cstr(name, "system:anonymous")) ||
		    (str_eq_cstr(kind, "Group") &&
			str_eq_cstr(name, "system:unauthenticated")))
			cfg_k8s_emit(c, o, &cfg_rbac_rules[R_PUBLIC_SUBJECT],
			    NULL, s,
			    "subjects[%zu] %.*s '%.*s' gives role '%.*s' to "
			    "anyone who can reach the API server",
			    i, STR_FMT(kind), STR_FMT(name), STR_FMT(role));
		else if (str_eq_cstr(kind, "Group") &&
		    str_eq_cstr(name, "system:authenticated")) {
			f = cfg_k8s_emit(c, o,
			    &cfg_rbac_rules[R_PUBLIC_SUBJECT], NULL, s,
			    "subjects[%zu] Group 'system:authenticated' gives "
			    "role '%.*s' to every authenticated user and "
			    "service account",
			    i, STR_FMT(role));
			if (f)
				f->severity = SEV_HIGH;
		}
	}
}

void
cfg_rbac_check(struct cfg_ctx *c, const struct k8s_object *o)
{
	if (!cfg_family_on(c, CHECKS_RBAC) ||
	    strcmp(o->group, "rbac.authorization.k8s.io") != 0)
		return;
	if (strcmp(o->kind, "Role") == 0 || strcmp(o->kind, "ClusterRole") == 0)
		check_role(c, o);
	else if (strcmp(o->kind, "RoleBinding") == 0)
		check_binding(c, o, false);
	else if (strcmp(o->kind, "ClusterRoleBinding") == 0)
		check_binding(c, o, true);
}
