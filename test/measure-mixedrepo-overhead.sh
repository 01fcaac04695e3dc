#!/usr/bin/env bash
# Build-time overhead of GoBuild + verification on samples/MixedRepo (issue 11's closing note): a copy of the sample
# built from a packed package, with MSBuild's per-target times (-clp:PerformanceSummary):
#   first build; three no-change builds; three no-change builds with GoBootCheck and GoBuild off (the baseline);
#   three builds after touching fib.go (mtime only); three after editing it (a new comment line).
# usage: test/measure-mixedrepo-overhead.sh [packages dir, default artifacts/packages]  (after dotnet pack)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$(cd "${1:-$ROOT/artifacts/packages}" && pwd)"
CACHE="${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}"
W="$(mktemp -d)"; trap 'rm -rf "$W"' EXIT
mkdir -p "$W/samples"
cp "$ROOT"/samples/Directory.*.props "$W/samples/"
cp -r "$ROOT/samples/MixedRepo" "$W/samples/"
rm -rf "$W/samples/MixedRepo/bin" "$W/samples/MixedRepo/obj"
printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><add key="local" value="%s" /></packageSources></configuration>\n' "$PKG" >"$W/nuget.config"
export NUGET_PACKAGES="$W/nuget" MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
export PATH="$CACHE/toolchains/go1.22/usr/lib/go-1.22/bin:$PATH"
cd "$W/samples/MixedRepo"
ms() { grep -E "^ +[0-9]+ ms +$1 +1 calls" "$2" | awk '{print $1}' || true; }
b() {
  local label=$1; shift
  local s e; s=$(date +%s.%N)
  dotnet build -nologo -tl:off -clp:PerformanceSummary "$@" >"$W/$label.log" 2>&1
  e=$(date +%s.%N)
  printf '%-16s total %6.2f s   GoBuild %5s ms   GoBootCheck %5s ms\n' "$label" "$(echo "$e - $s" | bc)" "$(ms GoBuild "$W/$label.log")" "$(ms GoBootCheck "$W/$label.log")"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
b first
for i in 1 2 3; do b "nochange$i"; done
for i in 1 2 3; do b "off-nochange$i" -p:GoBootCheckEnabled=false -p:GoBootCheckGoBuildEnabled=false; done
for i in 1 2 3; do touch go/greeter/fib.go; b "touched$i"; done
for i in 1 2 3; do echo "// edit $i" >>go/greeter/fib.go; b "edited$i"; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
