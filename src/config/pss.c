/*
 * Pod Security Standards (PSS-*): the baseline and restricted levels as
 * the Kubernetes PodSecurity admission (k8s.io/pod-security-admission,
 * package policy) evaluates them, for every policy version from v1.0 to
 * the newest one the admission defines (PSS_MINOR_MAX).
 *
 * How PSA picks the checks for a level and version, and how ward follows:
 *   - Each check has one or more definitions, each from a minimum policy
 *     version. For version v the newest definition at or below v applies;
 *     below a check's first definition the check does not run at all.
 *   - Versions above the newest minimum version of any check (and
 *     "latest") are evaluated as that newest version.
 *   - Restricted runs every baseline check except those a restricted
 *     check in force at that version overrides, plus the restricted
 *     checks.
 *   - Results come out baseline checks first, then restricted, each group
 *     sorted by check id; each failing check gives one finding with PSA's
 *     forbidden reason and detail: "reason (detail)".
 *
 * Definitions that upstream amended in place (the AppArmor fields, the
 * "image" volume type) apply at every version, as in a current PSA.
 *
 * The pod is read the way the API server's decoder would read it: a field
 * that is null is absent; a field of the wrong type (a quoted "true", a
 * mapping where a string belongs) would make the API server reject the
 * object, and is treated here as absent.
 *
 * Nothing is allocated for a pod that passes; a failing check allocates
 * its message and the lists that feed it.
 */

#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/yaml.h"

/* The newest policy version with a definition of its own: sysctls 1.37. */
#define PSS_MINOR_MAX 37u

#define REF_PSS                                                                \
	"https://kubernetes.io/docs/concepts/security/pod-security-standards/"

/* Indexes into cfg_pss_rules[]: baseline then restricted, each sorted by
   PSA check id (Go string order), which is the order PSA reports in. */
enum {
	B_APPARMOR, /* appArmorProfile */
	B_CAPABILITIES, /* capabilities_baseline */
	B_HOSTNAMESPACES, /* hostNamespaces */
	B_HOSTPATHVOLUMES, /* hostPathVolumes */
	B_HOSTPORTS, /* hostPorts */
	B_HOSTPROBES, /* hostProbesAndHostLifecycle */
	B_PRIVILEGED, /* privileged */
	B_PROCMOUNT, /* procMount */
	B_SELINUX, /* seLinuxOptions */
	B_SECCOMP, /* seccompProfile_baseline */
	B_SYSCTLS, /* sysctls */
	B_WINDOWSHOSTPROCESS, /* windowsHostProcess */
	R_ALLOWPRIVILEGEESCALATION, /* allowPrivilegeEscalation */
	R_CAPABILITIES, /* capabilities_restricted */
	R_PROCMOUNT, /* procMount_restricted */
	R_RESTRICTEDVOLUMES, /* restrictedVolumes */
	R_RUNASNONROOT, /* runAsNonRoot */
	R_RUNASUSER, /* runAsUser */
	R_SECCOMP, /* seccompProfile_restricted */
	PSS_NRULES,
};

const struct config_rule cfg_pss_rules[] = {
    [B_APPARMOR] = {"PSS-BASELINE-APPARMORPROFILE", CHECKS_PSS, SEV_HIGH,
	"AppArmor profile overridden or disabled (Pod Security baseline)",
	"Leave appArmorProfile unset or use RuntimeDefault or Localhost; do "
	"not set container.apparmor.security.beta.kubernetes.io annotations "
	"to unconfined.",
	REF_PSS "#baseline"},
    [B_CAPABILITIES] = {"PSS-BASELINE-CAPABILITIES", CHECKS_PSS, SEV_HIGH,
	"Capabilities added beyond the default set (Pod Security baseline)",
	"Add only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, "
	"MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID or "
	"SYS_CHROOT in securityContext.capabilities.add.",
	REF_PSS "#baseline"},
    [B_HOSTNAMESPACES] = {"PSS-BASELINE-HOSTNAMESPACES", CHECKS_PSS, SEV_HIGH,
	"Host namespaces shared (Pod Security baseline)",
	"Remove hostNetwork, hostPID and hostIPC, or set them to false.",
	REF_PSS "#baseline"},
    [B_HOSTPATHVOLUMES] = {"PSS-BASELINE-HOSTPATHVOLUMES", CHECKS_PSS,
	SEV_CRITICAL, "hostPath volume (Pod Security baseline)",
	"Replace hostPath volumes with emptyDir, configMap, secret or a "
	"PersistentVolumeClaim.",
	REF_PSS "#baseline"},
    [B_HOSTPORTS] = {"PSS-BASELINE-HOSTPORTS", CHECKS_PSS, SEV_HIGH,
	"Host port (Pod Security baseline)",
	"Remove hostPort from the container ports; expose the pod through a "
	"Service instead.",
	REF_PSS "#baseline"},
    [B_HOSTPROBES] = {"PSS-BASELINE-HOSTPROBESANDHOSTLIFECYCLE", CHECKS_PSS,
	SEV_HIGH,
	"Probe or lifecycle hook aimed at another host (Pod Security "
	"baseline)",
	"Remove the host field from httpGet and tcpSocket probes and "
	"lifecycle handlers, so they reach the pod itself.",
	REF_PSS "#baseline"},
    [B_PRIVILEGED] = {"PSS-BASELINE-PRIVILEGED", CHECKS_PSS, SEV_CRITICAL,
	"Privileged container (Pod Security baseline)",
	"Remove securityContext.privileged or set it to false.",
	REF_PSS "#baseline"},
    [B_PROCMOUNT] = {"PSS-BASELINE-PROCMOUNT", CHECKS_PSS, SEV_HIGH,
	"Unmasked /proc (Pod Security baseline)",
	"Remove securityContext.procMount or set it to Default.",
	REF_PSS "#baseline"},
    [B_SELINUX] = {"PSS-BASELINE-SELINUXOPTIONS", CHECKS_PSS, SEV_HIGH,
	"Custom SELinux options (Pod Security baseline)",
	"Leave seLinuxOptions.user and .role unset, and the type unset or "
	"one of container_t, container_init_t, container_kvm_t, "
	"container_engine_t.",
	REF_PSS "#baseline"},
    [B_SECCOMP] = {"PSS-BASELINE-SECCOMPPROFILE", CHECKS_PSS, SEV_HIGH,
	"Seccomp disabled (Pod Security baseline)",
	"Do not set the seccomp profile to Unconfined; use RuntimeDefault or "
	"Localhost.",
	REF_PSS "#baseline"},
    [B_SYSCTLS] = {"PSS-BASELINE-SYSCTLS", CHECKS_PSS, SEV_HIGH,
	"Unsafe sysctl (Pod Security baseline)",
	"Set only the namespaced sysctls the baseline level allows in "
	"spec.securityContext.sysctls.",
	REF_PSS "#baseline"},
    [B_WINDOWSHOSTPROCESS] = {"PSS-BASELINE-WINDOWSHOSTPROCESS", CHECKS_PSS,
	SEV_CRITICAL, "Windows HostProcess container (Pod Security baseline)",
	"Remove securityContext.windowsOptions.hostProcess or set it to "
	"false.",
	REF_PSS "#baseline"},
    [R_ALLOWPRIVILEGEESCALATION] = {"PSS-RESTRICTED-ALLOWPRIVILEGEESCALATION",
	CHECKS_PSS, SEV_MEDIUM,
	"Privilege escalation allowed (Pod Security restricted)",
	"Set securityContext.allowPrivilegeEscalation: false on every "
	"container.",
	REF_PSS "#restricted"},
    [R_CAPABILITIES] = {"PSS-RESTRICTED-CAPABILITIES", CHECKS_PSS, SEV_MEDIUM,
	"Capabilities not dropped (Pod Security restricted)",
	"Set securityContext.capabilities.drop: [\"ALL\"] on every container "
	"and add back at most NET_BIND_SERVICE.",
	REF_PSS "#restricted"},
    [R_PROCMOUNT] = {"PSS-RESTRICTED-PROCMOUNT", CHECKS_PSS, SEV_MEDIUM,
	"Unmasked /proc (Pod Security restricted)",
	"Remove securityContext.procMount or set it to Default, even in a "
	"user namespace.",
	REF_PSS "#restricted"},
    [R_RESTRICTEDVOLUMES] = {"PSS-RESTRICTED-RESTRICTEDVOLUMES", CHECKS_PSS,
	SEV_MEDIUM, "Volume type not allowed (Pod Security restricted)",
	"Use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, "
	"persistentVolumeClaim, projected or secret volumes.",
	REF_PSS "#restricted"},
    [R_RUNASNONROOT] = {"PSS-RESTRICTED-RUNASNONROOT", CHECKS_PSS, SEV_MEDIUM,
	"May run as root (Pod Security restricted)",
	"Set securityContext.runAsNonRoot: true on the pod or on every "
	"container.",
	REF_PSS "#restricted"},
    [R_RUNASUSER] = {"PSS-RESTRICTED-RUNASUSER", CHECKS_PSS, SEV_MEDIUM,
	"Runs as UID 0 (Pod Security restricted)",
	"Do not set runAsUser to 0; use a non-zero UID.",
	REF_PSS "#restricted"},
    [R_SECCOMP] = {"PSS-RESTRICTED-SECCOMPPROFILE", CHECKS_PSS, SEV_MEDIUM,
	"Seccomp profile not set (Pod Security restricted)",
	"Set securityContext.seccompProfile.type to RuntimeDefault or "
	"Localhost on the pod or on every container.",
	REF_PSS "#restricted"},
};
const size_t cfg_pss_nrules = PSS_NRULES;

