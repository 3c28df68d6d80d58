/*
 * Compose file checks (WARD-COMPOSE-*), after the Compose specification
 * (https://github.com/compose-spec/compose-spec/blob/master/spec.md):
 * each service's isolation settings (privileged, the host's network,
 * PID, IPC, UTS, user and cgroup namespaces, capabilities, security
 * options, devices), its mounts in short and long syntax (named volumes
 * bound to host paths through driver_opts included), published ports,
 * environment (map and list forms), user, read_only and image. Findings
 * point at the offending key. The tree is untrusted YAML already parsed
 * with positions; values that Compose would interpolate (${VAR}) are
 * unknown here and not judged.
 */

#include <string.h>

#include "docker_common.h"
#include "internal.h"
#include "ward/arena.h"
#include "ward/yaml.h"

#define C CHECKS_COMPOSE
#define SPEC "https://github.com/compose-spec/compose-spec/blob/master/spec.md"
#define CIS "https://www.cisecurity.org/benchmark/docker"

enum {
	R_PRIVILEGED,
	R_NET_HOST,
	R_PID_HOST,
	R_IPC_HOST,
	R_CAP_ADD,
	R_SOCKET,
	R_HOST_DIR,
	R_SECCOMP,
	R_APPARMOR,
	R_LABEL,
	R_NNP,
	R_USER_ROOT,
	R_READ_ONLY,
	R_ENV_SECRET,
	R_DEVICES,
	R_USERNS,
	R_UTS,
	R_PORT,
	R_IMAGE,
	R_SYSTEMPATHS,
	R_CGROUP,
	R_PROPAGATION,
	R_COUNT
};

