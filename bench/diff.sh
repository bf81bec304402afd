#!/usr/bin/env bash
# Schema diff benchmark: ferry diff against apgdiff on two generated 1,000-table schemas (live
# databases and pg_dump files), then both tools on the migra corpus with apply-and-verify.
# Needs psql and pg_dump 15 on PATH, and apgdiff (apt-get install apgdiff) for the comparison.
# Usage: bench/diff.sh [TABLES]   (default 1000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
work="$here/work/diff"
tables="${1:-1000}"
corpus="${FERRY_SHARED_DIR:-$root/../shared}/corpora/migra"
mkdir -p "$work"
ferry() { "$root/ferry" "$@"; }

# The embedded server, started here unless one already runs on bench/work/pg.
log="$here/work/server.log"
if ! grep -qs 'ready' "$log" || ! pgrep -F "$here/work/pg/postmaster.pid" >/dev/null 2>&1; then
  "$root/ferry" server --data-dir "$here/work/pg" >"$log" 2>&1 &
  for _ in $(seq 60); do grep -qs 'ready' "$log" && break; sleep 1; done
fi
url="$(grep -o 'postgres://[^ ]*' "$log" | head -1)"
port="${url##*:}"; port="${port%%/*}"
export PGHOST=localhost PGPORT="$port" PGUSER=postgres
db() { echo "postgres://postgres@localhost:$port/$1"; }
fresh() { psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$1\"" -c "CREATE DATABASE \"$1\"" >/dev/null 2>&1; }
load() { psql -q -v ON_ERROR_STOP=1 -d "$1" -f "$2" >/dev/null 2>&1; }
seconds() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; echo "$(date +%s.%N) - $s" | bc; }
# The median of BENCH_REPEAT runs (default 5) with their range: on a shared machine one run of a
# one-second command can be off by a tenth either way.
repeat="${BENCH_REPEAT:-5}"
timed() {
  local runs=()
  for _ in $(seq "$repeat"); do runs+=("$(seconds "$@")"); done
  printf '%s\n' "${runs[@]}" | sort -n | awk '{v[NR] = $1}
    END {printf "%.2f (median of %d, %.2f-%.2f)\n", v[int((NR + 1) / 2)], NR, v[1], v[NR]}'
}

# Two schemas of $tables tables each: a primary key, a foreign key to the previous table, two
# indexes per table, a view on every tenth; B changes every fifth table and adds and drops some.
generate() {
  local variant=$1
  echo "SET client_min_messages = warning;"
  for i in $(seq 1 "$tables"); do
    local extra=""
    if [ "$variant" = b ] && [ $((i % 5)) -eq 0 ]; then extra=", note text DEFAULT 'x'"; fi
    local amount="integer"
    if [ "$variant" = b ] && [ $((i % 7)) -eq 0 ]; then amount="bigint"; fi
    local fk=""
    if [ "$i" -gt 1 ]; then fk=", parent_id integer REFERENCES t$((i - 1)) (id)"; fi
    echo "CREATE TABLE t$i (id integer PRIMARY KEY, name text NOT NULL, amount $amount, created timestamptz DEFAULT now()$fk$extra);"
    echo "CREATE INDEX t${i}_name ON t$i (name);"
    echo "CREATE INDEX t${i}_created ON t$i (created, amount);"
    if [ $((i % 10)) -eq 0 ]; then echo "CREATE VIEW v$i AS SELECT id, name, amount FROM t$i;"; fi
  done
  if [ "$variant" = b ]; then
    for i in $(seq 1 $((tables / 20))); do echo "CREATE TABLE extra$i (id bigint PRIMARY KEY, payload jsonb);"; done
  fi
}

echo "== generating two schemas of $tables tables"
generate a >"$work/a.sql"; generate b >"$work/b.sql"
fresh bench_a; fresh bench_b
load bench_a "$work/a.sql"; load bench_b "$work/b.sql"
pg_dump -s -d bench_a -f "$work/dump_a.sql"; pg_dump -s -d bench_b -f "$work/dump_b.sql"
ferry diff --help >/dev/null   # builds the jar if needed, outside the timings
# Ferry makes its cluster template (initdb) on the first dump it loads, once per machine: outside the timings.
ferry diff builtin:legacy builtin:legacy >/dev/null 2>&1 || true

