#!/usr/bin/env bash
# Benchmark: the CKAN pack on a generated data.gov.uk-sized legacy catalog.
#
#   bench/ckan.sh                 50,000 datasets
#   BENCH_DATASETS=2000           another size (the script is checked at small sizes)
#   BENCH_SEED=1                  the generator's seed
#   BENCH_SHAPE=dgu|pre-v2        the harvest tables' shape (default dgu, data.gov.uk's fork)
#   BENCH_JOBS=N                  the generator's connections (default: its own, the number of cores)
#
# It times, on one embedded PostgreSQL 15 (./ferry server, stopped on exit), each a whole process:
#   1. ferry ckan generate: the legacy catalog (schema, COPY of every table, keys, indexes, checks);
#   2. ferry migrate --migrations builtin:ckan: dgu, core 072-105, harvest, activity and tracking in one
#      run (legacy to CKAN 2.11), the way a site would run it; the time of each module is the sum of
#      its migrations' own times (Ferry prints each), the rest (start, lock, history) is shown apart;
# and then checks the result: ferry verify --model builtin:ckan-2.11 must find no difference, ferry ckan
# check --target 2.11 no row, every version table is at its head, and every
# active harvest source must have its dataset. CPU time of each process is shown too (steadier than
# wall time on a busy machine).
#
# Needs java 17, mvn and psql. Everything it writes stays in bench/work/ckan/ (git-ignored): the
# data folder of the embedded server, the logs, and the report (bench/work/ckan/report.txt).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work/ckan"
datasets="${BENCH_DATASETS:-50000}"
seed="${BENCH_SEED:-1}"
shape="${BENCH_SHAPE:-dgu}"

say() { echo "== $*" >&2; }
die() { echo "bench/ckan.sh: $*" >&2; exit 1; }
[[ "$datasets" =~ ^[1-9][0-9]*$ ]] || die "BENCH_DATASETS must be a whole number above 0, not '$datasets'"
[[ "$seed" =~ ^[0-9]+$ ]] || die "BENCH_SEED must be a whole number, not '$seed'"
case "$shape" in dgu|pre-v2) ;; *) die "BENCH_SHAPE must be dgu or pre-v2, not '$shape'" ;; esac
command -v java >/dev/null || die "java (17 or later) is needed"
command -v mvn >/dev/null || die "mvn is needed"
command -v psql >/dev/null || die "psql is needed (Debian: apt-get install postgresql-client)"

mkdir -p "$work/logs"
ferry="$root/ferry"
say "building Ferry if needed"
"$ferry" --version >/dev/null

# --- the database server -----------------------------------------------------------------------
source "$here/lib.sh"
start_server "$work/pg" "$work/logs/server.log" "$ferry"
sql() {
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -w -v ON_ERROR_STOP=1 -h localhost -p "$port" -U postgres \
    -d "$1" -At -c "$2"
}
db="ckan_bench"
url="postgres://postgres@localhost:$port/$db"
sql postgres "DROP DATABASE IF EXISTS $db"
sql postgres "CREATE DATABASE $db"

# --- timing ------------------------------------------------------------------------------------
# run NAME COMMAND...: runs a command, its output in logs/NAME.out, its wall and CPU seconds (user +
# system, all its threads) in the variables wall_NAME and cpu_NAME.
run() {
  local name="$1"; shift
  local rc=0 real user system
  local TIMEFORMAT='%R %U %S'
  { time "$@" > "$work/logs/$name.out" 2>&1 ; } 2> "$work/logs/$name.time" || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -20 "$work/logs/$name.out" >&2
    die "$name failed with exit code $rc (log: bench/work/ckan/logs/$name.out)"
  fi
  read -r real user system < "$work/logs/$name.time"
  printf -v "wall_$name" '%.1f' "$real"
  printf -v "cpu_$name" '%.1f' "$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')"
}

jobs=()
[ -n "${BENCH_JOBS:-}" ] && jobs=(--jobs "$BENCH_JOBS")
say "generating $datasets datasets (seed $seed, harvest shape $shape)"
run generate "$ferry" ckan generate --db "$url" --datasets "$datasets" --seed "$seed" --harvest-shape "$shape" \
  "${jobs[@]}"
rows="$(sed -n 's/^Generated \([0-9,]*\) rows.*/\1/p' "$work/logs/generate.out")"

