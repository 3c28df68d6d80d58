#!/bin/sh
# Version comparisons per second, per ecosystem: in process (the
# comparators themselves, bench/vercmp_bench.c) and through
# 'ward compare-versions --batch' on a realistic mix (the whole path a
# program feeding millions of pairs sees: reading, splitting, writing).
# Rates are per second of CPU time on one core (the machines this runs on
# are shared, and wall time would measure the neighbours too); the batch
# lines also give the wall-clock rate.
# Usage: bench/vercmp.sh [BUILD_DIR]   (default: build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
ninja -C "$build" ward vercmp_bench >/dev/null
echo "== in process (one core)"
"$build/vercmp_bench" 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== ward compare-versions --batch, 1,000,000 pairs per ecosystem"
/usr/bin/python3 - "$tmp" <<'PY'
import itertools, random, sys
mix = {
 "deb": ["2.36-9+deb12u4", "1:2.38.1-5+deb12u3", "7.88.1-10+deb12u5",
         "3.0.11-1~deb12u2", "1.2.13.dfsg-1", "2:8.2.3995-1ubuntu2.15"],
 "apk": ["1.36.1-r15", "3.1.4-r5", "1.2.4_git20230717-r4", "8.5.0-r0",
         "9.4_p1-r0", "3.0.0_rc1-r0"],
 "rpm": ["2.28-225.el8", "1:1.1.1k-12.el8_9", "4.18.0-513.5.1.el8",
         "1.0~rc1-1.fc39", "1.2.3^git20230101-2", "0:5.1.8-6.el8"],
 "npm": ["4.17.21", "1.0.0-alpha.1", "18.2.0", "7.5.4", "2.0.0-rc.11",
         "1.2.3+build.5"],
 "pypi": ["2.31.0", "1.26.0rc1", "3.2.post1", "1!2.0", "0.24.dev0",
          "1.0+ubuntu1"],
 "maven": ["2.17.1", "5.3.31", "2.0.0.RELEASE", "1.0-SNAPSHOT", "6.0.0-M3",
           "1.2.3-rc-1"],
 "go": ["v1.9.1", "v0.0.0-20231006140011-7918f672742d",
        "v2.3.0+incompatible", "v1.62.0-rc.1", "v0.15.0", "v1.0.0"],
 "gem": ["7.1.2", "1.15.4", "2.0.0.pre", "13.0.6", "5.0.0.beta1", "1.0.0"],
 "composer": ["6.4.1", "v5.4.0", "1.0-beta2", "2.x-dev", "3.0.0-RC1",
              "1.5.0-patch1"],
 "nuget": ["13.0.3", "6.0.0-preview.1", "1.0.0.0", "2.2.0-beta.11",
           "12.0.1+build", "3.1.32"],
 "cargo": ["1.0.188", "0.4.31", "2.0.0-rc.1", "0.2.150", "1.0.0-alpha.3",
           "0.3.28"],
}
rng = random.Random(1)
for eco, vs in mix.items():
    pairs = [f"{a}\t{b}\n" for a, b in itertools.product(vs, vs)]
    with open(f"{sys.argv[1]}/{eco}", "w") as f:
        for _ in range(1000000 // len(pairs) + 1):
            f.write("".join(pairs))
PY
/usr/bin/python3 - "$tmp" "$build/ward" <<'PY'
import os, resource, subprocess, sys, time
tmp, ward = sys.argv[1], sys.argv[2]
for eco in ["deb", "apk", "rpm", "npm", "pypi", "maven", "go", "gem",
            "composer", "nuget", "cargo"]:
    path = f"{tmp}/{eco}"
    n = sum(1 for _ in open(path))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    with open(path, "rb") as f:
        subprocess.run([ward, "compare-versions", "-e", eco, "--batch"],
                       stdin=f, stdout=subprocess.DEVNULL, check=True)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{eco:<10} {n / cpu:12.0f} comparisons/s of CPU time "
          f"({n / wall:.0f}/s wall)")
PY
