/*
 * Workload hardening checks (WARD-K8S-*): resources, images, service
 * account tokens, host namespaces and mounts, security contexts, probes,
 * namespaces and a few controller settings. Each check reads the pod spec
 * of any kind that carries one (k8s_pod_spec) and every container kind
 * (containers, initContainers, ephemeralContainers) where the field exists
 * for that kind. The tree is untrusted: every field may be absent, of the
 * wrong type or huge, so nothing is assumed beyond what yaml.h promises,
 * and values are only echoed in messages (the report writers escape
 * them), never secret values themselves.
 *
 * Findings point at the key of the offending field when it is present;
 * an absent container field points at the container's first line, an
 * absent pod field at the pod spec's "spec:" key.
 */

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/map.h"
#include "ward/yaml.h"

enum {
	R_CPU_REQ,
	R_CPU_LIM,
	R_MEM_REQ,
	R_MEM_LIM,
	R_IMG_LATEST,
	R_IMG_DIGEST,
	R_IMG_PULL,
	R_SA_TOKEN,
	R_SA_DEFAULT,
	R_HOST_SOCK,
	R_HOST_SENSITIVE,
	R_HOST_WRITABLE,
	R_ENV_SECRET,
	R_RO_ROOTFS,
	R_UID_LOW,
	R_GID_LOW,
	R_UID_ROOT,
	R_GID_ROOT,
	R_SUBPATH,
	R_LIVENESS,
	R_READINESS,
	R_SHARE_PID,
	R_HOST_ALIASES,
	R_PRIVILEGED,
	R_PRIV_ESC,
	R_CAP_ADD,
	R_CAP_DROP,
	R_SECCOMP,
	R_HOST_NET,
	R_HOST_PID,
	R_HOST_IPC,
	R_HOST_PORT,
	R_PROC_MOUNT,
	R_SYSCTL,
	R_NS_DEFAULT,
	R_NS_MISSING,
	R_NS_SYSTEM,
	R_CRON_CONCURRENCY,
	R_REPLICAS,
	R_SSH_PORT,
	R_PRIV_PORT,
	R_ENV_SECRETREF,
	R_SA_DEPRECATED,
	R_EMPTYDIR_MEM,
	R_GITREPO,
	R_TOKEN_TTL,
	R_COUNT
};

#define K8S_DOCS "https://kubernetes.io/docs/"
#define NSA_GUIDE                                                              \
	"https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/"            \
	"CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF"
#define SC_DOCS K8S_DOCS "tasks/configure-pod-container/security-context/"
#define RES_DOCS K8S_DOCS "concepts/configuration/manage-resources-containers/"
#define IMG_DOCS K8S_DOCS "concepts/containers/images/"
#define SA_DOCS                                                                \
	K8S_DOCS "tasks/configure-pod-container/configure-service-account/"
#define VOL_DOCS K8S_DOCS "concepts/storage/volumes/"
#define PROBE_DOCS                                                             \
	K8S_DOCS "tasks/configure-pod-container/"                              \
		 "configure-liveness-readiness-startup-probes/"
#define PSS_DOCS K8S_DOCS "concepts/security/pod-security-standards/"
#define NS_DOCS K8S_DOCS "concepts/overview/working-with-objects/namespaces/"
#define SECRET_DOCS K8S_DOCS "concepts/security/secrets-good-practices/"

#define RULE(id, sev, title, fix, refs)                                        \
	{                                                                      \
		"WARD-K8S-" id, CHECKS_K8S, sev, title, fix, refs              \
	}

