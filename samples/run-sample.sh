#!/usr/bin/env bash
# The main job on a fresh machine (Debian 12 + .NET SDK 10, gcc, no Go): the README's setup — a Go toolchain from
# Debian's packages, GoBootCheck packed from this clone — then a plain `dotnet build` in each sample's folder and a
# run of each app: samples/MixedRepo (a C# app and a Go tool), samples/Cgo (a Go program with cgo), samples/CShared
# (a Go c-shared library called from C#).
#
# Environment:
#   GOBOOTCHECK_CACHE       cache root for toolchains (default $HOME/.cache/gobootcheck)
#   GOBOOTCHECK_SAMPLE_GO   Go minor version to build the samples with (default 1.22)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}"
GO_MINOR="${GOBOOTCHECK_SAMPLE_GO:-1.22}"

echo "== Go $GO_MINOR toolchain (from Debian's packages, cached in $CACHE/toolchains)"
GOROOT_DIR="$CACHE/toolchains/go$GO_MINOR/usr/lib/go-$GO_MINOR"
# Only when missing: a fetch limited to one version rewrites the cache's manifest to list that version alone, which
# the tests (and other clones sharing the cache) read.
[[ -x "$GOROOT_DIR/bin/go" ]] || GOBOOTCHECK_GO_VERSIONS="$GO_MINOR" bash "$ROOT/test/fixtures/fetch-go-toolchains.sh"
[[ -x "$GOROOT_DIR/bin/go" ]] || { echo "no go at $GOROOT_DIR/bin/go" >&2; exit 1; }
export PATH="$GOROOT_DIR/bin:$PATH"

echo "== pack GoBootCheck"
cd "$ROOT"
dotnet pack -c Release -o artifacts/packages
# A private package folder, emptied of GoBootCheck, so the package just packed is used and never a stale one of the same version.
export NUGET_PACKAGES="$ROOT/artifacts/sample-nuget"
rm -rf "$NUGET_PACKAGES/gobootcheck"

for sample in MixedRepo Cgo CShared; do
  echo "== samples/$sample: dotnet build (GoBuild + GoBootCheck), then the app"
  cd "$ROOT/samples/$sample"
  # -tl:off: the interactive terminal logger shows only errors and warnings; the classic logger also shows
  # GoBuild's and GoBootCheck's lines (as redirected output and CI do by default).
  dotnet build -tl:off
  dotnet "bin/Debug/net10.0/$sample.dll"
done
echo "SARIF logs: $ROOT/samples/*/obj/Debug/net10.0/GoBootCheck.sarif"
