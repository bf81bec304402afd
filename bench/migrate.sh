#!/usr/bin/env bash
# Benchmark: Ferry against Flyway 13.12 on many small migrations.
#
#   bench/migrate.sh [N ...]     default N=5000; "bench/migrate.sh 1000 5000" shows how time grows with N
#   REPEAT=3                     rounds of the no-op commands (the median is shown)
#   BENCH_SQL=alter|tables       what each migration does (see generate below); default alter
#
# For each N it writes N small migrations across 3 modules (core N/2, harvest 3N/10 with
# requires=core>=1, dgu the rest) and the same files renamed V<seq>__<module>_<n>.sql for Flyway, in
# the order Ferry applies them (core, dgu, harvest). Then it times, each tool on a fresh database:
#   - the first full migrate: Ferry; Flyway with its defaults (one transaction per migration); and,
#     as an extra line, Flyway with group=true (all of them in one transaction);
#   - REPEAT rounds of a no-op migrate, status (Flyway: info) and validate, Ferry and Flyway taking turns.
# Every time is a whole process, JVM start included. After each first migrate it checks that the
# history table has N successful rows and that the migrations' tables or rows are there.
#
# Needs java 17, mvn, and psql (to create the databases and check them). When psql is missing and
# this runs as root, it installs Debian's postgresql-client with apt-get. GNU time (/usr/bin/time,
# Debian's "time" package) adds max RSS when present; it is optional.
#
# Everything it writes stays in bench/work/ (git-ignored): the data folder of the one embedded
# PostgreSQL 15 it runs (./ferry server, stopped on exit), the generated migrations, and the logs.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work"
repeat="${REPEAT:-3}"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(5000)
fi
for n in "${sizes[@]}"; do
  if ! [[ "$n" =~ ^[1-9][0-9]*$ ]] || [ "$n" -lt 10 ]; then
    echo "usage: bench/migrate.sh [N ...]   (each N a whole number >= 10)" >&2
    exit 2
  fi
done

say() { echo "== $*" >&2; }
die() { echo "bench/migrate.sh: $*" >&2; exit 1; }
workload="${BENCH_SQL:-alter}"
case "$workload" in
  alter|tables) ;;
  *) die "BENCH_SQL must be alter or tables, not '$workload'" ;;
esac

# --- prerequisites -----------------------------------------------------------------------------
command -v java >/dev/null || die "java (17 or later) is needed"
command -v mvn >/dev/null || die "mvn is needed"
if ! command -v psql >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing postgresql-client (for psql)"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >&2
  else
    die "psql is needed (Debian: apt-get install postgresql-client)"
  fi
fi
gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  gnu_time=/usr/bin/time
fi

mkdir -p "$work"

say "building Ferry and the Flyway harness"
rm -rf "$work/logs"
mkdir -p "$work/logs"
if ! { "$root/ferry" --version && mvn -q -B -Dstyle.color=never -f "$here/flyway/pom.xml" package; } \
    >"$work/logs/build.log" 2>&1; then
  cat "$work/logs/build.log" >&2
  die "the build failed"
fi
ferry_jar="$root/ferry-cli/target/ferry.jar"
flyway_cp="$here/flyway/target/flyway-bench-0.1.0-SNAPSHOT.jar:$(cat "$here/flyway/target/classpath.txt")"

# Ferry runs as its users run it, through ./ferry, which picks the JVM options for each command
# (class-data sharing; the quick compiler for short bookkeeping commands). Flyway runs with the JVM's
# defaults, as its own command-line tool does.
ferry=("$root/ferry")
flyway=(java -cp "$flyway_cp" FlywayBench)

# --- the database server -----------------------------------------------------------------------
source "$here/lib.sh"
say "starting the embedded PostgreSQL (data in bench/work/pg)"
start_server "$work/pg" "$work/server.log" java -jar "$ferry_jar"

sql() { # sql DB STATEMENT: prints the result, unaligned
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -w -v ON_ERROR_STOP=1 -h localhost -p "$port" -U postgres -d "$1" -At -c "$2"
}
fresh_db() {
  sql postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
  sql postgres "CREATE DATABASE $1" >/dev/null
}
settings="$(sql postgres "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
                           WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'server_version')")"