const struct config_rule cfg_k8s_rules[] = {
    [R_CPU_REQ] = RULE("001", SEV_LOW, "CPU request not set",
	"Set resources.requests.cpu so the scheduler reserves CPU for the "
	"container.",
	RES_DOCS " " NSA_GUIDE),
    [R_CPU_LIM] = RULE("002", SEV_LOW, "CPU limit not set",
	"Set resources.limits.cpu so one container cannot starve its node.",
	RES_DOCS " " NSA_GUIDE),
    [R_MEM_REQ] = RULE("003", SEV_LOW, "Memory request not set",
	"Set resources.requests.memory.", RES_DOCS " " NSA_GUIDE),
    [R_MEM_LIM] = RULE("004", SEV_MEDIUM, "Memory limit not set",
	"Set resources.limits.memory so a leak or an attack cannot exhaust "
	"the node's memory.",
	RES_DOCS " " NSA_GUIDE),
    [R_IMG_LATEST] = RULE("005", SEV_MEDIUM, "Image tag is 'latest' or missing",
	"Use an explicit version tag, better an image digest (@sha256:...).",
	IMG_DOCS),
    [R_IMG_DIGEST] = RULE("006", SEV_LOW, "Image not pinned by digest",
	"Refer to the image by digest (name@sha256:...) so the image that "
	"runs is the image that was reviewed.",
	IMG_DOCS),
    [R_IMG_PULL] =
	RULE("007", SEV_LOW, "Mutable image tag without imagePullPolicy Always",
	    "Pin the image by digest, or set imagePullPolicy: Always so every "
	    "node runs the same image for the tag.",
	    IMG_DOCS "#updating-images"),
    [R_SA_TOKEN] = RULE("008", SEV_MEDIUM,
	"Service account token mounted automatically",
	"Set automountServiceAccountToken: false in the pod spec unless the "
	"pod talks to the Kubernetes API.",
	SA_DOCS " " NSA_GUIDE),
    [R_SA_DEFAULT] =
	RULE("009", SEV_LOW, "Pod uses the default service account",
	    "Create a dedicated service account for the workload and set "
	    "serviceAccountName.",
	    SA_DOCS),
    [R_HOST_SOCK] = RULE("010", SEV_CRITICAL,
	"Container runtime socket mounted from the host",
	"Do not mount docker.sock, containerd.sock or crio.sock: whoever "
	"reaches the socket controls every container on the node.",
	VOL_DOCS "#hostpath " PSS_DOCS),
    [R_HOST_SENSITIVE] = RULE("011", SEV_HIGH, "Sensitive host path mounted",
	"Do not mount host system directories (/, /proc, /sys, /etc, /root, "
	"/var/run, /var/lib/kubelet, ...) into containers.",
	VOL_DOCS "#hostpath " PSS_DOCS),
    [R_HOST_WRITABLE] = RULE("012", SEV_MEDIUM, "Host path mounted writable",
	"Mount hostPath volumes with readOnly: true, or use another volume "
	"type.",
	VOL_DOCS "#hostpath"),
    [R_ENV_SECRET] =
	RULE("013", SEV_HIGH, "Secret in a literal environment variable",
	    "Move the value into a Secret and mount it as a file (or use "
	    "valueFrom.secretKeyRef); rotate the exposed value.",
	    SECRET_DOCS),
    [R_RO_ROOTFS] = RULE("014", SEV_MEDIUM, "Root filesystem is writable",
	"Set securityContext.readOnlyRootFilesystem: true and mount "
	"emptyDir volumes where the program must write.",
	SC_DOCS " " NSA_GUIDE),
    [R_UID_LOW] = RULE("015", SEV_LOW, "runAsUser below 10000 or not set",
	"Run as a UID of 10000 or more, so the UID does not collide with a "
	"host user's.",
	SC_DOCS),
    [R_GID_LOW] = RULE("016", SEV_LOW, "runAsGroup below 10000 or not set",
	"Run with a GID of 10000 or more.", SC_DOCS),
    [R_UID_ROOT] = RULE("017", SEV_HIGH, "Container runs as root (UID 0)",
	"Set runAsUser to a non-zero UID and runAsNonRoot: true.",
	SC_DOCS " " PSS_DOCS),
    [R_GID_ROOT] = RULE("018", SEV_MEDIUM, "Container runs with GID 0",
	"Do not use GID 0 for runAsGroup, fsGroup or supplementalGroups; "
	"root's group owns many files on images and hosts.",
	SC_DOCS),
    [R_SUBPATH] = RULE("019", SEV_HIGH,
	"Volume mount can reach outside the volume or over '/'",
	"Do not use '..' in subPath or subPathExpr, and do not mount a "
	"volume at '/'.",
	VOL_DOCS "#using-subpath"),
    [R_LIVENESS] = RULE("020", SEV_LOW, "Liveness probe not set",
	"Add a livenessProbe so a hung container is restarted.", PROBE_DOCS),
    [R_READINESS] = RULE("021", SEV_LOW, "Readiness probe not set",
	"Add a readinessProbe so traffic reaches only ready containers.",
	PROBE_DOCS),
    [R_SHARE_PID] =
	RULE("022", SEV_MEDIUM, "Containers share a process namespace",
	    "Remove shareProcessNamespace: true; with it each container sees "
	    "and can signal the others' processes and read their files through "
	    "/proc.",
	    K8S_DOCS "tasks/configure-pod-container/share-process-namespace/"),
    [R_HOST_ALIASES] = RULE("023", SEV_LOW, "Pod overrides /etc/hosts",
	"Remove hostAliases and use DNS; entries in /etc/hosts silently "
	"redirect names.",
	K8S_DOCS "tasks/network/customize-hosts-file-for-pods/"),
    [R_PRIVILEGED] = RULE("024", SEV_CRITICAL, "Privileged container",
	"Remove securityContext.privileged: true; grant only the "
	"capabilities the program needs.",
	SC_DOCS " " PSS_DOCS " " NSA_GUIDE),
    [R_PRIV_ESC] = RULE("025", SEV_MEDIUM, "Privilege escalation not disabled",
	"Set securityContext.allowPrivilegeEscalation: false.",
	SC_DOCS " " PSS_DOCS),
    [R_CAP_ADD] = RULE("026", SEV_HIGH, "Dangerous capability added",
	"Remove the capability from securityContext.capabilities.add.",
	SC_DOCS "#set-capabilities-for-a-container " PSS_DOCS),
    [R_CAP_DROP] = RULE("027", SEV_LOW, "Capabilities not dropped",
	"Add ALL to securityContext.capabilities.drop and add back only "
	"what the program needs (at most NET_BIND_SERVICE).",
	SC_DOCS "#set-capabilities-for-a-container " PSS_DOCS),
    [R_SECCOMP] =
	RULE("028", SEV_MEDIUM, "Seccomp profile not set or unconfined",
	    "Set securityContext.seccompProfile.type: RuntimeDefault (or "
	    "Localhost) in the pod or container.",
	    K8S_DOCS "tutorials/security/seccomp/ " PSS_DOCS),
    [R_HOST_NET] = RULE("029", SEV_HIGH, "Pod uses the host network",
	"Remove hostNetwork: true.", PSS_DOCS " " NSA_GUIDE),
    [R_HOST_PID] = RULE("030", SEV_HIGH, "Pod uses the host PID namespace",
	"Remove hostPID: true.", PSS_DOCS " " NSA_GUIDE),
    [R_HOST_IPC] = RULE("031", SEV_HIGH, "Pod uses the host IPC namespace",
	"Remove hostIPC: true.", PSS_DOCS " " NSA_GUIDE),
    [R_HOST_PORT] = RULE("032", SEV_MEDIUM, "Container binds a host port",
	"Remove hostPort and expose the port through a Service.",
	PSS_DOCS " " K8S_DOCS "concepts/configuration/overview/#services"),
    [R_PROC_MOUNT] = RULE("033", SEV_HIGH, "Unmasked /proc",
	"Remove securityContext.procMount or set it to Default.",
	SC_DOCS " " PSS_DOCS),
    [R_SYSCTL] = RULE("034", SEV_HIGH, "Unsafe sysctl set",
	"Set only the sysctls Kubernetes considers safe.",
	K8S_DOCS "tasks/administer-cluster/sysctl-cluster/ " PSS_DOCS),
    [R_NS_DEFAULT] = RULE("035", SEV_LOW, "Workload in the default namespace",
	"Deploy workloads into a namespace of their own, where RBAC, "
	"quotas and network policies can isolate them.",
	NS_DOCS),
    [R_NS_MISSING] = RULE("036", SEV_LOW, "Workload has no namespace",
	"Set metadata.namespace; without it the object lands in whatever "
	"namespace the client's context names, often default.",
	NS_DOCS),
    [R_NS_SYSTEM] = RULE("037", SEV_MEDIUM, "Workload in kube-system",
	"Run applications outside kube-system, which holds the cluster's "
	"own components and their powerful service accounts.",
	NS_DOCS),
    [R_CRON_CONCURRENCY] =
	RULE("038", SEV_LOW, "CronJob allows concurrent runs",
	    "Set spec.concurrencyPolicy to Forbid or Replace so slow runs do "
	    "not pile up.",
	    K8S_DOCS "concepts/workloads/controllers/cron-jobs/"
		     "#concurrency-policy"),
    [R_REPLICAS] = RULE("039", SEV_LOW, "Fewer than two replicas",
	"Run at least two replicas so one pod's loss or eviction does not "
	"stop the service.",
	K8S_DOCS "concepts/workloads/controllers/deployment/"),
    [R_SSH_PORT] = RULE("040", SEV_MEDIUM, "Container exposes SSH (port 22)",
	"Do not run SSH in containers; use kubectl exec or ephemeral "
	"debug containers under RBAC.",
	K8S_DOCS "concepts/services-networking/"),
    [R_PRIV_PORT] = RULE("041", SEV_LOW, "Container uses a privileged port",
	"Listen on a port of 1024 or more; binding a lower one needs root "
	"or NET_BIND_SERVICE.",
	K8S_DOCS "concepts/services-networking/"),
    [R_ENV_SECRETREF] =
	RULE("042", SEV_LOW, "Secret passed in an environment variable",
	    "Mount the Secret as a file; environment variables leak into child "
	    "processes, crash dumps and logs.",
	    SECRET_DOCS " " K8S_DOCS "concepts/configuration/secret/"),
    [R_SA_DEPRECATED] =
	RULE("043", SEV_LOW, "Deprecated serviceAccount field used",
	    "Use spec.serviceAccountName; spec.serviceAccount is a deprecated "
	    "alias.",
	    SA_DOCS),
    [R_EMPTYDIR_MEM] =
	RULE("044", SEV_LOW, "Memory-backed emptyDir without a size limit",
	    "Set emptyDir.sizeLimit on medium: Memory volumes so writes cannot "
	    "exhaust the node's memory.",
	    VOL_DOCS "#emptydir"),
    [R_GITREPO] = RULE("045", SEV_HIGH, "gitRepo volume used",
	"Replace the deprecated gitRepo volume with an init container that "
	"clones into an emptyDir; gitRepo runs git on the node as root "
	"(CVE-2018-11235, CVE-2024-10220).",
	VOL_DOCS "#gitrepo"),
    [R_TOKEN_TTL] = RULE("046", SEV_LOW,
	"Projected service account token lives longer than a day",
	"Lower serviceAccountToken.expirationSeconds to 3600 (the default) "
	"or a few hours; the kubelet renews the token before it expires.",
	K8S_DOCS "concepts/storage/projected-volumes/"
		 "#serviceaccounttoken"),
};
const size_t cfg_k8s_nrules = R_COUNT;