/*
 * Which checks exist at which level and version. 'since' is the check's
 * first minimum version; 'over' is the baseline check a restricted check
 * replaces (-1 for none) while it is in force.
 */
static const struct {
	enum pss_level level;
	uint32_t since;
	int over;
} checks[PSS_NRULES] = {
    [B_APPARMOR] = {PSS_BASELINE, 0, -1},
    [B_CAPABILITIES] = {PSS_BASELINE, 0, -1},
    [B_HOSTNAMESPACES] = {PSS_BASELINE, 0, -1},
    [B_HOSTPATHVOLUMES] = {PSS_BASELINE, 0, -1},
    [B_HOSTPORTS] = {PSS_BASELINE, 0, -1},
    [B_HOSTPROBES] = {PSS_BASELINE, 34, -1},
    [B_PRIVILEGED] = {PSS_BASELINE, 0, -1},
    [B_PROCMOUNT] = {PSS_BASELINE, 0, -1},
    [B_SELINUX] = {PSS_BASELINE, 0, -1},
    [B_SECCOMP] = {PSS_BASELINE, 0, -1},
    [B_SYSCTLS] = {PSS_BASELINE, 0, -1},
    [B_WINDOWSHOSTPROCESS] = {PSS_BASELINE, 0, -1},
    [R_ALLOWPRIVILEGEESCALATION] = {PSS_RESTRICTED, 8, -1},
    [R_CAPABILITIES] = {PSS_RESTRICTED, 22, B_CAPABILITIES},
    [R_PROCMOUNT] = {PSS_RESTRICTED, 35, B_PROCMOUNT},
    [R_RESTRICTEDVOLUMES] = {PSS_RESTRICTED, 0, B_HOSTPATHVOLUMES},
    [R_RUNASNONROOT] = {PSS_RESTRICTED, 0, -1},
    [R_RUNASUSER] = {PSS_RESTRICTED, 23, -1},
    [R_SECCOMP] = {PSS_RESTRICTED, 19, B_SECCOMP},
};

/* ---- small helpers ---- */

/* A string list for a message: grown in the arena, only on a violation. */
struct strs {
	struct arena *a;
	struct str *v;
	size_t n, cap;
};

static void
strs_add(struct strs *s, struct str x)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;

		s->v = arena_realloc(s->a, s->v, s->cap, cap, sizeof(*s->v));
		s->cap = cap;
	}
	s->v[s->n++] = x;
}

static int
str_cmp(const void *pa, const void *pb)
{
	const struct str *a = pa, *b = pb;
	size_t n = a->len < b->len ? a->len : b->len;
	int r = n ? memcmp(a->p, b->p, n) : 0;

	if (r != 0)
		return r;
	return a->len < b->len ? -1 : a->len > b->len;
}

/* Sort and remove duplicates, as Go's sets.List() gives them. */
static void
strs_set(struct strs *s)
{
	size_t j = 0;

	if (s->n < 2)
		return;
	qsort(s->v, s->n, sizeof(*s->v), str_cmp);
	for (size_t i = 1; i < s->n; i++)
		if (str_cmp(&s->v[i], &s->v[j]) != 0)
			s->v[++j] = s->v[i];
	s->n = j + 1;
}

/* A message being built, in the arena. */
struct sb {
	struct arena *a;
	char *p;
	size_t len, cap;
};

