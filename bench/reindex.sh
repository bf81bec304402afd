#!/usr/bin/env bash
# Benchmark: ferry reindex, a generated and migrated CKAN catalog into the embedded Solr.
#
#   bench/reindex.sh [N ...]      default: 50000 200000 (datasets); BENCH_DATASETS=2000 is the same as "2000"
#   JOBS=2 BATCH=500              ferry reindex --jobs / --batch (default: the number of cores, 500)
#
# For each N, on a fresh database of one embedded PostgreSQL 15 (./ferry server):
#   1. ferry ckan generate --datasets N (the legacy data.gov.uk schema), then ferry migrate --migrations
#      builtin:ckan --module core (to CKAN 2.8), both untimed;
#   2. ferry reindex --clear into a fresh embedded Solr: datasets/s as Ferry reports it (from reading
#      the first row to the commit), the whole process's wall time and CPU time (user + sys; JVM and
#      Solr start included; the CPU time does not depend on other load on the machine), its peak RSS (GNU time) and the largest heap left after a garbage collection (-Xlog:gc): the heap
#      Ferry needs, which should not grow with N;
#   3. the limit: the same documents built first into memory (bench/reindex/IngestLimit.java, timed
#      apart), then sent straight into another fresh embedded Solr with the same threads and batches,
#      and committed; its datasets/s is what Solr alone can ingest on this machine;
#   4. ferry reindex --verify (must exit 0).
# Prints one table row per N: Ferry's datasets/s, the limit's, their ratio, and the memory figures.
#
# Needs java 17, mvn, psql, and GNU time (/usr/bin/time) for peak RSS (optional). Everything it
# writes stays in bench/work/ (git-ignored).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work/reindex"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  if [ -n "${BENCH_DATASETS:-}" ]; then sizes=("$BENCH_DATASETS"); else sizes=(50000 200000); fi
fi
for n in "${sizes[@]}"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/reindex.sh [N ...]   (whole numbers of datasets)" >&2; exit 2; }
done
jobs="${JOBS:-$(nproc)}"
batch="${BATCH:-500}"

say() { echo "== $*" >&2; }
die() { echo "bench/reindex.sh: $*" >&2; exit 1; }
command -v java >/dev/null || die "java (17 or later) is needed"
command -v psql >/dev/null || die "psql is needed (Debian: apt-get install postgresql-client)"
gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  gnu_time=/usr/bin/time
fi

rm -rf "$work"
mkdir -p "$work/logs"
say "building Ferry"
"$root/ferry" --version >"$work/logs/build.log" 2>&1 || { cat "$work/logs/build.log" >&2; die "the build failed"; }
jar="$root/ferry-cli/target/ferry.jar"

source "$here/lib.sh"
say "starting the embedded PostgreSQL (data in bench/work/reindex/pg)"
start_server "$work/pg" "$work/server.log" java -jar "$jar"
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -w -v ON_ERROR_STOP=1 -h localhost -p "$port" -U postgres -d "$1" -At -c "$2"; }

# The largest heap left after a collection in a -Xlog:gc file ("... 812M->95M(1024M) ..."), in MB.
heap_after_gc() {
  sed -n 's/.*[0-9]M->\([0-9]*\)M([0-9]*M).*/\1/p' "$1" | sort -n | tail -1
}

