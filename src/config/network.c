/*
 * Network checks (WARD-NET-*): NetworkPolicies that allow everything or
 * select nothing, namespaces without default-deny policies, Services
 * exposed outside the cluster, Ingresses without TLS, and Istio mutual
 * TLS turned off (PeerAuthentication, DestinationRule).
 *
 * Cross-object checks see only the scanned set: a namespace is one that
 * a workload in the set names (an object without metadata.namespace is
 * taken to be in "default", where kubectl would put it), and a policy is
 * said to select nothing only when its namespace has workloads in the set
 * (a policy scanned alone proves nothing). Istio's root namespace is
 * assumed to be istio-system. Input is untrusted; only scalars are read.
 */

#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "ward/arena.h"
#include "ward/limits.h"
#include "ward/map.h"
#include "ward/yaml.h"

enum {
	R_INGRESS_ALL,
	R_EGRESS_ALL,
	R_IPBLOCK_ALL,
	R_SELECTS_NOTHING,
	R_NODEPORT,
	R_LOADBALANCER,
	R_EXTERNAL_IPS,
	R_INGRESS_TLS,
	R_PEER_AUTH,
	R_PEER_AUTH_PORT,
	R_DR_TLS,
	R_NO_DEFAULT_DENY,
	R_COUNT
};

#define NP_DOCS                                                                \
	"https://kubernetes.io/docs/concepts/services-networking/"             \
	"network-policies/"
#define SVC_DOCS                                                               \
	"https://kubernetes.io/docs/concepts/services-networking/service/"
#define ING_DOCS                                                               \
	"https://kubernetes.io/docs/concepts/services-networking/ingress/#tls"
#define ISTIO_PA                                                               \
	"https://istio.io/latest/docs/reference/config/security/"              \
	"peer_authentication/"
#define ISTIO_DR                                                               \
	"https://istio.io/latest/docs/reference/config/networking/"            \
	"destination-rule/#ClientTLSSettings"
#define NSA_GUIDE                                                              \
	"https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/"            \
	"CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF"

#define RULE(id, sev, title, fix, refs)                                        \
	{                                                                      \
		"WARD-NET-" id, CHECKS_NETWORK, sev, title, fix, refs          \
	}

const struct config_rule cfg_network_rules[] = {
    [R_INGRESS_ALL] =
	RULE("001", SEV_MEDIUM, "NetworkPolicy allows ingress from everywhere",
	    "Give every ingress rule a 'from' list naming the pods, namespaces "
	    "or address blocks that need access.",
	    NP_DOCS),
    [R_EGRESS_ALL] = RULE("002", SEV_LOW,
	"NetworkPolicy allows egress to everywhere",
	"Give every egress rule a 'to' list naming the destinations the pods "
	"need.",
	NP_DOCS),
    [R_IPBLOCK_ALL] = RULE("003", SEV_MEDIUM,
	"NetworkPolicy allows every address (0.0.0.0/0 or ::/0)",
	"Narrow ipBlock.cidr to the networks that need access.", NP_DOCS),
    [R_SELECTS_NOTHING] =
	RULE("004", SEV_LOW, "NetworkPolicy selects no workload",
	    "Fix spec.podSelector to match the labels of the pods it should "
	    "protect, or delete the policy.",
	    NP_DOCS),
    [R_NODEPORT] = RULE("005", SEV_MEDIUM, "Service of type NodePort",
	"Use a ClusterIP Service behind an Ingress or a gateway; a NodePort "
	"opens the port on every node.",
	SVC_DOCS "#type-nodeport " NSA_GUIDE),
    [R_LOADBALANCER] = RULE("006", SEV_MEDIUM, "Service of type LoadBalancer",
	"Expose the service through an Ingress or gateway, or restrict it "
	"with loadBalancerSourceRanges.",
	SVC_DOCS "#loadbalancer"),
    [R_EXTERNAL_IPS] = RULE("007", SEV_HIGH, "Service sets externalIPs",
	"Remove spec.externalIPs; whoever may set them can intercept "
	"traffic to any address (CVE-2020-8554).",
	SVC_DOCS "#external-ips"),
    [R_INGRESS_TLS] = RULE("008", SEV_MEDIUM, "Ingress without TLS",
	"Add a spec.tls entry (with a certificate Secret) covering every "
	"host the Ingress serves.",
	ING_DOCS " " NSA_GUIDE),
    [R_PEER_AUTH] = RULE("009", SEV_HIGH,
	"Istio PeerAuthentication does not require mutual TLS",
	"Set spec.mtls.mode: STRICT (mesh-wide in the root namespace, and "
	"in every namespace and workload policy).",
	ISTIO_PA),
    [R_PEER_AUTH_PORT] = RULE("010", SEV_MEDIUM,
	"Istio PeerAuthentication port override without mutual TLS",
	"Set portLevelMtls modes to STRICT, or remove the override.", ISTIO_PA),
    [R_DR_TLS] = RULE("011", SEV_MEDIUM, "Istio DestinationRule disables TLS",
	"Use tls.mode ISTIO_MUTUAL (or MUTUAL/SIMPLE for external "
	"services) instead of DISABLE.",
	ISTIO_DR),
    [R_NO_DEFAULT_DENY] =
	RULE("012", SEV_MEDIUM, "Namespace without default-deny NetworkPolicy",
	    "Add a NetworkPolicy with podSelector: {} and policyTypes "
	    "[Ingress, Egress] and no rules, then allow what each workload "
	    "needs.",
	    NP_DOCS "#default-policies " NSA_GUIDE),
};
const size_t cfg_network_nrules = R_COUNT;

