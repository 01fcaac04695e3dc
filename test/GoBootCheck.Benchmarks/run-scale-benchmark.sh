#!/usr/bin/env bash
# The scale table: every release binary of the cache and buf 1.75.0, smallest function count first, each verified in a
# fresh process (cold, then the best of three warm runs; parallelism 1, no verdict cache: the benchmark program has
# none), with its CPU time, functions per second and the process's peak RSS growth over the verification. Prints a
# Markdown table (docs/performance.md keeps the last one).
#   test/GoBootCheck.Benchmarks/run-scale-benchmark.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gbc-scale.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
dotnet build "$ROOT/test/GoBootCheck.Benchmarks/GoBootCheck.Benchmarks.csproj" -c Release -nodeReuse:false -v:q -o "$WORK/bench" >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log" >&2; exit 1; }
manifest="$CACHE/release/manifest.tsv"
[[ -f "$manifest" ]] || { echo "missing $manifest (run test/release-binaries/fetch-release-binaries.sh)" >&2; exit 2; }
{
  awk -F'\t' -v dir="$CACHE/release" 'NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "path") p = i; if ($i == "nfunc") n = i; if ($i == "goversion") g = i; if ($i == "stripped") s = i } next }
    { print $n "\t" dir "/" $p "\t" $g "\t" $s }' "$manifest"
  echo -e "58519\t$(bash "$(dirname "${BASH_SOURCE[0]}")/fetch-buf.sh")\tgo1.27.3\tyes"
} | sort -t$'\t' -u -k2,2 | sort -t$'\t' -n -k1,1 >"$WORK/list.tsv"
echo "| binary | Go | stripped | MB | functions | cold CPU ms | warm CPU ms | functions/s (warm) | µs/function | peak RSS growth MB | growth / size |"
echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
while IFS=$'\t' read -r _ path go stripped; do
  IFS=$'\t' read -r functions bytes cold warm growth < <(dotnet "$WORK/bench/GoBootCheck.Benchmarks.dll" once "$path")
  awk -v name="$(basename "$(dirname "$path")")" -v go="$go" -v st="$stripped" -v b="$bytes" -v f="$functions" -v c="$cold" -v w="$warm" -v g="$growth" 'BEGIN {
    printf "| %s | %s | %s | %.1f | %d | %d | %d | %.0f | %.2f | %.1f | %.2f |\n", name, go, st, b / 1e6, f, c, w, (w > 0 ? f / (w / 1000) : 0), (f > 0 ? 1000 * w / f : 0), g / 1e6, g / b }'
done <"$WORK/list.tsv"