rows=()
for n in "${sizes[@]}"; do
  db="reindex_$n"
  url="postgres://postgres@localhost:$port/$db"
  sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  sql postgres "CREATE DATABASE $db" >/dev/null
  say "N=$n: generating and migrating the catalog (untimed)"
  java -jar "$jar" ckan generate --db "$url" --datasets "$n" >"$work/logs/generate-$n.log" 2>&1 \
    || { tail -5 "$work/logs/generate-$n.log" >&2; die "ckan generate failed"; }
  java -jar "$jar" migrate --db "$url" --migrations builtin:ckan --module core >"$work/logs/migrate-$n.log" 2>&1 \
    || { tail -5 "$work/logs/migrate-$n.log" >&2; die "the CKAN migrations failed"; }
  indexable="$(sql "$db" "SELECT count(*) FROM package WHERE coalesce(state, '') NOT IN ('', 'deleted')")"

  say "N=$n: ferry reindex ($indexable datasets to index, $jobs jobs, batches of $batch)"
  gc="$work/logs/reindex-$n.gc"
  start="$(date +%s.%N)"
  cmd=(java "-Xlog:gc:file=$gc" -jar "$jar" reindex --db "$url" --solr-home "$work/solr-$n" --clear
       --jobs "$jobs" --batch "$batch" --json)
  if [ -n "$gnu_time" ]; then
    "$gnu_time" -f '%M %U %S' -o "$work/logs/reindex-$n.rss" "${cmd[@]}" >"$work/logs/reindex-$n.json" 2>"$work/logs/reindex-$n.err" \
      || { cat "$work/logs/reindex-$n.err" >&2; die "ferry reindex failed"; }
    read -r rss_kb user_s sys_s < <(tail -1 "$work/logs/reindex-$n.rss")
    rss="$(( rss_kb / 1024 ))"
    cpu="$(echo "$user_s + $sys_s" | bc)"
  else
    "${cmd[@]}" >"$work/logs/reindex-$n.json" 2>"$work/logs/reindex-$n.err" \
      || { cat "$work/logs/reindex-$n.err" >&2; die "ferry reindex failed"; }
    rss="-"
    cpu="-"
  fi
  wall="$(echo "$(date +%s.%N) - $start" | bc)"
  ferry_rate="$(sed -n 's/.*"datasets_per_second" : \([0-9]*\).*/\1/p' "$work/logs/reindex-$n.json")"
  indexed="$(sed -n 's/.*"indexed" : \([0-9]*\).*/\1/p' "$work/logs/reindex-$n.json")"
  [ "$indexed" = "$indexable" ] || die "ferry reindex indexed $indexed datasets, the database has $indexable"
  heap="$(heap_after_gc "$gc")"

  say "N=$n: the limit: the same documents prebuilt, then straight into Solr"
  java -cp "$jar" "$here/reindex/IngestLimit.java" "$url" "$work/limit-$n" default "$jobs" "$batch" \
    >"$work/logs/limit-$n.out" 2>"$work/logs/limit-$n.err" || { cat "$work/logs/limit-$n.err" >&2; die "the limit run failed"; }
  build_s="$(awk '/^build/ {print $2}' "$work/logs/limit-$n.out")"
  limit_rate="$(awk '/^ingest/ {print $3}' "$work/logs/limit-$n.out")"

  say "N=$n: ferry reindex --verify"
  java -jar "$jar" reindex --db "$url" --solr-home "$work/solr-$n" --verify >"$work/logs/verify-$n.out" 2>&1 \
    || { cat "$work/logs/verify-$n.out" >&2; die "the rebuilt index does not match the database"; }

  ratio="$(echo "scale=2; $ferry_rate / $limit_rate" | bc)"
  rows+=("$(printf '%9s %9s %12s %12s %7s %9s %9s %13s %13s' "$n" "$indexable" "$ferry_rate" "$limit_rate" "$ratio" \
    "$(printf '%.1f' "$wall")" "$cpu" "$rss" "$heap")")
  rm -rf "$work/solr-$n" "$work/limit-$n"
  sql postgres "DROP DATABASE $db WITH (FORCE)" >/dev/null
  echo "  (building the documents alone, one connection: ${build_s} s)" >&2
done

echo
echo "ferry reindex, generated + migrated catalog -> embedded Solr ($(nproc) cores, $jobs jobs, batches of $batch)"
printf '%9s %9s %12s %12s %7s %9s %9s %13s %13s\n' datasets indexed "ferry ds/s" "limit ds/s" ratio "wall s" "cpu s" \
  "peak RSS MB" "heap@GC MB"
for r in "${rows[@]}"; do echo "$r"; done
