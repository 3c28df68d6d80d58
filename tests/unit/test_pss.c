/*
 * Unit tests for src/config/pss.c: the Pod Security Standards.
 *
 * Every fixture below is a pod written from the standard
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/)
 * and the PodSecurity admission's check definitions
 * (k8s.io/pod-security-admission/policy/check_*.go), with the versions at
 * which each check's behaviour changes. Each fixture declares which rules
 * must fire, at which levels and for which policy versions; the matrix
 * test runs every fixture at every level (privileged, baseline,
 * restricted) and every version v1.0 .. v1.40 plus "latest", and computes
 * the expected findings from those declarations alone.
 *
 * The base pod passes restricted at every version: runAsNonRoot and a
 * RuntimeDefault seccomp profile on the pod, allowPrivilegeEscalation
 * false and every capability dropped on the container. Each fixture
 * changes one thing.
 */
#include <time.h>

#include "t.h"
#include "ward/arena.h"
#include "ward/config.h"
#include "ward/err.h"

/* The newest policy version PSA defines (sysctls v1.37); versions above
   it, and latest, evaluate as it. */
#define NEWEST 37u
#define OPEN 99u /* "and every later version" */

#define CSC_OK "allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}"
#define PSC_OK "runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}"

/* A pod in flow style: extra metadata, the pod securityContext, extra
   spec fields, the container securityContext, extra container fields. */
#define POD(meta, psc, spec, csc, ctr)                                         \
	"{apiVersion: v1, kind: Pod, metadata: {name: p" meta "},\n"           \
	" spec: {securityContext: {" psc "}" spec ",\n"                        \
	"  containers: [{name: app, image: nginx, securityContext: {" csc      \
	"}" ctr "}]}}\n"
#define POD_SPEC(spec) POD("", PSC_OK, spec, CSC_OK, "")
#define POD_CSC(csc) POD("", PSC_OK, "", csc, "")
#define POD_PSC(psc) POD("", psc, "", CSC_OK, "")
#define POD_META(meta) POD(meta, PSC_OK, "", CSC_OK, "")
#define POD_CTR(ctr) POD("", PSC_OK, "", CSC_OK, ctr)

struct exp {
	const char *rule;
	enum pss_level lmin, lmax; /* levels at which it fires */
	uint32_t from, to; /* policy versions 1.from .. 1.to */
};

/* Fires at baseline and restricted / restricted only / one level. */
#define B(r, f, t)                                                             \
	{                                                                      \
		"PSS-BASELINE-" r, PSS_BASELINE, PSS_RESTRICTED, f, t          \
	}
#define R(r, f, t)                                                             \
	{                                                                      \
		"PSS-RESTRICTED-" r, PSS_RESTRICTED, PSS_RESTRICTED, f, t      \
	}
#define BONLY(r, f, t)                                                         \
	{                                                                      \
		"PSS-BASELINE-" r, PSS_BASELINE, PSS_BASELINE, f, t            \
	}
#define BINR(r, f, t)                                                          \
	{                                                                      \
		"PSS-BASELINE-" r, PSS_RESTRICTED, PSS_RESTRICTED, f, t        \
	}

struct fixture {
	const char *name;
	const char *yaml;
	struct exp e[6];
};

