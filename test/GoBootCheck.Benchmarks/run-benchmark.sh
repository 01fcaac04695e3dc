#!/usr/bin/env bash
# The issue's benchmark, end to end: packs GoBootCheck, builds a throwaway consumer project that lists one Go binary,
# and in the same run measures
#   - the VerifyGoBinaries task's time as MSBuild's performance summary reports it
#     (dotnet msbuild -t:GoBootCheck -clp:PerformanceSummary, a fresh MSBuild process each time: cold, as in a build),
#   - objdump -d's CPU time (user + system) on the same file,
#   - the peak RSS of the MSBuild process with the task minus without it (GoBootCheckEnabled=false), vs the file size.
# Prints every run and the medians. Usage:
#   test/GoBootCheck.Benchmarks/run-benchmark.sh [BINARY] [RUNS]
# BINARY defaults to the largest release binary in $GOBOOTCHECK_CACHE/release/manifest.tsv; RUNS to 5.
# GOBOOTCHECK_READYTORUN=false packs the task without ReadyToRun images (to compare).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}"
BINARY="${1:-}"
RUNS="${2:-5}"
if [[ -z "$BINARY" ]]; then
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
export NUGET_PACKAGES="$WORK/nuget-cache" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

echo "packing GoBootCheck (ReadyToRun: ${GOBOOTCHECK_READYTORUN:-true}) …"
dotnet pack "$ROOT/src/Tasks/GoBootCheck.Package/GoBootCheck.Package.csproj" -c Release -o "$WORK/packages" -nodeReuse:false \
  -p:GoBootCheckReadyToRun="${GOBOOTCHECK_READYTORUN:-true}" >"$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log"; exit 1; }
version="$(basename "$WORK"/packages/GoBootCheck.*.nupkg .nupkg)"; version="${version#GoBootCheck.}"

mkdir -p "$WORK/consumer"
cat >"$WORK/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="gobootcheck-local" value="$WORK/packages" />
  </packageSources>
</configuration>
XML
cat >"$WORK/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="GoBootCheck" Version="$version" />
    <GoBootCheckBinary Include="$BINARY" />
  </ItemGroup>
</Project>
XML
dotnet restore "$WORK/consumer/Consumer.csproj" -nodeReuse:false >"$WORK/restore.log" 2>&1 || { cat "$WORK/restore.log"; exit 1; }

# One MSBuild process, in-proc (-m:1), no node reuse: the task runs in the process /usr/bin/time measures.
msbuild() {
  /usr/bin/time -f "%M" -o "$WORK/rss" dotnet msbuild "$WORK/consumer/Consumer.csproj" -t:GoBootCheck -m:1 -nodeReuse:false \
    -clp:PerformanceSummary -v:m "$@" >"$WORK/msbuild.log" 2>&1 || { cat "$WORK/msbuild.log"; exit 1; }
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

size=$(stat -c %s "$BINARY")
echo "binary: $BINARY ($(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }'))"
printf '%-4s %14s %14s %9s %16s %16s %14s\n' run "task (ms)" "objdump (ms)" ratio "peak RSS (MB)" "without (MB)" "growth/size"
: >"$WORK/results"
for ((i = 1; i <= RUNS; i++)); do
  msbuild
  # "Task Performance Summary:" lists "<ms> ms  VerifyGoBinaries  <n> calls".
  task_ms=$(awk '/Task Performance Summary/ { s = 1 } s && $3 == "VerifyGoBinaries" { print $1; exit }' "$WORK/msbuild.log")
  [[ -n "$task_ms" ]] || { echo "no VerifyGoBinaries line in MSBuild's performance summary:" >&2; cat "$WORK/msbuild.log" >&2; exit 1; }
  grep -q "GoBootCheck: 1 binary verified, 0 errors" "$WORK/msbuild.log" || { echo "the binary did not verify cleanly:" >&2; cat "$WORK/msbuild.log" >&2; exit 1; }
  rss_with=$(cat "$WORK/rss")
  msbuild -p:GoBootCheckEnabled=false
  rss_without=$(cat "$WORK/rss")
  /usr/bin/time -f "%U %S" -o "$WORK/objdump-time" sh -c 'objdump -d "$0" >/dev/null' "$BINARY"
  objdump_ms=$(awk '{ printf "%.0f", ($1 + $2) * 1000 }' "$WORK/objdump-time")
  ratio=$(awk -v t="$task_ms" -v o="$objdump_ms" 'BEGIN { printf "%.2f", 100 * t / o }')
  growth=$(awk -v w="$rss_with" -v wo="$rss_without" -v s="$size" 'BEGIN { printf "%.2f", (w - wo) * 1024 / s }')
  printf '%-4s %14s %14s %8s%% %16.1f %16.1f %13s×\n' "$i" "$task_ms" "$objdump_ms" "$ratio" "$(awk -v k="$rss_with" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="$rss_without" 'BEGIN { print k / 1024 }')" "$growth"
  echo "$task_ms $objdump_ms $ratio $growth" >>"$WORK/results"
done
task_med=$(cut -d' ' -f1 "$WORK/results" | median)
objdump_med=$(cut -d' ' -f2 "$WORK/results" | median)
ratio_med=$(cut -d' ' -f3 "$WORK/results" | median)
growth_med=$(cut -d' ' -f4 "$WORK/results" | median)
echo "median of $RUNS: task ${task_med} ms, objdump -d CPU ${objdump_med} ms, ratio ${ratio_med} % (target ≤ 5 %), peak RSS growth ${growth_med} × file size (target ≤ 1.5)"
