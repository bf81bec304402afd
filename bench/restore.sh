#!/usr/bin/env bash
# Benchmark: restoring a pg_dump archive, as a CKAN site hands one over (pg_dump -Fc ckan > ckan.dump).
# On the same archive, one after the other on one PostgreSQL server, each into an empty database:
#
#   pg_restore   pg_restore -j2 -x -O -d DB FILE.dump (owners and grants left out, as Ferry does)
#   ferry load   ferry load --db DB --jobs 2 FILE.dump (verified: rows read against rows loaded per
#                table, the table counts, and the target's schema against the archive's)
#
# Two sources, as in bench/transfer.sh: pgbench -i -s BENCH_SCALE (default 50: 5M rows in
# pgbench_accounts) and a CKAN-shaped catalog made by ferry ckan generate --datasets BENCH_DATASETS
# (default 2000 x BENCH_SCALE). Each is dumped once with pg_dump -Fc (gzip, pg_dump's default). Times
# are wall clock of the whole job (JVM start included), with Ferry's ratio to pg_restore (goal: <= 0.9),
# the peak RSS of its process (GNU time) and the CPU seconds the whole machine spent during each job.
# After pg_restore, vacuumdb --analyze-only times the statistics Ferry's load includes and pg_restore
# leaves out (a line for scale, outside the ratio). After each run the target's per-table row counts
# are compared with the source's: a wrong restore ends the run.
#
#   BENCH_SCALE=1 BENCH_DATASETS=200 bench/restore.sh   quick check that everything works end to end
#   BENCH_SOURCES="pgbench" bench/restore.sh           only one source (pgbench, ckan, or both: the default)
#   BENCH_JOBS=2                                       workers of both tools (default 2)
#
# Needs java 17, mvn, psql, pg_dump, pg_restore, vacuumdb and pgbench (15) on PATH. Everything stays in
# bench/work/restore/ (git-ignored): the embedded server's data, the archives, logs, the report.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work/restore"
scale="${BENCH_SCALE:-50}"
datasets="${BENCH_DATASETS:-$((scale * 2000))}"
sources="${BENCH_SOURCES:-pgbench ckan}"
jobs="${BENCH_JOBS:-2}"

say() { echo "== $*" >&2; }
die() { echo "bench/restore.sh: $*" >&2; exit 1; }
[[ "$scale" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SCALE must be a whole number >= 1"
[[ "$datasets" =~ ^[1-9][0-9]*$ ]] || die "BENCH_DATASETS must be a whole number >= 1"
for tool in java mvn psql pg_dump pg_restore pgbench vacuumdb; do
  command -v "$tool" >/dev/null || die "$tool is needed on PATH"
done
gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  gnu_time=/usr/bin/time
fi

source "$here/lib.sh"
start_bench
settings="$(sql postgres "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
                           WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'maintenance_work_mem',
                                          'max_wal_size', 'server_version')")"

# Exact row counts of every ordinary table outside the system schemas, one "schema.table count" a line.
counts() {
  sql "$1" "SELECT n.nspname || '.' || c.relname || ' ' ||
                   (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ONLY %I.%I',
                                                               n.nspname, c.relname), false, true, '')))[1]::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'ferry')
              AND n.nspname NOT LIKE 'pg\_%' ORDER BY 1"
}
check_restore() { # check_restore WHAT KIND TARGET_DB
  counts "$3" >"$work/logs/$1.counts"
  if ! diff -q "$work/logs/source-$2.counts" "$work/logs/$1.counts" >/dev/null; then
    diff "$work/logs/source-$2.counts" "$work/logs/$1.counts" | head -5 >&2
    die "$1: the target's row counts differ from the source's (above)"
  fi
}

# timed NAME CMD...: wall time of CMD in $secs, its max RSS in $rss_mb (GNU time), the CPU seconds
# the whole machine spent meanwhile (servers, tools, decompression) in $busy and as a share of every
# core in $busy_pct, of which the server's in $srv; output in logs/NAME.*
timed() {
  local name="$1"; shift
  local start end rc=0 busy_before srv_before
  settle 3 # each run starts on a machine the run before has left quiet again
  busy_before="$(machine_busy)"
  srv_before="$(server_cpu)"
  start="$(date +%s.%N)"
  rm -f "$work/logs/$name.time"
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -f '%M' -o "$work/logs/$name.time" "$@" >"$work/logs/$name.out" 2>"$work/logs/$name.err" || rc=$?
  else
    "$@" >"$work/logs/$name.out" 2>"$work/logs/$name.err" || rc=$?
  fi
  end="$(date +%s.%N)"
  if [ "$rc" -ne 0 ]; then
    tail -20 "$work/logs/$name.err" >&2
    die "$name failed (exit $rc); see bench/work/restore/logs/$name.*"
  fi
  secs="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  busy="$(awk -v a="$busy_before" -v b="$(machine_busy)" 'BEGIN { printf "%.1f", b - a }')"
  srv="$(awk -v a="$srv_before" -v b="$(server_cpu)" 'BEGIN { printf "%.1f", b - a }')"
  busy_pct="$(share "$busy" "$secs")"
  rss_mb="-"
  [ -f "$work/logs/$name.time" ] && rss_mb="$(awk 'NF { v = $1 } END { printf "%d", v / 1024 }' "$work/logs/$name.time")"
  echo "$name $secs s, max RSS $rss_mb MiB, machine CPU $busy s ($busy_pct of $(nproc) cores), server CPU $srv s, load $(load)" \
    >>"$work/logs/times.txt"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }

make_source() { # make_source KIND DB
  fresh_db "$2"
  case "$1" in
    pgbench) pgbench -q -i -s "$scale" -d "$2" >"$work/logs/source-$1.log" 2>&1 ;;
    ckan) "$root/ferry" ckan generate --db "$(url "$2")" --datasets "$datasets" --jobs "$jobs" >"$work/logs/source-$1.log" 2>&1 ;;
    *) die "unknown source '$1' in BENCH_SOURCES (pgbench, ckan)" ;;
  esac || { cat "$work/logs/source-$1.log" >&2; die "could not make the $1 source"; }
  sql "$2" "VACUUM ANALYZE" >/dev/null
}

report="$work/report.txt"
: >"$report"
: >"$work/logs/times.txt"
out() { echo "$*" | tee -a "$report"; }
row() { printf '  %-44s %9s %13s %9s %16s %13s\n' "$@" | tee -a "$report"; }

out "Restoring a pg_dump custom archive: pg_restore and ferry load"
out "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -1)"
out "server: $server_name ($settings); $jobs jobs for both tools"
out "times: wall clock of the whole job, every process (and JVM start) included; one run each"

for kind in $sources; do
  src="bench_src_$kind"
  case "$kind" in
    pgbench) what="pgbench -i -s $scale" ;;
    ckan) what="ferry ckan generate --datasets $datasets" ;;
    *) die "unknown source '$kind' in BENCH_SOURCES (pgbench, ckan)" ;;
  esac
  say "$kind: making the source ($what)"
  make_source "$kind" "$src"
  counts "$src" >"$work/logs/source-$kind.counts"
  rows="$(awk '{ s += $2 } END { print s }' "$work/logs/source-$kind.counts")"
  tables="$(wc -l <"$work/logs/source-$kind.counts")"
  archive="$work/files/$kind.dump"
  say "$kind: pg_dump -Fc"
  timed "$kind-pg_dump" pg_dump -Fc -d "$src" -f "$archive"
  dump_s="$secs"
  archive_mb="$(du -m "$archive" | cut -f1)"
  load_before="$(load)"

  say "$kind: pg_restore -j$jobs"
  fresh_db bench_dst
  timed "$kind-pg_restore" pg_restore -j "$jobs" -x -O -d bench_dst "$archive"
  restore_s="$secs"; restore_cpu="$busy ($busy_pct)"; restore_srv="$srv"; check_restore "$kind-pg_restore" "$kind" bench_dst
  # pg_restore leaves the planner's statistics to autovacuum; Ferry's load includes them (ANALYZE
  # per table). For scale only: the time the same statistics take after pg_restore.
  timed "$kind-analyze" vacuumdb --analyze-only -j "$jobs" -q -d bench_dst
  analyze_s="$secs"
  say "$kind: ferry load --jobs $jobs"
  fresh_db bench_dst
  timed "$kind-ferry-load" "$root/ferry" load --db "$(url bench_dst)" --jobs "$jobs" "$archive"
  ferry_s="$secs"; ferry_cpu="$busy ($busy_pct)"; ferry_srv="$srv"; ferry_rss="$rss_mb"; check_restore "$kind-ferry-load" "$kind" bench_dst
  grep -q "data and schema verified" "$work/logs/$kind-ferry-load.out" \
    || die "$kind: ferry load did not report its verification (see bench/work/restore/logs/$kind-ferry-load.out)"

  out ""
  out "$kind: $what ($rows rows in $tables tables; archive $archive_mb MB, pg_dump -Fc $dump_s s);" \
      "load average before: $load_before, after: $(load)"
  row "" "seconds" "/ pg_restore" "RSS MiB" "machine CPU s" "server CPU s"
  row "pg_restore -j$jobs -x -O FILE.dump" "$restore_s" "1.00" "" "$restore_cpu" "$restore_srv"
  row "ferry load --jobs $jobs FILE.dump (verified)" "$ferry_s" "$(ratio "$ferry_s" "$restore_s")" "$ferry_rss" "$ferry_cpu" "$ferry_srv"
  out "  goal: ferry load <= 0.9 pg_restore"
  out "  for scale: vacuumdb --analyze-only -j$jobs after pg_restore (the statistics Ferry's load includes) $analyze_s s"
  out "  machine CPU: seconds of every process while the job ran, and that as a share of all $(nproc) cores;"
  out "  server CPU: the target server's part of it"
  sql postgres "DROP DATABASE IF EXISTS bench_dst WITH (FORCE)" >/dev/null
done
out ""
out "(this report: bench/work/restore/report.txt; every timing: bench/work/restore/logs/times.txt)"