const struct config_rule cfg_compose_rules[] = {
    [R_PRIVILEGED] = {"WARD-COMPOSE-001", C, SEV_CRITICAL,
	"Service runs privileged",
	"Remove privileged: true; grant the single capability or device the "
	"service needs instead.",
	SPEC "#privileged " CIS " (CIS Docker Benchmark v1.6.0 5.4)"},
    [R_NET_HOST] = {"WARD-COMPOSE-002", C, SEV_HIGH,
	"Service shares the host's network namespace",
	"Remove network_mode: host and publish the ports the service needs.",
	SPEC "#network_mode " CIS " (CIS Docker Benchmark v1.6.0 5.9)"},
    [R_PID_HOST] = {"WARD-COMPOSE-003", C, SEV_HIGH,
	"Service shares the host's PID namespace",
	"Remove pid: host; the service can then see and signal every "
	"process on the host.",
	SPEC "#pid " CIS " (CIS Docker Benchmark v1.6.0 5.15)"},
    [R_IPC_HOST] = {"WARD-COMPOSE-004", C, SEV_MEDIUM,
	"Service shares the host's IPC namespace",
	"Remove ipc: host (use ipc: shareable between services if needed).",
	SPEC "#ipc " CIS " (CIS Docker Benchmark v1.6.0 5.16)"},
    [R_CAP_ADD] = {"WARD-COMPOSE-005", C, SEV_MEDIUM,
	"Service adds Linux capabilities",
	"Drop cap_add entries the service does not need; ALL, SYS_ADMIN, "
	"SYS_MODULE, SYS_PTRACE and the like amount to root on the host.",
	SPEC "#cap_add " CIS " (CIS Docker Benchmark v1.6.0 5.3)"},
    [R_SOCKET] = {"WARD-COMPOSE-006", C, SEV_CRITICAL,
	"Container runtime socket mounted",
	"Do not mount docker.sock (or containerd's, CRI-O's, Podman's): it "
	"gives full control of the host. Use a socket proxy with a narrow "
	"allow-list if the API is needed.",
	SPEC "#volumes " CIS " (CIS Docker Benchmark v1.6.0 5.31)"},
    [R_HOST_DIR] = {"WARD-COMPOSE-007", C, SEV_HIGH,
	"Sensitive host directory mounted",
	"Do not bind-mount /, /etc, /proc, /sys, /dev, /boot, /usr, /root, "
	"/var/run or the runtime's state; mount a dedicated directory, "
	"read-only where possible.",
	SPEC "#volumes " CIS " (CIS Docker Benchmark v1.6.0 5.5)"},
    [R_SECCOMP] = {"WARD-COMPOSE-008", C, SEV_HIGH, "seccomp disabled",
	"Remove seccomp:unconfined; use the default profile or a custom one "
	"that allows what the service needs.",
	SPEC "#security_opt " CIS " (CIS Docker Benchmark v1.6.0 5.21)"},
    [R_APPARMOR] = {"WARD-COMPOSE-009", C, SEV_HIGH, "AppArmor disabled",
	"Remove apparmor:unconfined; use docker-default or a custom profile.",
	SPEC "#security_opt " CIS " (CIS Docker Benchmark v1.6.0 5.1)"},
    [R_LABEL] = {"WARD-COMPOSE-010", C, SEV_MEDIUM,
	"SELinux separation disabled", "Remove label:disable.",
	SPEC "#security_opt " CIS " (CIS Docker Benchmark v1.6.0 5.2)"},
    [R_NNP] = {"WARD-COMPOSE-011", C, SEV_LOW, "no-new-privileges turned off",
	"Set security_opt: [\"no-new-privileges:true\"] so setuid binaries "
	"cannot raise privileges.",
	SPEC "#security_opt " CIS " (CIS Docker Benchmark v1.6.0 5.25)"},
    [R_USER_ROOT] = {"WARD-COMPOSE-012", C, SEV_MEDIUM, "Service runs as root",
	"Set user: to an unprivileged UID:GID.",
	SPEC "#user " CIS " (CIS Docker Benchmark v1.6.0 4.1)"},
    [R_READ_ONLY] = {"WARD-COMPOSE-013", C, SEV_LOW,
	"Root filesystem is writable",
	"Set read_only: true and mount tmpfs or volumes where the service "
	"writes.",
	SPEC "#read_only " CIS " (CIS Docker Benchmark v1.6.0 5.12)"},
    [R_ENV_SECRET] = {"WARD-COMPOSE-014", C, SEV_HIGH, "Secret in environment",
	"Use Compose secrets (secrets: with a file or external source) or "
	"interpolate from the deployment's environment (${VAR}) instead of a "
	"literal value.",
	SPEC "#environment " SPEC "#secrets"},
    [R_DEVICES] = {"WARD-COMPOSE-015", C, SEV_MEDIUM, "Host devices exposed",
	"Remove devices: entries the service does not need.",
	SPEC "#devices " CIS " (CIS Docker Benchmark v1.6.0 5.17)"},
    [R_USERNS] = {"WARD-COMPOSE-016", C, SEV_MEDIUM,
	"User namespace remapping disabled", "Remove userns_mode: host.",
	SPEC "#userns_mode " CIS " (CIS Docker Benchmark v1.6.0 5.30)"},
    [R_UTS] = {"WARD-COMPOSE-017", C, SEV_MEDIUM,
	"Service shares the host's UTS namespace", "Remove uts: host.",
	SPEC "#uts " CIS " (CIS Docker Benchmark v1.6.0 5.20)"},
    [R_PORT] = {"WARD-COMPOSE-018", C, SEV_MEDIUM,
	"Sensitive port published on every interface",
	"Bind the port to one interface (\"127.0.0.1:5432:5432\" or host_ip) "
	"or do not publish it.",
	SPEC "#ports " CIS " (CIS Docker Benchmark v1.6.0 5.13)"},
    [R_IMAGE] = {"WARD-COMPOSE-019", C, SEV_MEDIUM, "Image has no pinned tag",
	"Name a version tag or a digest (image:tag@sha256:...) instead of "
	"latest or no tag.",
	SPEC "#image " CIS " (CIS Docker Benchmark v1.6.0 5.27)"},
    [R_SYSTEMPATHS] = {"WARD-COMPOSE-020", C, SEV_HIGH,
	"Masked /proc and /sys paths exposed", "Remove systempaths=unconfined.",
	SPEC "#security_opt"},
    [R_CGROUP] = {"WARD-COMPOSE-021", C, SEV_MEDIUM,
	"Service uses the host's cgroup namespace",
	"Remove cgroup: host (private is the default on cgroup v2).",
	SPEC "#cgroup"},
    [R_PROPAGATION] = {"WARD-COMPOSE-022", C, SEV_LOW,
	"Bind mount propagation is shared",
	"Use the default (rprivate) propagation; shared lets mounts made in "
	"the container appear on the host.",
	SPEC "#volumes " CIS " (CIS Docker Benchmark v1.6.0 5.19)"},
};
const size_t cfg_compose_nrules =
    sizeof(cfg_compose_rules) / sizeof(cfg_compose_rules[0]);

