/*
 * ECS task definition checks (WARD-ECS-*), after the TaskDefinition and
 * ContainerDefinition types of the Amazon ECS API: the task's network,
 * PID and IPC modes and host volumes, and each container's privileges,
 * user, root filesystem, capabilities, devices, security options,
 * environment and logging. Both a bare task definition and the
 * {"taskDefinition": {...}} shape that describe-task-definition prints
 * are read. The JSON arrives as an untrusted YAML tree with positions.
 */

#include <string.h>

#include "docker_common.h"
#include "internal.h"
#include "ward/arena.h"
#include "ward/yaml.h"

#define E CHECKS_ECS
#define API "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/"
#define CD API "API_ContainerDefinition.html"
#define TD API "API_TaskDefinition.html"
#define SH                                                                     \
	"https://docs.aws.amazon.com/securityhub/latest/userguide/"            \
	"ecs-controls.html"

enum {
	R_PRIVILEGED,
	R_READONLY,
	R_USER,
	R_ENV_SECRET,
	R_NET_HOST,
	R_CAPS,
	R_NO_LOGS,
	R_PID_HOST,
	R_IPC_HOST,
	R_SOCKET,
	R_HOST_DIR,
	R_DEVICES,
	R_SECOPT,
	R_IMAGE,
	R_COUNT
};

const struct config_rule cfg_ecs_rules[] = {
    [R_PRIVILEGED] = {"WARD-ECS-001", E, SEV_CRITICAL,
	"Container runs privileged",
	"Remove \"privileged\": true; add only the capabilities or devices "
	"the container needs.",
	CD " " SH " (Security Hub ECS.4)"},
    [R_READONLY] = {"WARD-ECS-002", E, SEV_LOW, "Root filesystem is writable",
	"Set \"readonlyRootFilesystem\": true and mount volumes where the "
	"container writes.",
	CD " " SH " (Security Hub ECS.5)"},
    [R_USER] = {"WARD-ECS-003", E, SEV_MEDIUM,
	"Container runs as root or sets no user",
	"Set \"user\" to an unprivileged UID:GID.",
	CD " " SH " (Security Hub ECS.1)"},
    [R_ENV_SECRET] = {"WARD-ECS-004", E, SEV_HIGH, "Secret in environment",
	"Move the value to \"secrets\" (valueFrom an AWS Secrets Manager "
	"secret or an SSM parameter) instead of a literal in "
	"\"environment\".",
	CD " " SH " (Security Hub ECS.8)"},
    [R_NET_HOST] = {"WARD-ECS-005", E, SEV_HIGH, "Task uses the host's network",
	"Use \"networkMode\": \"awsvpc\" (or bridge) instead of host.",
	TD " " SH " (Security Hub ECS.1)"},
    [R_CAPS] = {"WARD-ECS-006", E, SEV_MEDIUM,
	"Container adds Linux capabilities",
	"Remove linuxParameters.capabilities.add entries the container does "
	"not need; SYS_ADMIN, SYS_PTRACE and the like amount to root on the "
	"host.",
	API "API_KernelCapabilities.html"},
    [R_NO_LOGS] = {"WARD-ECS-007", E, SEV_LOW,
	"Container has no log configuration",
	"Add \"logConfiguration\" (awslogs, awsfirelens, splunk, ...) so the "
	"container's output is kept.",
	CD " " SH " (Security Hub ECS.9)"},
    [R_PID_HOST] = {"WARD-ECS-008", E, SEV_HIGH,
	"Task shares the host's PID namespace",
	"Remove \"pidMode\": \"host\" (use task if containers must share).",
	TD " " SH " (Security Hub ECS.3)"},
    [R_IPC_HOST] = {"WARD-ECS-009", E, SEV_MEDIUM,
	"Task shares the host's IPC namespace",
	"Remove \"ipcMode\": \"host\" (use task or none).", TD},
    [R_SOCKET] = {"WARD-ECS-010", E, SEV_CRITICAL,
	"Container runtime socket mounted",
	"Do not mount docker.sock (or containerd's) from the host: it gives "
	"full control of the container instance.",
	API "API_HostVolumeProperties.html"},
    [R_HOST_DIR] = {"WARD-ECS-011", E, SEV_HIGH,
	"Sensitive host directory mounted",
	"Do not mount /, /etc, /proc, /sys, /dev, /var/run or the runtime's "
	"state from the host; use a dedicated directory or an EFS volume.",
	API "API_HostVolumeProperties.html"},
    [R_DEVICES] = {"WARD-ECS-012", E, SEV_MEDIUM, "Host devices exposed",
	"Remove linuxParameters.devices entries the container does not "
	"need.",
	API "API_Device.html"},
    [R_SECOPT] = {"WARD-ECS-013", E, SEV_HIGH,
	"AppArmor or SELinux confinement disabled",
	"Remove apparmor:unconfined and label:disable from "
	"dockerSecurityOptions.",
	CD},
    [R_IMAGE] = {"WARD-ECS-014", E, SEV_MEDIUM, "Image has no pinned tag",
	"Name a version tag or a digest (image:tag@sha256:...) instead of "
	"latest or no tag.",
	CD},
};
const size_t cfg_ecs_nrules = sizeof(cfg_ecs_rules) / sizeof(cfg_ecs_rules[0]);

