#!/usr/bin/env bash
# Benchmark: moving a CKAN DataStore, CKAN's second database: one table per resource (named by the
# resource id, with _id, _full_text and its GIN index, the full-text trigger), most of them small, a
# few large, the odd very wide one; alias views; the _table_metadata view; everything owned by a
# write role and readable by a read role as `ckan datastore set-permissions` leaves it. Made by SQL
# in this script, shaped after CKAN's ckanext/datastore (backend/postgres.py, set_permissions.sql).
#
# On the same source, one after the other on one PostgreSQL server, each into an empty database:
#
#   ferry transfer   --owner datastore_rw --grant-read datastore_ro (the new server's role names)
#   pg_dump -Fd      pg_dump -Fd -j2 -O -x, then pg_restore -j2 -O -x --role-less, then the
#                    ownership and set-permissions grants by hand (what a site has to do)
#   pgcopydb         pgcopydb clone --table-jobs 2 --index-jobs 2 --no-owner --no-acl (Debian package
#                    pgcopydb; installed with apt-get when missing and running as root)
#
# Each time is wall clock of the whole job (JVM start included); printed with tables/s, MB/s (of the
# source's size) and the ratio to the best of the two others (goal: ferry <= 0.7). After each run
# the target's row counts per table are compared with the source's, and, after ferry, the read role
# reads every table and the write role owns everything.
#
#   bench/datastore.sh                         5,000 tables (3 of 1,000,000 rows, the rest small)
#   BENCH_TABLES=200 BENCH_LARGE_ROWS=20000 bench/datastore.sh   quick check that everything works
#   BENCH_LARGE=3 BENCH_LARGE_ROWS=1000000     how many large tables, and their rows
#   BENCH_JOBS=2                               workers of every tool
#   BENCH_CRASH=0                              leave out the crash trial (default: run it)
#
# The crash trial: ferry transfer into another empty database, killed with SIGKILL once between a
# tenth and half of its tables are recorded as copied (the line says how many were in at the kill),
# then run again with --resume; the resumed target must match the source table by table by an md5
# of every table's rows in _id order, computed by the server on both sides (not by Ferry).
#
# Needs java 17, mvn, psql, pg_dump and pg_restore (15) on PATH. Everything stays in
# bench/work/datastore/ (git-ignored): the embedded server's data, dumps, logs, the report.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work/datastore"
tables="${BENCH_TABLES:-5000}"
large="${BENCH_LARGE:-3}"
large_rows="${BENCH_LARGE_ROWS:-1000000}"
jobs="${BENCH_JOBS:-2}"

say() { echo "== $*" >&2; }
die() { echo "bench/datastore.sh: $*" >&2; exit 1; }
[[ "$tables" =~ ^[1-9][0-9]*$ ]] || die "BENCH_TABLES must be a whole number >= 1"
[[ "$large" =~ ^[0-9]+$ ]] && [ "$large" -le "$tables" ] || die "BENCH_LARGE must be a whole number <= BENCH_TABLES"
[[ "$large_rows" =~ ^[1-9][0-9]*$ ]] || die "BENCH_LARGE_ROWS must be a whole number >= 1"
for tool in java mvn psql pg_dump pg_restore; do
  command -v "$tool" >/dev/null || die "$tool is needed on PATH"
done
if ! command -v pgcopydb >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing pgcopydb (apt-get)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgcopydb; } >&2 || true
fi

source "$here/lib.sh"
start_bench
settings="$(sql postgres "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings
                           WHERE name IN ('fsync', 'synchronous_commit', 'shared_buffers', 'max_locks_per_transaction',
                                          'max_connections', 'server_version')")"

# --- roles: the source site's, and the new server's (other names) --------------------------------
for role in ds_write ds_read datastore_rw datastore_ro; do
  sql postgres "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN
                  CREATE ROLE $role LOGIN; END IF; END \$\$"
done