_Static_assert(sizeof(cfg_k8s_rules) / sizeof(cfg_k8s_rules[0]) == R_COUNT,
    "every rule index has a rule");

/* A pod volume, for matching mounts to volumes. */
struct vinfo {
	bool host; /* a hostPath volume */
	bool full; /* 'who' was cut */
	size_t last; /* 1 + the last container added to 'who' */
	size_t n;
	char who[200]; /* "'a', 'b'": containers mounting it */
};

/* One workload being checked. */
struct wl {
	struct cfg_ctx *c;
	const struct k8s_object *o;
	const struct yaml_node *spec; /* the pod spec */
	const struct yaml_node *meta; /* the pod's metadata, or NULL */
	const struct yaml_node *spec_at; /* where pod-level absences point */
	const struct yaml_node *psc; /* pod securityContext, or NULL */
	bool windows; /* spec.os.name: windows */
	struct k8s_container *cv;
	size_t nc;
	struct map *vols; /* volume name -> struct vinfo, or NULL */
	struct vinfo *vi; /* one per spec.volumes item */
};

#define REPORT(w, r, ctr, at, ...)                                             \
	cfg_k8s_emit(                                                          \
	    (w)->c, (w)->o, &cfg_k8s_rules[r], (ctr), (at), __VA_ARGS__)

/* The key node of 'dotted' in 'n' when the whole path exists, else NULL. */
static const struct yaml_node *
key_of(const struct yaml_node *n, const char *dotted)
{
	const char *dot = strrchr(dotted, '.');

	if (dot) {
		char parent[128];
		size_t len = (size_t)(dot - dotted);

		if (len >= sizeof(parent))
			return NULL;
		memcpy(parent, dotted, len);
		parent[len] = '\0';
		n = k8s_get(n, parent);
		dotted = dot + 1;
	}
	n = yaml_resolve(n);
	if (!n || n->type != YAML_MAP)
		return NULL;
	return yaml_map_key(n, dotted);
}

static bool
is_true(const struct yaml_node *n)
{
	bool b;

	return yaml_bool(n, &b) && b;
}

static bool
is_false(const struct yaml_node *n)
{
	bool b;

	return yaml_bool(n, &b) && !b;
}

/* A scalar equal to 's' ignoring case (a bounded copy is not needed). */
static bool
scalar_case_eq(const struct yaml_node *n, const char *s)
{
	struct str v;

	return yaml_scalar(n, &v) && str_case_eq(v, str_from(s));
}

static const char *
ctr_label(const struct wl *w, const struct k8s_container *k)
{
	const char *s =
	    arena_printf(w->c->a, "container '%s' (%s)", k->name, k->field);

	return s ? s : k->field;
}

/* The "spec:" key of the pod spec, found by the spec node's identity. */
static const struct yaml_node *
spec_key(const struct k8s_object *o, const struct yaml_node *spec)
{
	const struct yaml_node *holders[4];
	size_t n = 0;

	holders[n++] = o->root;
	holders[n++] = k8s_get(o->root, "template");
	holders[n++] = k8s_get(o->root, "spec.template");
	holders[n++] = k8s_get(o->root, "spec.jobTemplate.spec.template");
	for (size_t i = 0; i < n; i++) {
		const struct yaml_pair *p = yaml_map_pair(holders[i], "spec");

		if (p && yaml_resolve(p->value) == spec)
			return p->key;
	}
	return spec;
}

/* ---- resources ---- */

static void
check_resources(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	static const struct {
		const char *path;
		int rule;
	} need[] = {
	    {"resources.requests.cpu", R_CPU_REQ},
	    {"resources.limits.cpu", R_CPU_LIM},
	    {"resources.requests.memory", R_MEM_REQ},
	    {"resources.limits.memory", R_MEM_LIM},
	};

	/* Ephemeral containers may not set resources (the API rejects
	   them), so there is nothing to ask of them. */
	if (k->ckind == K8S_EPHEMERAL_CONTAINER)
		return;
	for (size_t i = 0; i < sizeof(need) / sizeof(*need); i++) {
		const struct yaml_node *v = k8s_get(k->node, need[i].path);

		if (v && !yaml_is_null(v))
			continue;
		REPORT(w, need[i].rule, k->name, k->node, "%s: %s is not set",
		    lbl, need[i].path);
	}
}

/* ---- images ---- */

struct imgref {
	bool digest; /* has @sha256:... (any algorithm) */
	struct str tag; /* empty when absent */
};

static struct imgref
image_parse(struct str img)
{
	struct imgref r = {0};
	ssize_t at = str_find_char(img, '@');
	size_t slash = 0;

	if (at >= 0) {
		r.digest = true;
		img.len = (size_t)at;
	}
	for (size_t i = 0; i < img.len; i++)
		if (img.p[i] == '/')
			slash = i + 1;
	/* A colon before the last slash is a registry port, not a tag. */
	for (size_t i = slash; i < img.len; i++)
		if (img.p[i] == ':') {
			r.tag = str_sub(img, i + 1, img.len);
			break;
		}
	return r;
}