_Static_assert(sizeof(cfg_ecs_rules) / sizeof(cfg_ecs_rules[0]) == R_COUNT,
    "one rule per R_ constant");

#define V(s) (int)((s).len > 200 ? 200 : (s).len), (s).p

struct task {
	struct cfg_ctx *c;
	const struct yaml_node *td;
	const char *res; /* "family api" */
	const char *container;
	const struct yaml_node *cnode; /* the container's mapping */
};

static struct config_finding *__attribute__((format(printf, 4, 5)))
emit(struct task *t, int rule, const struct yaml_node *at, const char *fmt, ...)
{
	struct config_finding *f;
	va_list ap;

	if (!at)
		at = t->cnode ? t->cnode : t->td;
	va_start(ap, fmt);
	f = cfg_vemit(t->c, &cfg_ecs_rules[rule], t->res, t->container,
	    at->line, at->col, fmt, ap);
	va_end(ap);
	return f;
}

static void
task_level(struct task *t)
{
	const struct yaml_node *vols = yaml_map_get(t->td, "volumes");

	if (yaml_scalar_eq(yaml_map_get(t->td, "networkMode"), "host"))
		(void)emit(t, R_NET_HOST, yaml_map_key(t->td, "networkMode"),
		    "networkMode: host");
	if (yaml_scalar_eq(yaml_map_get(t->td, "pidMode"), "host"))
		(void)emit(t, R_PID_HOST, yaml_map_key(t->td, "pidMode"),
		    "pidMode: host");
	if (yaml_scalar_eq(yaml_map_get(t->td, "ipcMode"), "host"))
		(void)emit(t, R_IPC_HOST, yaml_map_key(t->td, "ipcMode"),
		    "ipcMode: host");
	for (size_t i = 0; i < yaml_seq_len(vols); i++) {
		const struct yaml_node *v = yaml_seq_at(vols, i);
		const struct yaml_node *host = yaml_map_get(v, "host");
		struct str src, name = STR("");

		if (!yaml_scalar(yaml_map_get(host, "sourcePath"), &src))
			continue;
		(void)yaml_scalar(yaml_map_get(v, "name"), &name);
		switch (cfg_host_path(src)) {
		case HOST_PATH_SOCKET:
			(void)emit(t, R_SOCKET,
			    yaml_map_key(host, "sourcePath"),
			    "volume '%.*s' is the host's %.*s", V(name),
			    V(src));
			break;
		case HOST_PATH_SENSITIVE:
			(void)emit(t, R_HOST_DIR,
			    yaml_map_key(host, "sourcePath"),
			    "volume '%.*s' is host path %.*s", V(name), V(src));
			break;
		default:
			break;
		}
	}
}

static void
environment(struct task *t)
{
	const struct yaml_node *env = yaml_map_get(t->cnode, "environment");

	for (size_t i = 0; i < yaml_seq_len(env); i++) {
		const struct yaml_node *e = yaml_seq_at(env, i);
		struct str name, val;

		if (!yaml_scalar(yaml_map_get(e, "name"), &name) ||
		    !yaml_scalar(yaml_map_get(e, "value"), &val))
			continue;
		if (cfg_secret_name(name) && cfg_literal_value(val))
			(void)emit(t, R_ENV_SECRET, e,
			    "environment %.*s has a literal value", V(name));
	}
}

