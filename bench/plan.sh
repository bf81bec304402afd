#!/usr/bin/env bash
# Plan benchmark: plans/dgu.yaml (copy without tag data, dgu + core + harvest migrations, schema
# verification, reindex into an embedded Solr under bench/work/plan/home, report) on a generated
# legacy catalog, with the time of each step as ferry run records it.
# Usage: bench/plan.sh [DATASETS]   (default 50000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="$here/work/plan"
datasets="${1:-50000}"
mkdir -p "$work"

# The embedded server, started here unless one already runs on bench/work/pg.
log="$here/work/server.log"
if ! grep -qs 'ready' "$log" || ! pgrep -F "$here/work/pg/postmaster.pid" >/dev/null 2>&1; then
  "$root/ferry" server --data-dir "$here/work/pg" >"$log" 2>&1 &
  for _ in $(seq 60); do grep -qs 'ready' "$log" && break; sleep 1; done
fi
url="$(grep -o 'postgres://[^ ]*' "$log" | head -1 || true)"
[ -n "$url" ] || { echo "bench/plan.sh: the embedded server did not start; see $log" >&2; exit 1; }
port="${url##*:}"; port="${port%%/*}"
export PGHOST=localhost PGPORT="$port" PGUSER=postgres
db() { echo "postgres://postgres@localhost:$port/$1"; }
fresh() { PGOPTIONS='-c client_min_messages=warning' psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\"" >/dev/null; }

source_db="plan_source_$datasets"
if [ "$(psql -tA -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$source_db'")" = 0 ] \
   || [ "$(psql -tA -d "$source_db" -c "SELECT to_regclass('package') IS NOT NULL")" != t ]; then
  fresh "$source_db"
  echo "generating $datasets datasets into $source_db"
  "$root/ferry" ckan generate --db "$(db "$source_db")" --datasets "$datasets" --seed 1 | tail -1
fi

fresh plan_target
start=$(date +%s.%N)
rm -rf "$work/home"
FERRY_HOME="$work/home" "$root/ferry" run "$root/plans/dgu.yaml" --set source="$(db "$source_db")" --set target="$(db plan_target)" \
  --report-dir "$work/report" >"$work/run.log" 2>&1 || { cat "$work/run.log"; exit 1; }
end=$(date +%s.%N)

echo
echo "plans/dgu.yaml on $datasets datasets ($(psql -tA -d "$source_db" -c \
  "SELECT to_char(sum(n_live_tup), 'FM999,999,999') FROM pg_stat_user_tables") rows in the source)"
psql -d plan_target -c "SELECT step, kind, round(duration_ms / 1000.0, 1) AS seconds, summary
                        FROM ferry.plan_step WHERE plan = 'dgu' ORDER BY position"
printf 'whole run, JVM start included: %.1f s\n' "$(echo "$end - $start" | bc)"
echo "report: $work/report/report.html"
