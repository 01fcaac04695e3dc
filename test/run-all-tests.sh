#!/usr/bin/env bash
# Every test on a fresh machine (Debian 12 + .NET SDK 10, no Go): fetch the Go toolchains and build the fixtures
# (cached outside the clone, so reruns are fast), fetch the pinned release binaries, pack the package, run every
# test project, and close with one line "N passed, N failed, N skipped" counted from the TRX results.
# Exits non-zero if any step or test fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# What the fixture and release scripts need from Debian, installed when missing (CI and fresh machines run as root).
need=()
command -v gcc >/dev/null || need+=(gcc libc6-dev)
command -v readelf >/dev/null || need+=(binutils)
[[ -r /usr/share/keyrings/debian-archive-keyring.gpg ]] || need+=(debian-archive-keyring)
command -v npm >/dev/null || need+=(npm)
if ((${#need[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "missing Debian packages: ${need[*]} (apt-get install them, or run as root)" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

bash test/fixtures/fetch-go-toolchains.sh
bash test/fixtures/build-go-fixtures.sh
bash test/release-binaries/fetch-release-binaries.sh

dotnet pack -c Release -o artifacts/packages

RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"
status=0
dotnet test GoBootCheck.sln -c Release --logger trx --results-directory "$RESULTS" || status=$?
# The sample rule pack's own solution, against the packages just packed (its test results join the count).
GOBOOTCHECK_TEST_RESULTS="$RESULTS" bash samples/RulePack/run-rulepack-sample.sh || status=$?

# Sum the counters of every TRX file (one per test project).
passed=0 failed=0 skipped=0 files=0
for trx in "$RESULTS"/*.trx; do
  [[ -f "$trx" ]] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters" | head -n1; }
  total=$(count total) ok=$(count passed) bad=$(count failed) err=$(count error) timeout=$(count timeout) aborted=$(count aborted)
  bad=$(( ${bad:-0} + ${err:-0} + ${timeout:-0} + ${aborted:-0} ))
  passed=$((passed + ${ok:-0}))
  failed=$((failed + bad))
  skipped=$((skipped + ${total:-0} - ${ok:-0} - bad))
done

if ((files == 0)); then
  echo "no TRX results in $RESULTS: the test projects did not run" >&2
  ((status != 0)) || status=1
  failed=$((failed + 1))
fi
if ((status == 0 && failed > 0)); then status=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
