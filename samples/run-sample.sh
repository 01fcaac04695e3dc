#!/usr/bin/env bash
# The main job on a fresh machine (Debian 12 + .NET SDK 10, no Go): fetch a Go toolchain from Debian's packages,
# pack GoBootCheck from this clone, and build samples/GoBootCheck.Sample, whose build compiles samples/hello-go
# with that toolchain and verifies the binary with the packed GoBootCheck.
#
# Environment:
#   GOBOOTCHECK_CACHE       cache root for toolchains (default $HOME/.cache/gobootcheck)
#   GOBOOTCHECK_SAMPLE_GO   Go minor version to build the sample with (default 1.22)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}"
GO_MINOR="${GOBOOTCHECK_SAMPLE_GO:-1.22}"
SAMPLE="$ROOT/samples/GoBootCheck.Sample"

echo "== Go $GO_MINOR toolchain (from Debian's packages, cached in $CACHE/toolchains)"
GOBOOTCHECK_GO_VERSIONS="$GO_MINOR" bash "$ROOT/test/fixtures/fetch-go-toolchains.sh"
GOROOT_DIR="$CACHE/toolchains/go$GO_MINOR/usr/lib/go-$GO_MINOR"
[[ -x "$GOROOT_DIR/bin/go" ]] || { echo "no go at $GOROOT_DIR/bin/go" >&2; exit 1; }

echo "== pack GoBootCheck"
cd "$ROOT"
dotnet pack -c Release -o artifacts/packages

echo "== build the sample (go build + GoBootCheck)"
# A private package folder, emptied of GoBootCheck, so the package just packed is used and never a stale 0.1.0.
export NUGET_PACKAGES="$ROOT/artifacts/sample-nuget"
rm -rf "$NUGET_PACKAGES/gobootcheck"
# -tl:off: the interactive terminal logger shows only errors and warnings; the classic logger also shows
# GoBootCheck's per-binary line and its closing count (as redirected output and CI do by default).
dotnet build "$SAMPLE" -tl:off -p:GoRoot="$GOROOT_DIR"

SARIF="$SAMPLE/obj/Debug/net10.0/GoBootCheck.sarif"
[[ -f "$SARIF" ]] || { echo "no SARIF log at $SARIF" >&2; exit 1; }
echo "== the verified Go program runs:"
"$SAMPLE/obj/go/hello-go"
echo "SARIF log: $SARIF"
