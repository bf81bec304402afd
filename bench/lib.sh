# Shared by the bench scripts: source it, then call start_server (or start_bench).

# start_bench: how bench/transfer.sh, restore.sh and datastore.sh begin, once say and die are
# defined and $root and $work set: empty logs/ and files/ under $work, Ferry built ($ferry_jar), the
# server started on $work/pg (start_server) and psql's environment pointing at it, for url, sql and
# fresh_db below.
start_bench() {
  rm -rf "$work/logs" "$work/files"
  mkdir -p "$work/logs" "$work/files"
  say "building Ferry"
  "$root/ferry" --version >"$work/logs/build.log" 2>&1 || { cat "$work/logs/build.log" >&2; die "the build failed"; }
  ferry_jar="$root/ferry-cli/target/ferry.jar"
  say "starting the server (data in ${work#"$root/"}/pg)"
  start_server "$work/pg" "$work/server.log" java -jar "$ferry_jar"
  export PGHOST=localhost PGPORT="$port" PGUSER=postgres
  unset PGDATABASE PGPASSWORD PGSERVICE
}

url() { echo "postgres://postgres@localhost:${2:-$port}/$1"; } # url DB [PORT]
sql() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -w -v ON_ERROR_STOP=1 -d "$1" -At -c "$2"; }
fresh_db() { # WITH (FORCE) exists from 13 on (a source server may be older)
  local force=""
  [ "$(sql postgres "SELECT current_setting('server_version_num')::int >= 130000")" = t ] && force=" WITH (FORCE)"
  sql postgres "DROP DATABASE IF EXISTS $1$force" >/dev/null
  sql postgres "CREATE DATABASE $1" >/dev/null
}

# start_server DATA_DIR LOG COMMAND...: starts `COMMAND... server --data-dir DATA_DIR` (Ferry's
# embedded PostgreSQL) in the background, waits for its ready line, sets $port and $server_pid, and
# stops the server when the script exits. With BENCH_PG_BIN (a directory of PostgreSQL server
# binaries, e.g. Debian's /usr/lib/postgresql/15/bin), that server runs instead, in a fresh
# DATA_DIR-installed, with the embedded one's settings (fsync and synchronous_commit off), as the
# postgres user when the script runs as root; server_name says which ran, server_data where its
# data is.
start_server() {
  local data="$1" log="$2"
  shift 2
  if [ -n "${BENCH_PG_BIN:-}" ]; then
    start_installed_server "$data-installed" "$log"
    return
  fi
  server_name="Ferry's embedded PostgreSQL"
  server_data="$data"
  : > "$log"
  "$@" server --data-dir "$data" > "$log" 2>&1 &
  server_pid=$!
  trap stop_server EXIT
  trap 'exit 130' INT TERM
  port=""
  for _ in $(seq 1 240); do
    port="$(sed -n 's|^Embedded PostgreSQL ready: postgres://[^@]*@[^:]*:\([0-9]*\)/.*|\1|p' "$log")"
    [ -n "$port" ] && return 0
    if ! kill -0 "$server_pid" 2>/dev/null; then
      cat "$log" >&2
      echo "the embedded PostgreSQL did not start" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "no ready line from the embedded PostgreSQL after 120 s" >&2
  exit 1
}

# The server of BENCH_PG_BIN (see start_server), on a free port of localhost.
start_installed_server() {
  local data="$1" log="$2"
  as_owner=()
  [ "$(id -u)" = 0 ] && as_owner=(runuser -u postgres --)
  [ -x "$BENCH_PG_BIN/postgres" ] || { echo "BENCH_PG_BIN: no postgres in $BENCH_PG_BIN" >&2; exit 1; }
  rm -rf "$data"
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres "$data"
  "${as_owner[@]}" "$BENCH_PG_BIN/initdb" -D "$data" -U postgres -A trust -E UTF8 --no-sync >"$log" 2>&1 \
    || { cat "$log" >&2; echo "initdb of $BENCH_PG_BIN failed" >&2; exit 1; }
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  # Its log in its own folder, which its user may write.
  "${as_owner[@]}" "$BENCH_PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 120 start -o "-p $port \
      -c listen_addresses=localhost -c unix_socket_directories='' -c fsync=off -c synchronous_commit=off \
      -c max_wal_size=1GB -c max_connections=300" >/dev/null \
    || { cat "$data/server.log" >&2; echo "the server of $BENCH_PG_BIN did not start" >&2; exit 1; }
  server_pid=""
  installed_data="$data"
  server_data="$data"
  server_name="PostgreSQL $("$BENCH_PG_BIN/postgres" --version | sed 's/^postgres (PostgreSQL) //') from $BENCH_PG_BIN"
  trap stop_server EXIT
  trap 'exit 130' INT TERM
}

stop_server() {
  if [ -n "${installed_data:-}" ]; then
    "${as_owner[@]}" "$BENCH_PG_BIN/pg_ctl" -D "$installed_data" -m fast -w stop >/dev/null 2>&1 || true
    installed_data=""
  fi
  if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}

# settle MAX: waits, up to two minutes, until the 1-minute load average is at most MAX. The average
# trails the machine by about a minute: right after a run that kept both cores busy it still reads
# 3 to 4 on an idle machine, and the next run would be counted as started on a busy one.
# server_cpu: CPU seconds used so far by the server start_server started: the postmaster's own and
# its reaped children's (exited backends), plus each live child's (and its reaped children's).
# Differences between two readings are the server's CPU in between.
server_cpu() {
  local pm pids
  pm="$(head -1 "$server_data/postmaster.pid" 2>/dev/null)" || { echo 0; return; }
  pids="$pm $(cat /proc/"$pm"/task/*/children 2>/dev/null || true)"
  # shellcheck disable=SC2086 # one word per process id
  (cd /proc && for p in $pids; do cat "$p/stat" 2>/dev/null || true; done) \
    | awk -v hz="$(getconf CLK_TCK)" '{ s += $14 + $15 + $16 + $17 } END { printf "%.2f", s / hz }'
}

# machine_busy: CPU seconds every process of the machine has spent so far (user, nice, system, irq,
# softirq, steal; not idle or iowait), from /proc/stat. Taken before and after a run, with its wall
# time and the number of cores, it says how much of the machine the run kept busy: a tool cannot
# be much faster than a peer that already keeps every core busy doing the same work.
machine_busy() {
  awk -v hz="$(getconf CLK_TCK)" '$1 == "cpu" { printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat
}

# share CPU_SECONDS WALL_SECONDS: that CPU time as a share of all the machine's cores over the wall
# time, e.g. "79%" ("-" without a wall time).
share() {
  awk -v c="$1" -v w="$2" -v n="$(nproc)" 'BEGIN { if (w + 0 > 0) printf "%.0f%%", 100 * c / (w * n); else print "-" }'
}

# field NAME KEY: the figure after KEY on run NAME's line of $work/logs/times.txt, where each run
# writes "NAME ..., KEY VALUE, ..." ("-" if there is none).
field() {
  awk -v n="$1" -v k="$2" '$1 == n { for (i = 2; i < NF; i++) if ($i == k) { v = $(i + 1); sub(/,$/, "", v) } }
                            END { print (v == "" ? "-" : v) }' "$work/logs/times.txt"
}

settle() {
  local max="$1" waited=0
  while [ "$waited" -lt 120 ] && awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v m="$max" 'BEGIN { exit !(l > m) }'; do
    sleep 2
    waited=$((waited + 2))
  done
}