say "migrating: dgu, core, harvest, activity, tracking (to CKAN 2.11)"
run migrate "$ferry" migrate --db "$url" --migrations builtin:ckan
# Ferry prints one line per migration: "<module> <version>  <description>  (<n> ms)".
module_ms() {
  awk -v m="$1" '$1 == m && match($0, /\(([0-9]+) ms\)$/) { s += substr($0, RSTART + 1, RLENGTH - 5) } END { print s + 0 }' \
    "$work/logs/migrate.out"
}
step_ms() {
  awk -v m="$1" -v v="$2" '$1 == m && $2 == v && match($0, /\(([0-9]+) ms\)$/) { print substr($0, RSTART + 1, RLENGTH - 5) }' \
    "$work/logs/migrate.out"
}
dgu_ms="$(module_ms dgu)"
core_ms="$(module_ms core)"
core28_ms="$(awk '$1 == "core" && $2 <= 86 && match($0, /\(([0-9]+) ms\)$/) { s += substr($0, RSTART + 1, RLENGTH - 5) } END { print s + 0 }' "$work/logs/migrate.out")"
harvest_ms="$(module_ms harvest)"
activity_ms="$(module_ms activity)"
tracking_ms="$(module_ms tracking)"
applied="$(grep -c ' ms)$' "$work/logs/migrate.out" || true)"
[ "$applied" -eq 62 ] || die "expected 62 migrations applied, found $applied (log: bench/work/ckan/logs/migrate.out)"
labels_ms="$(( $(step_ms activity 1) + $(step_ms activity 2) ))"
convert_ms="$(step_ms activity 3)"
[ -n "$convert_ms" ] || die "activity 003 did not run (log: bench/work/ckan/logs/migrate.out)"
converted="$(sql "$db" "SELECT (assertions -> 'captures' ->> 'to_convert')::bigint FROM ferry_schema_history \
  WHERE module = 'activity' AND version = 3")"
rate="$(awk -v n="$converted" -v ms="$convert_ms" 'BEGIN { printf "%.0f", n * 1000 / (ms > 0 ? ms : 1) }')"

say "checking: verify against builtin:ckan-2.11, CKAN 2.11's rules, one harvest dataset per active source"
run verify "$ferry" verify --db "$url" --model builtin:ckan-2.11
run check "$ferry" ckan check --db "$url" --target 2.11
for t in alembic_version:4a5e3465beb6 activity_alembic_version:fab3bfdcf830 tracking_alembic_version:6313f7679d5f \
         harvest_alembic_version:75d650dfd519; do
  [ "$(sql "$db" "SELECT version_num FROM ${t%%:*}")" = "${t#*:}" ] || die "${t%%:*} is not at ${t#*:}"
done
# Counted after the migration: the dgu module removes one source.
sources="$(sql "$db" "SELECT count(*) FROM harvest_source WHERE active")"
harvest_datasets="$(sql "$db" "SELECT count(*) FROM package p JOIN harvest_source s ON s.id = p.id \
  WHERE s.active AND p.type = 'harvest' AND p.state = 'active'")"
[ "$harvest_datasets" = "$sources" ] || die "$sources active harvest sources but $harvest_datasets harvest datasets"
packages="$(sql "$db" "SELECT count(*) FROM package")"

seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
other_ms="$(awk -v w="$wall_migrate" -v a="$dgu_ms" -v b="$core_ms" -v c="$harvest_ms" -v d="$activity_ms" \
  -v e="$tracking_ms" 'BEGIN { print w * 1000 - a - b - c - d - e }')"
{
  echo "CKAN pack on a generated legacy catalog: $datasets datasets, seed $seed, harvest shape $shape"
  echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(sql postgres 'SHOW server_version')"
  echo
  printf '%-38s %9s %9s\n' "step" "wall s" "cpu s"
  printf '%-38s %9s %9s\n' "ckan generate ($rows rows)" "$wall_generate" "$cpu_generate"
  printf '%-38s %9s %9s\n' "migrate to CKAN 2.11, 62 migrations" "$wall_migrate" "$cpu_migrate"
  printf '%-38s %9s\n' "  dgu (16)" "$(seconds "$dgu_ms")"
  printf '%-38s %9s\n' "  core 072-086 (to 2.8)" "$(seconds "$core28_ms")"
  printf '%-38s %9s\n' "  core 087-105 (2.9, 2.10, 2.11)" "$(seconds "$(( core_ms - core28_ms ))")"
  printf '%-38s %9s\n' "  harvest (8)" "$(seconds "$harvest_ms")"
  printf '%-38s %9s\n' "  activity labels (001, 002)" "$(seconds "$labels_ms")"
  printf '%-38s %9s\n' "  activity conversion (003)" "$(seconds "$convert_ms")"
  printf '%-38s %9s\n' "  tracking (1)" "$(seconds "$tracking_ms")"
  printf '%-38s %9s\n' "  start, lock, history" "$(seconds "$other_ms")"
  printf '%-38s %9s %9s\n' "verify against builtin:ckan-2.11" "$wall_verify" "$cpu_verify"
  printf '%-38s %9s %9s\n' "ckan check --target 2.11 (0 rows)" "$wall_check" "$cpu_check"
  echo
  echo "dataset activities converted by activity 003: $converted, $rate per second"
  echo "  (CKAN's migrate_package_activity.py: one package_show per activity, through a running CKAN)"
  echo "after: $packages datasets, $harvest_datasets of them harvest sources (one per active source); schema = ckan-2.11"
} | tee "$work/report.txt"