_Static_assert(
    sizeof(cfg_network_rules) / sizeof(cfg_network_rules[0]) == R_COUNT,
    "every rule index has a rule");

#define REPORT(c, o, r, at, ...)                                               \
	cfg_k8s_emit((c), (o), &cfg_network_rules[r], NULL, (at), __VA_ARGS__)

static bool
is(const struct k8s_object *o, const char *group, const char *kind)
{
	return strcmp(o->group, group) == 0 && strcmp(o->kind, kind) == 0;
}

static const char *
ns_of(const struct k8s_object *o)
{
	return o->ns && *o->ns ? o->ns : "default";
}

/* An empty (or absent) label selector: matches every pod. */
static bool
selector_empty(const struct yaml_node *sel)
{
	const struct yaml_node *ml =
	    yaml_resolve(yaml_map_get(sel, "matchLabels"));

	if (ml && ml->type == YAML_MAP && ml->len > 0)
		return false;
	return yaml_seq_len(yaml_map_get(sel, "matchExpressions")) == 0;
}

/* ---- NetworkPolicy ---- */

static bool
cidr_all(const struct yaml_node *n)
{
	return yaml_scalar_eq(n, "0.0.0.0/0") || yaml_scalar_eq(n, "::/0");
}

static void
check_peers(struct cfg_ctx *c, const struct k8s_object *o,
    const struct yaml_node *rules, const char *dir, const char *peers)
{
	bool in = strcmp(dir, "ingress") == 0;

	for (size_t i = 0; i < yaml_seq_len(rules); i++) {
		const struct yaml_node *r = yaml_seq_at(rules, i);
		const struct yaml_node *pl = yaml_map_get(r, peers);
		const char *ports = yaml_seq_len(yaml_map_get(r, "ports"))
		    ? " (on the listed ports)"
		    : "";

		if (yaml_seq_len(pl) == 0) {
			REPORT(c, o, in ? R_INGRESS_ALL : R_EGRESS_ALL, r,
			    "spec.%s[%zu] has no '%s', so it allows %s every "
			    "address%s",
			    dir, i, peers, in ? "traffic from" : "traffic to",
			    ports);
			continue;
		}
		for (size_t j = 0; j < yaml_seq_len(pl); j++) {
			const struct yaml_node *p = yaml_seq_at(pl, j);
			const struct yaml_node *cidr =
			    k8s_get(p, "ipBlock.cidr");
			const struct yaml_node *nss =
			    yaml_map_get(p, "namespaceSelector");

			if (cidr_all(cidr))
				REPORT(c, o, R_IPBLOCK_ALL, cidr,
				    "spec.%s[%zu].%s[%zu].ipBlock.cidr is "
				    "'%s'%s",
				    dir, i, peers, j, k8s_str(c->a, cidr),
				    yaml_seq_len(k8s_get(p, "ipBlock.except"))
					? " (with exceptions)"
					: "");
			if (nss && selector_empty(yaml_resolve(nss)) &&
			    selector_empty(
				yaml_resolve(yaml_map_get(p, "podSelector"))))
				REPORT(c, o, in ? R_INGRESS_ALL : R_EGRESS_ALL,
				    p,
				    "spec.%s[%zu].%s[%zu] has an empty "
				    "namespaceSelector, so it allows %s every "
				    "pod in the cluster%s",
				    dir, i, peers, j,
				    in ? "traffic from" : "traffic to", ports);
		}
	}
}