# --- timing ------------------------------------------------------------------------------------
# timed NAME CMD...: runs CMD with stdout/stderr to bench/work/logs/NAME.{out,err}; sets $secs (wall),
# and with GNU time $rss_mb and $cpu (user + sys seconds of the tool's process), and appends a line to bench/work/logs/times.txt. A failure ends the run, unless
# soft_fail=1, when $secs is "failed" and $failure holds the first line of the error.
soft_fail=0
timed() {
  local name="$1"; shift
  local out="$work/logs/$name.out" err="$work/logs/$name.err" stats="$work/logs/$name.time"
  local start end rc=0
  start="$(date +%s.%N)"
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -f '%M %U %S' -o "$stats" "$@" >"$out" 2>"$err" || rc=$?
  else
    "$@" >"$out" 2>"$err" || rc=$?
  fi
  end="$(date +%s.%N)"
  failure=""
  rss_mb="-"
  cpu="-"
  if [ "$rc" -ne 0 ]; then
    if [ "$soft_fail" = 1 ]; then
      secs="failed"
      # Flyway puts the server's error on a "Message :" line; else the first line that says why.
      failure="$({ grep -m1 '^Message' "$err" || grep -m1 -E 'ERROR|failed' "$err" || true; } \
                 | sed 's/^Message *: *//')"
      echo "$name failed (exit $rc): $failure" >> "$work/logs/times.txt"
      return 0
    fi
    cat "$err" >&2
    die "$name failed (exit $rc); see bench/work/logs/$name.*"
  fi
  secs="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  if [ -n "$gnu_time" ]; then
    rss_mb="$(awk 'NF { v = $1 } END { printf "%d", v / 1024 }' "$stats")"
    cpu="$(awk 'NF { v = $2 + $3 } END { printf "%.2f", v }' "$stats")"
  fi
  echo "$name $secs s, CPU $cpu s, max RSS $rss_mb MiB, load $(load)" >> "$work/logs/times.txt"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1f", a / b; else print "-" }'; }
per_migration() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.2f", s * 1000 / n }'; }

# --- migrations --------------------------------------------------------------------------------
# generate N: bench/work/migrations-N/{core,dgu,harvest}/NNNNN_<module>_<n>.sql for Ferry and the
# same contents as bench/work/flyway-N/V<seq>__<module>_<n>.sql, seq in Ferry's order of application.
#
# BENCH_SQL picks what each migration does (the same for both tools):
#   alter  (default) the first migration of a module creates its table bench_<module>; each later one
#          changes a column default of that table (DDL: an ACCESS EXCLUSIVE lock and a catalog update)
#          and inserts a row. Cheap SQL, so the times show the tools' own work.
#   tables each migration creates a table of its own (with a primary key and a TOAST table) and
#          inserts a row: N tables in the end, and the SQL itself costs a few ms per migration.
#          Flyway's group=true then needs more locks than the server's lock table has (max_locks_per_transaction).
generate() {
  local n="$1"
  local core=$((n / 2)) harvest=$((n * 3 / 10))
  local dgu=$((n - core - harvest))
  local dir="$work/migrations-$n" fly="$work/flyway-$n"
  rm -rf "$dir" "$fly"
  mkdir -p "$dir/core" "$dir/harvest" "$dir/dgu" "$fly"
  printf 'requires=core>=1\n' > "$dir/harvest/module.properties"
  # awk writes the 2N files in one process; Ferry applies core, then dgu, then harvest (by name among
  # the modules whose requirements are met), and that is the order of Flyway's versions.
  awk -v dir="$dir" -v fly="$fly" -v core="$core" -v dgu="$dgu" -v harvest="$harvest" -v kind="$workload" '
    function body(module, i,    t) {
      if (kind == "tables") {
        t = "t_" module "_" i
        return "CREATE TABLE " t " (id int PRIMARY KEY, v text);\n" \
               "INSERT INTO " t " (id, v) VALUES (1, \x27x\x27);\n"
      }
      t = "bench_" module
      if (i == 1) {
        return "CREATE TABLE " t " (id int PRIMARY KEY, v text);\n" \
               "INSERT INTO " t " (id, v) VALUES (1, \x27x\x27);\n"
      }
      return "ALTER TABLE " t " ALTER COLUMN v SET DEFAULT \x27v" i "\x27;\n" \
             "INSERT INTO " t " (id, v) VALUES (" i ", \x27x\x27);\n"
    }
    function emit(module, count,    i, text, ferry_file, flyway_file) {
      for (i = 1; i <= count; i++) {
        text = body(module, i)
        ferry_file = sprintf("%s/%s/%05d_%s_%d.sql", dir, module, i, module, i)
        flyway_file = sprintf("%s/V%d__%s_%d.sql", fly, ++seq, module, i)
        printf "%s", text > ferry_file; close(ferry_file)
        printf "%s", text > flyway_file; close(flyway_file)
      }
    }
    BEGIN { seq = 0; emit("core", core); emit("dgu", dgu); emit("harvest", harvest) }'
  echo "core $core, harvest $harvest, dgu $dgu"
}

# check WHAT DB N HISTORY_TABLE: the history has N successful rows, and the migrations' work is there.
check() {
  local what="$1" db="$2" n="$3" history="$4" rows work
  rows="$(sql "$db" "SELECT count(*) FROM $history WHERE success AND version IS NOT NULL")"
  [ "$rows" = "$n" ] || die "$what: expected $n successful history rows, found $rows"
  if [ "$workload" = tables ]; then
    work="$(sql "$db" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\_%'")"
  else
    work="$(sql "$db" "SELECT (SELECT count(*) FROM bench_core) + (SELECT count(*) FROM bench_dgu)
                              + (SELECT count(*) FROM bench_harvest)")"
  fi
  [ "$work" = "$n" ] || die "$what: expected $n tables or rows made by the migrations, found $work"
}