# --- the source: a DataStore as CKAN builds it ------------------------------------------------------
make_source() { # make_source DB
  fresh_db "$1"
  sql "$1" "GRANT CREATE, USAGE ON SCHEMA public TO ds_write"
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -w -v ON_ERROR_STOP=1 -d "$1" \
    -v tables="$tables" -v large="$large" -v large_rows="$large_rows" <<'SQL'
SET ROLE ds_write;
-- CKAN fills _full_text by this trigger when a row is written without it.
CREATE FUNCTION populate_full_text_trigger() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF NEW._full_text IS NOT NULL THEN
        RETURN NEW;
    END IF;
    NEW._full_text := (SELECT to_tsvector(string_agg(v, ' ')) FROM json_each_text(row_to_json(NEW.*)) AS e(k, v)
                       WHERE k NOT LIKE '\_%');
    RETURN NEW;
END $f$;
SELECT set_config('bench.tables', :'tables', false), set_config('bench.large', :'large', false),
       set_config('bench.large_rows', :'large_rows', false);
-- One table per resource, a transaction per 100 of them (each table holds locks until its commit).
-- Shapes by resource number: the first BENCH_LARGE are large (BENCH_LARGE_ROWS rows), every 1000th
-- is wide (300 text columns), the others small: a spending table, a time series or a list of places,
-- 20 to 400 rows. _full_text is filled as the trigger would, then the trigger is added.
DO $g$
DECLARE
    n int := current_setting('bench.tables')::int;
    big int := current_setting('bench.large')::int;
    big_rows int := current_setting('bench.large_rows')::int;
    id text; cols text; rows int; shape int;
BEGIN
    FOR i IN 1..n LOOP
        id := md5('resource ' || i)::uuid::text;
        shape := CASE WHEN i <= big THEN 0 WHEN i % 1000 = 0 THEN 1 ELSE 2 + i % 3 END;
        rows := CASE WHEN shape = 0 THEN big_rows WHEN shape = 1 THEN 50 ELSE 20 + (i * 37) % 381 END;
        IF shape = 1 THEN
            SELECT string_agg(format('%I text', 'column_' || c), ', ') INTO cols FROM generate_series(1, 300) c;
            EXECUTE format('CREATE TABLE %I (_id serial PRIMARY KEY, _full_text tsvector, %s)', id, cols);
            EXECUTE format('INSERT INTO %I (column_1, column_150, column_300) SELECT ''a'' || g, ''b'' || g, ''c'' || g '
                           'FROM generate_series(1, %s) g', id, rows);
        ELSIF shape IN (0, 2) THEN
            EXECUTE format('CREATE TABLE %I (_id serial PRIMARY KEY, _full_text tsvector, "Department" text, '
                           '"Supplier" text, "Amount" numeric, "Date" date, "Transaction Number" bigint)', id);
            EXECUTE format('INSERT INTO %I ("Department", "Supplier", "Amount", "Date", "Transaction Number") '
                           'SELECT ''Department '' || g %% 40, ''Supplier '' || g %% 997, round((g * 7.31) %% 25000, 2), '
                           'date ''2015-01-01'' + g %% 3000, g FROM generate_series(1, %s) g', id, rows);
        ELSIF shape = 3 THEN
            EXECUTE format('CREATE TABLE %I (_id serial PRIMARY KEY, _full_text tsvector, "Timestamp" timestamp, '
                           '"Site" text, "Reading" float8)', id);
            EXECUTE format('INSERT INTO %I ("Timestamp", "Site", "Reading") SELECT timestamp ''2020-01-01'' + g * '
                           'interval ''15 minutes'', ''Site '' || g %% 12, sin(g) * 100 FROM generate_series(1, %s) g',
                           id, rows);
        ELSE
            EXECUTE format('CREATE TABLE %I (_id serial PRIMARY KEY, _full_text tsvector, "Name" text, '
                           '"Postcode" text, "Latitude" numeric, "Longitude" numeric, "Open" boolean)', id);
            EXECUTE format('INSERT INTO %I ("Name", "Postcode", "Latitude", "Longitude", "Open") SELECT ''Place '' || g, '
                           '''AB'' || g %% 99 || '' '' || g %% 9 || ''CD'', 51 + (g %% 1000) / 1000.0, '
                           '-(g %% 3000) / 1000.0, g %% 2 = 0 FROM generate_series(1, %s) g', id, rows);
        END IF;
        EXECUTE format('UPDATE %I t SET _full_text = (SELECT to_tsvector(string_agg(v, '' '')) '
                       'FROM json_each_text(row_to_json(t.*)) AS e(k, v) WHERE k NOT LIKE ''\_%%'')', id);
        EXECUTE format('CREATE INDEX %I ON %I USING gin (_full_text)', id || '_full_text_idx', id);
        EXECUTE format('CREATE TRIGGER zfulltext BEFORE INSERT OR UPDATE ON %I FOR EACH ROW '
                       'EXECUTE PROCEDURE populate_full_text_trigger()', id);
        -- an alias (a view) for one resource in ten, as datastore_create's "aliases" makes them
        IF i % 10 = 1 THEN
            EXECUTE format('CREATE VIEW %I AS SELECT * FROM %I', 'alias-' || i, id);
        END IF;
        IF i % 100 = 0 THEN
            COMMIT;
        END IF;
    END LOOP;
END $g$;
-- The resources and their aliases, as set-permissions defines _table_metadata.
CREATE VIEW "_table_metadata" AS
    SELECT DISTINCT substr(md5(t.relname || coalesce(a.relname, '')), 0, 17) AS "_id", t.relname AS name,
           t.oid AS oid, a.relname AS alias_of
    FROM pg_class t
    LEFT JOIN pg_rewrite r ON r.ev_class = t.oid
    LEFT JOIN pg_depend d ON d.objid = r.oid
    LEFT JOIN pg_class a ON a.oid = d.refobjid
    WHERE (a.oid IS NULL OR a.oid <> t.oid) AND t.relkind IN ('r', 'v') AND t.relnamespace = 'public'::regnamespace;
RESET ROLE;
REVOKE CREATE, USAGE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO ds_read;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO ds_read;
ALTER DEFAULT PRIVILEGES FOR ROLE ds_write IN SCHEMA public GRANT SELECT ON TABLES TO ds_read;
VACUUM ANALYZE;
SQL
}

# Exact row counts of every table in public, one "table count" a line.
counts() {
  sql "$1" "SELECT c.relname || ' ' || (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I',
                   c.relname), false, true, '')))[1]::text
            FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1"
}
check_copy() { # check_copy WHAT TARGET_DB
  counts "$2" >"$work/logs/$1.counts"
  if ! diff -q "$work/logs/source.counts" "$work/logs/$1.counts" >/dev/null; then
    diff "$work/logs/source.counts" "$work/logs/$1.counts" | head -5 >&2
    die "$1: the target's row counts differ from the source's (above)"
  fi
}
# After ferry: the write role owns everything, the read role reads every table and view, and
# CONNECT, USAGE and the default privilege are there.
check_roles() { # check_roles TARGET_DB
  local bad
  bad="$(sql "$1" "SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                     AND c.relkind IN ('r', 'v', 'S') AND c.relowner <> 'datastore_rw'::regrole")"
  [ "$bad" = 0 ] || die "ferry: $bad relations not owned by datastore_rw"
  bad="$(sql "$1" "SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                     AND c.relkind IN ('r', 'v') AND NOT has_table_privilege('datastore_ro', c.oid, 'SELECT')")"
  [ "$bad" = 0 ] || die "ferry: datastore_ro cannot read $bad tables or views"
  [ "$(sql "$1" "SELECT has_database_privilege('datastore_ro', current_database(), 'CONNECT')
                   AND has_schema_privilege('datastore_ro', 'public', 'USAGE')
                   AND EXISTS (SELECT 1 FROM pg_default_acl WHERE defaclrole = 'datastore_rw'::regrole)")" = t ] \
    || die "ferry: the read role's CONNECT, USAGE or default privilege is missing"
}

# --- timing --------------------------------------------------------------------------------------
timed() { # timed NAME CMD...: wall time in $secs, output in logs/NAME.*; times.txt gets the machine's CPU
  local name="$1"; shift
  local start end rc=0 busy_before srv_before
  settle 3 # each run starts on a machine the run before has left quiet again
  busy_before="$(machine_busy)"
  srv_before="$(server_cpu)"
  start="$(date +%s.%N)"
  "$@" >"$work/logs/$name.out" 2>"$work/logs/$name.err" || rc=$?
  end="$(date +%s.%N)"
  if [ "$rc" -ne 0 ]; then
    tail -20 "$work/logs/$name.err" >&2
    die "$name failed (exit $rc); see bench/work/datastore/logs/$name.*"
  fi
  secs="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  local busy srv
  busy="$(awk -v a="$busy_before" -v b="$(machine_busy)" 'BEGIN { printf "%.1f", b - a }')"
  srv="$(awk -v a="$srv_before" -v b="$(server_cpu)" 'BEGIN { printf "%.1f", b - a }')"
  echo "$name $secs s, machine-cpu $busy, server-cpu $srv, load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/logs/times.txt"
}
# machine_cpu NAME: the CPU seconds of the whole machine during NAME's run, with their share of all cores.
machine_cpu() {
  local cpu
  cpu="$(field "$1" machine-cpu)"
  [ "$cpu" = - ] && { echo -; return; }
  echo "$cpu ($(share "$cpu" "$(awk -v n="$1" '$1 == n { v = $2 } END { print v }' "$work/logs/times.txt")"))"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { if (s + 0 > 0) printf "%.1f", n / s; else print "-" }'; }

# --- the tools -----------------------------------------------------------------------------------
ferry_transfer() {
  "$root/ferry" transfer --from "$(url "$1")" --to "$(url "$2")" --jobs "$jobs" --owner datastore_rw \
    --grant-read datastore_ro
}
# What a site does with pg_dump: no owners or grants (the roles differ), then set them as
# set-permissions does.
pg_dump_dir() {
  local dir="$work/files/$1.dir"
  rm -rf "$dir"
  pg_dump -Fd -j "$jobs" -O -x -d "$1" -f "$dir"
  pg_restore -j "$jobs" -O -x -d "$2" "$dir"
  give_roles "$2"
}
pgcopydb_clone() {
  local dir="$work/files/pgcopydb-$1"
  rm -rf "$dir"
  pgcopydb clone --source "$(url "$1")" --target "$(url "$2")" --table-jobs "$jobs" --index-jobs "$jobs" \
    --no-owner --no-acl --dir "$dir"
  give_roles "$2"
}
give_roles() { # ownership to datastore_rw and set-permissions' grants, by one server-side loop
  PGOPTIONS="-c client_min_messages=warning" psql -X -q -w -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
DO $o$
DECLARE r record;
BEGIN
    FOR r IN SELECT c.relname, c.relkind FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
             AND c.relkind IN ('r', 'v') LOOP
        EXECUTE format('ALTER %s %I OWNER TO datastore_rw', CASE r.relkind WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, r.relname);
    END LOOP;
END $o$;
ALTER FUNCTION populate_full_text_trigger() OWNER TO datastore_rw;
REVOKE CREATE, USAGE ON SCHEMA public FROM PUBLIC;
GRANT CREATE, USAGE ON SCHEMA public TO datastore_rw;
GRANT USAGE ON SCHEMA public TO datastore_ro;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO datastore_ro;
ALTER DEFAULT PRIVILEGES FOR ROLE datastore_rw IN SCHEMA public GRANT SELECT ON TABLES TO datastore_ro;
SQL
  sql "$1" "GRANT CONNECT ON DATABASE $1 TO datastore_ro"
}

# md5 of every table's rows in _id order, one "table md5" a line (computed by the server).
fingerprints() {
  sql "$1" "SELECT c.relname || ' ' || (xpath('/row/m/text()', query_to_xml(format(
                   'SELECT md5(coalesce(string_agg(t::text, chr(10) ORDER BY t._id), %L)) AS m FROM %I t', '',
                   c.relname), false, true, '')))[1]::text
            FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' ORDER BY 1"
}
crash_trial() { # crash_trial SOURCE_DB TARGET_DB: prints one line saying what happened
  local copied=0 i
  fresh_db "$2"
  # Started directly, not through ferry_transfer: $! must be the JVM (./ferry execs java), not a
  # subshell whose kill would leave the transfer running beside the resumed one.
  "$root/ferry" transfer --from "$(url "$1")" --to "$(url "$2")" --jobs "$jobs" --owner datastore_rw \
    --grant-read datastore_ro >"$work/logs/crash-killed.out" 2>"$work/logs/crash-killed.err" &
  local pid=$!
  for i in $(seq 1200); do
    copied="$(sql "$2" "SELECT count(DISTINCT table_name) FROM ferry.transfer_chunk WHERE copied_at IS NOT NULL" \
      2>/dev/null || echo 0)"
    [ "$copied" -ge $((n / 10)) ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! kill -9 "$pid" 2>/dev/null; then
    echo "NOT KILLED: the transfer ended before a tenth of its tables were in"; return
  fi
  wait "$pid" 2>/dev/null || true
  if [ "$copied" -ge $((n / 2)) ]; then
    echo "NOT MID-COPY: killed with $copied of $n tables in"; return
  fi
  local s; s=$(date +%s.%N)
  if ! "$root/ferry" transfer --from "$(url "$1")" --to "$(url "$2")" --jobs "$jobs" --owner datastore_rw \
      --grant-read datastore_ro --resume >"$work/logs/crash-resumed.out" 2>"$work/logs/crash-resumed.err"; then
    echo "FAILED: the resumed transfer failed ($(tail -1 "$work/logs/crash-resumed.err"))"; return
  fi
  local resumed; resumed=$(awk -v s="$s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
  fingerprints "$1" >"$work/logs/crash-source.md5"
  fingerprints "$2" >"$work/logs/crash-target.md5"
  if diff -q "$work/logs/crash-source.md5" "$work/logs/crash-target.md5" >/dev/null; then
    echo "killed with $copied of $n tables copied, resumed in $resumed s: all $n tables identical (md5 of their rows)"
  else
    echo "DIFFERENT: $(diff "$work/logs/crash-source.md5" "$work/logs/crash-target.md5" | grep -c '^>') tables differ after the resume"
  fi
  sql postgres "DROP DATABASE IF EXISTS $2 WITH (FORCE)" >/dev/null
}

# --- the run -----------------------------------------------------------------------------------
report="$work/report.txt"
: >"$report"
: >"$work/logs/times.txt"
out() { echo "$*" | tee -a "$report"; }
row() { printf '  %-46s %9s %10s %8s %9s %16s %11s\n' "$@" | tee -a "$report"; }

say "making the DataStore: $tables tables ($large of $large_rows rows)"
src=bench_datastore
timed source make_source "$src"
made_s="$secs"
counts "$src" >"$work/logs/source.counts"
n="$(wc -l <"$work/logs/source.counts")"
rows="$(awk '{ s += $2 } END { print s }' "$work/logs/source.counts")"
mb="$(sql "$src" "SELECT round(pg_database_size(current_database()) / 1048576.0)")"

declare -A t=()
say "ferry transfer --owner --grant-read"
fresh_db bench_dst; timed ferry ferry_transfer "$src" bench_dst; t[ferry]="$secs"
check_copy ferry bench_dst; check_roles bench_dst
say "pg_dump -Fd -j$jobs + pg_restore -j$jobs, then roles by hand"
fresh_db bench_dst; timed pg_dump pg_dump_dir "$src" bench_dst; t[pgdump]="$secs"; check_copy pg_dump bench_dst
pgcopydb_note=""
t[pgcopydb]="-"
if command -v pgcopydb >/dev/null; then
  say "pgcopydb clone, then roles by hand"
  fresh_db bench_dst
  if (timed pgcopydb pgcopydb_clone "$src" bench_dst) 2>/dev/null; then
    t[pgcopydb]="$(awk '$1 == "pgcopydb" { v = $2 } END { print v }' "$work/logs/times.txt")"
    check_copy pgcopydb bench_dst
  else
    pgcopydb_note="pgcopydb failed: $(grep -m1 -E 'ERROR|FATAL' "$work/logs/pgcopydb.err" || tail -1 "$work/logs/pgcopydb.err")"
  fi
else
  pgcopydb_note="pgcopydb is not installed (Debian: apt-get install pgcopydb)"
fi
best="${t[pgdump]}"
if [ "${t[pgcopydb]}" != "-" ] && awk -v a="${t[pgcopydb]}" -v b="$best" 'BEGIN { exit !(a < b) }'; then
  best="${t[pgcopydb]}"
fi

crash_line=""
if [ "${BENCH_CRASH:-1}" != 0 ]; then
  say "crash trial: ferry transfer killed mid-copy, then --resume"
  crash_line="$(crash_trial "$src" bench_crash)"
fi

out "Moving a CKAN DataStore: ferry transfer, pg_dump/pg_restore and pgcopydb"
out "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); $(java -version 2>&1 | head -1)"
out "server: $server_name ($settings); $jobs jobs for every tool"
out "source: $n tables ($large of $large_rows rows, the rest 20-400 rows, one in 1000 with 300 columns), $rows rows,"
out "        $mb MB; made in $made_s s; times: wall clock of the whole job, one run each"
row "" "seconds" "tables/s" "MB/s" "/ best" "machine CPU s" "server CPU"
row "ferry transfer --owner --grant-read" "${t[ferry]}" "$(per_s "$n" "${t[ferry]}")" "$(per_s "$mb" "${t[ferry]}")" "$(ratio "${t[ferry]}" "$best")" "$(machine_cpu ferry)" "$(field ferry server-cpu)"
row "pg_dump -Fd -j$jobs | pg_restore -j$jobs, roles by hand" "${t[pgdump]}" "$(per_s "$n" "${t[pgdump]}")" "$(per_s "$mb" "${t[pgdump]}")" "$(ratio "${t[pgdump]}" "$best")" "$(machine_cpu pg_dump)" "$(field pg_dump server-cpu)"
row "pgcopydb clone, roles by hand" "${t[pgcopydb]}" "$(per_s "$n" "${t[pgcopydb]}")" "$(per_s "$mb" "${t[pgcopydb]}")" "$(ratio "${t[pgcopydb]}" "$best")" "$(machine_cpu pgcopydb)" "$(field pgcopydb server-cpu)"
out "  machine CPU: seconds of every process while the job ran, and that as a share of all $(nproc) cores;"
out "  server CPU: the server's part of it (source and target are databases of the one server)"
out "  goal: ferry <= 0.70 of the best other ($(ratio "${t[ferry]}" "$best") now); ferry's own line: $(grep -h 'tables/s' "$work/logs/ferry.out" | tail -1)"
[ -n "$pgcopydb_note" ] && out "  $pgcopydb_note"
[ -n "$crash_line" ] && out "  crash trial: $crash_line"
sql postgres "DROP DATABASE IF EXISTS bench_dst WITH (FORCE)" >/dev/null
out ""
out "(this report: bench/work/datastore/report.txt; every timing and output: bench/work/datastore/logs/)"
