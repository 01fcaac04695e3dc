#!/usr/bin/env bash
# The corpus benchmark: one build that verifies every binary of the cache — the fixtures
# (test/fixtures/build-go-fixtures.sh), the release binaries (test/release-binaries/fetch-release-binaries.sh), buf
# 1.75.0 (fetch-buf.sh) — plus a fault-injected copy of each (one prologue's stackguard0 comparison moved to +0x18,
# a GBC0004 fault), with the verdict cache off, once with GoBootCheckParallelism=1 and once with =2, in turn, RUNS
# times each (fresh MSBuild process each time, -m:1 so the task alone sets the parallelism). Prints VerifyGoBinaries'
# time per run (MSBuild's performance summary), the medians and their ratio; fails unless every clean binary built
# without an error and every injected copy failed with GBC0004 at the patched function.
#   test/GoBootCheck.Benchmarks/run-corpus-benchmark.sh [RUNS]      (default 3)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}"
RUNS="${1:-3}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/gbc-corpus.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

manifest_paths() { # MANIFEST: absolute paths of its "path" column
  [[ -f "$1" ]] || { echo "missing $1 (see the script header)" >&2; exit 2; }
  awk -F'\t' -v dir="$(dirname "$1")" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "path") p = i; next } { print ($p ~ /^\// ? $p : dir "/" $p) }' "$1"
}
{
  manifest_paths "$CACHE/fixtures/manifest.tsv"
  manifest_paths "$CACHE/release/manifest.tsv"
  bash "$(dirname "${BASH_SOURCE[0]}")/fetch-buf.sh"
} | sort -u >"$WORK/clean.txt"

echo "building the fault-injected copies …" >&2
dotnet build "$ROOT/test/GoBootCheck.Benchmarks/GoBootCheck.Benchmarks.csproj" -c Release -nodeReuse:false -v:q -o "$WORK/bench" >"$WORK/bench-build.log" 2>&1 \
  || { cat "$WORK/bench-build.log" >&2; exit 1; }
# shellcheck disable=SC2046
dotnet "$WORK/bench/GoBootCheck.Benchmarks.dll" inject "$WORK/injected" $(cat "$WORK/clean.txt") >"$WORK/injected.tsv"

items=""
while read -r path; do items+="    <GoBootCheckBinary Include=\"$path\" />"$'\n'; done < <(cat "$WORK/clean.txt"; cut -f1 "$WORK/injected.tsv")
gbc_pack
gbc_consumer "$items"
count=$(( $(wc -l <"$WORK/clean.txt") + $(wc -l <"$WORK/injected.tsv") ))
bytes=$(cat "$WORK/clean.txt" <(cut -f1 "$WORK/injected.tsv") | xargs stat -c %s | awk '{ s += $1 } END { printf "%.2f GB", s / 1e9 }')
echo "corpus: $(wc -l <"$WORK/clean.txt") clean binaries + $(wc -l <"$WORK/injected.tsv") fault-injected copies = $count binaries, $bytes; nproc $(nproc)"

run() { # PARALLELISM → task ms; checks the verdicts
  dotnet msbuild "$WORK/consumer/Consumer.csproj" -t:GoBootCheck -m:1 -nodeReuse:false -clp:PerformanceSummary -v:n \
    -p:GoBootCheckIncremental=false -p:GoBootCheckParallelism="$1" -p:GoBootCheckSarifFile=none >"$WORK/msbuild-$1.log" 2>&1 || true
  local log="$WORK/msbuild-$1.log"
  # Errors name their file: "<file> : GoBootCheck error GBCxxxx: …" (MSBuild may prefix the node number).
  grep -E ': GoBootCheck error GBC[0-9]+' "$log" | sed -E 's/^ *[0-9]+>//' | sort -u >"$WORK/errors-$1.txt" || true
  local bad=0
  while read -r path; do
    if grep -qF "$path : GoBootCheck error" "$WORK/errors-$1.txt"; then echo "clean binary with an error: $(grep -F "$path : GoBootCheck error" "$WORK/errors-$1.txt" | head -n1)" >&2; bad=1; fi
  done <"$WORK/clean.txt"
  while IFS=$'\t' read -r path rule function; do
    grep -F "$path : GoBootCheck error $rule" "$WORK/errors-$1.txt" | grep -qF "$function" \
      || { echo "injected fault not caught: $path ($rule in $function)" >&2; bad=1; }
  done <"$WORK/injected.tsv"
  ((bad == 0)) || { echo "verdicts wrong with parallelism $1 (log: $log)" >&2; cp "$log" "${TMPDIR:-/tmp}/gbc-corpus-failed-$1.log"; exit 1; }
  gbc_task_ms "$log"
}

printf '%-4s %16s %16s %8s\n' run "parallelism 1 (ms)" "parallelism 2 (ms)" speedup
: >"$WORK/results"
for ((i = 1; i <= RUNS; i++)); do
  one=$(run 1)
  two=$(run 2)
  printf '%-4s %16s %16s %7.2f×\n' "$i" "$one" "$two" "$(awk -v a="$one" -v b="$two" 'BEGIN { print a / b }')"
  echo "$one $two" >>"$WORK/results"
done
one_med=$(cut -d' ' -f1 "$WORK/results" | gbc_median)
two_med=$(cut -d' ' -f2 "$WORK/results" | gbc_median)
echo "median of $RUNS: parallelism 1 ${one_med} ms, parallelism 2 ${two_med} ms, speedup $(awk -v a="$one_med" -v b="$two_med" 'BEGIN { printf "%.2f", a / b }')× (target ≥ 1.6× on 2 idle cores); every clean binary without error, every injected fault caught"