static const struct fixture fixtures[] = {
    /* The base pod: passes every level at every version. */
    {"clean", POD_SPEC(""), {{0}}},

    /* hostNamespaces 1.0: spec.hostNetwork/hostPID/hostIPC must be
       undefined or false. */
    {"hostNetwork true", POD_SPEC(", hostNetwork: true"),
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"hostPID true", POD_SPEC(", hostPID: true"),
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"hostIPC true", POD_SPEC(", hostIPC: true"),
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"host namespaces false",
	POD_SPEC(", hostNetwork: false, hostPID: false, hostIPC: false"),
	{{0}}},

    /* privileged 1.0: securityContext.privileged must be undefined or
       false, for every kind of container. */
    {"privileged", POD_CSC(CSC_OK ", privileged: true"),
	{B("PRIVILEGED", 0, OPEN)}},
    {"privileged false", POD_CSC(CSC_OK ", privileged: false"), {{0}}},
    /* As the API server's decoder reads YAML: the last of duplicate keys
       wins, and merge keys are honoured (the mapping's own keys first). */
    {"privileged, then false (last wins)",
	POD_CSC(CSC_OK ", privileged: true, privileged: false"), {{0}}},
    {"privileged false, then true (last wins)",
	POD_CSC(CSC_OK ", privileged: false, privileged: true"),
	{B("PRIVILEGED", 0, OPEN)}},
    {"privileged through a merge key",
	POD_CSC(CSC_OK ", <<: {privileged: true}"), {B("PRIVILEGED", 0, OPEN)}},
    {"merge key overridden by the mapping's own key",
	POD_CSC("<<: {privileged: true, allowPrivilegeEscalation: true}, "
		"privileged: false, " CSC_OK),
	{{0}}},
    {"privileged init container",
	POD_SPEC(", initContainers: [{name: init, image: x, securityContext: "
		 "{" CSC_OK ", privileged: true}}]"),
	{B("PRIVILEGED", 0, OPEN)}},
    {"privileged ephemeral container",
	POD_SPEC(", ephemeralContainers: [{name: dbg, image: x, "
		 "securityContext: {" CSC_OK ", privileged: true}}]"),
	{B("PRIVILEGED", 0, OPEN)}},

    /* capabilities_baseline 1.0: add only the default set. At restricted
       it is replaced by capabilities_restricted from 1.22 (drop ALL, add
       at most NET_BIND_SERVICE). */
    {"add SYS_ADMIN",
	POD_CSC("allowPrivilegeEscalation: false, capabilities: {drop: [ALL], "
		"add: [SYS_ADMIN]}"),
	{BONLY("CAPABILITIES", 0, OPEN), BINR("CAPABILITIES", 0, 21),
	    R("CAPABILITIES", 22, OPEN)}},
    {"add CHOWN (default set)",
	POD_CSC("allowPrivilegeEscalation: false, capabilities: {drop: [ALL], "
		"add: [CHOWN]}"),
	{R("CAPABILITIES", 22, OPEN)}},
    {"add NET_BIND_SERVICE",
	POD_CSC("allowPrivilegeEscalation: false, capabilities: {drop: [ALL], "
		"add: [NET_BIND_SERVICE]}"),
	{{0}}},
    {"drop NET_RAW only",
	POD_CSC("allowPrivilegeEscalation: false, capabilities: {drop: "
		"[NET_RAW]}"),
	{R("CAPABILITIES", 22, OPEN)}},
    {"no capabilities", POD_CSC("allowPrivilegeEscalation: false"),
	{R("CAPABILITIES", 22, OPEN)}},

    /* hostPathVolumes 1.0 (baseline); restrictedVolumes 1.0 replaces it
       at restricted and allows only configMap, csi, downwardAPI,
       emptyDir, ephemeral, image, persistentVolumeClaim, projected,
       secret. */
    {"hostPath volume",
	POD_SPEC(", volumes: [{name: h, hostPath: {path: /var/run}}]"),
	{BONLY("HOSTPATHVOLUMES", 0, OPEN), R("RESTRICTEDVOLUMES", 0, OPEN)}},
    {"nfs volume",
	POD_SPEC(", volumes: [{name: n, nfs: {server: s, path: /}}]"),
	{R("RESTRICTEDVOLUMES", 0, OPEN)}},
    {"volume with no source (unknown)", POD_SPEC(", volumes: [{name: u}]"),
	{R("RESTRICTEDVOLUMES", 0, OPEN)}},
    {"allowed volumes",
	POD_SPEC(", volumes: [{name: a, emptyDir: {}}, {name: b, configMap: "
		 "{name: c}}, {name: c, secret: {secretName: s}}, {name: d, "
		 "projected: {sources: []}}, {name: e, persistentVolumeClaim: "
		 "{claimName: x}}, {name: f, image: {reference: r}}, {name: g, "
		 "csi: {driver: d}}, {name: h, downwardAPI: {}}, {name: i, "
		 "ephemeral: {}}]"),
	{{0}}},

    /* hostPorts 1.0: ports[*].hostPort undefined or 0. */
    {"hostPort", POD_CTR(", ports: [{containerPort: 80, hostPort: 8080}]"),
	{B("HOSTPORTS", 0, OPEN)}},
    {"hostPort 0", POD_CTR(", ports: [{containerPort: 80, hostPort: 0}]"),
	{{0}}},

    /* hostProbesAndHostLifecycle 1.34: probes' and lifecycle handlers'
       httpGet.host / tcpSocket.host must be undefined or "". */
    {"probe host",
	POD_CTR(", livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}"),
	{B("HOSTPROBESANDHOSTLIFECYCLE", 34, OPEN)}},
    {"lifecycle tcpSocket host",
	POD_CTR(", lifecycle: {preStop: {tcpSocket: {host: db, port: 5432}}}"),
	{B("HOSTPROBESANDHOSTLIFECYCLE", 34, OPEN)}},
    {"probe host empty",
	POD_CTR(", readinessProbe: {httpGet: {host: \"\", port: 80}}"), {{0}}},

    /* appArmorProfile 1.0: annotations runtime/default, localhost/NAME or
       empty; fields (amended in place at 1.30, so every version)
       RuntimeDefault or Localhost. */
    {"apparmor annotation unconfined",
	POD_META(", annotations: {container.apparmor.security.beta.kubernetes."
		 "io/app: unconfined}"),
	{B("APPARMORPROFILE", 0, OPEN)}},
    {"apparmor annotation runtime/default",
	POD_META(", annotations: {container.apparmor.security.beta.kubernetes."
		 "io/app: runtime/default}"),
	{{0}}},
    {"apparmor annotation localhost",
	POD_META(", annotations: {container.apparmor.security.beta.kubernetes."
		 "io/app: localhost/prof}"),
	{{0}}},
    {"apparmor field unconfined",
	POD_CSC(CSC_OK ", appArmorProfile: {type: Unconfined}"),
	{B("APPARMORPROFILE", 0, OPEN)}},
    {"apparmor pod field unconfined",
	POD_PSC(PSC_OK ", appArmorProfile: {type: Unconfined}"),
	{B("APPARMORPROFILE", 0, OPEN)}},
    {"apparmor field RuntimeDefault",
	POD_CSC(CSC_OK ", appArmorProfile: {type: RuntimeDefault}"), {{0}}},

    /* seLinuxOptions 1.0: type "", container_t, container_init_t,
       container_kvm_t; 1.31 adds container_engine_t; user and role
       unset. */
    {"selinux spc_t", POD_CSC(CSC_OK ", seLinuxOptions: {type: spc_t}"),
	{B("SELINUXOPTIONS", 0, OPEN)}},
    {"selinux container_t",
	POD_CSC(CSC_OK ", seLinuxOptions: {type: container_t, level: "
		       "\"s0:c1\"}"),
	{{0}}},
    {"selinux container_engine_t",
	POD_PSC(PSC_OK ", seLinuxOptions: {type: container_engine_t}"),
	{B("SELINUXOPTIONS", 0, 30)}},
    {"selinux user", POD_PSC(PSC_OK ", seLinuxOptions: {user: system_u}"),
	{B("SELINUXOPTIONS", 0, OPEN)}},
    {"selinux role", POD_CSC(CSC_OK ", seLinuxOptions: {role: sysadm_r}"),
	{B("SELINUXOPTIONS", 0, OPEN)}},

    /* procMount 1.0: Default or undefined. 1.35: baseline allows any
       value when spec.hostUsers is false; procMount_restricted (1.35)
       keeps the 1.0 rule at restricted. */
    {"procMount Unmasked", POD_CSC(CSC_OK ", procMount: Unmasked"),
	{BONLY("PROCMOUNT", 0, OPEN), BINR("PROCMOUNT", 0, 34),
	    R("PROCMOUNT", 35, OPEN)}},
    {"procMount Unmasked, hostUsers false",
	POD("", PSC_OK, ", hostUsers: false", CSC_OK ", procMount: Unmasked",
	    ""),
	{B("PROCMOUNT", 0, 34), R("PROCMOUNT", 35, OPEN)}},
    {"procMount Default", POD_CSC(CSC_OK ", procMount: Default"), {{0}}},

    /* seccompProfile_baseline: before 1.19 the alpha annotations
       (runtime/default, docker/default, localhost/NAME); from 1.19 the
       fields (RuntimeDefault, Localhost, undefined). At restricted,
       seccompProfile_restricted replaces it from 1.19 and requires the
       field on the pod or every container. */
    {"seccomp field Unconfined",
	POD_PSC("runAsNonRoot: true, seccompProfile: {type: Unconfined}"),
	{BONLY("SECCOMPPROFILE", 19, OPEN), R("SECCOMPPROFILE", 19, OPEN)}},
    {"seccomp container field Unconfined",
	POD_CSC(CSC_OK ", seccompProfile: {type: Unconfined}"),
	{BONLY("SECCOMPPROFILE", 19, OPEN), R("SECCOMPPROFILE", 19, OPEN)}},
    {"seccomp pod annotation unconfined",
	POD_META(", annotations: {seccomp.security.alpha.kubernetes.io/pod: "
		 "unconfined}"),
	{B("SECCOMPPROFILE", 0, 18)}},
    {"seccomp container annotation unconfined",
	POD_META(", annotations: {container.seccomp.security.alpha.kubernetes."
		 "io/app: unconfined}"),
	{B("SECCOMPPROFILE", 0, 18)}},
    {"seccomp annotation docker/default",
	POD_META(", annotations: {seccomp.security.alpha.kubernetes.io/pod: "
		 "docker/default}"),
	{{0}}},
    {"seccomp unset", POD_PSC("runAsNonRoot: true"),
	{R("SECCOMPPROFILE", 19, OPEN)}},
    {"seccomp on the container only",
	POD("", "runAsNonRoot: true", "",
	    CSC_OK ", seccompProfile: {type: Localhost, localhostProfile: p}",
	    ""),
	{{0}}},

    /* sysctls: 1.0 allows kernel.shm_rmid_forced,
       net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies,
       net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start;
       1.27 adds ip_local_reserved_ports; 1.29 tcp_keepalive_time,
       tcp_fin_timeout, tcp_keepalive_intvl, tcp_keepalive_probes; 1.32
       tcp_rmem, tcp_wmem; 1.37 tcp_slow_start_after_idle,
       tcp_notsent_lowat. */
    {"sysctl 1.0 set",
	POD_PSC(PSC_OK ", sysctls: [{name: kernel.shm_rmid_forced, value: "
		       "\"1\"}, {name: net.ipv4.ip_unprivileged_port_start, "
		       "value: \"0\"}]"),
	{{0}}},
    {"sysctl ip_local_reserved_ports",
	POD_PSC(PSC_OK ", sysctls: [{name: net.ipv4.ip_local_reserved_ports, "
		       "value: \"80\"}]"),
	{B("SYSCTLS", 0, 26)}},
    {"sysctl tcp_keepalive_time",
	POD_PSC(PSC_OK ", sysctls: [{name: net.ipv4.tcp_keepalive_time, "
		       "value: \"60\"}]"),
	{B("SYSCTLS", 0, 28)}},
    {"sysctl tcp_fin_timeout",
	POD_PSC(PSC_OK ", sysctls: [{name: net.ipv4.tcp_fin_timeout, value: "
		       "\"30\"}]"),
	{B("SYSCTLS", 0, 28)}},
    {"sysctl tcp_keepalive_intvl",
	POD_PSC(PSC_OK ", sysctls: [{name: net.ipv4.tcp_keepalive_intvl, "
		       "value: \"10\"}]"),
	{B("SYSCTLS", 0, 28)}},
    {"sysctl tcp_wmem",
	POD_PSC(PSC_OK ", sysctls: [{name: net.ipv4.tcp_wmem, value: \"4096 "
		       "16384 4194304\"}]"),
	{B("SYSCTLS", 0, 31)}},
    {"sysctl tcp_slow_start_after_idle",
	POD_PSC(PSC_OK ", sysctls: [{name: net.ipv4.tcp_slow_start_after_idle, "
		       "value: \"0\"}]"),
	{B("SYSCTLS", 0, 36)}},
    {"sysctl ping_group_range (1.0)",
	POD_PSC(
	    PSC_OK ", sysctls: [{name: net.ipv4.ping_group_range, value: "
		   "\"0 1\"}, {name: net.ipv4.ip_local_port_range, value: "
		   "\"1024 65535\"}, {name: net.ipv4.tcp_syncookies, value: "
		   "\"1\"}]"),
	{{0}}},
    {"sysctl tcp_keepalive_probes",
	POD_PSC(PSC_OK ", sysctls: [{name: net.ipv4.tcp_keepalive_probes, "
		       "value: \"3\"}]"),
	{B("SYSCTLS", 0, 28)}},
    {"sysctl tcp_rmem",
	POD_PSC(PSC_OK ", sysctls: [{name: net.ipv4.tcp_rmem, value: \"4096 "
		       "87380 6291456\"}]"),
	{B("SYSCTLS", 0, 31)}},
    {"sysctl tcp_notsent_lowat",
	POD_PSC(PSC_OK ", sysctls: [{name: net.ipv4.tcp_notsent_lowat, value: "
		       "\"16384\"}]"),
	{B("SYSCTLS", 0, 36)}},
    {"sysctl kernel.msgmax",
	POD_PSC(PSC_OK ", sysctls: [{name: kernel.msgmax, value: \"1\"}]"),
	{B("SYSCTLS", 0, OPEN)}},

    /* windowsHostProcess 1.0: windowsOptions.hostProcess undefined or
       false, on the pod and on every container. */
    {"hostProcess container",
	POD_CSC(CSC_OK ", windowsOptions: {hostProcess: true}"),
	{B("WINDOWSHOSTPROCESS", 0, OPEN)}},
    {"hostProcess pod", POD_PSC(PSC_OK ", windowsOptions: {hostProcess: true}"),
	{B("WINDOWSHOSTPROCESS", 0, OPEN)}},
    {"hostProcess false",
	POD_CSC(CSC_OK ", windowsOptions: {hostProcess: false}"), {{0}}},

    /* allowPrivilegeEscalation 1.8: must be false on every container. */
    {"allowPrivilegeEscalation unset", POD_CSC("capabilities: {drop: [ALL]}"),
	{R("ALLOWPRIVILEGEESCALATION", 8, OPEN)}},
    {"allowPrivilegeEscalation true",
	POD_CSC("allowPrivilegeEscalation: true, capabilities: {drop: [ALL]}"),
	{R("ALLOWPRIVILEGEESCALATION", 8, OPEN)}},
    {"allowPrivilegeEscalation unset on an init container",
	POD_SPEC(", initContainers: [{name: init, image: x, securityContext: "
		 "{capabilities: {drop: [ALL]}}}]"),
	{R("ALLOWPRIVILEGEESCALATION", 8, OPEN)}},

    /* runAsNonRoot 1.0: true on the pod, or on every container; not
       false anywhere. 1.35: not checked when spec.hostUsers is false. */
    {"runAsNonRoot unset", POD_PSC("seccompProfile: {type: RuntimeDefault}"),
	{R("RUNASNONROOT", 0, OPEN)}},
    {"runAsNonRoot false on a container",
	POD_CSC(CSC_OK ", runAsNonRoot: false"), {R("RUNASNONROOT", 0, OPEN)}},
    {"runAsNonRoot on the container only",
	POD("", "seccompProfile: {type: RuntimeDefault}", "",
	    CSC_OK ", runAsNonRoot: true", ""),
	{{0}}},
    {"runAsNonRoot unset, hostUsers false",
	POD("", "seccompProfile: {type: RuntimeDefault}", ", hostUsers: false",
	    CSC_OK, ""),
	{R("RUNASNONROOT", 0, 34)}},

    /* runAsUser 1.23: not 0 on the pod or any container. 1.35: not
       checked when spec.hostUsers is false. */
    {"runAsUser 0 pod", POD_PSC(PSC_OK ", runAsUser: 0"),
	{R("RUNASUSER", 23, OPEN)}},
    {"runAsUser 0 container", POD_CSC(CSC_OK ", runAsUser: 0"),
	{R("RUNASUSER", 23, OPEN)}},
    {"runAsUser 1000", POD_CSC(CSC_OK ", runAsUser: 1000"), {{0}}},
    {"runAsUser 0, hostUsers false",
	POD("", PSC_OK ", runAsUser: 0", ", hostUsers: false", CSC_OK, ""),
	{R("RUNASUSER", 23, 34)}},

    /* Windows pods (spec.os.name: windows) are exempt from
       allowPrivilegeEscalation, capabilities_restricted and
       seccompProfile_restricted from 1.25. A Linux pod is not. */
    {"windows pod",
	POD("", "runAsNonRoot: true", ", os: {name: windows}", "", ""),
	{R("ALLOWPRIVILEGEESCALATION", 8, 24), R("CAPABILITIES", 22, 24),
	    R("SECCOMPPROFILE", 19, 24)}},
    /* PSA's registry drops capabilities_baseline at restricted from 1.22
       (capabilities_restricted replaces it), and capabilities_restricted
       exempts Windows pods from 1.25: so a Windows pod adding SYS_ADMIN
       fails baseline at every version but passes restricted's capability
       rules from 1.25. That is how PSA evaluates it. */
    {"windows pod adding SYS_ADMIN",
	POD("", "runAsNonRoot: true", ", os: {name: windows}",
	    "capabilities: {add: [SYS_ADMIN]}", ""),
	{BONLY("CAPABILITIES", 0, OPEN), BINR("CAPABILITIES", 0, 21),
	    R("CAPABILITIES", 22, 24), R("ALLOWPRIVILEGEESCALATION", 8, 24),
	    R("SECCOMPPROFILE", 19, 24)}},
    /* The Windows exemptions do not cover runAsNonRoot. */
    {"windows pod without runAsNonRoot",
	POD("", "", ", os: {name: windows}", "", ""),
	{R("ALLOWPRIVILEGEESCALATION", 8, 24), R("CAPABILITIES", 22, 24),
	    R("SECCOMPPROFILE", 19, 24), R("RUNASNONROOT", 0, OPEN)}},
    {"linux pod", POD("", "runAsNonRoot: true", ", os: {name: linux}", "", ""),
	{R("ALLOWPRIVILEGEESCALATION", 8, OPEN), R("CAPABILITIES", 22, OPEN),
	    R("SECCOMPPROFILE", 19, OPEN)}},

    /* Every workload kind that carries a pod template. */
    {"Deployment",
	"{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: "
	"{template: {spec: {hostPID: true, securityContext: {" PSC_OK "}, "
	"containers: [{name: a, securityContext: {" CSC_OK "}}]}}}}",
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"StatefulSet",
	"{apiVersion: apps/v1, kind: StatefulSet, metadata: {name: d}, spec: "
	"{template: {spec: {hostPID: true, securityContext: {" PSC_OK "}, "
	"containers: [{name: a, securityContext: {" CSC_OK "}}]}}}}",
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"DaemonSet",
	"{apiVersion: apps/v1, kind: DaemonSet, metadata: {name: d}, spec: "
	"{template: {spec: {hostPID: true, securityContext: {" PSC_OK "}, "
	"containers: [{name: a, securityContext: {" CSC_OK "}}]}}}}",
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"ReplicaSet",
	"{apiVersion: apps/v1, kind: ReplicaSet, metadata: {name: d}, spec: "
	"{template: {spec: {hostPID: true, securityContext: {" PSC_OK "}, "
	"containers: [{name: a, securityContext: {" CSC_OK "}}]}}}}",
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"ReplicationController",
	"{apiVersion: v1, kind: ReplicationController, metadata: {name: d}, "
	"spec: {template: {spec: {hostPID: true, securityContext: {" PSC_OK
	"}, containers: [{name: a, securityContext: {" CSC_OK "}}]}}}}",
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"Job",
	"{apiVersion: batch/v1, kind: Job, metadata: {name: d}, spec: "
	"{template: {spec: {hostPID: true, securityContext: {" PSC_OK "}, "
	"containers: [{name: a, securityContext: {" CSC_OK "}}]}}}}",
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"CronJob",
	"{apiVersion: batch/v1, kind: CronJob, metadata: {name: d}, spec: "
	"{jobTemplate: {spec: {template: {spec: {hostPID: true, "
	"securityContext: {" PSC_OK "}, containers: [{name: a, "
	"securityContext: {" CSC_OK "}}]}}}}}}",
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"PodTemplate",
	"{apiVersion: v1, kind: PodTemplate, metadata: {name: d}, template: "
	"{spec: {hostPID: true, securityContext: {" PSC_OK "}, containers: "
	"[{name: a, securityContext: {" CSC_OK "}}]}}}",
	{B("HOSTNAMESPACES", 0, OPEN)}},
    {"Deployment template annotations",
	"{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: "
	"{template: {metadata: {annotations: {container.apparmor.security."
	"beta.kubernetes.io/a: unconfined}}, spec: {securityContext: {" PSC_OK
	"}, containers: [{name: a, securityContext: {" CSC_OK "}}]}}}}",
	{B("APPARMORPROFILE", 0, OPEN)}},
    {"Service (no pod template)",
	"{apiVersion: v1, kind: Service, metadata: {name: s}, spec: {ports: "
	"[{port: 80}]}}",
	{{0}}},
};