static void
check_netpol(struct cfg_ctx *c, const struct k8s_object *o)
{
	const struct yaml_node *spec = yaml_map_get(o->root, "spec");

	check_peers(c, o, yaml_map_get(spec, "ingress"), "ingress", "from");
	check_peers(c, o, yaml_map_get(spec, "egress"), "egress", "to");
}

/* ---- Service, Ingress ---- */

static void
check_service(struct cfg_ctx *c, const struct k8s_object *o)
{
	const struct yaml_node *spec = yaml_map_get(o->root, "spec");
	const struct yaml_node *type = yaml_map_get(spec, "type");
	const struct yaml_node *ranges =
	    yaml_map_get(spec, "loadBalancerSourceRanges");

	if (yaml_scalar_eq(type, "NodePort"))
		REPORT(c, o, R_NODEPORT, yaml_map_key(spec, "type"),
		    "spec.type is NodePort");
	if (yaml_scalar_eq(type, "LoadBalancer")) {
		bool open = yaml_seq_len(ranges) == 0;
		struct config_finding *f;

		for (size_t i = 0; i < yaml_seq_len(ranges); i++)
			open = open || cidr_all(yaml_seq_at(ranges, i));
		f = REPORT(c, o, R_LOADBALANCER, yaml_map_key(spec, "type"),
		    "spec.type is LoadBalancer%s",
		    open ? " and loadBalancerSourceRanges does not restrict "
			   "who may connect"
			 : " (restricted by loadBalancerSourceRanges)");
		if (f && !open)
			f->severity = SEV_LOW;
	}
	if (yaml_seq_len(yaml_map_get(spec, "externalIPs")) > 0)
		REPORT(c, o, R_EXTERNAL_IPS, yaml_map_key(spec, "externalIPs"),
		    "spec.externalIPs lists %zu address(es)",
		    yaml_seq_len(yaml_map_get(spec, "externalIPs")));
}

/* The TLS hosts of an Ingress, for lookups in constant time; NULL when
   an entry without hosts covers every host. */
static struct map *
tls_hosts(const struct yaml_node *tls)
{
	struct map *m = map_new();

	for (size_t i = 0; i < yaml_seq_len(tls); i++) {
		const struct yaml_node *hosts =
		    yaml_map_get(yaml_seq_at(tls, i), "hosts");

		/* An entry without hosts serves the controller's default
		   certificate for every host. */
		if (yaml_seq_len(hosts) == 0) {
			map_free(m);
			return NULL;
		}
		for (size_t j = 0; j < yaml_seq_len(hosts); j++) {
			struct str h;

			if (yaml_scalar(yaml_seq_at(hosts, j), &h))
				(void)map_put(m, h, (void *)hosts);
		}
	}
	return m;
}

/* Is 'host' covered: listed, or matched by "*.suffix" for its first
   label only? */
static bool
tls_covers(const struct map *m, struct str host)
{
	ssize_t dot = str_find_char(host, '.');
	char buf[512];

	if (map_has(m, host))
		return true;
	if (dot <= 0 || host.len - (size_t)dot + 1 > sizeof(buf))
		return false;
	buf[0] = '*';
	memcpy(buf + 1, host.p + dot, host.len - (size_t)dot);
	return map_has(m, str_make(buf, host.len - (size_t)dot + 1));
}

static void
check_ingress(struct cfg_ctx *c, const struct k8s_object *o)
{
	const struct yaml_node *spec = yaml_map_get(o->root, "spec");
	const struct yaml_node *tls = yaml_map_get(spec, "tls");
	const struct yaml_node *rules = yaml_map_get(spec, "rules");
	struct map *hosts;

	if (yaml_seq_len(tls) == 0) {
		REPORT(c, o, R_INGRESS_TLS, yaml_map_key(o->root, "spec"),
		    "%s has no spec.tls: traffic is served in plain HTTP",
		    o->kind);
		return;
	}
	hosts = tls_hosts(tls);
	for (size_t i = 0; hosts && i < yaml_seq_len(rules); i++) {
		const struct yaml_node *h =
		    yaml_map_get(yaml_seq_at(rules, i), "host");
		struct str host;

		if (yaml_scalar(h, &host) && host.len > 0 &&
		    !tls_covers(hosts, host))
			REPORT(c, o, R_INGRESS_TLS,
			    yaml_map_key(yaml_seq_at(rules, i), "host"),
			    "spec.rules[%zu].host '%.*s' is not listed in "
			    "spec.tls",
			    i, STR_FMT(host));
	}
	map_free(hosts);
}