static void
check_image(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	const struct yaml_node *img = k8s_get(k->node, "image");
	const struct yaml_node *at = key_of(k->node, "image");
	const struct yaml_node *pol = k8s_get(k->node, "imagePullPolicy");
	const struct yaml_node *pol_at = key_of(k->node, "imagePullPolicy");
	struct str s, ps;
	struct imgref r;
	bool latest;
	const char *eff;

	if (!yaml_scalar(img, &s) || str_trim(s).len == 0) {
		REPORT(w, R_IMG_LATEST, k->name, at ? at : k->node,
		    "%s: image is not set", lbl);
		return;
	}
	s = str_trim(s);
	r = image_parse(s);
	latest = !r.digest && (r.tag.len == 0 || str_eq_cstr(r.tag, "latest"));
	if (latest)
		REPORT(w, R_IMG_LATEST, k->name, at, "%s: image '%.*s' %s", lbl,
		    STR_FMT(s),
		    r.tag.len ? "uses the tag 'latest'" : "has no tag");
	if (r.digest)
		return;
	REPORT(w, R_IMG_DIGEST, k->name, at,
	    "%s: image '%.*s' is not pinned by digest", lbl, STR_FMT(s));
	/* The default policy is Always for 'latest' or no tag, else
	   IfNotPresent (Kubernetes' defaulting). */
	if (yaml_scalar(pol, &ps) && ps.len > 0)
		eff = str_eq_cstr(ps, "Always") ? NULL : "set";
	else
		eff = latest ? NULL : "defaulted";
	if (eff)
		REPORT(w, R_IMG_PULL, k->name, pol_at ? pol_at : at,
		    "%s: image '%.*s' has a mutable tag and imagePullPolicy is "
		    "%s to '%s'",
		    lbl, STR_FMT(s), eff,
		    yaml_scalar(pol, &ps) && ps.len ? k8s_str(w->c->a, pol)
						    : "IfNotPresent");
}

/* ---- environment ---- */

static bool
contains_ci(struct str hay, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= hay.len; i++)
		if (strncasecmp(hay.p + i, needle, n) == 0)
			return true;
	return false;
}

static bool
ends_ci(struct str s, const char *suffix)
{
	size_t n = strlen(suffix);

	return s.len >= n && strncasecmp(s.p + s.len - n, suffix, n) == 0;
}

/* Does an environment variable of this name usually hold a secret? */
static bool
secret_name(struct str name)
{
	static const char *const words[] = {"PASSWORD", "PASSWD", "SECRET",
	    "TOKEN", "API_KEY", "APIKEY", "ACCESS_KEY", "PRIVATE_KEY",
	    "CREDENTIAL", "AUTH_KEY", "CLIENT_KEY", "_PASS", "PASSPHRASE"};
	/* Names that carry a reference to a secret, or a setting about
	   one, rather than the secret itself. */
	static const char *const refs[] = {"_FILE", "_PATH", "_DIR", "_NAME",
	    "_ID", "_URL", "_TTL", "_TIMEOUT", "_EXPIRY", "_ENABLED", "_LENGTH",
	    "_TYPE", "_HEADER", "_KEY_REF", "_LOCATION", "_SECONDS", "_MINUTES",
	    "_ENDPOINT"};
	bool hit = false;

	for (size_t i = 0; i < sizeof(words) / sizeof(*words) && !hit; i++)
		hit = contains_ci(name, words[i]);
	if (!hit &&
	    (str_case_eq(name, STR("PASS")) || str_case_eq(name, STR("PWD"))))
		return false;
	for (size_t i = 0; hit && i < sizeof(refs) / sizeof(*refs); i++)
		if (ends_ci(name, refs[i]))
			return false;
	return hit;
}

/* A value that could be a credential: not empty, not a number, not a
   boolean word, not only a $(VAR) reference. */
static bool
secret_value(struct str v)
{
	static const char *const words[] = {"true", "false", "yes", "no", "on",
	    "off", "none", "null", "changeme"};
	bool digits = true;

	v = str_trim(v);
	if (v.len < 4)
		return false;
	for (size_t i = 0; i < v.len && digits; i++)
		digits = v.p[i] >= '0' && v.p[i] <= '9';
	if (digits)
		return false;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (str_case_eq(v, str_from(words[i])))
			return false;
	if (v.len > 3 && v.p[0] == '$' && v.p[1] == '(' &&
	    v.p[v.len - 1] == ')' && str_find_char(v, ' ') < 0)
		return false;
	return true;
}

static void
check_env(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	const struct yaml_node *env = k8s_get(k->node, "env");
	const struct yaml_node *ef = k8s_get(k->node, "envFrom");

	for (size_t i = 0; i < yaml_seq_len(env); i++) {
		const struct yaml_node *e = yaml_seq_at(env, i);
		struct str name, val;

		if (!yaml_scalar(yaml_map_get(e, "name"), &name))
			continue;
		if (k8s_get(e, "valueFrom.secretKeyRef"))
			REPORT(w, R_ENV_SECRETREF, k->name,
			    key_of(e, "valueFrom"),
			    "%s: env[%zu] '%.*s' reads a Secret through "
			    "valueFrom.secretKeyRef",
			    lbl, i, STR_FMT(name));
		if (!yaml_scalar(yaml_map_get(e, "value"), &val) ||
		    !secret_name(name) || !secret_value(val))
			continue;
		REPORT(w, R_ENV_SECRET, k->name, key_of(e, "value"),
		    "%s: env[%zu] '%.*s' has a literal value (%zu characters) "
		    "that looks like a secret",
		    lbl, i, STR_FMT(name), str_trim(val).len);
	}
	for (size_t i = 0; i < yaml_seq_len(ef); i++) {
		const struct yaml_node *e = yaml_seq_at(ef, i);

		if (yaml_map_get(e, "secretRef"))
			REPORT(w, R_ENV_SECRETREF, k->name,
			    key_of(e, "secretRef"),
			    "%s: envFrom[%zu] imports Secret '%s' into the "
			    "environment",
			    lbl, i,
			    k8s_str(w->c->a, k8s_get(e, "secretRef.name")));
	}
}

/* ---- security context ---- */

/* A securityContext field: the container's, else the pod's (for fields
   both carry). *where gets the key to point at, *from "container" or
   "pod". */
