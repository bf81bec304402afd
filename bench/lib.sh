# Shared by the bench scripts: source it, then call start_server.

# start_server DATA_DIR LOG COMMAND...: starts `COMMAND... server --data-dir DATA_DIR` (Ferry's
# embedded PostgreSQL) in the background, waits for its ready line, sets $port and $server_pid, and
# stops the server when the script exits.
start_server() {
  local data="$1" log="$2"
  shift 2
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

stop_server() {
  if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