/* ---- Istio ---- */

static void
check_peer_auth(struct cfg_ctx *c, const struct k8s_object *o)
{
	const struct yaml_node *spec = yaml_map_get(o->root, "spec");
	const struct yaml_node *sel = yaml_map_get(spec, "selector");
	const struct yaml_node *mode = k8s_get(spec, "mtls.mode");
	const struct yaml_node *ports =
	    yaml_resolve(yaml_map_get(spec, "portLevelMtls"));
	bool workload = sel && !selector_empty(yaml_resolve(sel));
	bool mesh = !workload && strcmp(ns_of(o), "istio-system") == 0;
	const char *scope = workload ? "workload"
	    : mesh		     ? "mesh-wide"
				     : "namespace";
	struct str m = STR("UNSET");
	struct config_finding *f;

	if (yaml_scalar(mode, &m) && m.len == 0)
		m = STR("UNSET");
	/* UNSET inherits from the level above; at mesh level it means
	   PERMISSIVE, Istio's default. */
	if (str_eq_cstr(m, "PERMISSIVE") || str_eq_cstr(m, "DISABLE") ||
	    (mesh && !str_eq_cstr(m, "STRICT"))) {
		f = REPORT(c, o, R_PEER_AUTH,
		    mode ? mode : yaml_map_key(o->root, "spec"),
		    "%s PeerAuthentication: spec.mtls.mode is %.*s%s", scope,
		    STR_FMT(m),
		    mesh && !mode ? " (not set: Istio's default is PERMISSIVE)"
				  : "");
		if (f && !mesh)
			f->severity = SEV_MEDIUM;
	}
	if (!ports || ports->type != YAML_MAP)
		return;
	for (size_t i = 0; i < ports->len; i++) {
		const struct yaml_node *pm =
		    yaml_map_get(ports->pairs[i].value, "mode");
		struct str pmode;

		if (!yaml_scalar(pm, &pmode) ||
		    !(str_eq_cstr(pmode, "PERMISSIVE") ||
			str_eq_cstr(pmode, "DISABLE")))
			continue;
		REPORT(c, o, R_PEER_AUTH_PORT, pm,
		    "%s PeerAuthentication: portLevelMtls port %s mode is %.*s",
		    scope, k8s_str(c->a, ports->pairs[i].key), STR_FMT(pmode));
	}
}

static void
dr_policy(struct cfg_ctx *c, const struct k8s_object *o,
    const struct yaml_node *tp, const char *where)
{
	const struct yaml_node *mode = k8s_get(tp, "tls.mode");
	const struct yaml_node *pls = yaml_map_get(tp, "portLevelSettings");

	if (yaml_scalar_eq(mode, "DISABLE"))
		REPORT(c, o, R_DR_TLS, mode, "%s.tls.mode is DISABLE", where);
	for (size_t i = 0; i < yaml_seq_len(pls); i++) {
		const struct yaml_node *p = yaml_seq_at(pls, i);

		mode = k8s_get(p, "tls.mode");
		if (yaml_scalar_eq(mode, "DISABLE"))
			REPORT(c, o, R_DR_TLS, mode,
			    "%s.portLevelSettings[%zu] (port %s).tls.mode is "
			    "DISABLE",
			    where, i, k8s_str(c->a, k8s_get(p, "port.number")));
	}
}

static void
check_dest_rule(struct cfg_ctx *c, const struct k8s_object *o)
{
	const struct yaml_node *spec = yaml_map_get(o->root, "spec");
	const struct yaml_node *subsets = yaml_map_get(spec, "subsets");

	dr_policy(
	    c, o, yaml_map_get(spec, "trafficPolicy"), "spec.trafficPolicy");
	for (size_t i = 0; i < yaml_seq_len(subsets); i++) {
		const char *w =
		    arena_printf(c->a, "spec.subsets[%zu].trafficPolicy", i);

		dr_policy(c, o,
		    yaml_map_get(yaml_seq_at(subsets, i), "trafficPolicy"),
		    w ? w : "subset trafficPolicy");
	}
}