static uint32_t
effective(uint32_t minor)
{
	return minor > NEWEST ? NEWEST : minor;
}

static bool
expected(const struct exp *e, enum pss_level level, uint32_t minor)
{
	uint32_t v = effective(minor);

	return e->rule && level >= e->lmin && level <= e->lmax &&
	    v >= e->from && v <= e->to;
}

static int
scan(struct arena *a, const char *yaml, enum pss_level level, uint32_t minor,
    struct config_result *res)
{
	struct config_opts opts = {.pss_level = level,
	    .pss_level_set = true,
	    .pss_minor = minor,
	    .checks = CHECKS_PSS};
	struct ward_err err = {0};

	memset(res, 0, sizeof(*res));
	return config_scan_text(
	    a, "pod.yaml", str_from(yaml), &opts, res, &err);
}

static size_t
count_pss(const struct config_result *res)
{
	size_t n = 0;

	for (size_t i = 0; i < res->n; i++)
		if (strncmp(res->v[i].rule->id, "PSS-", 4) == 0)
			n++;
	return n;
}

static const struct config_finding *
find(const struct config_result *res, const char *rule)
{
	for (size_t i = 0; i < res->n; i++)
		if (strcmp(res->v[i].rule->id, rule) == 0)
			return &res->v[i];
	return NULL;
}

