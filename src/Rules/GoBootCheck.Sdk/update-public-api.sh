#!/usr/bin/env bash
# Adds every public symbol the build reports as undeclared (RS0016) to PublicAPI.Unshipped.txt, sorted, so that an
# API change is a reviewed one-line diff. The analyzer's code fix does the same in an IDE; dotnet format does not
# apply fixes to additional files, so this reads the names from the compiler's SARIF error log. Needs python3.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG="$(mktemp -d)/api.sarif"
# Positional records report their constructors only once their types are declared: two passes.
for pass in 1 2; do
  dotnet build "$HERE/GoBootCheck.Sdk.csproj" -c Release --no-incremental "-p:ErrorLog=$LOG%2Cversion=2.1" >/dev/null || true
python3 - "$LOG" "$HERE/PublicAPI.Unshipped.txt" <<'PY'
import json, sys
log, target = sys.argv[1], sys.argv[2]
names = set()
for run in json.load(open(log))['runs']:
    for r in run.get('results', []):
        if r['ruleId'] == 'RS0016':
            names.add(r['properties']['customProperties']['APIName'])
lines = [l.rstrip('\n') for l in open(target) if l.strip() and not l.startswith('#nullable')]
with open(target, 'w') as f:
    f.write('#nullable enable\n')
    for l in sorted(set(lines) | names, key=str.lower):
        f.write(l + '\n')
print(f'{len(names)} symbols added to {target}')
PY
done