static const struct yaml_node *
sc_field(const struct wl *w, const struct k8s_container *k, const char *f,
    const struct yaml_node **where, const char **from)
{
	char path[96];
	const struct yaml_node *v;

	if (snprintf(path, sizeof(path), "securityContext.%s", f) >=
	    (int)sizeof(path))
		return NULL;
	v = k8s_get(k->node, path);
	if (v && !yaml_is_null(v)) {
		*where = key_of(k->node, path);
		*from = "securityContext";
		return v;
	}
	v = k8s_get(w->psc, f);
	if (v && !yaml_is_null(v)) {
		*where = key_of(w->psc, f);
		*from = "pod securityContext";
		return v;
	}
	*where = k->node;
	*from = NULL;
	return NULL;
}

static void
check_ids(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	static const struct {
		const char *field;
		int low, root;
	} ids[] = {
	    {"runAsUser", R_UID_LOW, R_UID_ROOT},
	    {"runAsGroup", R_GID_LOW, R_GID_ROOT},
	};

	for (size_t i = 0; i < 2; i++) {
		const struct yaml_node *at;
		const char *from;
		const struct yaml_node *v =
		    sc_field(w, k, ids[i].field, &at, &from);
		int64_t id;

		if (!v) {
			REPORT(w, ids[i].low, k->name, at,
			    "%s: %s is not set (the image decides, often root)",
			    lbl, ids[i].field);
			continue;
		}
		if (!yaml_int(v, &id))
			continue;
		if (id == 0)
			REPORT(w, ids[i].root, k->name, at, "%s: %s.%s is 0",
			    lbl, from, ids[i].field);
		else if (id < 10000)
			REPORT(w, ids[i].low, k->name, at,
			    "%s: %s.%s is %lld, below 10000", lbl, from,
			    ids[i].field, (long long)id);
	}
}

static void
check_caps(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	static const char *const bad[] = {"ALL", "SYS_ADMIN", "SYS_MODULE",
	    "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT", "SYS_TIME",
	    "DAC_READ_SEARCH", "NET_ADMIN", "NET_RAW", "BPF", "PERFMON",
	    "MAC_ADMIN", "MAC_OVERRIDE", "SYSLOG", "SETFCAP", "LINUX_IMMUTABLE",
	    "AUDIT_CONTROL", "SYS_RESOURCE", "IPC_LOCK"};
	const struct yaml_node *add =
	    k8s_get(k->node, "securityContext.capabilities.add");
	const struct yaml_node *drop =
	    k8s_get(k->node, "securityContext.capabilities.drop");
	const struct yaml_node *at;
	bool all = false, raw = false;

	for (size_t i = 0; i < yaml_seq_len(add); i++) {
		const struct yaml_node *it = yaml_seq_at(add, i);
		struct str cap;

		if (!yaml_scalar(it, &cap))
			continue;
		if (cap.len > 4 && strncasecmp(cap.p, "CAP_", 4) == 0)
			cap = str_sub(cap, 4, cap.len);
		for (size_t j = 0; j < sizeof(bad) / sizeof(*bad); j++) {
			struct config_finding *f;

			if (!str_case_eq(cap, str_from(bad[j])))
				continue;
			f = REPORT(w, R_CAP_ADD, k->name, it,
			    "%s: securityContext.capabilities.add has %s", lbl,
			    bad[j]);
			if (f && j < 2)
				f->severity = SEV_CRITICAL;
			break;
		}
	}
	for (size_t i = 0; i < yaml_seq_len(drop); i++) {
		const struct yaml_node *it = yaml_seq_at(drop, i);

		all = all || scalar_case_eq(it, "ALL");
		raw = raw || scalar_case_eq(it, "NET_RAW") ||
		    scalar_case_eq(it, "CAP_NET_RAW");
	}
	if (all)
		return;
	at = key_of(k->node, "securityContext.capabilities.drop");
	if (!at)
		at = key_of(k->node, "securityContext.capabilities");
	REPORT(w, R_CAP_DROP, k->name, at ? at : k->node,
	    "%s: securityContext.capabilities.drop does not include ALL%s", lbl,
	    raw ? "" : " (NET_RAW is kept)");
}

static void
check_seccomp(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	const struct yaml_node *at;
	const char *from;
	const struct yaml_node *v =
	    sc_field(w, k, "seccompProfile", &at, &from);
	const struct yaml_node *ann = k8s_get(w->meta, "annotations");
	struct str t;

	if (v) {
		const struct yaml_node *type = yaml_map_get(v, "type");

		if (scalar_case_eq(type, "Unconfined"))
			REPORT(w, R_SECCOMP, k->name, type,
			    "%s: %s.seccompProfile.type is Unconfined", lbl,
			    from);
		return;
	}
	/* The annotations that preceded the field (ignored by the kubelet
	   since 1.27, still honoured by older clusters). */
	if (ann && ann->type == YAML_MAP) {
		char key[320];
		const struct yaml_node *a = NULL;

		if (snprintf(key, sizeof(key),
			"container.seccomp.security.alpha.kubernetes.io/%s",
			k->name) < (int)sizeof(key))
			a = yaml_map_get(ann, key);
		if (!a)
			a = yaml_map_get(ann,
			    "seccomp.security.alpha."
			    "kubernetes.io/pod");
		if (yaml_scalar(a, &t)) {
			if (str_case_eq(t, STR("unconfined")))
				REPORT(w, R_SECCOMP, k->name, a,
				    "%s: the seccomp annotation says "
				    "'unconfined'",
				    lbl);
			return;
		}
	}
	REPORT(w, R_SECCOMP, k->name, k->node,
	    "%s: securityContext.seccompProfile is not set in the container "
	    "or the pod",
	    lbl);
}

static void
check_sc(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	const struct yaml_node *sc = k8s_get(k->node, "securityContext");
	const struct yaml_node *v, *at;
	struct str s;

	if (is_true(yaml_map_get(sc, "privileged")))
		REPORT(w, R_PRIVILEGED, k->name, key_of(sc, "privileged"),
		    "%s: securityContext.privileged is true", lbl);
	/* The rest are Linux controls that Windows containers lack (the
	   API rejects most of them there, and Pod Security exempts them). */
	if (w->windows)
		return;
	v = yaml_map_get(sc, "allowPrivilegeEscalation");
	if (!is_false(v)) {
		at = key_of(sc, "allowPrivilegeEscalation");
		REPORT(w, R_PRIV_ESC, k->name, at ? at : k->node,
		    "%s: securityContext.allowPrivilegeEscalation is %s", lbl,
		    at ? "not false" : "not set (it defaults to true)");
	}
	v = yaml_map_get(sc, "readOnlyRootFilesystem");
	if (!is_true(v)) {
		at = key_of(sc, "readOnlyRootFilesystem");
		REPORT(w, R_RO_ROOTFS, k->name, at ? at : k->node,
		    "%s: securityContext.readOnlyRootFilesystem is %s", lbl,
		    at ? "not true" : "not set");
	}
	v = yaml_map_get(sc, "procMount");
	if (yaml_scalar(v, &s) && s.len > 0 && !str_eq_cstr(s, "Default"))
		REPORT(w, R_PROC_MOUNT, k->name, key_of(sc, "procMount"),
		    "%s: securityContext.procMount is '%.*s'", lbl, STR_FMT(s));
	check_ids(w, k, lbl);
	check_caps(w, k, lbl);
	check_seccomp(w, k, lbl);
}