/* The full matrix: fixture x level x version. */
static void
test_matrix(void)
{
	static const enum pss_level levels[] = {
	    PSS_PRIVILEGED, PSS_BASELINE, PSS_RESTRICTED};
	size_t nfix = sizeof(fixtures) / sizeof(*fixtures), runs = 0;

	for (size_t f = 0; f < nfix; f++) {
		const struct fixture *fx = &fixtures[f];
		struct arena *a = arena_new();
		size_t bad = 0;

		for (size_t l = 0; l < 3; l++)
			for (uint32_t m = 0; m <= NEWEST + 4; m++) {
				uint32_t minor =
				    m == NEWEST + 4 ? PSS_VERSION_LATEST : m;
				struct config_result res;
				size_t want = 0;

				runs++;
				if (scan(a, fx->yaml, levels[l], minor, &res) <
				    0) {
					bad++;
					continue;
				}
				for (size_t i = 0; i < 6; i++) {
					if (!expected(
						&fx->e[i], levels[l], minor))
						continue;
					want++;
					if (!find(&res, fx->e[i].rule)) {
						bad++;
						T_NOTE("%s: level %d v1.%u: "
						       "missing %s",
						    fx->name, (int)levels[l],
						    minor, fx->e[i].rule);
					}
				}
				if (count_pss(&res) != want) {
					bad++;
					T_NOTE("%s: level %d v1.%u: %zu "
					       "findings, want %zu",
					    fx->name, (int)levels[l], minor,
					    count_pss(&res), want);
					for (size_t i = 0; i < res.n; i++)
						T_NOTE("  %s %s",
						    res.v[i].rule->id,
						    res.v[i].message);
				}
			}
		printf("%sok %d - matrix: %s\n", bad ? "not " : "", ++t_n,
		    fx->name);
		if (bad)
			t_fail++;
		arena_free(a);
	}
	T_NOTE("matrix: %zu fixtures, %zu scans", nfix, runs);
}

/* One scan at restricted:latest; the message of 'rule', or NULL. */
static const char *
message(struct arena *a, const char *yaml, const char *rule)
{
	struct config_result res;
	const struct config_finding *f;

	if (scan(a, yaml, PSS_RESTRICTED, PSS_VERSION_LATEST, &res) < 0)
		return NULL;
	f = find(&res, rule);
	return f ? f->message : NULL;
}

/* Messages worded as PSA words them: "reason (detail)", the detail from
   the check's format string, names in visiting order (init containers,
   containers, ephemeral containers), value sets sorted. */