_Static_assert(
    sizeof(cfg_compose_rules) / sizeof(cfg_compose_rules[0]) == R_COUNT,
    "one rule per R_ constant");

struct svc {
	struct cfg_ctx *c;
	const struct yaml_node *root; /* the file */
	const struct yaml_node *node; /* the service's mapping */
	const struct yaml_node *name; /* its key under services: */
	const char *res; /* "service web" */
};

#define V(s) (int)((s).len > 200 ? 200 : (s).len), (s).p

static struct config_finding *__attribute__((format(printf, 4, 5)))
emit(struct svc *s, int rule, const struct yaml_node *at, const char *fmt, ...)
{
	struct config_finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = cfg_vemit(s->c, &cfg_compose_rules[rule], s->res, NULL,
	    at ? at->line : s->name->line, at ? at->col : s->name->col, fmt,
	    ap);
	va_end(ap);
	return f;
}

static bool
interpolated(struct str s)
{
	return str_find_char(s, '$') >= 0;
}

/* A boolean that is true: YAML's true (and a quoted "true"). */
static bool
scalar_host(const struct yaml_node *n)
{
	return yaml_scalar_eq(n, "host");
}

static void
namespaces(struct svc *s)
{
	static const struct {
		const char *key;
		int rule;
	} ns[] = {
	    {"network_mode", R_NET_HOST},
	    {"pid", R_PID_HOST},
	    {"ipc", R_IPC_HOST},
	    {"uts", R_UTS},
	    {"userns_mode", R_USERNS},
	    {"cgroup", R_CGROUP},
	};

	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		if (scalar_host(yaml_map_get(s->node, ns[i].key)))
			(void)emit(s, ns[i].rule,
			    yaml_map_key(s->node, ns[i].key), "%s: host",
			    ns[i].key);
	if (cfg_truthy(yaml_map_get(s->node, "privileged")))
		(void)emit(s, R_PRIVILEGED, yaml_map_key(s->node, "privileged"),
		    "privileged: true");
}

static void
caps(struct svc *s)
{
	const struct yaml_node *list = yaml_map_get(s->node, "cap_add");

	for (size_t i = 0; i < yaml_seq_len(list); i++) {
		const struct yaml_node *it = yaml_seq_at(list, i);
		struct str cap;
		int danger;
		struct config_finding *f;

		if (!yaml_scalar(it, &cap))
			continue;
		danger = cfg_cap_danger(cap);
		if (danger == 0)
			continue;
		f = emit(s, R_CAP_ADD, it, "cap_add: %.*s", V(cap));
		if (f && danger == 2)
			f->severity = SEV_HIGH;
	}
}