void
cfg_network_check(struct cfg_ctx *c, const struct k8s_object *o)
{
	if (!cfg_family_on(c, CHECKS_NETWORK))
		return;
	if (is(o, "networking.k8s.io", "NetworkPolicy"))
		check_netpol(c, o);
	else if (is(o, "", "Service"))
		check_service(c, o);
	else if (is(o, "networking.k8s.io", "Ingress") ||
	    is(o, "extensions", "Ingress"))
		check_ingress(c, o);
	else if (is(o, "security.istio.io", "PeerAuthentication"))
		check_peer_auth(c, o);
	else if (is(o, "networking.istio.io", "DestinationRule"))
		check_dest_rule(c, o);
}

/* ---- the set: namespace coverage, policies selecting nothing ---- */

/* Does label selector 'sel' (non-empty) match the labels map? */
/* A YAML merge key ("<<" plain, or tagged !!merge). */
static bool
merge_key(const struct yaml_node *k)
{
	k = yaml_resolve(k);
	if (!k || k->type != YAML_SCALAR)
		return false;
	if (k->tag)
		return strcmp(k->tag, "tag:yaml.org,2002:merge") == 0;
	return k->style == YAML_PLAIN && str_eq_cstr(k->scalar, "<<");
}

/*
 * Does label selector 'sel' (non-empty) match the labels map? Labels are
 * looked up as Kubernetes' decoder reads them (merge keys honoured, the
 * last duplicate wins). Merge keys inside the selector itself are
 * skipped, which can only make it match more.
 */
static bool
selector_match(const struct yaml_node *sel, const struct yaml_node *labels)
{
	const struct yaml_node *ml =
	    yaml_resolve(yaml_map_get(sel, "matchLabels"));
	const struct yaml_node *me = yaml_map_get(sel, "matchExpressions");

	for (size_t i = 0; ml && ml->type == YAML_MAP && i < ml->len; i++) {
		struct str k, want;

		if (merge_key(ml->pairs[i].key))
			continue;
		if (!yaml_scalar(ml->pairs[i].key, &k) ||
		    !yaml_scalar(ml->pairs[i].value, &want) ||
		    !yaml_scalar_eq(yaml_map_get(labels, k.p), want.p))
			return false;
	}
	for (size_t i = 0; i < yaml_seq_len(me); i++) {
		const struct yaml_node *e = yaml_seq_at(me, i);
		const struct yaml_node *vals = yaml_map_get(e, "values");
		const struct yaml_node *op = yaml_map_get(e, "operator");
		const struct yaml_node *have;
		struct str k, v;
		bool in = false;

		if (!yaml_scalar(yaml_map_get(e, "key"), &k))
			return false;
		have = yaml_map_get(labels, k.p);
		for (size_t j = 0;
		     yaml_scalar(have, &v) && !in && j < yaml_seq_len(vals);
		     j++)
			in = yaml_scalar_eq(yaml_seq_at(vals, j), v.p);
		if (yaml_scalar_eq(op, "In") && !in)
			return false;
		if (yaml_scalar_eq(op, "NotIn") && in)
			return false;
		if (yaml_scalar_eq(op, "Exists") && !have)
			return false;
		if (yaml_scalar_eq(op, "DoesNotExist") && have)
			return false;
	}
	return true;
}

struct wlref {
	const struct k8s_object *o;
	const char *ns;
	const struct yaml_node *labels;
	size_t next; /* the next workload of the namespace, or SIZE_MAX */
};

/* A namespace that has workloads in the set. */
struct nsinfo {
	size_t first; /* its first workload */
	size_t last;
	unsigned deny; /* default-deny bits: 1 ingress, 2 egress */
};

/* Which default-deny directions does policy 'o' give its namespace?
   Bit 1: ingress, bit 2: egress. */