static void
test_messages(void)
{
	struct arena *a = arena_new();

	T_EQ_STR(message(a, POD_CSC("capabilities: {drop: [ALL]}"),
		     "PSS-RESTRICTED-ALLOWPRIVILEGEESCALATION"),
	    "allowPrivilegeEscalation != false (container \"app\" must set "
	    "securityContext.allowPrivilegeEscalation=false)");
	T_EQ_STR(message(a, POD_SPEC(", hostNetwork: true, hostIPC: true"),
		     "PSS-BASELINE-HOSTNAMESPACES"),
	    "host namespaces (hostNetwork=true, hostIPC=true)");
	/* hostPorts are a set of strings: "443" < "80" < "8080". */
	T_EQ_STR(message(a,
		     "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
		     "{containers: [{name: a, ports: [{hostPort: 8080}]}, "
		     "{name: b, ports: [{hostPort: 80}, {hostPort: 443}]}]}}",
		     "PSS-BASELINE-HOSTPORTS"),
	    "hostPort (containers \"a\", \"b\" use hostPorts 443, 80, 8080)");
	/* sysctls keep their order and are not quoted. */
	T_EQ_STR(message(a,
		     POD_PSC(PSC_OK ", sysctls: [{name: net.core.somaxconn}, "
				    "{name: kernel.msgmax}]"),
		     "PSS-BASELINE-SYSCTLS"),
	    "forbidden sysctls (net.core.somaxconn, kernel.msgmax)");
	T_EQ_STR(message(a,
		     POD_CSC("allowPrivilegeEscalation: false, capabilities: "
			     "{add: [SYS_ADMIN, NET_RAW, SYS_ADMIN]}"),
		     "PSS-RESTRICTED-CAPABILITIES"),
	    "unrestricted capabilities (container \"app\" must set "
	    "securityContext.capabilities.drop=[\"ALL\"]; container \"app\" "
	    "must not include \"NET_RAW\", \"SYS_ADMIN\" in "
	    "securityContext.capabilities.add)");
	/* Upstream's own expectations (check_capabilities_restricted_test.go
	   "multiple containers", check_appArmorProfile_test.go "multiple
	   containers"), the pods written here in YAML. */
	T_EQ_STR(message(a,
		     "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
		     "{containers: [{name: a, securityContext: {capabilities: "
		     "{add: [FOO, BAR]}}}, {name: b, securityContext: "
		     "{capabilities: {add: [BAR, BAZ]}}}, {name: c, "
		     "securityContext: {capabilities: {add: [NET_BIND_SERVICE, "
		     "CHOWN], drop: [ALL, FOO]}}}]}}",
		     "PSS-RESTRICTED-CAPABILITIES"),
	    "unrestricted capabilities (containers \"a\", \"b\" must set "
	    "securityContext.capabilities.drop=[\"ALL\"]; containers \"a\", "
	    "\"b\", \"c\" must not include \"BAR\", \"BAZ\", \"CHOWN\", "
	    "\"FOO\" in securityContext.capabilities.add)");
	T_EQ_STR(
	    message(a,
		"{apiVersion: v1, kind: Pod, metadata: {name: p, "
		"annotations: {container.apparmor.security.beta.kubernetes."
		"io/: bogus, container.apparmor.security.beta.kubernetes.io/"
		"a: \"\", container.apparmor.security.beta.kubernetes.io/b: "
		"runtime/default, container.apparmor.security.beta."
		"kubernetes.io/c: localhost/, container.apparmor.security."
		"beta.kubernetes.io/d: localhost/foo, container.apparmor."
		"security.beta.kubernetes.io/e: unconfined, "
		"container.apparmor.security.beta.kubernetes.io/f: "
		"unknown}}, spec: {containers: []}}",
		"PSS-BASELINE-APPARMORPROFILE"),
	    "forbidden AppArmor profiles (annotations must not set AppArmor "
	    "profile type to "
	    "\"container.apparmor.security.beta.kubernetes.io/=\"bogus\"\", "
	    "\"container.apparmor.security.beta.kubernetes.io/e=\"unconfined\""
	    "\", "
	    "\"container.apparmor.security.beta.kubernetes.io/"
	    "f=\"unknown\"\")");
	T_EQ_STR(message(a, POD_PSC("seccompProfile: {type: RuntimeDefault}"),
		     "PSS-RESTRICTED-RUNASNONROOT"),
	    "runAsNonRoot != true (pod or container \"app\" must set "
	    "securityContext.runAsNonRoot=true)");
	T_EQ_STR(message(a,
		     POD("", "runAsNonRoot: false", "",
			 CSC_OK ", runAsNonRoot: false", ""),
		     "PSS-RESTRICTED-RUNASNONROOT"),
	    "runAsNonRoot != true (pod and container \"app\" must not set "
	    "securityContext.runAsNonRoot=false)");
	T_EQ_STR(message(a, POD_PSC("runAsNonRoot: true"),
		     "PSS-RESTRICTED-SECCOMPPROFILE"),
	    "seccompProfile (pod or container \"app\" must set "
	    "securityContext.seccompProfile.type to \"RuntimeDefault\" or "
	    "\"Localhost\")");
	T_EQ_STR(message(a,
		     POD_SPEC(", volumes: [{name: b, nfs: {server: s}}, "
			      "{name: a, hostPath: {path: /}}]"),
		     "PSS-RESTRICTED-RESTRICTEDVOLUMES"),
	    "restricted volume types (volumes \"b\", \"a\" use restricted "
	    "volume types \"hostPath\", \"nfs\")");
	T_EQ_STR(message(a,
		     POD_META(", annotations: {container.apparmor.security."
			      "beta.kubernetes.io/app: unconfined}"),
		     "PSS-BASELINE-APPARMORPROFILE"),
	    "forbidden AppArmor profile (annotation must not set AppArmor "
	    "profile type to \"container.apparmor.security.beta.kubernetes.io/"
	    "app=\"unconfined\"\")");
	T_EQ_STR(message(a,
		     POD("", PSC_OK ", appArmorProfile: {type: Unconfined}", "",
			 CSC_OK ", appArmorProfile: {type: Bogus}", ""),
		     "PSS-BASELINE-APPARMORPROFILE"),
	    "forbidden AppArmor profiles (pod and container \"app\" must not "
	    "set AppArmor profile type to \"Bogus\", \"Unconfined\")");
	T_EQ_STR(message(a,
		     POD_PSC(PSC_OK ", seLinuxOptions: {type: spc_t, user: "
				    "u}"),
		     "PSS-BASELINE-SELINUXOPTIONS"),
	    "seLinuxOptions (pod set forbidden securityContext.seLinuxOptions: "
	    "type \"spc_t\"; user may not be set)");
	T_EQ_STR(message(a, POD_CSC(CSC_OK ", seLinuxOptions: {role: r}"),
		     "PSS-BASELINE-SELINUXOPTIONS"),
	    "seLinuxOptions (container \"app\" set forbidden "
	    "securityContext.seLinuxOptions: role may not be set)");
	T_EQ_STR(message(a,
		     POD_CTR(", livenessProbe: {httpGet: {host: 10.0.0.1}}, "
			     "lifecycle: {postStart: {httpGet: {host: a.b}}}"),
		     "PSS-BASELINE-HOSTPROBESANDHOSTLIFECYCLE"),
	    "probe or lifecycle host (container \"app\" uses probe or "
	    "lifecycle hosts \"10.0.0.1\", \"a.b\")");
	T_EQ_STR(message(a, POD_CSC(CSC_OK ", procMount: Unmasked"),
		     "PSS-RESTRICTED-PROCMOUNT"),
	    "procMount (container \"app\" must not set "
	    "securityContext.procMount to \"Unmasked\")");
	T_EQ_STR(message(a,
		     POD("", PSC_OK ", windowsOptions: {hostProcess: true}", "",
			 CSC_OK ", windowsOptions: {hostProcess: true}", ""),
		     "PSS-BASELINE-WINDOWSHOSTPROCESS"),
	    "hostProcess (pod and container \"app\" must not set "
	    "securityContext.windowsOptions.hostProcess=true)");
	T_EQ_STR(message(a,
		     POD("", PSC_OK ", runAsUser: 0", "",
			 CSC_OK ", runAsUser: 0", ""),
		     "PSS-RESTRICTED-RUNASUSER"),
	    "runAsUser=0 (pod and container \"app\" must not set "
	    "runAsUser=0)");
	/* Init containers are visited before containers. */
	T_EQ_STR(message(a,
		     POD_SPEC(", initContainers: [{name: init, "
			      "securityContext: {" CSC_OK ", privileged: "
			      "true}}]"),
		     "PSS-BASELINE-PRIVILEGED"),
	    "privileged (container \"init\" must not set "
	    "securityContext.privileged=true)");
	T_EQ_STR(message(a,
		     "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
		     "{containers: [{name: app, securityContext: {privileged: "
		     "true}}], initContainers: [{name: init, securityContext: "
		     "{privileged: true}}], ephemeralContainers: [{name: dbg, "
		     "securityContext: {privileged: true}}]}}",
		     "PSS-BASELINE-PRIVILEGED"),
	    "privileged (containers \"init\", \"app\", \"dbg\" must not set "
	    "securityContext.privileged=true)");
	T_EQ_STR(
	    message(a, POD_CSC(CSC_OK ", seccompProfile: {type: Unconfined}"),
		"PSS-RESTRICTED-SECCOMPPROFILE"),
	    "seccompProfile (container \"app\" must not set "
	    "securityContext.seccompProfile.type to \"Unconfined\")");
	arena_free(a);

	/* Before 1.19: the annotations, sorted, with Go's %q values. */
	a = arena_new();
	{
		struct config_result res;
		const struct config_finding *f;

		scan(a,
		    POD_META(", annotations: {seccomp.security.alpha."
			     "kubernetes.io/pod: unconfined, container.seccomp."
			     "security.alpha.kubernetes.io/app: \"x\\\"y\"}"),
		    PSS_BASELINE, 18, &res);
		f = find(&res, "PSS-BASELINE-SECCOMPPROFILE");
		T_EQ_STR(f ? f->message : NULL,
		    "seccompProfile (forbidden annotations "
		    "container.seccomp.security.alpha.kubernetes.io/app="
		    "\"x\\\"y\", seccomp.security.alpha.kubernetes.io/pod="
		    "\"unconfined\")");
	}
	arena_free(a);
}

/*
 * Cases from PSA's own unit tests (policy/check_*_test.go), the Go pods
 * rewritten here as manifests; the expected reason and detail are the
 * tests' expectations. A NULL message means "allowed".
 */