static void
security_opts(struct svc *s)
{
	const struct yaml_node *list = yaml_map_get(s->node, "security_opt");

	for (size_t i = 0; i < yaml_seq_len(list); i++) {
		const struct yaml_node *it = yaml_seq_at(list, i);
		char buf[64];
		struct str o;
		size_t n = 0;

		if (!yaml_scalar(it, &o) || o.len >= sizeof(buf))
			continue;
		/* "seccomp:unconfined" and "seccomp=unconfined" alike. */
		for (size_t k = 0; k < o.len; k++)
			buf[n++] = o.p[k] == '=' ? ':' : o.p[k];
		buf[n] = '\0';
		if (strcmp(buf, "seccomp:unconfined") == 0)
			(void)emit(
			    s, R_SECCOMP, it, "security_opt: %.*s", V(o));
		else if (strcmp(buf, "apparmor:unconfined") == 0)
			(void)emit(
			    s, R_APPARMOR, it, "security_opt: %.*s", V(o));
		else if (strcmp(buf, "label:disable") == 0)
			(void)emit(s, R_LABEL, it, "security_opt: %.*s", V(o));
		else if (strcmp(buf, "no-new-privileges:false") == 0)
			(void)emit(s, R_NNP, it, "security_opt: %.*s", V(o));
		else if (strcmp(buf, "systempaths:unconfined") == 0)
			(void)emit(
			    s, R_SYSTEMPATHS, it, "security_opt: %.*s", V(o));
	}
}

/* A host path mounted at 'at'. */
static void
host_mount(struct svc *s, const struct yaml_node *at, struct str src,
    struct str target, bool ro)
{
	switch (cfg_host_path(src)) {
	case HOST_PATH_SOCKET:
		(void)emit(s, R_SOCKET, at, "'%.*s' is mounted at '%.*s'%s",
		    V(src), V(target),
		    ro ? " (read-only still allows API "
			 "calls)"
		       : "");
		break;
	case HOST_PATH_SENSITIVE:
		(void)emit(s, R_HOST_DIR, at,
		    "host path '%.*s' is mounted at "
		    "'%.*s'%s",
		    V(src), V(target), ro ? " read-only" : "");
		break;
	default:
		break;
	}
}

/* A named volume that is really a bind: driver_opts o=bind, device=. */
static bool
volume_device(struct svc *s, struct str name, struct str *dev)
{
	const struct yaml_node *vols = yaml_map_get(s->root, "volumes");
	const struct yaml_node *v, *opts;
	struct str o;
	char *key = arena_strz(s->c->a, name);

	v = yaml_map_get(vols, key);
	opts = yaml_map_get(v, "driver_opts");
	if (!yaml_scalar(yaml_map_get(opts, "o"), &o) ||
	    str_find(o, STR("bind")) < 0)
		return false;
	return yaml_scalar(yaml_map_get(opts, "device"), dev);
}

static bool
propagation_shared(struct str mode)
{
	struct str m = mode, opt;

	while (m.len > 0) {
		(void)str_cut(&m, ',', &opt);
		if (str_eq_cstr(opt, "shared") || str_eq_cstr(opt, "rshared"))
			return true;
	}
	return false;
}

/* "[SOURCE:]TARGET[:MODE]" */
static void
short_volume(struct svc *s, const struct yaml_node *it, struct str v)
{
	struct str src = STR_NULL, target = v, mode = STR_NULL, rest = v, a;
	bool ro;

	if (str_cut(&rest, ':', &a)) {
		src = a;
		target = rest;
		if (str_cut(&rest, ':', &a)) {
			target = a;
			mode = rest;
		}
	}
	ro = str_find(mode, STR("ro")) >= 0 && str_find(mode, STR("rw")) < 0;
	if (propagation_shared(mode))
		(void)emit(s, R_PROPAGATION, it, "volume '%.*s' mode %.*s",
		    V(v), V(mode));
	if (src.len == 0)
		return;
	if (src.p[0] != '/' && src.p[0] != '.' && src.p[0] != '~' &&
	    !volume_device(s, src, &src))
		return;
	host_mount(s, it, src, target, ro);
}

