#!/usr/bin/env bash
# The issue's benchmark, end to end: packs GoBootCheck, builds a throwaway consumer project that lists one Go binary,
# and in the same run measures
#   - the VerifyGoBinaries task's time as MSBuild's performance summary reports it
#     (dotnet msbuild -t:GoBootCheck -clp:PerformanceSummary, a fresh MSBuild process each time: cold, as in a build),
#   - objdump -d's CPU time (user + system) on the same file,
#   - the peak RSS of the MSBuild process with the task minus without it (GoBootCheckEnabled=false), vs the file size.
# Every run has the verdict cache off (GoBootCheckIncremental=false; a no-op where the cache does not exist) and the
# parallelism set explicitly (GoBootCheckParallelism=$PARALLELISM, default 1 = one thread).
# Prints every run and the medians. Usage:
#   test/GoBootCheck.Benchmarks/run-benchmark.sh [BINARY] [RUNS]
# BINARY defaults to buf 1.75.0 (npm @bufbuild/buf-linux-x64, 46.8 MB, Go 1.27.3, 58 519 functions), fetched here into
# $GOBOOTCHECK_CACHE/bench/ and checked against its pinned sha256; "largest" takes the largest release binary of
# $GOBOOTCHECK_CACHE/release/manifest.tsv instead. RUNS defaults to 5.
# GOBOOTCHECK_READYTORUN=false packs the task without ReadyToRun images (to compare).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}"
BINARY="${1:-}"
RUNS="${2:-5}"
PARALLELISM="${PARALLELISM:-1}"
if [[ -z "$BINARY" ]]; then
  BINARY="$(bash "$(dirname "${BASH_SOURCE[0]}")/fetch-buf.sh")"
elif [[ "$BINARY" == largest ]]; then
  manifest="$CACHE/release/manifest.tsv"
  [[ -f "$manifest" ]] || { echo "no binary given and no $manifest (run test/release-binaries/fetch-release-binaries.sh)" >&2; exit 2; }
  # Columns: path (4), size_bytes (10).
  BINARY="$CACHE/release/$(awk -F'\t' 'NR > 1 { print $10 "\t" $4 }' "$manifest" | sort -n | tail -n1 | cut -f2)"
fi
[[ -f "$BINARY" ]] || { echo "no such binary: $BINARY" >&2; exit 2; }
BINARY="$(cd "$(dirname "$BINARY")" && pwd)/$(basename "$BINARY")"
command -v objdump >/dev/null || { echo "objdump not found (apt-get install binutils)" >&2; exit 2; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/gbc-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
gbc_pack
gbc_consumer "    <GoBootCheckBinary Include=\"$BINARY\" />"

# One MSBuild process, in-proc (-m:1), no node reuse: the task runs in the process /usr/bin/time measures.
msbuild() {
  /usr/bin/time -f "%M %U %S" -o "$WORK/rss" dotnet msbuild "$WORK/consumer/Consumer.csproj" -t:GoBootCheck -m:1 -nodeReuse:false \
    -clp:PerformanceSummary -v:m -p:GoBootCheckIncremental=false -p:GoBootCheckParallelism="$PARALLELISM" "$@" \
    >"$WORK/msbuild.log" 2>&1 || { cat "$WORK/msbuild.log"; exit 1; }
}
median() { gbc_median; }

size=$(stat -c %s "$BINARY")
echo "binary: $BINARY ($(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }')), GoBootCheckParallelism=$PARALLELISM, GoBootCheckIncremental=false"
printf '%-4s %10s %14s %14s %9s %10s %14s %14s %12s\n' run "task (ms)" "task CPU (ms)" "objdump (ms)" ratio "CPU ratio" "peak RSS (MB)" "without (MB)" "growth/size"
: >"$WORK/results"
for ((i = 1; i <= RUNS; i++)); do
  msbuild
  # "Task Performance Summary:" lists "<ms> ms  VerifyGoBinaries  <n> calls".
  task_ms=$(gbc_task_ms "$WORK/msbuild.log")
  [[ -n "$task_ms" ]] || { echo "no VerifyGoBinaries line in MSBuild's performance summary:" >&2; cat "$WORK/msbuild.log" >&2; exit 1; }
  grep -q "GoBootCheck: 1 binary verified, 0 errors" "$WORK/msbuild.log" || { echo "the binary did not verify cleanly:" >&2; cat "$WORK/msbuild.log" >&2; exit 1; }
  read -r rss_with cpu_with_u cpu_with_s <"$WORK/rss"
  msbuild -p:GoBootCheckEnabled=false
  read -r rss_without cpu_without_u cpu_without_s <"$WORK/rss"
  # The task's CPU: the MSBuild process's user + system time with the task minus without it. Unlike the summary's
  # wall time it does not grow with the machine's load, so it compares with objdump's CPU time on a shared machine.
  task_cpu_ms=$(awk -v a="$cpu_with_u" -v b="$cpu_with_s" -v c="$cpu_without_u" -v d="$cpu_without_s" 'BEGIN { printf "%.0f", (a + b - c - d) * 1000 }')
  /usr/bin/time -f "%U %S" -o "$WORK/objdump-time" sh -c 'objdump -d "$0" >/dev/null' "$BINARY"
  objdump_ms=$(awk '{ printf "%.0f", ($1 + $2) * 1000 }' "$WORK/objdump-time")
  ratio=$(awk -v t="$task_ms" -v o="$objdump_ms" 'BEGIN { printf "%.2f", 100 * t / o }')
  cpu_ratio=$(awk -v t="$task_cpu_ms" -v o="$objdump_ms" 'BEGIN { printf "%.2f", 100 * t / o }')
  growth=$(awk -v w="$rss_with" -v wo="$rss_without" -v s="$size" 'BEGIN { printf "%.2f", (w - wo) * 1024 / s }')
  printf '%-4s %10s %14s %14s %8s%% %9s%% %14.1f %14.1f %11s×\n' "$i" "$task_ms" "$task_cpu_ms" "$objdump_ms" "$ratio" "$cpu_ratio" \
    "$(awk -v k="$rss_with" 'BEGIN { print k / 1024 }')" "$(awk -v k="$rss_without" 'BEGIN { print k / 1024 }')" "$growth"
  echo "$task_ms $objdump_ms $ratio $growth $task_cpu_ms $cpu_ratio" >>"$WORK/results"
done
task_med=$(cut -d' ' -f1 "$WORK/results" | median)
objdump_med=$(cut -d' ' -f2 "$WORK/results" | median)
ratio_med=$(cut -d' ' -f3 "$WORK/results" | median)
growth_med=$(cut -d' ' -f4 "$WORK/results" | median)
cpu_med=$(cut -d' ' -f5 "$WORK/results" | median)
cpu_ratio_med=$(cut -d' ' -f6 "$WORK/results" | median)
echo "median of $RUNS: task ${task_med} ms (wall, MSBuild's summary), task CPU ${cpu_med} ms, objdump -d CPU ${objdump_med} ms, ratio ${ratio_med} % wall/CPU, ${cpu_ratio_med} % CPU/CPU (target ≤ 2 %), peak RSS growth ${growth_med} × file size (target ≤ 1.5)"