static const struct {
	const char *what, *yaml, *rule, *msg;
} upstream[] = {
    {"TestRestrictedVolumes host path volumes",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: "
	"[], volumes: [{name: a1, emptyDir: {}}, {name: a2, secret: {}}, "
	"{name: a3, persistentVolumeClaim: {}}, {name: a4, downwardAPI: {}}, "
	"{name: a5, configMap: {}}, {name: a6, projected: {}}, {name: a7, "
	"csi: {}}, {name: a8, ephemeral: {}}, {name: a9, image: {}}, {name: "
	"b1, hostPath: {}}, {name: b2, gcePersistentDisk: {}}, {name: b3, "
	"awsElasticBlockStore: {}}, {name: b4, gitRepo: {}}, {name: b5, nfs: "
	"{}}, {name: b6, iscsi: {}}, {name: b7, glusterfs: {}}, {name: b8, "
	"rbd: {}}, {name: b9, flexVolume: {}}, {name: b10, cinder: {}}, "
	"{name: b11, cephfs: {}}, {name: b12, flocker: {}}, {name: b13, fc: "
	"{}}, {name: b14, azureFile: {}}, {name: b15, vsphereVolume: {}}, "
	"{name: b16, quobyte: {}}, {name: b17, azureDisk: {}}, {name: b18, "
	"photonPersistentDisk: {}}, {name: b19, portworxVolume: {}}, {name: "
	"b20, scaleIO: {}}, {name: b21, storageos: {}}, {name: c1}]}}",
	"PSS-RESTRICTED-RESTRICTEDVOLUMES",
	"restricted volume types (volumes \"b1\", \"b2\", \"b3\", \"b4\", "
	"\"b5\", \"b6\", \"b7\", \"b8\", \"b9\", \"b10\", \"b11\", \"b12\", "
	"\"b13\", \"b14\", \"b15\", \"b16\", \"b17\", \"b18\", \"b19\", "
	"\"b20\", \"b21\", \"c1\" use restricted volume types "
	"\"awsElasticBlockStore\", \"azureDisk\", \"azureFile\", \"cephfs\", "
	"\"cinder\", \"fc\", \"flexVolume\", \"flocker\", "
	"\"gcePersistentDisk\", \"gitRepo\", \"glusterfs\", \"hostPath\", "
	"\"iscsi\", \"nfs\", \"photonPersistentDisk\", \"portworxVolume\", "
	"\"quobyte\", \"rbd\", \"scaleIO\", \"storageos\", \"unknown\", "
	"\"vsphereVolume\")"},
    {"TestHostProbesAndHostLifecycle valid pod with unset hosts",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: "
	"[{name: a, livenessProbe: {httpGet: {}}, readinessProbe: "
	"{tcpSocket: {}}, lifecycle: {postStart: {httpGet: {}}}}]}}",
	"PSS-BASELINE-HOSTPROBESANDHOSTLIFECYCLE", NULL},
    {"TestHostProbesAndHostLifecycle local host IP as probe host",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: "
	"[{name: a, livenessProbe: {httpGet: {host: 127.0.0.1}}, "
	"readinessProbe: {tcpSocket: {host: \"::1\"}}, startupProbe: "
	"{httpGet: {host: localhost}}}]}}",
	"PSS-BASELINE-HOSTPROBESANDHOSTLIFECYCLE",
	"probe or lifecycle host (container \"a\" uses probe or lifecycle "
	"hosts \"127.0.0.1\", \"::1\", \"localhost\")"},
    {"TestHostProbesAndHostLifecycle multiple containers",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: "
	"[{name: valid}, {name: invalid1, livenessProbe: {httpGet: {host: "
	"a.com}}}, {name: invalid2, lifecycle: {preStop: {tcpSocket: {host: "
	"b.com}}}, startupProbe: {httpGet: {host: a.com}}}]}}",
	"PSS-BASELINE-HOSTPROBESANDHOSTLIFECYCLE",
	"probe or lifecycle host (containers \"invalid1\", \"invalid2\" use "
	"probe or lifecycle hosts \"a.com\", \"b.com\")"},
    {"TestHostProbesAndHostLifecycle invalid host in initcontainer",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
	"{initContainers: [{name: init, livenessProbe: {httpGet: {host: "
	"invalid.init.host}}}]}}",
	"PSS-BASELINE-HOSTPROBESANDHOSTLIFECYCLE",
	"probe or lifecycle host (container \"init\" uses probe or lifecycle "
	"host \"invalid.init.host\")"},
    {"TestRunAsNonRoot containers runAsNonRoot=false",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
	"{securityContext: {runAsNonRoot: true}, containers: [{name: a}, "
	"{name: b, securityContext: {}}, {name: c, securityContext: "
	"{runAsNonRoot: false}}, {name: d, securityContext: {runAsNonRoot: "
	"false}}, {name: e, securityContext: {runAsNonRoot: true}}, {name: "
	"f, securityContext: {runAsNonRoot: true}}]}}",
	"PSS-RESTRICTED-RUNASNONROOT",
	"runAsNonRoot != true (containers \"c\", \"d\" must not set "
	"securityContext.runAsNonRoot=false)"},
    {"TestRunAsNonRoot pod nil, container fallthrough",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: "
	"[{name: a}, {name: b, securityContext: {}}, {name: d, "
	"securityContext: {runAsNonRoot: true}}, {name: e, securityContext: "
	"{runAsNonRoot: true}}]}}",
	"PSS-RESTRICTED-RUNASNONROOT",
	"runAsNonRoot != true (pod or containers \"a\", \"b\" must set "
	"securityContext.runAsNonRoot=true)"},
    {"TestRunAsNonRoot pod runAsNonRoot=false",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
	"{securityContext: {runAsNonRoot: false}, containers: [{name: a}]}}",
	"PSS-RESTRICTED-RUNASNONROOT",
	"runAsNonRoot != true (pod must not set "
	"securityContext.runAsNonRoot=false)"},
    {"TestSeccompProfileRestricted_1_25 no explicit seccomp, windows Pod",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {os: {name: "
	"windows}, containers: [{name: a}]}}",
	"PSS-RESTRICTED-SECCOMPPROFILE", NULL},
    {"TestSeccompProfileRestricted_1_25 no explicit seccomp, linux pod",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {os: {name: "
	"linux}, containers: [{name: a}]}}",
	"PSS-RESTRICTED-SECCOMPPROFILE",
	"seccompProfile (pod or container \"a\" must set "
	"securityContext.seccompProfile.type to \"RuntimeDefault\" or "
	"\"Localhost\")"},
    {"TestSeccompProfileRestricted_1_25 containers seccomp invalid",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
	"{securityContext: {seccompProfile: {type: RuntimeDefault}}, "
	"containers: [{name: a}, {name: b, securityContext: {}}, {name: c, "
	"securityContext: {seccompProfile: {type: Unconfined}}}, {name: d, "
	"securityContext: {seccompProfile: {type: Unconfined}}}, {name: e, "
	"securityContext: {seccompProfile: {type: RuntimeDefault}}}, {name: "
	"f, securityContext: {seccompProfile: {type: RuntimeDefault}}}]}}",
	"PSS-RESTRICTED-SECCOMPPROFILE",
	"seccompProfile (containers \"c\", \"d\" must not set "
	"securityContext.seccompProfile.type to \"Unconfined\")"},
    {"TestSeccompProfileRestricted_1_25 pod nil, container fallthrough",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: "
	"[{name: a}, {name: b, securityContext: {}}, {name: d, "
	"securityContext: {seccompProfile: {type: RuntimeDefault}}}, {name: "
	"e, securityContext: {seccompProfile: {type: RuntimeDefault}}}]}}",
	"PSS-RESTRICTED-SECCOMPPROFILE",
	"seccompProfile (pod or containers \"a\", \"b\" must set "
	"securityContext.seccompProfile.type to \"RuntimeDefault\" or "
	"\"Localhost\")"},
    {"TestCheckAppArmor_Forbidden unconfined init container",
	"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
	"{securityContext: {appArmorProfile: {type: RuntimeDefault}}, "
	"containers: [{name: foo}], initContainers: [{name: bar, "
	"securityContext: {appArmorProfile: {type: Unconfined}}}]}}",
	"PSS-BASELINE-APPARMORPROFILE",
	"forbidden AppArmor profile (container \"bar\" must not set AppArmor "
	"profile type to \"Unconfined\")"},
};

static void
test_upstream(void)
{
	struct arena *a = arena_new();

	for (size_t i = 0; i < sizeof(upstream) / sizeof(*upstream); i++) {
		const char *got =
		    message(a, upstream[i].yaml, upstream[i].rule);
		bool ok = upstream[i].msg
		    ? got && strcmp(got, upstream[i].msg) == 0
		    : got == NULL;

		printf("%sok %d - upstream: %s\n", ok ? "" : "not ", ++t_n,
		    upstream[i].what);
		if (!ok) {
			t_fail++;
			T_NOTE("got  %s", got ? got : "(allowed)");
			T_NOTE("want %s",
			    upstream[i].msg ? upstream[i].msg : "(allowed)");
		}
	}
	arena_free(a);
}

/* Findings point at the first offending field, and name the container. */
static void
test_locations(void)
{
	static const char yaml[] = "apiVersion: v1\n" /* 1 */
				   "kind: Pod\n"
				   "metadata:\n"
				   "  name: web\n"
				   "  namespace: prod\n" /* 5 */
				   "spec:\n"
				   "  hostNetwork: true\n"
				   "  containers:\n"
				   "  - name: app\n"
				   "    image: nginx\n" /* 10 */
				   "    securityContext:\n"
				   "      privileged: true\n"
				   "  - name: side\n"
				   "    image: busybox\n"
				   "    ports:\n" /* 15 */
				   "    - containerPort: 80\n"
				   "      hostPort: 80\n";
	struct arena *a = arena_new();
	struct config_result res;
	const struct config_finding *f;

	scan(a, yaml, PSS_RESTRICTED, PSS_VERSION_LATEST, &res);
	f = find(&res, "PSS-BASELINE-HOSTNAMESPACES");
	T_OK(f && f->line == 7 && f->col == 16 && f->container == NULL);
	f = find(&res, "PSS-BASELINE-PRIVILEGED");
	T_OK(f && f->line == 12);
	T_EQ_STR(f ? f->container : NULL, "app");
	f = find(&res, "PSS-BASELINE-HOSTPORTS");
	T_OK(f && f->line == 17);
	T_EQ_STR(f ? f->container : NULL, "side");
	T_EQ_STR(f ? f->resource : NULL, "Pod/prod/web");
	/* An implicit violation points at the container. */
	f = find(&res, "PSS-RESTRICTED-RUNASNONROOT");
	T_OK(f && f->line == 9);
	T_EQ_STR(f ? f->container : NULL, "app");
	T_EQ_INT(f ? f->severity : 0, SEV_MEDIUM);
	f = find(&res, "PSS-BASELINE-PRIVILEGED");
	T_EQ_INT(f ? f->severity : 0, SEV_CRITICAL);
	arena_free(a);
}

/* The level and version from the namespace labels when no level is
   given. */
static size_t
scan_ns(struct arena *a, const char *yaml, bool level_set, enum pss_level level,
    uint32_t minor, const char *rule)
{
	struct config_opts opts = {.pss_level = level,
	    .pss_level_set = level_set,
	    .pss_minor = minor,
	    .pss_minor_set = minor != PSS_VERSION_LATEST,
	    .checks = CHECKS_PSS};
	struct config_result res = {0};
	struct ward_err err = {0};
	size_t n = 0;

	if (config_scan_text(a, "ns.yaml", str_from(yaml), &opts, &res, &err) <
	    0)
		return (size_t)-1;
	for (size_t i = 0; i < res.n; i++)
		if (strcmp(res.v[i].rule->id, rule) == 0)
			n++;
	return n;
}

#define NS(labels)                                                             \
	"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n"           \
	"  labels: {" labels "}\n---\n"
/* Restricted-only violation (runAsUser 0, since 1.23), in namespace team. */
#define TEAM_POD                                                               \
	"apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: team}\n"    \
	"spec: {securityContext: {" PSC_OK ", runAsUser: 0}, containers: "     \
	"[{name: a, securityContext: {" CSC_OK ", privileged: true}}]}\n"

static void
test_namespaces(void)
{
	struct arena *a = arena_new();
	const char *ru = "PSS-RESTRICTED-RUNASUSER",
		   *pr = "PSS-BASELINE-PRIVILEGED";
	uint32_t L = PSS_VERSION_LATEST;

	/* No Namespace object: restricted. */
	T_EQ_INT(scan_ns(a, TEAM_POD, false, 0, L, ru), 1);
	/* enforce: baseline: restricted checks do not run. */
	T_EQ_INT(
	    scan_ns(a,
		NS("pod-security.kubernetes.io/enforce: baseline") TEAM_POD,
		false, 0, L, ru),
	    0);
	T_EQ_INT(
	    scan_ns(a,
		NS("pod-security.kubernetes.io/enforce: baseline") TEAM_POD,
		false, 0, L, pr),
	    1);
	/* enforce: privileged: nothing. */
	T_EQ_INT(
	    scan_ns(a,
		NS("pod-security.kubernetes.io/enforce: privileged") TEAM_POD,
		false, 0, L, pr),
	    0);
	/* An invalid level is restricted, as PSA's PolicyToEvaluate does. */
	T_EQ_INT(scan_ns(a,
		     NS("pod-security.kubernetes.io/enforce: strict") TEAM_POD,
		     false, 0, L, ru),
	    1);
	/* enforce-version pins the policy version: runAsUser is 1.23+. */
	T_EQ_INT(scan_ns(a,
		     NS("pod-security.kubernetes.io/enforce: restricted, "
			"pod-security.kubernetes.io/enforce-version: v1.22")
			 TEAM_POD,
		     false, 0, L, ru),
	    0);
	T_EQ_INT(scan_ns(a,
		     NS("pod-security.kubernetes.io/enforce: restricted, "
			"pod-security.kubernetes.io/enforce-version: v1.23")
			 TEAM_POD,
		     false, 0, L, ru),
	    1);
	/* An invalid enforce-version ("v1.022" does not match
	   ^v1\.(0|[1-9][0-9]*)$) is latest, as in PSA's ParseVersion. */
	T_EQ_INT(scan_ns(a,
		     NS("pod-security.kubernetes.io/enforce: restricted, "
			"pod-security.kubernetes.io/enforce-version: v1.022")
			 TEAM_POD,
		     false, 0, L, ru),
	    1);
	/* An explicit --pss-version wins over enforce-version. */
	T_EQ_INT(scan_ns(a,
		     NS("pod-security.kubernetes.io/enforce: restricted, "
			"pod-security.kubernetes.io/enforce-version: v1.23")
			 TEAM_POD,
		     false, 0, 22, ru),
	    0);
	/* So does an explicit --pss-version latest (runAsUser is checked
	   from 1.23, and the label says 1.22). */
	{
		struct config_opts opts = {.pss_minor = PSS_VERSION_LATEST,
		    .pss_minor_set = true,
		    .checks = CHECKS_PSS};
		struct config_result res = {0};
		struct ward_err err = {0};
		size_t n = 0;

		T_EQ_INT(config_scan_text(a, "ns.yaml",
			     STR(NS("pod-security.kubernetes.io/enforce: "
				    "restricted, "
				    "pod-security.kubernetes.io/"
				    "enforce-version: v1.22") TEAM_POD),
			     &opts, &res, &err),
		    0);
		for (size_t i = 0; i < res.n; i++)
			n += strcmp(res.v[i].rule->id, ru) == 0;
		T_EQ_INT(n, 1);
	}
	/* --pss-level wins over the label. */
	T_EQ_INT(
	    scan_ns(a,
		NS("pod-security.kubernetes.io/enforce: privileged") TEAM_POD,
		true, PSS_RESTRICTED, L, ru),
	    1);
	/* A pod without a namespace is in "default". */
	T_EQ_INT(scan_ns(a,
		     "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "
		     "default\n  labels: {pod-security.kubernetes.io/enforce: "
		     "baseline}\n---\napiVersion: v1\nkind: Pod\nmetadata: "
		     "{name: p}\nspec: {containers: [{name: a}]}\n",
		     false, 0, L, "PSS-RESTRICTED-RUNASNONROOT"),
	    0);
	/* --checks without pss: nothing. */
	{
		struct config_opts opts = {.pss_level = PSS_RESTRICTED,
		    .pss_level_set = true,
		    .pss_minor = L,
		    .checks = CHECKS_RBAC};
		struct config_result res = {0};
		struct ward_err err = {0};

		config_scan_text(
		    a, "p.yaml", str_from(TEAM_POD), &opts, &res, &err);
		T_EQ_INT(res.n, 0);
	}
	arena_free(a);
}

/* A file of the test tree, read whole into the arena. */
static struct str
slurp(struct arena *a, const char *rel)
{
	char path[512];
	FILE *f;
	char *buf;
	size_t n;

	if (snprintf(path, sizeof(path), "%s/%s", WARD_TEST_SRCDIR, rel) >=
	    (int)sizeof(path))
		return STR_NULL;
	f = fopen(path, "rb");
	if (!f)
		return STR_NULL;
	buf = arena_alloc(a, 1 << 20);
	n = fread(buf, 1, (1 << 20) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return str_make(buf, n);
}

/* Findings of one file at latest, no --pss-level (namespace labels). */
static void
scan_file(struct arena *a, const char *rel, struct config_result *res)
{
	struct config_opts opts = {
	    .pss_minor = PSS_VERSION_LATEST, .checks = CHECKS_PSS};
	struct ward_err err = {0};

	memset(res, 0, sizeof(*res));
	T_EQ_INT(config_scan_text(a, rel, slurp(a, rel), &opts, res, &err), 0);
}

/* tests/config/pss/mixed.yaml: the expected findings are marked in the
   file, on the offending lines; exactly those must come out. */
static void
test_corpus(void)
{
	struct arena *a = arena_new();
	struct str text = slurp(a, "config/pss/mixed.yaml"), rest = text, line;
	struct config_result res;
	size_t want = 0, found = 0;
	uint32_t lineno = 0;

	T_OK(text.len > 0);
	scan_file(a, "config/pss/mixed.yaml", &res);
	while (str_next_line(&rest, &line)) {
		ssize_t at = str_find(line, STR("# expect PSS-"));
		struct str rule;
		bool hit = false;

		lineno++;
		if (at < 0)
			continue;
		rule = str_trim(
		    str_sub(line, (size_t)at + 9, line.len - (size_t)at - 9));
		want++;
		for (size_t i = 0; i < res.n; i++)
			if (res.v[i].line == lineno &&
			    str_eq_cstr(rule, res.v[i].rule->id))
				hit = true;
		if (!hit)
			T_NOTE("mixed.yaml:%u: no %.*s", lineno, STR_FMT(rule));
		found += hit;
	}
	T_EQ_INT(want, 4);
	T_EQ_INT(found, want);
	T_EQ_INT(res.n, want);
	for (size_t i = 0; i < res.n; i++)
		T_NOTE("  %u %s %s %s", res.v[i].line, res.v[i].rule->id,
		    res.v[i].resource ? res.v[i].resource : "-",
		    res.v[i].message);

	/* tests/config/pss/pod.json: JSON read as YAML. The AppArmor
	   annotation (line 7) and runAsUser 0 (line 22), by hand. */
	scan_file(a, "config/pss/pod.json", &res);
	T_EQ_INT(res.n, 2);
	T_OK(find(&res, "PSS-BASELINE-APPARMORPROFILE") &&
	    find(&res, "PSS-BASELINE-APPARMORPROFILE")->line == 7);
	T_OK(find(&res, "PSS-RESTRICTED-RUNASUSER") &&
	    find(&res, "PSS-RESTRICTED-RUNASUSER")->line == 22);
	arena_free(a);
}

/* ward.dev/ignore on the object marks a PSS finding suppressed. The id
   is listed first: k8s.c's ignore_ids() currently drops the last id of the
   list (str_cut() empties the rest before it is read; reported to the
   lead, k8s.c is not this branch's file). */
static void
test_suppression(void)
{
	struct arena *a = arena_new();
	struct config_result res;
	const struct config_finding *f;

	scan(a,
	    POD(", annotations: {ward.dev/ignore: \"PSS-BASELINE-PRIVILEGED, "
		"WARD-K8S-001\"}",
		PSC_OK, "", CSC_OK ", privileged: true, runAsUser: 0", ""),
	    PSS_RESTRICTED, PSS_VERSION_LATEST, &res);
	f = find(&res, "PSS-BASELINE-PRIVILEGED");
	T_OK(f && f->suppressed != NULL);
	f = find(&res, "PSS-RESTRICTED-RUNASUSER");
	T_OK(f && f->suppressed == NULL);
	arena_free(a);
}

/* Malformed values do not crash and read as absent. */
static void
test_hostile(void)
{
	static const char *const docs[] = {
	    "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: 7}",
	    "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: "
	    "{containers: 7, initContainers: [null, 3, [1]], volumes: [null, "
	    "1, {name: [x]}], securityContext: [1]}}",
	    "{apiVersion: v1, kind: Pod, metadata: {name: p, annotations: 5}, "
	    "spec: {containers: [{name: {a: b}, securityContext: "
	    "{capabilities: {add: [{x: 1}, null], drop: 3}, privileged: "
	    "\"true\", procMount: [], seLinuxOptions: {type: {}}}, ports: "
	    "[{hostPort: abc}, {hostPort: 99999999999}]}]}}",
	    "{apiVersion: v1, kind: Pod, metadata: {name: p, annotations: "
	    "{<<: {container.apparmor.security.beta.kubernetes.io/x: u}, "
	    "container.apparmor.security.beta.kubernetes.io/x: "
	    "runtime/default}}, spec: {containers: [{name: x}]}}",
	};
	struct arena *a = arena_new();

	for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
		struct config_result res;

		T_EQ_INT(scan(a, docs[i], PSS_RESTRICTED, 30, &res), 0);
	}
	/* The mapping's own key wins over the merged one: no AppArmor
	   finding. */
	{
		struct config_result res;

		scan(a, docs[3], PSS_BASELINE, 30, &res);
		T_OK(find(&res, "PSS-BASELINE-APPARMORPROFILE") == NULL);
	}
	arena_free(a);
}

/* One scan of 'text' in a fresh arena: CPU seconds, findings in *n. */
static double
timed_scan(struct str text, unsigned checks, size_t *n)
{
	struct arena *a = arena_new();
	struct config_result res = {0};
	struct config_opts opts = {.pss_level = PSS_RESTRICTED,
	    .pss_level_set = true,
	    .pss_minor = PSS_VERSION_LATEST,
	    .checks = checks};
	struct ward_err err = {0};
	struct timespec t0, t1;
	int r;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	r = config_scan_text(a, "bench.yaml", text, &opts, &res, &err);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	*n = r < 0 ? 0 : res.n;
	arena_free(a);
	return (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* 10,000 manifests (a mix of kinds): findings counted, CPU time printed. */
static void
test_performance(void)
{
	static const char *const kinds[] = {
	    "Deployment", "StatefulSet", "DaemonSet", "Job"};
	size_t cap = 10000 * 700, len = 0, n = 0, nbase;
	char *buf = malloc(cap);
	double base = 1e9, secs = 1e9;

	for (int i = 0; i < 10000; i++) {
		int w = snprintf(buf + len, cap - len,
		    "---\napiVersion: apps/v1\nkind: %s\nmetadata:\n  name: "
		    "app-%d\n  namespace: ns-%d\nspec:\n  template:\n    "
		    "spec:\n      securityContext:\n        runAsNonRoot: "
		    "true\n      initContainers:\n      - name: init\n        "
		    "image: busybox\n      containers:\n      - name: app\n    "
		    "    image: nginx:1.%d\n        ports:\n        - "
		    "containerPort: 80\n%s        securityContext:\n          "
		    "allowPrivilegeEscalation: %s\n          capabilities:\n   "
		    " "
		    "        drop: [ALL]\n",
		    kinds[i % 4], i, i % 50, i % 30,
		    i % 7 == 0 ? "          hostPort: 80\n" : "",
		    i % 3 ? "false" : "true");

		if (w < 0 || (size_t)w >= cap - len)
			break;
		len += (size_t)w;
	}
	/* Process CPU time, best of three, since the machine may be shared:
	   parsing and the object model alone, then with the PSS checks. */
	for (int k = 0; k < 3; k++) {
		double t = timed_scan(str_make(buf, len), CHECKS_RBAC, &nbase);

		base = t < base ? t : base;
		t = timed_scan(str_make(buf, len), CHECKS_PSS, &n);
		secs = t < secs ? t : secs;
	}
	T_NOTE("10000 manifests (%zu bytes): %.3f s CPU parse+model, %.3f s "
	       "with PSS (PSS alone %.3f s), %zu findings",
	    len, base, secs, secs - base, n);
	T_EQ_INT(nbase, 0);
	T_OK(n >= 10000);
	/* No timing assertion: the figure is printed; bench/config.sh
	   measures. */
	free(buf);
}

int
main(void)
{
	test_matrix();
	test_messages();
	test_upstream();
	test_locations();
	test_namespaces();
	test_corpus();
	test_suppression();
	test_hostile();
	test_performance();
	return t_done();
}
