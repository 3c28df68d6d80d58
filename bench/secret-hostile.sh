#!/bin/sh
# Secret scanning of hostile input: for each shape of
# tests/integration/hostile.py (one line of a hex blob with noise, ten-byte
# lines, minified JavaScript, backtracking bait), a file of about 100 MB
# and one of about 1 GB is scanned with 'ward fs --scanners secret' on one
# core. Linear time shows as the same MB/s at both sizes. MB/s is given
# over wall time and over CPU time (user + system; on a shared machine
# the one-core figure), with the peak RSS.
# Usage: bench/secret-hostile.sh [BUILDDIR] [SIZES]
#   (default: build, "1e8 1e9"; files go to /dev/shm when writable)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
sizes=${2:-1e8 1e9}
base=/tmp
[ -w /dev/shm ] && base=/dev/shm
work=$(mktemp -d "$base/ward-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf '%-10s %12s %8s %8s %9s %9s %8s\n' shape bytes wall_s cpu_s \
	wall_MB/s cpu_MB/s rss_MB
for shape in oneline lines minjs backtrack; do
	for size in $sizes; do
		rm -rf "$work/d" && mkdir "$work/d"
		python3 "$top/tests/integration/hostile.py" "$shape" "$size" \
			"$work/d/f" >/dev/null
		bytes=$(stat -c %s "$work/d/f")
		/usr/bin/time -o "$work/t" -f '%e %U %S %M' taskset -c 0 \
			"$build/ward" fs --scanners secret -f json "$work/d" \
			>"$work/out"
		grep -q ghp_Ab3dEf5hIj7lMn9pQr1tUv3xYz5bCd7fGh9j "$work/out" &&
			echo "$shape: the whole secret is in the output!" >&2
		grep -c '"github-token"' "$work/out" >/dev/null ||
			echo "$shape $size: planted secret not found" >&2
		read -r wall user sys rss <"$work/t"
		awk -v s="$shape" -v b="$bytes" -v w="$wall" -v u="$user" \
			-v y="$sys" -v r="$rss" 'BEGIN {
			c = u + y; if (w == 0) w = 0.01; if (c == 0) c = 0.01
			printf "%-10s %12d %8.2f %8.2f %9.0f %9.0f %8.1f\n",
			    s, b, w, c, b / 1e6 / w, b / 1e6 / c, r / 1024 }'
	done
done
