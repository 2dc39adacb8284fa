# Sourced by test.sh: starts a throw-away PostgreSQL 15 cluster on 127.0.0.1 (a free port, a temporary folder) and
# exports PROTOKOL_TEST_PG, the URL of its maintenance database; `stop_postgres_cluster` stops it and removes the folder.
# Tuned for tests, never for data: no fsync. As root, the server runs as the user postgres (initdb refuses root).
PG_BIN=/usr/lib/postgresql/15/bin
pg_dir=$(mktemp -d /tmp/protokol-pg.XXXXXX)
pg_user=$(id -un)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; pg_user=postgres; fi
stop_postgres_cluster() {
  as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
# A free port: one nothing answers on (the server refuses to start on a taken one, and this is tried again then).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
pg_port=$(free_port)
as_pg "$PG_BIN/initdb" -D "$pg_dir/data" -U "$pg_user" --auth=trust --no-locale -E UTF8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log" >&2; stop_postgres_cluster; return 1; }
start_postgres() {
  as_pg "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories='$pg_dir' -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=128MB" >/dev/null
}
start_postgres || { pg_port=$(free_port); start_postgres; } || { cat "$pg_dir/server.log" >&2; stop_postgres_cluster; return 1; }
export PROTOKOL_TEST_PG="postgres://$pg_user@127.0.0.1:$pg_port/postgres"
