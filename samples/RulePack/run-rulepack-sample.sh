#!/usr/bin/env bash
# Builds and tests samples/RulePack against the packages packed from this clone (artifacts/packages: GoBootCheck,
# GoBootCheck.Sdk, GoBootCheck.Sdk.Testing) and the Go fixtures of test/fixtures: the pack's harness tests run, and
# the consumer's build verifies a Go binary with GoBootCheck and the pack (its findings are warnings by default).
# Run after `dotnet pack -c Release -o artifacts/packages` at the root (test/run-all-tests.sh does both).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/samples/RulePack"
# A private package folder without this version's GoBootCheck packages, so the ones just packed are used.
export NUGET_PACKAGES="$ROOT/artifacts/rulepack-nuget"
rm -rf "$NUGET_PACKAGES/gobootcheck" "$NUGET_PACKAGES/gobootcheck.sdk" "$NUGET_PACKAGES/gobootcheck.sdk.testing"
cd "$HERE"
CACHE="${GOBOOTCHECK_CACHE:-$HOME/.cache/gobootcheck}"
dotnet build RulePack.sln -c Release -tl:off -p:GoBootCheckSampleBinary="$CACHE/fixtures/go1.22/pie/hello" 2>&1 | tee "$ROOT/artifacts/rulepack-build.log"
# The consumer's build ran GoBootCheck with the pack: its rules reported on the binary (GOAMD64=v1, no -trimpath).
grep -q "warning GBC5001" "$ROOT/artifacts/rulepack-build.log" || { echo "the consumer build shows no GBC5001 from the pack" >&2; exit 1; }
if [[ -n "${GOBOOTCHECK_TEST_RESULTS:-}" ]]; then
  dotnet test RulePack.sln -c Release --no-build --logger trx --results-directory "$GOBOOTCHECK_TEST_RESULTS"
else
  dotnet test RulePack.sln -c Release --no-build
fi
