#!/usr/bin/env bash
# The long fuzz run: CASES cases (default 100 000) of run SEED over the default seed fixtures, through the whole
# pipeline (image → Go metadata → start-up emulation and prologue scan → rules → SARIF), split into SHARDS processes
# that each take a contiguous range of case numbers (the inputs depend only on SEED and the case number, so a sharded
# run covers exactly the cases of an unsharded one). Each shard stops at its first hang; every crash is minimized
# against its seed and written to OUT as a patch line for a regression test. Prints each shard's result and exits
# non-zero if any case crashed or hung.
#   test/fuzz/run-fuzz.sh [CASES] [SEED] [SHARDS]     (env: BUDGET instructions per case, default 1000000;
#                                                     LIMIT seconds per case, default 20; OUT, default /tmp/gobootcheck-fuzz;
#                                                     SECONDS_LIMIT: stop gracefully after that long, default none)
# Needs the fixtures (bash test/fixtures/build-go-fixtures.sh). Run it niced on a shared machine: nice -n 19 test/fuzz/run-fuzz.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CASES="${1:-100000}"
SEED="${2:-1}"
SHARDS="${3:-1}"
OUT="${OUT:-${TMPDIR:-/tmp}/gobootcheck-fuzz}"
mkdir -p "$OUT"

dotnet build "$ROOT/test/GoBootCheck.Fuzzing/GoBootCheck.Fuzzing.csproj" -c Release -nodeReuse:false -v:q -o "$OUT/bin" >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log"; exit 1; }

per=$(( (CASES + SHARDS - 1) / SHARDS ))
pids=()
start_time=$(date +%s)
for ((s = 0; s < SHARDS; s++)); do
  start=$((s * per))
  count=$(( start + per > CASES ? CASES - start : per ))
  ((count > 0)) || continue
  dotnet "$OUT/bin/GoBootCheck.Fuzzing.dll" run --seed "$SEED" --start "$start" --cases "$count" \
    --budget "${BUDGET:-1000000}" --limit "${LIMIT:-20}" --out "$OUT" --every 100 ${SECONDS_LIMIT:+--seconds "$SECONDS_LIMIT"} >"$OUT/shard-$s.log" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
echo "fuzz: $CASES cases of seed $SEED in $(( $(date +%s) - start_time )) s over $SHARDS shard(s); logs and crashes in $OUT"
for ((s = 0; s < SHARDS; s++)); do
  [[ -f "$OUT/shard-$s.log" ]] || continue
  grep -E "^(RESULT|peak RSS|CRASH|minimized)" "$OUT/shard-$s.log" | sed "s/^/shard $s: /"
done
exit "$status"