static void
long_volume(struct svc *s, const struct yaml_node *it)
{
	struct str type = STR_NULL, src = STR_NULL, target = STR_NULL, prop;
	const struct yaml_node *bind = yaml_map_get(it, "bind");

	(void)yaml_scalar(yaml_map_get(it, "type"), &type);
	(void)yaml_scalar(yaml_map_get(it, "source"), &src);
	(void)yaml_scalar(yaml_map_get(it, "target"), &target);
	if (yaml_scalar(yaml_map_get(bind, "propagation"), &prop) &&
	    propagation_shared(prop))
		(void)emit(s, R_PROPAGATION, yaml_map_key(bind, "propagation"),
		    "bind propagation %.*s", V(prop));
	if (str_eq_cstr(type, "volume") && src.len > 0 &&
	    !volume_device(s, src, &src))
		return;
	if (!str_eq_cstr(type, "bind") && !str_eq_cstr(type, "volume"))
		return;
	host_mount(s,
	    yaml_map_key(it, "source") ? yaml_map_key(it, "source") : it, src,
	    target, cfg_truthy(yaml_map_get(it, "read_only")));
}

static void
volumes(struct svc *s)
{
	const struct yaml_node *list = yaml_map_get(s->node, "volumes");

	for (size_t i = 0; i < yaml_seq_len(list); i++) {
		const struct yaml_node *it = yaml_seq_at(list, i);
		struct str v;

		if (yaml_scalar(it, &v))
			short_volume(s, it, v);
		else if (it && it->type == YAML_MAP)
			long_volume(s, it);
	}
}

static void
env_pair(
    struct svc *s, const struct yaml_node *at, struct str name, struct str val)
{
	if (cfg_secret_name(name) && cfg_literal_value(val) &&
	    !interpolated(val))
		(void)emit(s, R_ENV_SECRET, at,
		    "environment %.*s has a literal value", V(name));
}

static void
environment(struct svc *s)
{
	const struct yaml_node *env = yaml_map_get(s->node, "environment");

	if (env && env->type == YAML_MAP) {
		for (size_t i = 0; i < env->len; i++) {
			struct str k, v = STR_NULL;

			if (!yaml_scalar(env->pairs[i].key, &k))
				continue;
			if (!yaml_is_null(env->pairs[i].value))
				(void)yaml_scalar(env->pairs[i].value, &v);
			env_pair(s, env->pairs[i].key, k, v);
		}
		return;
	}
	for (size_t i = 0; i < yaml_seq_len(env); i++) {
		const struct yaml_node *it = yaml_seq_at(env, i);
		struct str kv, k;

		if (!yaml_scalar(it, &kv))
			continue;
		if (str_cut(&kv, '=', &k))
			env_pair(s, it, k, kv);
	}
}

/* Ports: "[HOST_IP:][HOST:]CONTAINER[/PROTO]" or the long syntax. */
static void
port_check(struct svc *s, const struct yaml_node *at, struct str ip,
    struct str target, struct str text)
{
	struct str lo = target, hi;
	uint64_t a, b;
	ssize_t slash = str_find_char(lo, '/');

	if (slash >= 0)
		lo.len = (size_t)slash;
	hi = lo;
	if (!str_cut(&hi, '-', &lo))
		hi = lo;
	if (parse_u64(lo, 65535, &a) < 0 || parse_u64(hi, 65535, &b) < 0 ||
	    b - a > 65535)
		return;
	if (ip.len > 0 && !str_eq_cstr(ip, "0.0.0.0") &&
	    !str_eq_cstr(ip, "::") && !str_eq_cstr(ip, "[::]"))
		return;
	for (uint64_t p = a; p <= b && p - a < 1024; p++)
		if (cfg_sensitive_port(p)) {
			(void)emit(s, R_PORT, at,
			    "port %llu is published on every interface "
			    "('%.*s')",
			    (unsigned long long)p, V(text));
			return;
		}
}