echo "== timing (seconds, wall clock, JVM start included; median of $repeat runs)"
t_live=$(timed ferry diff --unsafe "$(db bench_a)" "$(db bench_b)")
t_dump=$(timed ferry diff --unsafe "$work/dump_a.sql" "$work/dump_b.sql")
ferry diff --unsafe "$(db bench_a)" "$(db bench_b)" >"$work/ferry_live.sql" 2>/dev/null || true
apg_note="apgdiff not installed"
t_apg="n/a"
if command -v apgdiff >/dev/null; then
  # apgdiff 2.7 stops at pg_dump 15.14+'s \restrict lines; it gets copies without them.
  grep -v '^\\\(un\)\?restrict' "$work/dump_a.sql" >"$work/apg_a.sql"
  grep -v '^\\\(un\)\?restrict' "$work/dump_b.sql" >"$work/apg_b.sql"
  t_apg=$(timed apgdiff "$work/apg_a.sql" "$work/apg_b.sql")
  apg_note="apgdiff $(dpkg-query -W -f '${Version}' apgdiff 2>/dev/null || echo '?')"
fi
# For scale: the server alone loading both dump files side by side as psql does (two psql -f into
# two empty databases: a round trip and a commit per statement), without catalog reads, diff or JVM.
fresh bench_floor_a; fresh bench_floor_b
floor_start=$(date +%s.%N)
# Only these two are waited for: the embedded server may be a child of this script too.
load bench_floor_a "$work/dump_a.sql" & floor_a=$!
load bench_floor_b "$work/dump_b.sql" & floor_b=$!
wait "$floor_a" "$floor_b"
t_floor=$(echo "$(date +%s.%N) - $floor_start" | bc)
echo "ferry diff, two live databases:  $t_live"
echo "ferry diff, two dump files:      $t_dump"
echo "$apg_note, two dump files: $t_apg"
echo "server alone, loading both dump files (psql -f side by side): $t_floor"
echo "ferry script: $(grep -c ';$' "$work/ferry_live.sql") statements"

# Linear in schema size: the same diff at a tenth of the size, live databases.
small=$((tables / 10))
tables_saved=$tables; tables=$small
generate a >"$work/small_a.sql"; generate b >"$work/small_b.sql"; tables=$tables_saved
fresh bench_sa; fresh bench_sb; load bench_sa "$work/small_a.sql"; load bench_sb "$work/small_b.sql"
t_small=$(timed ferry diff --unsafe "$(db bench_sa)" "$(db bench_sb)")
echo "ferry diff, live, $small tables:  $t_small"

echo "== migra corpus: diff, apply with psql, then ferry verify (exit 0 = pass)"
ferry_pass=0; apg_pass=0; total=0; ferry_failed=""; apg_failed=""
for case_dir in "$corpus"/*/; do
  name=$(basename "$case_dir"); total=$((total + 1))
  psql -q -d postgres -c "DO \$\$ BEGIN CREATE ROLE schemainspect_test_role; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$" >/dev/null 2>&1
  fresh "c_b"; load c_b "$case_dir/b.sql" || true
  fresh "c_a"; load c_a "$case_dir/a.sql" || true
  if ferry diff --unsafe "$(db c_a)" "$(db c_b)" >"$work/case.sql" 2>/dev/null; [ $? -le 3 ] \
     && psql -q -v ON_ERROR_STOP=1 -d c_a -f "$work/case.sql" >/dev/null 2>&1 \
     && ferry verify --db "$(db c_a)" --model "$(db c_b)" >/dev/null 2>&1; then
    ferry_pass=$((ferry_pass + 1))
  else ferry_failed="$ferry_failed $name"; fi
  if command -v apgdiff >/dev/null; then
    fresh "c_a"; load c_a "$case_dir/a.sql" || true
    pg_dump -s -d c_a | grep -v '^\\\(un\)\?restrict' >"$work/case_a.sql"
    pg_dump -s -d c_b | grep -v '^\\\(un\)\?restrict' >"$work/case_b.sql"
    if apgdiff "$work/case_a.sql" "$work/case_b.sql" >"$work/case_apg.sql" 2>/dev/null \
       && psql -q -v ON_ERROR_STOP=1 -d c_a -f "$work/case_apg.sql" >/dev/null 2>&1 \
       && ferry verify --db "$(db c_a)" --model "$(db c_b)" >/dev/null 2>&1; then
      apg_pass=$((apg_pass + 1))
    else apg_failed="$apg_failed $name"; fi
  fi
done
echo "ferry:   $ferry_pass/$total pass${ferry_failed:+ (failed:$ferry_failed)}"
echo "apgdiff: $apg_pass/$total pass${apg_failed:+ (failed:$apg_failed)}"
