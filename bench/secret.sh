#!/bin/sh
# Secret scanner throughput on one core over a text corpus: every header
# under /usr/include plus decompressed /usr/share/doc text, concatenated.
# Usage: bench/secret.sh [BUILDDIR]   (default: build)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
corpus=$(mktemp /tmp/ward-secret-corpus.XXXXXX)
trap 'rm -f "$corpus"' EXIT
find /usr/include -type f -name '*.h' -exec cat {} + >"$corpus"
find /usr/share/doc -type f -name '*.gz' -exec zcat -f {} + >>"$corpus" 2>/dev/null || true
ls -l "$corpus" >&2
for i in 1 2 3; do
	taskset -c 0 "$build/secret_bench" "$corpus" | tail -1
done