static void
linux_params(struct task *t)
{
	const struct yaml_node *lp = yaml_map_get(t->cnode, "linuxParameters");
	const struct yaml_node *add =
	    yaml_map_get(yaml_map_get(lp, "capabilities"), "add");
	const struct yaml_node *dev = yaml_map_get(lp, "devices");

	for (size_t i = 0; i < yaml_seq_len(add); i++) {
		const struct yaml_node *it = yaml_seq_at(add, i);
		struct config_finding *f;
		struct str cap;
		int d;

		if (!yaml_scalar(it, &cap) || (d = cfg_cap_danger(cap)) == 0)
			continue;
		f = emit(t, R_CAPS, it, "capabilities.add: %.*s", V(cap));
		if (f && d == 2)
			f->severity = SEV_HIGH;
	}
	if (yaml_seq_len(dev) > 0)
		(void)emit(t, R_DEVICES, yaml_map_key(lp, "devices"),
		    "%zu device(s) exposed", yaml_seq_len(dev));
}

static void
container(struct task *t)
{
	const struct yaml_node *c = t->cnode, *n;
	struct str u, img;
	struct config_finding *f;

	if (cfg_truthy(yaml_map_get(c, "privileged")))
		(void)emit(t, R_PRIVILEGED, yaml_map_key(c, "privileged"),
		    "privileged: true");
	n = yaml_map_get(c, "readonlyRootFilesystem");
	if (!cfg_truthy(n))
		(void)emit(t, R_READONLY,
		    n ? yaml_map_key(c, "readonlyRootFilesystem") : NULL,
		    "readonlyRootFilesystem is %s", n ? "not true" : "not set");
	if (yaml_scalar(yaml_map_get(c, "user"), &u)) {
		struct str name = u, rest = u;

		(void)str_cut(&rest, ':', &name);
		if (str_eq_cstr(name, "root") || str_eq_cstr(name, "0"))
			(void)emit(t, R_USER, yaml_map_key(c, "user"),
			    "user: %.*s", V(u));
	} else {
		/* Unset, the image's user applies: often root, not always. */
		f = emit(t, R_USER, NULL,
		    "user is not set (the image's USER applies)");
		if (f)
			f->severity = SEV_LOW;
	}
	if (!yaml_map_get(c, "logConfiguration") ||
	    yaml_is_null(yaml_map_get(c, "logConfiguration")))
		(void)emit(t, R_NO_LOGS, NULL, "no logConfiguration");
	n = yaml_map_get(c, "dockerSecurityOptions");
	for (size_t i = 0; i < yaml_seq_len(n); i++) {
		const struct yaml_node *o = yaml_seq_at(n, i);

		if (yaml_scalar_eq(o, "apparmor:unconfined") ||
		    yaml_scalar_eq(o, "label:disable")) {
			struct str s;

			(void)yaml_scalar(o, &s);
			(void)emit(t, R_SECOPT, o,
			    "dockerSecurityOptions: %.*s", V(s));
		}
	}
	if (yaml_scalar(yaml_map_get(c, "image"), &img) &&
	    cfg_image_tag(img) != IMAGE_PINNED)
		(void)emit(t, R_IMAGE, yaml_map_key(c, "image"),
		    "image '%.*s' %s", V(img),
		    cfg_image_tag(img) == IMAGE_LATEST
			? "uses the latest tag"
			: "has no tag or digest");
	environment(t);
	linux_params(t);
}

void
cfg_ecs_check(struct cfg_ctx *c, const struct yaml_node *root)
{
	struct task t = {.c = c};
	const struct yaml_node *wrapped = yaml_map_get(root, "taskDefinition");
	const struct yaml_node *defs;
	struct str fam;

	t.td = wrapped && yaml_map_get(wrapped, "containerDefinitions")
	    ? wrapped
	    : root;
	if (!t.td || t.td->type != YAML_MAP)
		return;
	defs = yaml_map_get(t.td, "containerDefinitions");
	t.res = yaml_scalar(yaml_map_get(t.td, "family"), &fam)
	    ? arena_printf(c->a, "family %.*s", V(fam))
	    : "task definition";
	task_level(&t);
	for (size_t i = 0; i < yaml_seq_len(defs); i++) {
		struct str name;

		t.cnode = yaml_seq_at(defs, i);
		if (!t.cnode || t.cnode->type != YAML_MAP)
			continue;
		t.container = yaml_scalar(yaml_map_get(t.cnode, "name"), &name)
		    ? arena_strz(c->a, name)
		    : NULL;
		container(&t);
	}
}
