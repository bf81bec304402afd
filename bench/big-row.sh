#!/usr/bin/env bash
# A row over 1 GB in text form: one bytea of BIG_MB MiB (default 600), whose text (hex) form is twice
# that, over PostgreSQL's 1 GB limit for a text value or a text COPY line. Shows that
#   - pg_dump (text COPY) cannot dump it,
#   - ferry transfer carries it (binary COPY: the value travels as its bytes) and the target's md5 matches,
#   - what ferry transfer --verify checksums says about it (its checksum hashes each row's text).
# Too heavy for the test suite (it needs a few GB of memory and disk); the suite proves the binary
# path on a small value (CopyReportCliTest). Everything stays in bench/work/big-row/ (git-ignored).
#
#   bench/big-row.sh            BIG_MB=600
#   BIG_MB=20 bench/big-row.sh  checks the script itself quickly (no limit is reached)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$here/work/big-row"
mb="${BIG_MB:-600}"
[[ "$mb" =~ ^[1-9][0-9]*$ ]] || { echo "BIG_MB must be a whole number" >&2; exit 2; }
mkdir -p "$work"
"$root/ferry" --version >/dev/null

source "$here/lib.sh"
start_server "$work/pg" "$work/server.log" java -jar "$root/ferry-cli/target/ferry.jar"
export PGHOST=localhost PGPORT="$port" PGUSER=postgres
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -w -v ON_ERROR_STOP=1 -d "$1" -At -c "$2"; }
url() { echo "postgres://postgres@localhost:$port/$1"; }
for db in big_src big_dst big_dst2; do
  sql postgres "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  sql postgres "CREATE DATABASE $db" >/dev/null
done

echo "== one bytea of $mb MiB (text form: $((mb * 2)) MiB)"
sql big_src "CREATE TABLE big (id integer PRIMARY KEY, data bytea);
             INSERT INTO big SELECT 1, string_agg(decode(repeat(md5(g::text), 65536), 'hex'), ''::bytea)
             FROM generate_series(1, $mb) g;"
want="$(sql big_src "SELECT octet_length(data) || ' bytes, md5 ' || md5(data) FROM big")"
echo "   source: $want"

echo "== pg_dump (text COPY)"
if pg_dump -d big_src -t big -f "$work/big.sql" 2>"$work/pg_dump.err"; then
  echo "   pg_dump: dumped ($(du -m "$work/big.sql" | cut -f1) MB)"
else
  echo "   pg_dump: failed: $(grep -m1 -E 'ERROR|error' "$work/pg_dump.err")"
fi
rm -f "$work/big.sql"

echo "== ferry transfer --verify counts (binary COPY)"
start=$(date +%s.%N)
if "$root/ferry" transfer --from "$(url big_src)" --to "$(url big_dst)" --verify counts >"$work/transfer.out" 2>"$work/transfer.err"; then
  got="$(sql big_dst "SELECT octet_length(data) || ' bytes, md5 ' || md5(data) FROM big")"
  echo "   ferry: done in $(echo "$(date +%s.%N) - $start" | bc) s; target: $got"
  [ "$got" = "$want" ] && echo "   identical" || { echo "   DIFFERENT"; exit 1; }
else
  echo "   ferry: failed: $(tail -1 "$work/transfer.err")"; exit 1
fi

echo "== ferry transfer --verify checksums"
if "$root/ferry" transfer --from "$(url big_src)" --to "$(url big_dst2)" --verify checksums >"$work/checksums.out" 2>"$work/checksums.err"; then
  echo "   ferry: done, checksums verified"
else
  echo "   ferry: exit $?: $(tail -1 "$work/checksums.err")"
fi