static void
ports(struct svc *s)
{
	const struct yaml_node *list = yaml_map_get(s->node, "ports");

	for (size_t i = 0; i < yaml_seq_len(list); i++) {
		const struct yaml_node *it = yaml_seq_at(list, i);
		struct str v, ip = STR_NULL, target;
		ssize_t last = -1;

		if (yaml_scalar(it, &v)) {
			if (interpolated(v))
				continue;
			/* The container port follows the last ':' outside
			   an IPv6 address in brackets. */
			for (size_t k = 0; k < v.len; k++)
				if (v.p[k] == ':' &&
				    (k == 0 || v.p[k - 1] != ':') &&
				    (ssize_t)k > str_find_char(v, ']'))
					last = (ssize_t)k;
			target =
			    last >= 0 ? str_sub(v, (size_t)last + 1, v.len) : v;
			if (last >= 0) {
				struct str head = str_make(v.p, (size_t)last);
				ssize_t c2 = -1;

				for (size_t k = 0; k < head.len; k++)
					if (head.p[k] == ':' &&
					    (ssize_t)k >
						str_find_char(head, ']'))
						c2 = (ssize_t)k;
				if (c2 >= 0)
					ip = str_make(head.p, (size_t)c2);
			}
			port_check(s, it, ip, target, v);
		} else if (it && it->type == YAML_MAP) {
			if (!yaml_scalar(yaml_map_get(it, "target"), &target) ||
			    !yaml_map_get(it, "published"))
				continue;
			(void)yaml_scalar(yaml_map_get(it, "host_ip"), &ip);
			port_check(
			    s, yaml_map_key(it, "target"), ip, target, target);
		}
	}
}

static void
user_and_fs(struct svc *s)
{
	struct str u, img;
	const struct yaml_node *ro = yaml_map_get(s->node, "read_only");

	if (yaml_scalar(yaml_map_get(s->node, "user"), &u)) {
		struct str name = u, rest = u;

		(void)str_cut(&rest, ':', &name);
		if (str_eq_cstr(name, "root") || str_eq_cstr(name, "0"))
			(void)emit(s, R_USER_ROOT,
			    yaml_map_key(s->node, "user"), "user: %.*s", V(u));
	}
	if (!cfg_truthy(ro))
		(void)emit(s, R_READ_ONLY,
		    ro ? yaml_map_key(s->node, "read_only") : NULL, "%s",
		    ro ? "read_only is not true" : "read_only is not set");
	if (yaml_seq_len(yaml_map_get(s->node, "devices")) > 0)
		(void)emit(s, R_DEVICES, yaml_map_key(s->node, "devices"),
		    "%zu device(s) exposed",
		    yaml_seq_len(yaml_map_get(s->node, "devices")));
	if (!yaml_map_get(s->node, "build") &&
	    yaml_scalar(yaml_map_get(s->node, "image"), &img) &&
	    !interpolated(img) && cfg_image_tag(img) != IMAGE_PINNED)
		(void)emit(s, R_IMAGE, yaml_map_key(s->node, "image"),
		    "image '%.*s' %s", V(img),
		    cfg_image_tag(img) == IMAGE_LATEST
			? "uses the latest tag"
			: "has no tag or digest");
}

void
cfg_compose_check(struct cfg_ctx *c, const struct yaml_node *root)
{
	const struct yaml_node *svcs = yaml_map_get(root, "services");

	if (!svcs || svcs->type != YAML_MAP)
		return;
	for (size_t i = 0; i < svcs->len; i++) {
		struct svc s = {.c = c, .root = root};
		struct str name;

		s.node = yaml_resolve(svcs->pairs[i].value);
		if (!s.node || s.node->type != YAML_MAP ||
		    !yaml_scalar(svcs->pairs[i].key, &name))
			continue;
		s.res = arena_printf(c->a, "service %.*s", V(name));
		/* Findings about what a service lacks point at its name. */
		s.name = svcs->pairs[i].key;
		namespaces(&s);
		caps(&s);
		security_opts(&s);
		volumes(&s);
		environment(&s);
		ports(&s);
		user_and_fs(&s);
	}
}