/* ---- ports, probes ---- */

static void
check_ports(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	const struct yaml_node *ports = k8s_get(k->node, "ports");

	for (size_t i = 0; i < yaml_seq_len(ports); i++) {
		const struct yaml_node *p = yaml_seq_at(ports, i);
		int64_t port;

		if (yaml_int(yaml_map_get(p, "hostPort"), &port) && port != 0)
			REPORT(w, R_HOST_PORT, k->name, key_of(p, "hostPort"),
			    "%s: ports[%zu].hostPort is %lld", lbl, i,
			    (long long)port);
		if (!yaml_int(yaml_map_get(p, "containerPort"), &port))
			continue;
		if (port == 22)
			REPORT(w, R_SSH_PORT, k->name,
			    key_of(p, "containerPort"),
			    "%s: ports[%zu].containerPort is 22 (SSH)", lbl, i);
		else if (port > 0 && port < 1024)
			REPORT(w, R_PRIV_PORT, k->name,
			    key_of(p, "containerPort"),
			    "%s: ports[%zu].containerPort is %lld, below 1024",
			    lbl, i, (long long)port);
	}
}

static bool
run_to_completion(const struct k8s_object *o)
{
	return strcmp(o->kind, "Job") == 0 || strcmp(o->kind, "CronJob") == 0;
}

static void
check_probes(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	/* Probes belong to long-running containers: regular ones, and init
	   containers that are sidecars (restartPolicy: Always). Jobs run to
	   completion and are not probed for readiness. */
	if (run_to_completion(w->o) || k->ckind == K8S_EPHEMERAL_CONTAINER)
		return;
	if (k->ckind == K8S_INIT_CONTAINER &&
	    !yaml_scalar_eq(yaml_map_get(k->node, "restartPolicy"), "Always"))
		return;
	if (!yaml_map_get(k->node, "livenessProbe"))
		REPORT(w, R_LIVENESS, k->name, k->node,
		    "%s: livenessProbe is not set", lbl);
	if (!yaml_map_get(k->node, "readinessProbe"))
		REPORT(w, R_READINESS, k->name, k->node,
		    "%s: readinessProbe is not set", lbl);
}

/* ---- volumes ---- */

/* Lexically normalise an absolute path into buf ("//a/./b/../c/" gives
   "/a/c"); false when it does not fit. */
static bool
path_clean(struct str p, char *buf, size_t cap)
{
	size_t n = 0;

	if (cap < 2)
		return false;
	buf[n++] = '/';
	while (p.len > 0) {
		struct str comp;

		if (!str_cut(&p, '/', &comp))
			p = STR_NULL;
		if (comp.len == 0 || str_eq_cstr(comp, "."))
			continue;
		if (str_eq_cstr(comp, "..")) {
			while (n > 1 && buf[n - 1] != '/')
				n--;
			if (n > 1)
				n--;
			continue;
		}
		if (n + comp.len + 2 > cap)
			return false;
		if (n > 1)
			buf[n++] = '/';
		memcpy(buf + n, comp.p, comp.len);
		n += comp.len;
	}
	buf[n] = '\0';
	return true;
}

