#!/bin/sh
# Vulnerability database and matching benchmark (issue 5), in one run:
#   1. 'ward db build --from ../shared/data/vulndb': time and file size;
#   2. a full vulnerability scan of a Debian image holding skopeo (real Go
#      stdlib advisories) against the inventory-only scan of the same
#      image, both without the layer cache, as a ratio.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
ward=${WARD:-$top/build/ward}
img=$top/.cache/images/debian-bookworm-skopeo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -x "$ward" ] || { echo "build ward first (ninja -C build)" >&2; exit 1; }
[ -d ../shared/data/vulndb ] || { echo "needs ../shared/data/vulndb" >&2; exit 1; }
[ -d "$img/oci" ] || ../shared/tools/mkimage-debian "$img" bookworm skopeo

echo "== 1. database build"
hyperfine -N -w 1 -r 5 --prepare "rm -rf $work/c" \
    "$ward --cache-dir $work/c db build --from ../shared/data/vulndb"
"$ward" -q --cache-dir "$work/c" db build --from ../shared/data/vulndb
echo "size: $(stat -c %s "$work/c/db/ward.db") bytes"

echo "== 2. vulnerability scan vs inventory only ($img)"
hyperfine -N -w 1 -r 10 \
    "$ward --cache-dir $work/c image --no-cache --scanners none -f json -o $work/inv.json $img/oci" \
    "$ward --cache-dir $work/c image --no-cache -f json -o $work/vuln.json $img/oci"
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('findings:', len(d['vulnerabilities']), 'advisories:', len({v['id'] for v in d['vulnerabilities']}))" "$work/vuln.json"