# --- the run -----------------------------------------------------------------------------------
report="$work/report.txt"
: > "$report"
: > "$work/logs/times.txt"
out() { echo "$*" | tee -a "$report"; }
row() { printf '  %-36s %9s %9s %13s\n' "$@" | tee -a "$report"; }

out "Ferry vs Flyway 13.12: first and no-op migrate of many small migrations (BENCH_SQL=$workload)"
out "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -1)"
out "server: Ferry's embedded PostgreSQL ($settings)"
out "each time is a whole process, JVM start included; no-op lines: median of $repeat runs, Ferry and Flyway taking turns"

summary=()
for n in "${sizes[@]}"; do
  load_before="$(load)"
  say "N=$n: writing migrations"
  split="$(generate "$n")"
  mig="$work/migrations-$n"
  fly="$work/flyway-$n"
  fdb="bench_ferry_$n"; ydb="bench_flyway_$n"; gdb="bench_flyway_group_$n"
  furl="postgres://postgres@localhost:$port/$fdb"
  yurl="jdbc:postgresql://localhost:$port/$ydb"
  gurl="jdbc:postgresql://localhost:$port/$gdb"

  say "N=$n: Ferry, first migrate"
  fresh_db "$fdb"
  timed "ferry-$n-first" "${ferry[@]}" migrate --db "$furl" --migrations "$mig"
  f_first="$secs"; f_first_rss="$rss_mb"; f_first_cpu="$cpu"
  check "Ferry" "$fdb" "$n" ferry_schema_history

  say "N=$n: Flyway, first migrate (defaults: one transaction per migration)"
  fresh_db "$ydb"
  timed "flyway-$n-first" "${flyway[@]}" "$yurl" postgres "" "$fly" migrate
  y_first="$secs"; y_first_rss="$rss_mb"; y_first_cpu="$cpu"
  check "Flyway" "$ydb" "$n" flyway_schema_history

  say "N=$n: Flyway, first migrate with group=true (all in one transaction)"
  fresh_db "$gdb"
  soft_fail=1
  timed "flyway-$n-group" "${flyway[@]}" "$gurl" postgres "" "$fly" migrate-group
  soft_fail=0
  g_first="$secs"; g_failure="$failure"
  if [ "$g_first" != failed ]; then
    check "Flyway group=true" "$gdb" "$n" flyway_schema_history
  fi
  sql postgres "DROP DATABASE $gdb WITH (FORCE)" >/dev/null

  say "N=$n: no-op migrate, status/info and validate, $repeat rounds"
  fm=(); fs=(); fv=(); ym=(); yi=(); yv=(); fmc=(); fsc=(); ymc=(); yic=()
  for i in $(seq 1 "$repeat"); do
    timed "ferry-$n-noop-$i" "${ferry[@]}" migrate --db "$furl" --migrations "$mig"
    fm+=("$secs"); fmc+=("$cpu"); f_noop_rss="$rss_mb"
    grep -q '^Nothing to apply' "$work/logs/ferry-$n-noop-$i.out" || die "Ferry's no-op migrate applied something"
    timed "flyway-$n-noop-$i" "${flyway[@]}" "$yurl" postgres "" "$fly" migrate
    ym+=("$secs"); ymc+=("$cpu"); y_noop_rss="$rss_mb"
    timed "ferry-$n-status-$i" "${ferry[@]}" status --db "$furl" --migrations "$mig"
    fs+=("$secs"); fsc+=("$cpu")
    timed "flyway-$n-info-$i" "${flyway[@]}" "$yurl" postgres "" "$fly" info
    yi+=("$secs"); yic+=("$cpu")
    timed "ferry-$n-validate-$i" "${ferry[@]}" validate --db "$furl" --migrations "$mig"
    fv+=("$secs")
    timed "flyway-$n-validate-$i" "${flyway[@]}" "$yurl" postgres "" "$fly" validate
    yv+=("$secs")
  done
  check "Ferry, after the no-op runs" "$fdb" "$n" ferry_schema_history
  check "Flyway, after the no-op runs" "$ydb" "$n" flyway_schema_history
  f_noop="$(median "${fm[@]}")"; f_status="$(median "${fs[@]}")"; f_validate="$(median "${fv[@]}")"
  y_noop="$(median "${ym[@]}")"; y_info="$(median "${yi[@]}")"; y_validate="$(median "${yv[@]}")"

  # The two databases stay in bench/work/pg until the next run, for a look with psql.
  out ""
  out "N=$n ($split); load average before: $load_before, after: $(load)"
  row "" "Ferry s" "Flyway s" "Flyway/Ferry"
  row "first migrate" "$f_first" "$y_first" "$(ratio "$y_first" "$f_first")"
  row "no-op migrate (median)" "$f_noop" "$y_noop" "$(ratio "$y_noop" "$f_noop")"
  row "status / Flyway info (median)" "$f_status" "$y_info" "$(ratio "$y_info" "$f_status")"
  row "validate (median)" "$f_validate" "$y_validate" "$(ratio "$y_validate" "$f_validate")"
  row "first migrate, Flyway group=true" "" "$g_first" "$(ratio "$g_first" "$f_first")"
  if [ -n "$g_failure" ]; then
    out "  Flyway group=true failed: $g_failure"
  fi
  out "  no-op runs (s): Ferry migrate ${fm[*]} | status ${fs[*]} | validate ${fv[*]}"
  out "                  Flyway migrate ${ym[*]} | info ${yi[*]} | validate ${yv[*]}"
  if [ -n "$gnu_time" ]; then
    out "  max RSS (MiB): first migrate Ferry $f_first_rss, Flyway $y_first_rss; no-op migrate Ferry $f_noop_rss, Flyway $y_noop_rss"
    # CPU time of the tool's own process (not the server's) varies less than wall time on a busy machine.
    out "  CPU s of the tool's process (user+sys): first migrate Ferry $f_first_cpu, Flyway $y_first_cpu;" \
        "no-op migrate median Ferry $(median "${fmc[@]}"), Flyway $(median "${ymc[@]}");" \
        "status/info median Ferry $(median "${fsc[@]}"), Flyway $(median "${yic[@]}")"
  fi
  out "  first migrate per migration: Ferry $(per_migration "$f_first" "$n") ms, Flyway $(per_migration "$y_first" "$n") ms"
  summary+=("$(printf '  %6d %12s %12s %12s %12s' "$n" "$f_first" "$y_first" "$f_noop" "$y_noop")")
done

if [ ${#sizes[@]} -gt 1 ]; then
  out ""
  out "growth with N (s)"
  out "$(printf '  %6s %12s %12s %12s %12s' N "Ferry first" "Flyway first" "Ferry no-op" "Flyway no-op")"
  for line in "${summary[@]}"; do
    out "$line"
  done
fi
out ""
out "(this report: bench/work/report.txt; every timing: bench/work/logs/times.txt; each run's output: bench/work/logs/)"