static bool
under(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(p, dir, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

/* 1: a container runtime socket (or its directory), 2: another
   sensitive host path, 0: neither. */
static int
host_path_class(const char *p)
{
	static const char *const socks[] = {"docker.sock", "containerd.sock",
	    "crio.sock", "dockershim.sock", "cri-dockerd.sock", "podman.sock",
	    "kata.sock"};
	static const char *const sockdirs[] = {"/var/run/docker", "/run/docker",
	    "/var/run/containerd", "/run/containerd", "/var/run/crio",
	    "/run/crio", "/var/lib/docker", "/var/lib/containerd"};
	static const char *const trees[] = {"/proc", "/sys", "/etc", "/root",
	    "/var/lib/kubelet", "/dev", "/boot", "/etc/kubernetes",
	    "/var/lib/etcd", "/home"};
	static const char *const exact[] = {"/", "/var", "/var/run", "/run",
	    "/usr", "/lib", "/lib64", "/bin", "/sbin", "/var/log", "/opt"};
	const char *base = strrchr(p, '/');

	base = base ? base + 1 : p;
	for (size_t i = 0; i < sizeof(socks) / sizeof(*socks); i++)
		if (strcmp(base, socks[i]) == 0)
			return 1;
	for (size_t i = 0; i < sizeof(sockdirs) / sizeof(*sockdirs); i++)
		if (under(p, sockdirs[i]))
			return 1;
	for (size_t i = 0; i < sizeof(trees) / sizeof(*trees); i++)
		if (under(p, trees[i]))
			return 2;
	for (size_t i = 0; i < sizeof(exact) / sizeof(*exact); i++)
		if (strcmp(p, exact[i]) == 0)
			return 2;
	return 0;
}

/*
 * The pod's volumes by name, and for each hostPath volume the containers
 * that mount it (for messages). Built once per pod so that mounts and
 * volumes are matched in linear time however many there are.
 */
static void
index_volumes(struct wl *w)
{
	const struct yaml_node *vols = yaml_map_get(w->spec, "volumes");
	size_t nv = yaml_seq_len(vols);

	if (nv == 0)
		return;
	w->vols = map_new();
	w->vi = arena_calloc(w->c->a, nv, sizeof(*w->vi));
	for (size_t i = 0; i < nv; i++) {
		const struct yaml_node *v = yaml_seq_at(vols, i);
		struct str name;

		w->vi[i].host = yaml_map_get(v, "hostPath") != NULL;
		if (yaml_scalar(yaml_map_get(v, "name"), &name))
			(void)map_put(w->vols, name, &w->vi[i]);
	}
	for (size_t i = 0; i < w->nc; i++) {
		const struct yaml_node *vm =
		    k8s_get(w->cv[i].node, "volumeMounts");

		for (size_t j = 0; j < yaml_seq_len(vm); j++) {
			struct vinfo *vi;
			struct str name;
			int r;

			if (!yaml_scalar(
				yaml_map_get(yaml_seq_at(vm, j), "name"),
				&name) ||
			    !(vi = map_get(w->vols, name)) || !vi->host ||
			    vi->last == i + 1 || vi->full)
				continue;
			vi->last = i + 1;
			r = snprintf(vi->who + vi->n, sizeof(vi->who) - vi->n,
			    "%s'%s'", vi->n ? ", " : "", w->cv[i].name);
			if (r < 0 || (size_t)r >= sizeof(vi->who) - vi->n) {
				vi->who[vi->n] = '\0';
				vi->full = true;
				continue;
			}
			vi->n += (size_t)r;
		}
	}
}

static const char *
mounters(struct wl *w, size_t i)
{
	const struct vinfo *vi = &w->vi[i];

	if (vi->n == 0)
		return "not mounted by any container";
	return arena_printf(
	    w->c->a, "mounted by %s%s", vi->who, vi->full ? ", ..." : "");
}

/* Projected service account tokens valid for more than a day. */
static void
check_projected(
    struct wl *w, const struct yaml_node *v, size_t i, struct str name)
{
	const struct yaml_node *srcs = k8s_get(v, "projected.sources");

	for (size_t j = 0; j < yaml_seq_len(srcs); j++) {
		const struct yaml_node *tok =
		    yaml_map_get(yaml_seq_at(srcs, j), "serviceAccountToken");
		int64_t secs;

		if (!yaml_int(yaml_map_get(tok, "expirationSeconds"), &secs) ||
		    secs <= 86400)
			continue;
		REPORT(w, R_TOKEN_TTL, NULL, key_of(tok, "expirationSeconds"),
		    "volumes[%zu] '%.*s': projected.sources[%zu]."
		    "serviceAccountToken.expirationSeconds is %lld (over a "
		    "day)",
		    i, STR_FMT(name), j, (long long)secs);
	}
}

static void
check_volumes(struct wl *w)
{
	const struct yaml_node *vols = yaml_map_get(w->spec, "volumes");

	for (size_t i = 0; i < yaml_seq_len(vols); i++) {
		const struct yaml_node *v = yaml_seq_at(vols, i);
		const struct yaml_node *hp = k8s_get(v, "hostPath.path");
		struct str name, p;
		char clean[512];
		int cls;

		if (!yaml_scalar(yaml_map_get(v, "name"), &name))
			name = STR("");
		if (yaml_map_get(v, "gitRepo"))
			REPORT(w, R_GITREPO, NULL, key_of(v, "gitRepo"),
			    "volumes[%zu] '%.*s' is a gitRepo volume", i,
			    STR_FMT(name));
		if (scalar_case_eq(k8s_get(v, "emptyDir.medium"), "Memory") &&
		    !k8s_get(v, "emptyDir.sizeLimit"))
			REPORT(w, R_EMPTYDIR_MEM, NULL, key_of(v, "emptyDir"),
			    "volumes[%zu] '%.*s' is a memory-backed emptyDir "
			    "without sizeLimit",
			    i, STR_FMT(name));
		check_projected(w, v, i, name);
		if (!yaml_scalar(hp, &p))
			continue;
		if (!path_clean(p, clean, sizeof(clean)))
			continue;
		cls = host_path_class(clean);
		if (cls == 0)
			continue;
		REPORT(w, cls == 1 ? R_HOST_SOCK : R_HOST_SENSITIVE, NULL,
		    key_of(v, "hostPath.path"),
		    "volumes[%zu] '%.*s' mounts host path '%.*s' (%s)", i,
		    STR_FMT(name), STR_FMT(p), mounters(w, i));
	}
}

/* Is the pod volume 'name' a hostPath volume? */
static bool
is_host_volume(const struct wl *w, struct str name)
{
	const struct vinfo *vi = w->vols ? map_get(w->vols, name) : NULL;

	return vi && vi->host;
}

static bool
has_dotdot(struct str s)
{
	while (s.len > 0) {
		struct str comp;

		if (!str_cut(&s, '/', &comp))
			s = STR_NULL;
		if (str_eq_cstr(comp, ".."))
			return true;
	}
	return false;
}

static void
check_mounts(struct wl *w, const struct k8s_container *k, const char *lbl)
{
	const struct yaml_node *vm = k8s_get(k->node, "volumeMounts");

	for (size_t i = 0; i < yaml_seq_len(vm); i++) {
		const struct yaml_node *m = yaml_seq_at(vm, i);
		struct str name, s;
		char clean[512];

		if (yaml_scalar(yaml_map_get(m, "subPath"), &s) &&
		    has_dotdot(s))
			REPORT(w, R_SUBPATH, k->name, key_of(m, "subPath"),
			    "%s: volumeMounts[%zu].subPath '%.*s' contains "
			    "'..'",
			    lbl, i, STR_FMT(s));
		if (yaml_scalar(yaml_map_get(m, "subPathExpr"), &s) &&
		    has_dotdot(s))
			REPORT(w, R_SUBPATH, k->name, key_of(m, "subPathExpr"),
			    "%s: volumeMounts[%zu].subPathExpr '%.*s' contains "
			    "'..'",
			    lbl, i, STR_FMT(s));
		if (yaml_scalar(yaml_map_get(m, "mountPath"), &s) &&
		    path_clean(s, clean, sizeof(clean)) &&
		    strcmp(clean, "/") == 0)
			REPORT(w, R_SUBPATH, k->name, key_of(m, "mountPath"),
			    "%s: volumeMounts[%zu].mountPath '%.*s' mounts a "
			    "volume over the root filesystem",
			    lbl, i, STR_FMT(s));
		if (!yaml_scalar(yaml_map_get(m, "name"), &name) ||
		    !is_host_volume(w, name) ||
		    is_true(yaml_map_get(m, "readOnly")))
			continue;
		REPORT(w, R_HOST_WRITABLE, k->name, key_of(m, "name"),
		    "%s: volumeMounts[%zu] mounts hostPath volume '%.*s' "
		    "without readOnly: true",
		    lbl, i, STR_FMT(name));
	}
}

/* ---- pod level ---- */

static void
pod_flag(struct wl *w, const char *field, int rule)
{
	if (is_true(yaml_map_get(w->spec, field)))
		REPORT(w, rule, NULL, key_of(w->spec, field), "spec.%s is true",
		    field);
}

/* Sysctls Kubernetes deems safe (namespaced and isolated), as of the
   newest release; the version-exact list is Pod Security's business. */
static bool
safe_sysctl(struct str s)
{
	static const char *const safe[] = {"kernel.shm_rmid_forced",
	    "net.ipv4.ip_local_port_range",
	    "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
	    "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
	    "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
	    "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
	    "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"};

	for (size_t i = 0; i < sizeof(safe) / sizeof(*safe); i++)
		if (str_eq_cstr(s, safe[i]))
			return true;
	return false;
}

static void
check_pod_sc(struct wl *w)
{
	const struct yaml_node *sysctls = yaml_map_get(w->psc, "sysctls");
	const struct yaml_node *sg = yaml_map_get(w->psc, "supplementalGroups");
	int64_t id;

	for (size_t i = 0; i < yaml_seq_len(sysctls); i++) {
		const struct yaml_node *s = yaml_seq_at(sysctls, i);
		struct str name;

		if (yaml_scalar(yaml_map_get(s, "name"), &name) &&
		    !safe_sysctl(name))
			REPORT(w, R_SYSCTL, NULL, key_of(s, "name"),
			    "securityContext.sysctls[%zu] sets '%.*s', which "
			    "is not a safe sysctl",
			    i, STR_FMT(name));
	}
	if (yaml_int(yaml_map_get(w->psc, "fsGroup"), &id) && id == 0)
		REPORT(w, R_GID_ROOT, NULL, key_of(w->psc, "fsGroup"),
		    "pod securityContext.fsGroup is 0");
	for (size_t i = 0; i < yaml_seq_len(sg); i++)
		if (yaml_int(yaml_seq_at(sg, i), &id) && id == 0)
			REPORT(w, R_GID_ROOT, NULL, yaml_seq_at(sg, i),
			    "pod securityContext.supplementalGroups[%zu] is 0",
			    i);
}

static void
check_pod(struct wl *w)
{
	const struct yaml_node *v;
	struct str s;

	v = yaml_map_get(w->spec, "automountServiceAccountToken");
	if (!is_false(v))
		REPORT(w, R_SA_TOKEN, NULL,
		    v ? key_of(w->spec, "automountServiceAccountToken")
		      : w->spec_at,
		    "spec.automountServiceAccountToken is %s",
		    v ? "not false" : "not set (the token is mounted)");
	v = yaml_map_get(w->spec, "serviceAccountName");
	if (!yaml_scalar(v, &s) || s.len == 0)
		v = yaml_map_get(w->spec, "serviceAccount");
	if (!yaml_scalar(v, &s) || s.len == 0)
		REPORT(w, R_SA_DEFAULT, NULL, w->spec_at,
		    "spec.serviceAccountName is not set, so the pod runs as "
		    "'default'");
	else if (str_eq_cstr(s, "default"))
		REPORT(w, R_SA_DEFAULT, NULL,
		    key_of(w->spec,
			yaml_map_get(w->spec, "serviceAccountName")
			    ? "serviceAccountName"
			    : "serviceAccount"),
		    "the pod runs as service account 'default'");
	if (yaml_map_get(w->spec, "serviceAccount"))
		REPORT(w, R_SA_DEPRECATED, NULL,
		    key_of(w->spec, "serviceAccount"),
		    "spec.serviceAccount is deprecated");
	pod_flag(w, "hostNetwork", R_HOST_NET);
	pod_flag(w, "hostPID", R_HOST_PID);
	pod_flag(w, "hostIPC", R_HOST_IPC);
	pod_flag(w, "shareProcessNamespace", R_SHARE_PID);
	if (yaml_seq_len(yaml_map_get(w->spec, "hostAliases")) > 0)
		REPORT(w, R_HOST_ALIASES, NULL, key_of(w->spec, "hostAliases"),
		    "spec.hostAliases adds %zu /etc/hosts entries",
		    yaml_seq_len(yaml_map_get(w->spec, "hostAliases")));
	check_pod_sc(w);
	check_volumes(w);
}

/* ---- the object ---- */

static void
check_object(struct wl *w)
{
	const struct k8s_object *o = w->o;
	const struct yaml_node *meta = yaml_map_get(o->root, "metadata");
	const struct yaml_node *v;
	int64_t n;

	if (!o->ns || !*o->ns)
		REPORT(w, R_NS_MISSING, NULL, key_of(o->root, "metadata"),
		    "%s has no metadata.namespace", o->kind);
	else if (strcmp(o->ns, "default") == 0)
		REPORT(w, R_NS_DEFAULT, NULL, key_of(meta, "namespace"),
		    "%s is in namespace 'default'", o->kind);
	else if (strcmp(o->ns, "kube-system") == 0)
		REPORT(w, R_NS_SYSTEM, NULL, key_of(meta, "namespace"),
		    "%s is in namespace 'kube-system'", o->kind);
	if (strcmp(o->kind, "CronJob") == 0) {
		v = k8s_get(o->root, "spec.concurrencyPolicy");
		if (!yaml_scalar_eq(v, "Forbid") &&
		    !yaml_scalar_eq(v, "Replace"))
			REPORT(w, R_CRON_CONCURRENCY, NULL,
			    v ? key_of(o->root, "spec.concurrencyPolicy")
			      : key_of(o->root, "spec"),
			    "spec.concurrencyPolicy is %s",
			    v ? "Allow" : "not set (Allow)");
	}
	/* An absent replicas count is not reported: an autoscaler often
	   owns it. */
	if ((strcmp(o->kind, "Deployment") == 0 ||
		strcmp(o->kind, "StatefulSet") == 0 ||
		strcmp(o->kind, "ReplicaSet") == 0 ||
		strcmp(o->kind, "ReplicationController") == 0) &&
	    yaml_int(k8s_get(o->root, "spec.replicas"), &n) && n < 2)
		REPORT(w, R_REPLICAS, NULL, key_of(o->root, "spec.replicas"),
		    "spec.replicas is %lld", (long long)n);
}

void
cfg_k8s_check(struct cfg_ctx *c, const struct k8s_object *o)
{
	struct wl w = {.c = c, .o = o};

	if (!cfg_family_on(c, CHECKS_K8S))
		return;
	w.spec = k8s_pod_spec(o, &w.meta);
	if (!w.spec)
		return;
	w.spec_at = spec_key(o, w.spec);
	w.psc = k8s_get(w.spec, "securityContext");
	w.windows = yaml_scalar_eq(k8s_get(w.spec, "os.name"), "windows");
	w.nc = k8s_containers(c->a, w.spec, &w.cv);
	index_volumes(&w);
	check_object(&w);
	check_pod(&w);
	for (size_t i = 0; i < w.nc; i++) {
		const struct k8s_container *k = &w.cv[i];
		const char *lbl = ctr_label(&w, k);

		check_resources(&w, k, lbl);
		check_image(&w, k, lbl);
		check_env(&w, k, lbl);
		check_sc(&w, k, lbl);
		check_ports(&w, k, lbl);
		check_probes(&w, k, lbl);
		check_mounts(&w, k, lbl);
	}
	map_free(w.vols);
}
