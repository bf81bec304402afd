#!/usr/bin/env bash
# Ferry's fault suites at full size: bad input, secrets, crash (kill -9 + resume), concurrency,
# network faults. Runs the same test classes as `mvn verify` with more trials, prints one tally
# line per suite, and exits non-zero if any suite falls short. The crash and network lines say where
# the faults struck (mid-copy, during post-data, ...); those suites fail when fewer than 90% of their
# trials were struck while work remained.
#
#   faults/run-all.sh                  # 20 crash trials per command, 50 concurrency trials, seed 1
#   SEED=7 CRASH_TRIALS=5 faults/run-all.sh
#
# A failing crash or network trial names its seed and kill point in the test report
# (ferry-cli/target/surefire-reports/), so it can be replayed with the same SEED.
set -uo pipefail
cd "$(dirname "$0")/.."

SEED=${SEED:-1}
CRASH_TRIALS=${CRASH_TRIALS:-20}
CONCURRENCY_TRIALS=${CONCURRENCY_TRIALS:-50}
NETWORK_TRIALS=${NETWORK_TRIALS:-5}
MVN_FLAGS=${MVN_FLAGS:--o}
report=$(mktemp "${TMPDIR:-/tmp}/ferry-faults.XXXXXX")

# shellcheck disable=SC2086
mvn -B -q $MVN_FLAGS test -pl ferry-cli -am \
    -Dtest='BadInputTest,SecretsSuiteTest,CrashTest,ConcurrencySuiteTest,NetworkFaultTest' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dferry.excludedGroups=none \
    -Dferry.faults.full=true \
    -Dferry.faults.seed="$SEED" \
    -Dferry.faults.crash.trials="$CRASH_TRIALS" \
    -Dferry.faults.concurrency.trials="$CONCURRENCY_TRIALS" \
    -Dferry.faults.network.trials="$NETWORK_TRIALS" \
    -Dferry.faults.report="$report" > "$report.log" 2>&1
mvn_status=$?

short=0
tally() { # name passed wanted suffix
    echo "$1 $2/$3$4"
    [ "$2" -eq "$3" ] && [ "$3" -gt 0 ] || short=1
}
count() { grep -c "$1" "$report" || true; }
last() { # the "x/y" of the last line starting with $1, or 0/wanted when the suite never reported
    local line
    line=$(grep "^$1 " "$report" | tail -1 | grep -o '[0-9]*/[0-9]*' | head -1)
    echo "${line:-0/$2}"
}

cases=$(grep '^bad-input cases ' "$report" | awk '{print $3}')
tally "bad-input" "$(count '^| ')" "${cases:-0}" ""
tally "secrets" "$(count '^secrets ')" 4 " clean ($(grep '^secrets ' "$report" | awk '{s+=$3} END {print s+0}') runs)"
landed() { # what follows the first comma of the last line starting with $1: where the faults struck
    grep "^$1 " "$report" | tail -1 | sed -n 's/^[^,]*,/,/p'
}
for suite in "crash transfer" "crash load" "crash migrate" "crash run"; do
    r=$(last "$suite" "$CRASH_TRIALS")
    tally "$suite" "${r%/*}" "$CRASH_TRIALS" " identical$(landed "$suite")"
done
for suite in "concurrency migrate" "concurrency run"; do
    r=$(last "$suite" "$CONCURRENCY_TRIALS")
    tally "$suite" "${r%/*}" "$CONCURRENCY_TRIALS" ""
done
cut=$(last "network cut" "$NETWORK_TRIALS")
stall=$(last "network stall" "$NETWORK_TRIALS")
tally "network" "$(( ${cut%/*} + ${stall%/*} ))" "$(( 2 * NETWORK_TRIALS ))" \
    " (cut ${cut}$(landed "network cut"), stall ${stall}$(landed "network stall"))"

echo "details: $report (bad-input rows), $report.log (maven)"
if [ "$short" -ne 0 ] || [ "$mvn_status" -ne 0 ]; then
    exit 1
fi