static unsigned
default_deny(const struct k8s_object *o)
{
	const struct yaml_node *spec = yaml_map_get(o->root, "spec");
	const struct yaml_node *types = yaml_map_get(spec, "policyTypes");
	bool ti = false, te = false;
	unsigned bits = 0;

	if (!selector_empty(yaml_resolve(yaml_map_get(spec, "podSelector"))))
		return 0;
	for (size_t i = 0; i < yaml_seq_len(types); i++) {
		ti = ti || yaml_scalar_eq(yaml_seq_at(types, i), "Ingress");
		te = te || yaml_scalar_eq(yaml_seq_at(types, i), "Egress");
	}
	/* Without policyTypes a policy is an ingress policy, and an egress
	   one too when it has an egress section. */
	if (yaml_seq_len(types) == 0) {
		ti = true;
		te = yaml_map_get(spec, "egress") != NULL;
	}
	if (ti && yaml_seq_len(yaml_map_get(spec, "ingress")) == 0)
		bits |= 1;
	if (te && yaml_seq_len(yaml_map_get(spec, "egress")) == 0)
		bits |= 2;
	return bits;
}

/* Workloads carrying one label (key=value) in one namespace. */
struct lblent {
	size_t count;
	struct lnode *head;
};

struct lnode {
	size_t w; /* index into the workload array */
	struct lnode *next;
};

/* The label index key: namespace, key and value joined by NUL bytes. */
static struct str
label_key(char *buf, size_t cap, const char *ns, struct str k, struct str v)
{
	size_t nl = strlen(ns);

	if (nl + k.len + v.len + 2 > cap)
		return STR_NULL;
	memcpy(buf, ns, nl);
	buf[nl] = '\0';
	memcpy(buf + nl + 1, k.p, k.len);
	buf[nl + 1 + k.len] = '\0';
	memcpy(buf + nl + 2 + k.len, v.p, v.len);
	return str_make(buf, nl + 2 + k.len + v.len);
}

static void
index_map(struct arena *a, struct map *idx, const struct wlref *w, size_t i,
    const struct yaml_node *l, int depth)
{
	char buf[512];

	l = yaml_resolve(l);
	if (!l || depth > 8)
		return;
	if (l->type == YAML_SEQ) {
		for (size_t j = 0; j < l->len; j++)
			index_map(a, idx, w, i, l->items[j], depth + 1);
		return;
	}
	for (size_t j = 0; l->type == YAML_MAP && j < l->len; j++) {
		struct str k, v, key;
		struct lblent *e;
		struct lnode *nd;

		if (merge_key(l->pairs[j].key)) {
			index_map(a, idx, w, i, l->pairs[j].value, depth + 1);
			continue;
		}
		if (!yaml_scalar(l->pairs[j].key, &k) ||
		    !yaml_scalar(l->pairs[j].value, &v))
			continue;
		key = label_key(buf, sizeof(buf), w[i].ns, k, v);
		if (!key.p)
			continue;
		e = map_get(idx, key);
		if (!e) {
			e = arena_calloc(a, 1, sizeof(*e));
			(void)map_put(idx,
			    str_make(arena_memdup(a, key.p, key.len), key.len),
			    e);
		}
		/* A workload listed twice (duplicate keys) is harmless. */
		nd = arena_alloc(a, sizeof(*nd));
		nd->w = i;
		nd->next = e->head;
		e->head = nd;
		e->count++;
	}
}

/*
 * Index workload i's labels: every key=value pair it may carry, merged
 * mappings included and duplicates all kept, so the index holds a superset
 * of its labels. The index only rules workloads out (a pair not indexed
 * is a pair not carried); selector_match() decides.
 */
static void
index_labels(struct arena *a, struct map *idx, const struct wlref *w, size_t i)
{
	index_map(a, idx, w, i, w[i].labels, 0);
}

struct selwork {
	struct map *labels; /* label_key -> struct lblent */
	uint64_t budget; /* label comparisons left (CONFIG_SELECTOR_WORK_MAX) */
};

/* Charge one selector evaluation against the budget; false when spent. */
static bool
charge(struct selwork *sw, const struct yaml_node *sel,
    const struct yaml_node *labels)
{
	uint64_t cost =
	    (uint64_t)(yaml_seq_len(yaml_map_get(sel, "matchExpressions")) +
		1) *
	    ((labels && labels->type == YAML_MAP ? labels->len : 0) + 1);
	const struct yaml_node *ml =
	    yaml_resolve(yaml_map_get(sel, "matchLabels"));

	if (ml && ml->type == YAML_MAP)
		cost *= ml->len + 1;
	if (cost > sw->budget) {
		sw->budget = 0;
		return false;
	}
	sw->budget -= cost;
	return true;
}