static void
sb_putn(struct sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 128;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = arena_realloc(b->a, b->p, b->cap, cap, 1);
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_puts(struct sb *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static void
sb_str(struct sb *b, struct str s)
{
	sb_putn(b, s.p, s.len);
}

/* pluralize(singular, plural, n) */
static void
sb_plural(struct sb *b, const char *one, const char *many, size_t n)
{
	sb_puts(b, n == 1 ? one : many);
}

/* joinQuote: "a", "b" */
static void
sb_joinq(struct sb *b, const struct strs *s)
{
	for (size_t i = 0; i < s->n; i++) {
		sb_puts(b, i ? ", \"" : "\"");
		sb_str(b, s->v[i]);
		sb_puts(b, "\"");
	}
}

/* strings.Join(list, sep) */
static void
sb_join(struct sb *b, const struct strs *s, const char *sep)
{
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			sb_puts(b, sep);
		sb_str(b, s->v[i]);
	}
}

/* "container \"a\"" or "containers \"a\", \"b\"" */
static void
sb_containers(struct sb *b, const struct strs *s)
{
	sb_plural(b, "container ", "containers ", s->n);
	sb_joinq(b, s);
}

/* Go's %q for the values PSA quotes that way (annotation values). */
static void
sb_goquote(struct sb *b, struct str s)
{
	static const char hex[] = "0123456789abcdef";

	sb_puts(b, "\"");
	for (size_t i = 0; i < s.len; i++) {
		unsigned char ch = (unsigned char)s.p[i];
		char e[4] = {'\\', 'x', hex[ch >> 4], hex[ch & 15]};

		switch (ch) {
		case '"':
			sb_puts(b, "\\\"");
			break;
		case '\\':
			sb_puts(b, "\\\\");
			break;
		case '\n':
			sb_puts(b, "\\n");
			break;
		case '\t':
			sb_puts(b, "\\t");
			break;
		case '\r':
			sb_puts(b, "\\r");
			break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				sb_putn(b, e, 4);
			else
				sb_putn(b, (const char *)&ch, 1);
		}
	}
	sb_puts(b, "\"");
}

/* ---- reading the pod as the API server's decoder does ---- */

/* The value of 'key', or NULL when absent or null. */
static const struct yaml_node *
field(const struct yaml_node *m, const char *key)
{
	const struct yaml_node *n = yaml_resolve(yaml_map_get(m, key));

	return yaml_is_null(n) ? NULL : n;
}

/* A struct-typed field: a mapping, or NULL. */
static const struct yaml_node *
fmap(const struct yaml_node *m, const char *key)
{
	const struct yaml_node *n = field(m, key);

	return n && n->type == YAML_MAP ? n : NULL;
}

/* A *bool field: 1 true, 0 false, -1 absent (or not a boolean). */
static int
fbool(const struct yaml_node *m, const char *key)
{
	bool v;

	if (!yaml_bool(field(m, key), &v))
		return -1;
	return v ? 1 : 0;
}

/* A string field's text; STR("") when absent. */
static struct str
fstr(const struct yaml_node *m, const char *key, const struct yaml_node **at)
{
	const struct yaml_node *n = field(m, key);
	struct str s;

	if (at)
		*at = n;
	if (!n || !yaml_scalar(n, &s))
		return STR("");
	return s;
}

/* The same, for a value already looked up (NULL: absent). */
static int
vbool(const struct yaml_node *n)
{
	bool v;

	if (!yaml_bool(n, &v))
		return -1;
	return v ? 1 : 0;
}

static const struct yaml_node *
vmap(const struct yaml_node *n)
{
	return n && n->type == YAML_MAP ? n : NULL;
}

static struct str
vstr(const struct yaml_node *n, const struct yaml_node **at)
{
	struct str s;

	if (at)
		*at = n;
	if (!n || !yaml_scalar(n, &s))
		return STR("");
	return s;
}

/*
 * Look up several keys of one mapping in a single pass over its pairs:
 * out[i] is the value of keys[i], resolved, NULL when absent or null. The
 * last of duplicate keys wins, as in yaml_map_get(); a mapping with a
 * merge key ("<<") is read key by key through yaml_map_get(), which knows
 * the merge rules.
 */
static void
gather(const struct yaml_node *m, const struct str *keys, size_t nkeys,
    const struct yaml_node **out)
{
	for (size_t j = 0; j < nkeys; j++)
		out[j] = NULL;
	if (!m || m->type != YAML_MAP)
		return;
	for (size_t i = 0; i < m->len; i++) {
		const struct yaml_node *k = yaml_resolve(m->pairs[i].key);

		if (!k || k->type != YAML_SCALAR)
			continue;
		if (k->scalar.len == 2 && memcmp(k->scalar.p, "<<", 2) == 0)
			goto slow;
		for (size_t j = 0; j < nkeys; j++)
			if (k->scalar.len == keys[j].len &&
			    memcmp(k->scalar.p, keys[j].p, keys[j].len) == 0) {
				const struct yaml_node *v =
				    yaml_resolve(m->pairs[i].value);

				out[j] = yaml_is_null(v) ? NULL : v;
				break;
			}
	}
	return;
slow:
	for (size_t j = 0; j < nkeys; j++)
		out[j] = field(m, keys[j].p);
}

/* The fields the checks read, per mapping kind. */
enum { /* a pod's or a container's securityContext */
	SC_ALLOWPRIVESC,
	SC_APPARMOR,
	SC_CAPABILITIES,
	SC_PRIVILEGED,
	SC_PROCMOUNT,
	SC_RUNASNONROOT,
	SC_RUNASUSER,
	SC_SECCOMP,
	SC_SELINUX,
	SC_SYSCTLS,
	SC_WINDOWS,
	SC_N,
};
static const struct str sc_keys[SC_N] = {
    [SC_ALLOWPRIVESC] = STR("allowPrivilegeEscalation"),
    [SC_APPARMOR] = STR("appArmorProfile"),
    [SC_CAPABILITIES] = STR("capabilities"),
    [SC_PRIVILEGED] = STR("privileged"),
    [SC_PROCMOUNT] = STR("procMount"),
    [SC_RUNASNONROOT] = STR("runAsNonRoot"),
    [SC_RUNASUSER] = STR("runAsUser"),
    [SC_SECCOMP] = STR("seccompProfile"),
    [SC_SELINUX] = STR("seLinuxOptions"),
    [SC_SYSCTLS] = STR("sysctls"),
    [SC_WINDOWS] = STR("windowsOptions"),
};

enum { /* a container */
	CT_NAME,
	CT_SC,
	CT_PORTS,
	CT_LIVENESS, /* the three probes in a row */
	CT_READINESS,
	CT_STARTUP,
	CT_LIFECYCLE,
	CT_N,
};
static const struct str ct_keys[CT_N] = {
    [CT_NAME] = STR("name"),
    [CT_SC] = STR("securityContext"),
    [CT_PORTS] = STR("ports"),
    [CT_LIVENESS] = STR("livenessProbe"),
    [CT_READINESS] = STR("readinessProbe"),
    [CT_STARTUP] = STR("startupProbe"),
    [CT_LIFECYCLE] = STR("lifecycle"),
};

enum { /* a pod spec */
	SP_SC,
	SP_HOSTNETWORK, /* the three host namespaces in a row */
	SP_HOSTPID,
	SP_HOSTIPC,
	SP_VOLUMES,
	SP_OS,
	SP_HOSTUSERS,
	SP_INIT, /* the three container lists in a row, in PSA's order */
	SP_CONTAINERS,
	SP_EPHEMERAL,
	SP_N,
};
static const struct str sp_keys[SP_N] = {
    [SP_SC] = STR("securityContext"),
    [SP_HOSTNETWORK] = STR("hostNetwork"),
    [SP_HOSTPID] = STR("hostPID"),
    [SP_HOSTIPC] = STR("hostIPC"),
    [SP_VOLUMES] = STR("volumes"),
    [SP_OS] = STR("os"),
    [SP_HOSTUSERS] = STR("hostUsers"),
    [SP_INIT] = STR("initContainers"),
    [SP_CONTAINERS] = STR("containers"),
    [SP_EPHEMERAL] = STR("ephemeralContainers"),
};

/* Where a finding points: the first offending node in the file, and the
   container it belongs to (NULL for the pod). */
struct loc {
	const struct yaml_node *at;
	const char *ctr;
};

static void
take(struct loc *l, const struct yaml_node *n, const char *ctr)
{
	if (!n)
		return;
	if (!l->at || n->line < l->at->line ||
	    (n->line == l->at->line && n->col < l->at->col)) {
		l->at = n;
		l->ctr = ctr;
	}
}

/* ---- the pod ---- */

#define PSS_CTR_INLINE 16 /* containers held without allocating */

struct ctr {
	const struct yaml_node *node; /* the container mapping */
	const struct yaml_node *sc; /* its securityContext, or NULL */
	struct str name;
	const struct yaml_node *c[CT_N]; /* the container's fields */
	const struct yaml_node *s[SC_N]; /* its securityContext's */
};

struct pod {
	struct cfg_ctx *c;
	const struct k8s_object *o;
	const struct yaml_node *spec; /* the pod spec */
	const struct yaml_node *meta; /* the pod's metadata, or NULL */
	const struct yaml_node *psc; /* spec.securityContext, or NULL */
	const struct yaml_node *sp[SP_N]; /* the pod spec's fields */
	const struct yaml_node *ps[SC_N]; /* spec.securityContext's */
	uint32_t minor; /* policy version 1.minor, clamped */
	bool windows; /* spec.os.name: windows */
	bool userns; /* spec.hostUsers: false */
	struct ctr *cs; /* the containers, in PSA's order */
	size_t ncs;
	struct ctr inline_cs[PSS_CTR_INLINE];
};

/* The pod's containers in PSA's order: initContainers, containers,
   ephemeralContainers, gathered once per pod. Items that are not
   mappings (null, or malformed) are no containers. */
static void
ctrs_gather(struct pod *p)
{
	const struct yaml_node *seq[3];
	size_t total = 0;

	for (size_t l = 0; l < 3; l++) {
		seq[l] = p->sp[SP_INIT + l];
		if (seq[l] && seq[l]->type != YAML_SEQ)
			seq[l] = NULL;
		total += seq[l] ? seq[l]->len : 0;
	}
	p->cs = total <= PSS_CTR_INLINE
	    ? p->inline_cs
	    : arena_calloc(p->c->a, total, sizeof(*p->cs));
	p->ncs = 0;
	for (size_t l = 0; l < 3; l++)
		for (size_t i = 0; seq[l] && i < seq[l]->len; i++) {
			const struct yaml_node *n = yaml_seq_at(seq[l], i);
			struct ctr *ct;

			if (!n || n->type != YAML_MAP)
				continue;
			ct = &p->cs[p->ncs++];
			ct->node = n;
			gather(n, ct_keys, CT_N, ct->c);
			ct->sc = vmap(ct->c[CT_SC]);
			gather(ct->sc, sc_keys, SC_N, ct->s);
			ct->name = vstr(ct->c[CT_NAME], NULL);
		}
}

#define FOR_CTR(p, ct)                                                         \
	for (size_t i_ = 0; i_ < (p)->ncs && ((ct) = (p)->cs[i_], true); i_++)

static struct strs
strs_new(const struct pod *p)
{
	return (struct strs){.a = p->c->a};
}

static struct sb
sb_new(const struct pod *p)
{
	return (struct sb){.a = p->c->a};
}

static void
report(const struct pod *p, int rule, const struct loc *l, const char *reason,
    const struct sb *detail)
{
	if (detail && detail->len)
		cfg_k8s_emit(p->c, p->o, &cfg_pss_rules[rule], l->ctr, l->at,
		    "%s (%s)", reason, detail->p);
	else
		cfg_k8s_emit(p->c, p->o, &cfg_pss_rules[rule], l->ctr, l->at,
		    "%s", reason);
}

/* ---- baseline checks ---- */

/* appArmorProfile, 1.0 (fields amended in place in 1.30) */
static bool
apparmor_type_ok(struct str t)
{
	return str_eq_cstr(t, "RuntimeDefault") || str_eq_cstr(t, "Localhost");
}

static bool
apparmor_ann_ok(struct str v)
{
	return v.len == 0 || str_eq_cstr(v, "runtime/default") ||
	    str_starts_with(v, STR("localhost/"));
}

/* Annotations with the AppArmor prefix and a forbidden value. Walks the
   mapping's own pairs and merged mappings; a pair counts only when it is
   the one yaml_map_get() would return (duplicates: the last wins). */
static void
apparmor_anns(const struct pod *p, const struct yaml_node *ann,
    const struct yaml_node *m, struct strs *bad, struct loc *at, int depth)
{
	static const struct str prefix =
	    STR("container.apparmor.security.beta.kubernetes.io/");

	m = yaml_resolve(m);
	if (!m || depth > 8)
		return;
	if (m->type == YAML_SEQ) {
		for (size_t i = 0; i < m->len; i++)
			apparmor_anns(p, ann, m->items[i], bad, at, depth + 1);
		return;
	}
	if (m->type != YAML_MAP)
		return;
	for (size_t i = 0; i < m->len; i++) {
		const struct yaml_pair *pr = &m->pairs[i];
		struct str k, v;

		if (!yaml_scalar(pr->key, &k))
			continue;
		if (str_eq_cstr(k, "<<") && pr->key->style == YAML_PLAIN) {
			apparmor_anns(p, ann, pr->value, bad, at, depth + 1);
			continue;
		}
		if (!str_starts_with(k, prefix))
			continue;
		if (yaml_map_pair(ann, k.p) != pr || k.len != strlen(k.p))
			continue;
		if (yaml_is_null(yaml_resolve(pr->value)))
			v = STR("");
		else if (!yaml_scalar(pr->value, &v))
			continue;
		if (apparmor_ann_ok(v))
			continue;
		{
			struct sb e = sb_new(p);

			sb_str(&e, k);
			sb_puts(&e, "=");
			sb_goquote(&e, v);
			strs_add(bad, (struct str){e.p, e.len});
			take(at, pr->value, NULL);
		}
	}
}

static void
chk_apparmor(const struct pod *p)
{
	struct strs setters = strs_new(p), values = strs_new(p),
		    ctrs = strs_new(p), anns = strs_new(p);
	struct loc at = {0};
	const struct yaml_node *n, *ann;
	struct ctr ct;
	struct str t;

	t = fstr(vmap(p->ps[SC_APPARMOR]), "type", &n);
	if (vmap(p->ps[SC_APPARMOR]) && !apparmor_type_ok(t)) {
		strs_add(&setters, STR("pod"));
		strs_add(&values, t);
		take(&at, n ? n : vmap(p->ps[SC_APPARMOR]), NULL);
	}
	FOR_CTR(p, ct)
	{
		const struct yaml_node *prof = vmap(ct.s[SC_APPARMOR]);

		if (!prof)
			continue;
		t = fstr(prof, "type", &n);
		if (apparmor_type_ok(t))
			continue;
		strs_add(&ctrs, ct.name);
		strs_add(&values, t);
		take(&at, n ? n : prof, ct.name.p);
	}
	if (ctrs.n) {
		struct sb e = sb_new(p);

		sb_containers(&e, &ctrs);
		strs_add(&setters, (struct str){e.p, e.len});
	}
	ann = fmap(p->meta, "annotations");
	if (ann)
		apparmor_anns(p, ann, ann, &anns, &at, 0);
	strs_set(&values);
	if (anns.n) {
		strs_set(&anns);
		for (size_t i = 0; i < anns.n; i++)
			strs_add(&values, anns.v[i]);
		strs_add(&setters,
		    anns.n == 1 ? STR("annotation") : STR("annotations"));
	}
	if (setters.n) {
		struct sb d = sb_new(p);

		sb_join(&d, &setters, " and ");
		sb_puts(&d, " must not set AppArmor profile type to ");
		sb_joinq(&d, &values);
		report(p, B_APPARMOR, &at,
		    values.n == 1 ? "forbidden AppArmor profile"
				  : "forbidden AppArmor profiles",
		    &d);
	}
}

/* capabilities_baseline, 1.0 */
static bool
cap_default(struct str c)
{
	static const char *const ok[] = {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE",
	    "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP",
	    "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"};

	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		if (str_eq_cstr(c, ok[i]))
			return true;
	return false;
}

/* An item of a []string field: its text ("" for null). */
static bool
item_str(const struct yaml_node *n, struct str *out)
{
	n = yaml_resolve(n);
	if (yaml_is_null(n)) {
		*out = STR("");
		return true;
	}
	return yaml_scalar(n, out);
}

static void
chk_capabilities_baseline(const struct pod *p)
{
	struct strs ctrs = strs_new(p), caps = strs_new(p);
	struct loc at = {0};
	struct ctr ct;

	FOR_CTR(p, ct)
	{
		const struct yaml_node *add =
		    field(vmap(ct.s[SC_CAPABILITIES]), "add");
		bool bad = false;

		if (!add || add->type != YAML_SEQ)
			continue;
		for (size_t i = 0; i < add->len; i++) {
			struct str c;

			if (!item_str(add->items[i], &c) || cap_default(c))
				continue;
			bad = true;
			strs_add(&caps, c);
			take(&at, yaml_resolve(add->items[i]), ct.name.p);
		}
		if (bad)
			strs_add(&ctrs, ct.name);
	}
	if (ctrs.n) {
		struct sb d = sb_new(p);

		strs_set(&caps);
		sb_containers(&d, &ctrs);
		sb_puts(&d, " must not include ");
		sb_joinq(&d, &caps);
		sb_puts(&d, " in securityContext.capabilities.add");
		report(p, B_CAPABILITIES, &at, "non-default capabilities", &d);
	}
}

/* hostNamespaces, 1.0 */
static void
chk_hostnamespaces(const struct pod *p)
{
	struct sb d = sb_new(p);
	struct loc at = {0};

	for (size_t i = SP_HOSTNETWORK; i <= SP_HOSTIPC; i++) {
		if (vbool(p->sp[i]) != 1)
			continue;
		if (d.len)
			sb_puts(&d, ", ");
		sb_str(&d, sp_keys[i]);
		sb_puts(&d, "=true");
		take(&at, p->sp[i], NULL);
	}
	if (d.len)
		report(p, B_HOSTNAMESPACES, &at, "host namespaces", &d);
}

/* The volumes of the pod spec, as mappings. */
static const struct yaml_node *
volumes(const struct pod *p)
{
	const struct yaml_node *v = p->sp[SP_VOLUMES];

	return v && v->type == YAML_SEQ ? v : NULL;
}

/* hostPathVolumes, 1.0 */
static void
chk_hostpath(const struct pod *p)
{
	const struct yaml_node *vols = volumes(p);
	struct loc at = {0};
	struct strs names = strs_new(p);

	for (size_t i = 0; vols && i < vols->len; i++) {
		const struct yaml_node *v = yaml_resolve(vols->items[i]);

		if (!v || v->type != YAML_MAP || !fmap(v, "hostPath"))
			continue;
		strs_add(&names, fstr(v, "name", NULL));
		take(&at, fmap(v, "hostPath"), NULL);
	}
	if (names.n) {
		struct sb d = sb_new(p);

		sb_plural(&d, "volume ", "volumes ", names.n);
		sb_joinq(&d, &names);
		report(p, B_HOSTPATHVOLUMES, &at, "hostPath volumes", &d);
	}
}

/* hostPorts, 1.0 */
static void
chk_hostports(const struct pod *p)
{
	struct strs ctrs = strs_new(p), ports = strs_new(p);
	struct loc at = {0};
	struct ctr ct;

	FOR_CTR(p, ct)
	{
		const struct yaml_node *seq = ct.c[CT_PORTS];
		bool bad = false;

		for (size_t i = 0; seq && seq->type == YAML_SEQ && i < seq->len;
		     i++) {
			const struct yaml_node *hp =
			    field(yaml_seq_at(seq, i), "hostPort");
			int64_t v;

			if (!yaml_int(hp, &v) || v == 0)
				continue;
			bad = true;
			strs_add(&ports, hp->scalar);
			take(&at, hp, ct.name.p);
		}
		if (bad)
			strs_add(&ctrs, ct.name);
	}
	if (ctrs.n) {
		struct sb d = sb_new(p);

		strs_set(&ports);
		sb_containers(&d, &ctrs);
		sb_plural(&d, " uses ", " use ", ctrs.n);
		sb_plural(&d, "hostPort ", "hostPorts ", ports.n);
		sb_join(&d, &ports, ", ");
		report(p, B_HOSTPORTS, &at, "hostPort", &d);
	}
}

/* hostProbesAndHostLifecycle, 1.34 */
static bool
handler_hosts(const struct yaml_node *h, const char *ctr, struct strs *hosts,
    struct loc *at)
{
	static const char *const kinds[] = {"httpGet", "tcpSocket"};
	bool bad = false;

	for (size_t i = 0; h && i < 2; i++) {
		const struct yaml_node *n;
		struct str s = fstr(fmap(h, kinds[i]), "host", &n);

		if (s.len == 0)
			continue;
		bad = true;
		strs_add(hosts, s);
		take(at, n, ctr);
	}
	return bad;
}

static void
chk_hostprobes(const struct pod *p)
{
	struct strs ctrs = strs_new(p), hosts = strs_new(p);
	struct loc at = {0};
	struct ctr ct;

	FOR_CTR(p, ct)
	{
		const struct yaml_node *lc = vmap(ct.c[CT_LIFECYCLE]);
		bool bad = false;

		for (size_t i = 0; i < 3; i++)
			bad |= handler_hosts(vmap(ct.c[CT_LIVENESS + i]),
			    ct.name.p, &hosts, &at);
		bad |= handler_hosts(
		    fmap(lc, "postStart"), ct.name.p, &hosts, &at);
		bad |=
		    handler_hosts(fmap(lc, "preStop"), ct.name.p, &hosts, &at);
		if (bad)
			strs_add(&ctrs, ct.name);
	}
	if (ctrs.n) {
		struct sb d = sb_new(p);

		strs_set(&ctrs); /* a set here, unlike the other checks */
		strs_set(&hosts);
		sb_containers(&d, &ctrs);
		sb_plural(&d, " uses ", " use ", ctrs.n);
		sb_plural(&d, "probe or lifecycle host ",
		    "probe or lifecycle hosts ", hosts.n);
		sb_joinq(&d, &hosts);
		report(p, B_HOSTPROBES, &at, "probe or lifecycle host", &d);
	}
}

/* privileged, 1.0 */
static void
chk_privileged(const struct pod *p)
{
	struct strs ctrs = strs_new(p);
	struct loc at = {0};
	struct ctr ct;

	FOR_CTR(p, ct)
	{
		if (vbool(ct.s[SC_PRIVILEGED]) != 1)
			continue;
		strs_add(&ctrs, ct.name);
		take(&at, ct.s[SC_PRIVILEGED], ct.name.p);
	}
	if (ctrs.n) {
		struct sb d = sb_new(p);

		sb_containers(&d, &ctrs);
		sb_puts(&d, " must not set securityContext.privileged=true");
		report(p, B_PRIVILEGED, &at, "privileged", &d);
	}
}

/* procMount, 1.0; baseline relaxes it for user-namespace pods from 1.35,
   procMount_restricted keeps the 1.0 rule from 1.35. */
static void
chk_procmount(const struct pod *p, int rule)
{
	struct strs ctrs = strs_new(p), types = strs_new(p);
	struct loc at = {0};
	struct ctr ct;

	if (rule == B_PROCMOUNT && p->minor >= 35 && p->userns)
		return;
	FOR_CTR(p, ct)
	{
		const struct yaml_node *n;
		struct str t = vstr(ct.s[SC_PROCMOUNT], &n);

		if (!n || str_eq_cstr(t, "Default"))
			continue;
		strs_add(&ctrs, ct.name);
		strs_add(&types, t);
		take(&at, n, ct.name.p);
	}
	if (ctrs.n) {
		struct sb d = sb_new(p);

		strs_set(&types);
		sb_containers(&d, &ctrs);
		sb_puts(&d, " must not set securityContext.procMount to ");
		sb_joinq(&d, &types);
		report(p, rule, &at, "procMount", &d);
	}
}

/* seLinuxOptions, 1.0; container_engine_t allowed from 1.31 */
struct selinux_acc {
	struct strs types;
	bool user, role;
	struct loc at;
};

static bool
selinux_ok(const struct pod *p, const struct yaml_node *o, const char *ctr,
    struct selinux_acc *acc)
{
	static const char *const types[] = {
	    "", "container_t", "container_init_t", "container_kvm_t"};
	const struct yaml_node *n;
	struct str t = fstr(o, "type", &n);
	bool ok = false, valid = true;

	for (size_t i = 0; i < 4; i++)
		ok |= str_eq_cstr(t, types[i]);
	if (p->minor >= 31)
		ok |= str_eq_cstr(t, "container_engine_t");
	if (!ok) {
		valid = false;
		strs_add(&acc->types, t);
		take(&acc->at, n, ctr);
	}
	if (fstr(o, "user", &n).len > 0) {
		valid = false;
		acc->user = true;
		take(&acc->at, n, ctr);
	}
	if (fstr(o, "role", &n).len > 0) {
		valid = false;
		acc->role = true;
		take(&acc->at, n, ctr);
	}
	return valid;
}

static void
chk_selinux(const struct pod *p)
{
	struct selinux_acc acc = {.types = strs_new(p)};
	struct strs setters = strs_new(p), ctrs = strs_new(p);
	const struct yaml_node *o = vmap(p->ps[SC_SELINUX]);
	struct ctr ct;

	if (o && !selinux_ok(p, o, NULL, &acc))
		strs_add(&setters, STR("pod"));
	FOR_CTR(p, ct)
	{
		o = vmap(ct.s[SC_SELINUX]);
		if (o && !selinux_ok(p, o, ct.name.p, &acc))
			strs_add(&ctrs, ct.name);
	}
	if (ctrs.n) {
		struct sb e = sb_new(p);

		sb_containers(&e, &ctrs);
		strs_add(&setters, (struct str){e.p, e.len});
	}
	if (setters.n) {
		struct sb d = sb_new(p);
		bool any = false;

		sb_join(&d, &setters, " and ");
		sb_puts(&d, " set forbidden securityContext.seLinuxOptions: ");
		if (acc.types.n) {
			strs_set(&acc.types);
			sb_plural(&d, "type ", "types ", acc.types.n);
			sb_joinq(&d, &acc.types);
			any = true;
		}
		if (acc.user) {
			sb_puts(&d,
			    any ? "; user may not be set"
				: "user may not be set");
			any = true;
		}
		if (acc.role)
			sb_puts(&d,
			    any ? "; role may not be set"
				: "role may not be set");
		report(p, B_SELINUX, &acc.at, "seLinuxOptions", &d);
	}
}

/* seccompProfile_baseline: annotations before 1.19, fields from 1.19 */
static bool
seccomp_ann_ok(struct str v)
{
	return str_eq_cstr(v, "runtime/default") ||
	    str_eq_cstr(v, "docker/default") ||
	    str_starts_with(v, STR("localhost/"));
}

static void
seccomp_ann(const struct pod *p, const struct yaml_node *ann, struct str key,
    struct strs *bad, struct loc *at)
{
	const struct yaml_node *n;
	struct sb e;
	struct str v;

	if (key.len != strlen(key.p))
		return;
	n = yaml_resolve(yaml_map_get(ann, key.p));
	if (!n)
		return; /* absent; null is present and "" */
	if (yaml_is_null(n))
		v = STR("");
	else if (!yaml_scalar(n, &v))
		return;
	if (seccomp_ann_ok(v))
		return;
	e = sb_new(p);
	sb_str(&e, key);
	sb_puts(&e, "=");
	sb_goquote(&e, v);
	strs_add(bad, (struct str){e.p, e.len});
	take(at, n, NULL);
}

static void
chk_seccomp_baseline_1_0(const struct pod *p)
{
	static const char pfx[] =
	    "container.seccomp.security.alpha.kubernetes.io/";
	const struct yaml_node *ann = fmap(p->meta, "annotations");
	struct loc at = {0};
	struct strs bad = strs_new(p);
	struct ctr ct;

	if (!ann)
		return;
	seccomp_ann(
	    p, ann, STR("seccomp.security.alpha.kubernetes.io/pod"), &bad, &at);
	FOR_CTR(p, ct)
	{
		char key[sizeof(pfx) + 256];

		if (ct.name.len > 253 || ct.name.len != strlen(ct.name.p))
			continue; /* no valid annotation key names it */
		memcpy(key, pfx, sizeof(pfx) - 1);
		memcpy(key + sizeof(pfx) - 1, ct.name.p, ct.name.len);
		key[sizeof(pfx) - 1 + ct.name.len] = '\0';
		seccomp_ann(p, ann, str_from(key), &bad, &at);
	}
	if (bad.n) {
		struct sb d = sb_new(p);

		strs_set(&bad);
		sb_plural(&d, "forbidden annotation ", "forbidden annotations ",
		    bad.n);
		sb_join(&d, &bad, ", ");
		report(p, B_SECCOMP, &at, "seccompProfile", &d);
	}
}

static bool
seccomp_type_ok(struct str t)
{
	return str_eq_cstr(t, "RuntimeDefault") || str_eq_cstr(t, "Localhost");
}

/* seccompProfile_baseline 1.19 and seccompProfile_restricted 1.19/1.25:
   one walk, 'required' for restricted. */
static void
chk_seccomp_fields(const struct pod *p, int rule, bool required)
{
	struct strs setters = strs_new(p), values = strs_new(p),
		    bad = strs_new(p), implicit = strs_new(p);
	struct loc at = {0}, iat = {0};
	const struct yaml_node *prof, *n;
	bool pod_set = false;
	struct ctr ct;
	struct str t;

	if (rule == R_SECCOMP && p->minor >= 25 && p->windows)
		return;
	prof = vmap(p->ps[SC_SECCOMP]);
	if (prof) {
		t = fstr(prof, "type", &n);
		if (!seccomp_type_ok(t)) {
			strs_add(&setters, STR("pod"));
			strs_add(&values, t);
			take(&at, n ? n : prof, NULL);
		} else {
			pod_set = true;
		}
	}
	FOR_CTR(p, ct)
	{
		prof = vmap(ct.s[SC_SECCOMP]);
		if (prof) {
			t = fstr(prof, "type", &n);
			if (!seccomp_type_ok(t)) {
				strs_add(&bad, ct.name);
				strs_add(&values, t);
				take(&at, n ? n : prof, ct.name.p);
			}
		} else if (required && !pod_set) {
			strs_add(&implicit, ct.name);
			take(&iat, ct.node, ct.name.p);
		}
	}
	if (bad.n) {
		struct sb e = sb_new(p);

		sb_containers(&e, &bad);
		strs_add(&setters, (struct str){e.p, e.len});
	}
	if (setters.n) {
		struct sb d = sb_new(p);

		strs_set(&values);
		sb_join(&d, &setters, " and ");
		sb_puts(&d,
		    " must not set securityContext.seccompProfile.type "
		    "to ");
		sb_joinq(&d, &values);
		report(p, rule, &at, "seccompProfile", &d);
	} else if (implicit.n) {
		struct sb d = sb_new(p);

		sb_puts(&d, "pod or ");
		sb_containers(&d, &implicit);
		sb_puts(&d,
		    " must set securityContext.seccompProfile.type to "
		    "\"RuntimeDefault\" or \"Localhost\"");
		report(p, rule, &iat, "seccompProfile", &d);
	}
}

/* sysctls: the allowed list grows at 1.27, 1.29, 1.32 and 1.37 */
static bool
sysctl_ok(struct str s, uint32_t minor)
{
	static const struct {
		const char *name;
		uint32_t since;
	} ok[] = {
	    {"kernel.shm_rmid_forced", 0},
	    {"net.ipv4.ip_local_port_range", 0},
	    {"net.ipv4.tcp_syncookies", 0},
	    {"net.ipv4.ping_group_range", 0},
	    {"net.ipv4.ip_unprivileged_port_start", 0},
	    {"net.ipv4.ip_local_reserved_ports", 27},
	    {"net.ipv4.tcp_keepalive_time", 29},
	    {"net.ipv4.tcp_fin_timeout", 29},
	    {"net.ipv4.tcp_keepalive_intvl", 29},
	    {"net.ipv4.tcp_keepalive_probes", 29},
	    {"net.ipv4.tcp_rmem", 32},
	    {"net.ipv4.tcp_wmem", 32},
	    {"net.ipv4.tcp_slow_start_after_idle", 37},
	    {"net.ipv4.tcp_notsent_lowat", 37},
	};

	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		if (minor >= ok[i].since && str_eq_cstr(s, ok[i].name))
			return true;
	return false;
}

static void
chk_sysctls(const struct pod *p)
{
	const struct yaml_node *seq = p->ps[SC_SYSCTLS];
	struct loc at = {0};
	struct strs bad = strs_new(p);

	for (size_t i = 0; seq && seq->type == YAML_SEQ && i < seq->len; i++) {
		const struct yaml_node *it = yaml_seq_at(seq, i), *n;
		struct str name;

		if (!it || it->type != YAML_MAP)
			continue;
		name = fstr(it, "name", &n);
		if (sysctl_ok(name, p->minor))
			continue;
		strs_add(&bad, name);
		take(&at, n ? n : it, NULL);
	}
	if (bad.n) {
		struct sb d = sb_new(p);

		sb_join(&d, &bad, ", ");
		report(p, B_SYSCTLS, &at, "forbidden sysctls", &d);
	}
}

/* windowsHostProcess, 1.0 */
static void
chk_hostprocess(const struct pod *p)
{
	static const char key[] = "hostProcess";
	struct strs setters = strs_new(p), ctrs = strs_new(p);
	struct loc at = {0};
	const struct yaml_node *wo;
	struct ctr ct;

	FOR_CTR(p, ct)
	{
		wo = vmap(ct.s[SC_WINDOWS]);
		if (fbool(wo, key) != 1)
			continue;
		strs_add(&ctrs, ct.name);
		take(&at, field(wo, key), ct.name.p);
	}
	wo = vmap(p->ps[SC_WINDOWS]);
	if (fbool(wo, key) == 1) {
		strs_add(&setters, STR("pod"));
		take(&at, field(wo, key), NULL);
	}
	if (ctrs.n) {
		struct sb e = sb_new(p);

		sb_containers(&e, &ctrs);
		strs_add(&setters, (struct str){e.p, e.len});
	}
	if (setters.n) {
		struct sb d = sb_new(p);

		sb_join(&d, &setters, " and ");
		sb_puts(&d,
		    " must not set "
		    "securityContext.windowsOptions.hostProcess=true");
		report(p, B_WINDOWSHOSTPROCESS, &at, "hostProcess", &d);
	}
}

/* ---- restricted checks ---- */

/* allowPrivilegeEscalation, 1.8; Windows pods exempt from 1.25 */
static void
chk_ape(const struct pod *p)
{
	struct strs ctrs = strs_new(p);
	struct loc at = {0};
	struct ctr ct;

	if (p->minor >= 25 && p->windows)
		return;
	FOR_CTR(p, ct)
	{
		if (vbool(ct.s[SC_ALLOWPRIVESC]) == 0)
			continue;
		strs_add(&ctrs, ct.name);
		take(&at,
		    vbool(ct.s[SC_ALLOWPRIVESC]) == 1 ? ct.s[SC_ALLOWPRIVESC]
						      : ct.node,
		    ct.name.p);
	}
	if (ctrs.n) {
		struct sb d = sb_new(p);

		sb_containers(&d, &ctrs);
		sb_puts(&d,
		    " must set securityContext.allowPrivilegeEscalation="
		    "false");
		report(p, R_ALLOWPRIVILEGEESCALATION, &at,
		    "allowPrivilegeEscalation != false", &d);
	}
}

/* capabilities_restricted, 1.22; Windows pods exempt from 1.25 */
static void
chk_capabilities_restricted(const struct pod *p)
{
	struct strs nodrop = strs_new(p), adding = strs_new(p),
		    caps = strs_new(p);
	struct loc at = {0};
	struct ctr ct;

	if (p->minor >= 25 && p->windows)
		return;
	FOR_CTR(p, ct)
	{
		const struct yaml_node *cap = vmap(ct.s[SC_CAPABILITIES]);
		const struct yaml_node *drop = field(cap, "drop");
		const struct yaml_node *add = field(cap, "add");
		bool all = false, bad = false;

		if (!cap) {
			strs_add(&nodrop, ct.name);
			take(&at, ct.sc ? ct.sc : ct.node, ct.name.p);
			continue;
		}
		for (size_t i = 0;
		     drop && drop->type == YAML_SEQ && i < drop->len && !all;
		     i++) {
			struct str c;

			all = item_str(drop->items[i], &c) &&
			    str_eq_cstr(c, "ALL");
		}
		if (!all) {
			strs_add(&nodrop, ct.name);
			take(&at, drop ? drop : cap, ct.name.p);
		}
		for (size_t i = 0; add && add->type == YAML_SEQ && i < add->len;
		     i++) {
			struct str c;

			if (!item_str(add->items[i], &c) ||
			    str_eq_cstr(c, "NET_BIND_SERVICE"))
				continue;
			bad = true;
			strs_add(&caps, c);
			take(&at, yaml_resolve(add->items[i]), ct.name.p);
		}
		if (bad)
			strs_add(&adding, ct.name);
	}
	if (nodrop.n || adding.n) {
		struct sb d = sb_new(p);

		if (nodrop.n) {
			sb_containers(&d, &nodrop);
			sb_puts(&d,
			    " must set securityContext.capabilities."
			    "drop=[\"ALL\"]");
		}
		if (adding.n) {
			strs_set(&caps);
			if (nodrop.n)
				sb_puts(&d, "; ");
			sb_containers(&d, &adding);
			sb_puts(&d, " must not include ");
			sb_joinq(&d, &caps);
			sb_puts(&d, " in securityContext.capabilities.add");
		}
		report(p, R_CAPABILITIES, &at, "unrestricted capabilities", &d);
	}
}

/* restrictedVolumes, 1.0 ("image" allowed since 1.33, amended in place) */
static void
chk_volumes(const struct pod *p)
{
	static const char *const allowed[] = {"configMap", "csi", "downwardAPI",
	    "emptyDir", "ephemeral", "image", "persistentVolumeClaim",
	    "projected", "secret"};
	/* In the order PSA tests them: the first one set names the type. */
	static const char *const restricted[] = {"hostPath",
	    "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs",
	    "iscsi", "glusterfs", "rbd", "flexVolume", "cinder", "cephfs",
	    "flocker", "fc", "azureFile", "vsphereVolume", "quobyte",
	    "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO",
	    "storageos"};
	const struct yaml_node *vols = volumes(p);
	struct loc at = {0};
	struct strs names = strs_new(p), types = strs_new(p);

	for (size_t i = 0; vols && i < vols->len; i++) {
		const struct yaml_node *v = yaml_resolve(vols->items[i]);
		const struct yaml_node *src = NULL;
		const char *type = "unknown";
		bool ok = false;

		if (!v || v->type != YAML_MAP)
			continue;
		for (size_t k = 0; k < sizeof(allowed) / sizeof(*allowed); k++)
			ok |= fmap(v, allowed[k]) != NULL;
		if (ok)
			continue;
		for (size_t k = 0; k < sizeof(restricted) / sizeof(*restricted);
		     k++)
			if ((src = fmap(v, restricted[k])) != NULL) {
				type = restricted[k];
				break;
			}
		strs_add(&names, fstr(v, "name", NULL));
		strs_add(&types, str_from(type));
		take(&at, src ? src : v, NULL);
	}
	if (names.n) {
		struct sb d = sb_new(p);

		strs_set(&types);
		sb_plural(&d, "volume ", "volumes ", names.n);
		sb_joinq(&d, &names);
		sb_plural(&d, " uses ", " use ", names.n);
		sb_plural(&d, "restricted volume type ",
		    "restricted volume types ", types.n);
		sb_joinq(&d, &types);
		report(
		    p, R_RESTRICTEDVOLUMES, &at, "restricted volume types", &d);
	}
}

/* runAsNonRoot, 1.0; skipped for user-namespace pods from 1.35 */
static void
chk_runasnonroot(const struct pod *p)
{
	struct strs setters = strs_new(p), bad = strs_new(p),
		    implicit = strs_new(p);
	struct loc at = {0}, iat = {0};
	bool pod_ok = false;
	struct ctr ct;

	if (p->minor >= 35 && p->userns)
		return;
	switch (vbool(p->ps[SC_RUNASNONROOT])) {
	case 0:
		strs_add(&setters, STR("pod"));
		take(&at, p->ps[SC_RUNASNONROOT], NULL);
		break;
	case 1:
		pod_ok = true;
		break;
	}
	FOR_CTR(p, ct)
	{
		int v = vbool(ct.s[SC_RUNASNONROOT]);

		if (v == 0) {
			strs_add(&bad, ct.name);
			take(&at, ct.s[SC_RUNASNONROOT], ct.name.p);
		} else if (v < 0 && !pod_ok) {
			strs_add(&implicit, ct.name);
			take(&iat, ct.node, ct.name.p);
		}
	}
	if (bad.n) {
		struct sb e = sb_new(p);

		sb_containers(&e, &bad);
		strs_add(&setters, (struct str){e.p, e.len});
	}
	if (setters.n) {
		struct sb d = sb_new(p);

		sb_join(&d, &setters, " and ");
		sb_puts(&d, " must not set securityContext.runAsNonRoot=false");
		report(p, R_RUNASNONROOT, &at, "runAsNonRoot != true", &d);
	} else if (implicit.n) {
		struct sb d = sb_new(p);

		sb_puts(&d, "pod or ");
		sb_containers(&d, &implicit);
		sb_puts(&d, " must set securityContext.runAsNonRoot=true");
		report(p, R_RUNASNONROOT, &iat, "runAsNonRoot != true", &d);
	}
}

/* runAsUser, 1.23; skipped for user-namespace pods from 1.35 */
static bool
is_root(const struct yaml_node *run_as_user)
{
	int64_t v;

	return yaml_int(run_as_user, &v) && v == 0;
}

static void
chk_runasuser(const struct pod *p)
{
	struct strs setters = strs_new(p), bad = strs_new(p);
	struct loc at = {0};
	struct ctr ct;

	if (p->minor >= 35 && p->userns)
		return;
	if (is_root(p->ps[SC_RUNASUSER])) {
		strs_add(&setters, STR("pod"));
		take(&at, p->ps[SC_RUNASUSER], NULL);
	}
	FOR_CTR(p, ct)
	{
		if (!is_root(ct.s[SC_RUNASUSER]))
			continue;
		strs_add(&bad, ct.name);
		take(&at, ct.s[SC_RUNASUSER], ct.name.p);
	}
	if (bad.n) {
		struct sb e = sb_new(p);

		sb_containers(&e, &bad);
		strs_add(&setters, (struct str){e.p, e.len});
	}
	if (setters.n) {
		struct sb d = sb_new(p);

		sb_join(&d, &setters, " and ");
		sb_puts(&d, " must not set runAsUser=0");
		report(p, R_RUNASUSER, &at, "runAsUser=0", &d);
	}
}

/* ---- level, version and dispatch ---- */

static bool
in_force(int rule, enum pss_level level, uint32_t minor)
{
	if (checks[rule].level > level || minor < checks[rule].since)
		return false;
	if (level == PSS_RESTRICTED && checks[rule].level == PSS_BASELINE)
		for (int r = R_ALLOWPRIVILEGEESCALATION; r < PSS_NRULES; r++)
			if (checks[r].over == rule && minor >= checks[r].since)
				return false;
	return true;
}

/* ParseLevel: an invalid value is an error, and PSA then uses
   restricted. */
static enum pss_level
parse_level(struct str s)
{
	if (str_eq_cstr(s, "privileged"))
		return PSS_PRIVILEGED;
	if (str_eq_cstr(s, "baseline"))
		return PSS_BASELINE;
	return PSS_RESTRICTED;
}

/* ParseVersion: "latest" or "v1.N" (^v1\.(0|[1-9][0-9]*)$); anything
   else is an error, and PSA then uses latest. */
static uint32_t
parse_version(struct str s)
{
	uint64_t v;

	if (s.len > 3 && s.p[0] == 'v' && s.p[1] == '1' && s.p[2] == '.' &&
	    (s.len == 4 || s.p[3] != '0') &&
	    parse_u64(str_sub(s, 3, s.len - 3), UINT32_MAX - 1, &v) == 0)
		return (uint32_t)v;
	return PSS_VERSION_LATEST;
}

/* The labels of the Namespace object named 'ns' in the set, or NULL. */
static const struct yaml_node *
ns_labels(const struct k8s_set *set, const char *ns)
{
	const struct k8s_object *o = set ? k8s_namespace(set, ns) : NULL;

	return o ? fmap(fmap(o->root, "metadata"), "labels") : NULL;
}

static void
policy(const struct cfg_ctx *c, const struct k8s_set *set,
    const struct k8s_object *o, enum pss_level *level, uint32_t *minor)
{
	const struct config_opts *opts = c->opts;
	const struct yaml_node *labels, *n;
	struct str s;

	*level = PSS_RESTRICTED;
	*minor = opts ? opts->pss_minor : PSS_VERSION_LATEST;
	if (opts && opts->pss_level_set) {
		*level = opts->pss_level;
		return;
	}
	labels = ns_labels(set, o->ns && *o->ns ? o->ns : "default");
	n = field(labels, "pod-security.kubernetes.io/enforce");
	if (n && yaml_scalar(n, &s))
		*level = parse_level(s);
	n = field(labels, "pod-security.kubernetes.io/enforce-version");
	if (n && yaml_scalar(n, &s) && !(opts && opts->pss_minor_set))
		*minor = parse_version(s);
}

void
cfg_pss_check(
    struct cfg_ctx *c, const struct k8s_set *set, const struct k8s_object *o)
{
	struct pod p = {.c = c, .o = o};
	enum pss_level level;

	if (!cfg_family_on(c, CHECKS_PSS))
		return;
	p.spec = k8s_pod_spec(o, &p.meta);
	if (!p.spec)
		return;
	policy(c, set, o, &level, &p.minor);
	if (level == PSS_PRIVILEGED)
		return;
	if (p.minor > PSS_MINOR_MAX)
		p.minor = PSS_MINOR_MAX;
	if (p.meta && p.meta->type != YAML_MAP)
		p.meta = NULL;
	gather(p.spec, sp_keys, SP_N, p.sp);
	p.psc = vmap(p.sp[SP_SC]);
	gather(p.psc, sc_keys, SC_N, p.ps);
	p.windows =
	    str_eq_cstr(fstr(vmap(p.sp[SP_OS]), "name", NULL), "windows");
	p.userns = vbool(p.sp[SP_HOSTUSERS]) == 0;
	ctrs_gather(&p);

	for (int r = 0; r < PSS_NRULES; r++) {
		if (!in_force(r, level, p.minor))
			continue;
		switch (r) {
		case B_APPARMOR:
			chk_apparmor(&p);
			break;
		case B_CAPABILITIES:
			chk_capabilities_baseline(&p);
			break;
		case B_HOSTNAMESPACES:
			chk_hostnamespaces(&p);
			break;
		case B_HOSTPATHVOLUMES:
			chk_hostpath(&p);
			break;
		case B_HOSTPORTS:
			chk_hostports(&p);
			break;
		case B_HOSTPROBES:
			chk_hostprobes(&p);
			break;
		case B_PRIVILEGED:
			chk_privileged(&p);
			break;
		case B_PROCMOUNT:
		case R_PROCMOUNT:
			chk_procmount(&p, r);
			break;
		case B_SELINUX:
			chk_selinux(&p);
			break;
		case B_SECCOMP:
			if (p.minor < 19)
				chk_seccomp_baseline_1_0(&p);
			else
				chk_seccomp_fields(&p, B_SECCOMP, false);
			break;
		case B_SYSCTLS:
			chk_sysctls(&p);
			break;
		case B_WINDOWSHOSTPROCESS:
			chk_hostprocess(&p);
			break;
		case R_ALLOWPRIVILEGEESCALATION:
			chk_ape(&p);
			break;
		case R_CAPABILITIES:
			chk_capabilities_restricted(&p);
			break;
		case R_RESTRICTEDVOLUMES:
			chk_volumes(&p);
			break;
		case R_RUNASNONROOT:
			chk_runasnonroot(&p);
			break;
		case R_RUNASUSER:
			chk_runasuser(&p);
			break;
		case R_SECCOMP:
			chk_seccomp_fields(&p, R_SECCOMP, true);
			break;
		}
	}
}