/*
 * Report policy 'p' when its podSelector matches no workload of its
 * namespace. The label index narrows the candidates to the workloads that
 * carry the selector's rarest matchLabels pair (none carry it: no match);
 * the rest is bounded by the work budget, past which nothing is said.
 */
static void
check_selects(struct cfg_ctx *c, const struct k8s_object *p,
    const struct nsinfo *ni, const struct wlref *w, struct selwork *sw)
{
	const struct yaml_node *spec = yaml_map_get(p->root, "spec");
	const struct yaml_node *sel =
	    yaml_resolve(yaml_map_get(spec, "podSelector"));
	const struct yaml_node *ml =
	    yaml_resolve(yaml_map_get(sel, "matchLabels"));
	const struct lblent *best = NULL;
	bool none = false;
	char buf[512];

	if (selector_empty(sel))
		return;
	for (size_t j = 0; ml && ml->type == YAML_MAP && j < ml->len && !none;
	     j++) {
		struct str k, v, key;
		const struct lblent *e;

		if (!yaml_scalar(ml->pairs[j].key, &k) ||
		    !yaml_scalar(ml->pairs[j].value, &v))
			continue;
		key = label_key(buf, sizeof(buf), ns_of(p), k, v);
		if (!key.p)
			continue;
		e = map_get(sw->labels, key);
		none = e == NULL;
		if (e && (!best || e->count < best->count))
			best = e;
	}
	if (!none && best) {
		for (const struct lnode *nd = best->head; nd; nd = nd->next)
			if (!charge(sw, sel, w[nd->w].labels) ||
			    selector_match(sel, w[nd->w].labels))
				return;
	} else if (!none) {
		for (size_t i = ni->first; i != SIZE_MAX; i = w[i].next)
			if (!charge(sw, sel, w[i].labels) ||
			    selector_match(sel, w[i].labels))
				return;
	}
	REPORT(c, p, R_SELECTS_NOTHING, yaml_map_key(spec, "podSelector"),
	    "spec.podSelector matches no workload of namespace '%s' in the "
	    "scanned files",
	    ns_of(p));
}

void
cfg_network_check_set(struct cfg_ctx *c, const struct k8s_set *set)
{
	struct selwork sw = {.budget = CONFIG_SELECTOR_WORK_MAX};
	struct map *nsmap;
	struct wlref *w;
	size_t nw = 0;

	if (!cfg_family_on(c, CHECKS_NETWORK) || set->n == 0)
		return;
	nsmap = map_new();
	sw.labels = map_new();
	w = arena_calloc(c->a, set->n, sizeof(*w));
	for (size_t i = 0; i < set->n; i++) {
		const struct yaml_node *meta;
		struct nsinfo *ni;

		if (!k8s_pod_spec(&set->v[i], &meta))
			continue;
		w[nw].o = &set->v[i];
		w[nw].ns = ns_of(&set->v[i]);
		w[nw].labels = yaml_resolve(yaml_map_get(meta, "labels"));
		w[nw].next = SIZE_MAX;
		ni = map_get(nsmap, str_from(w[nw].ns));
		if (!ni) {
			ni = arena_calloc(c->a, 1, sizeof(*ni));
			ni->first = nw;
			(void)map_put(nsmap, str_from(w[nw].ns), ni);
		} else
			w[ni->last].next = nw;
		ni->last = nw;
		index_labels(c->a, sw.labels, w, nw);
		nw++;
	}
	for (size_t i = 0; i < set->n; i++) {
		const struct k8s_object *p = &set->v[i];
		struct nsinfo *ni;

		if (!is(p, "networking.k8s.io", "NetworkPolicy"))
			continue;
		ni = map_get(nsmap, str_from(ns_of(p)));
		if (!ni)
			continue;
		ni->deny |= default_deny(p);
		check_selects(c, p, ni, w, &sw);
	}
	/* Report each namespace once, at its first workload. */
	for (size_t i = 0; i < nw; i++) {
		const struct nsinfo *ni = map_get(nsmap, str_from(w[i].ns));

		if (ni->first != i || ni->deny == 3)
			continue;
		REPORT(c, w[i].o, R_NO_DEFAULT_DENY, NULL,
		    "namespace '%s' has workloads but no default-deny %s "
		    "NetworkPolicy",
		    w[i].ns,
		    ni->deny == 0	 ? "ingress and egress"
			: (ni->deny & 1) ? "egress"
					 : "ingress");
	}
	map_free(sw.labels);
	map_free(nsmap);
}
