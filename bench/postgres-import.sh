#!/usr/bin/env bash
# Import of the 22 demo minutes end to end: SQLite file vs PostgreSQL 15 (default durability: fsync on) on loopback.
# Run as root (the server runs as the user postgres), under the benchmark lock: flock /tmp/protokol-bench.lock bash bench/postgres-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/protokol-pgbench.XXXXXX); chown postgres "$dir"
port=$((20000 + RANDOM % 40000))
runuser -u postgres -- /usr/lib/postgresql/15/bin/initdb -D "$dir/data" -U postgres --auth=trust --no-locale -E UTF8 >/dev/null
runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/data" -l "$dir/log" -w start -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir'" >/dev/null
trap 'runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$dir/data" -m fast -w stop >/dev/null; rm -rf "$dir"' EXIT
U="postgres://postgres@127.0.0.1:$port"
P=src/Protokol/bin/Release/net10.0/protokol.dll
dotnet build src/Protokol -c Release -nologo -v quiet >/dev/null
uptime
hyperfine --warmup 1 --runs 7 --export-json "${1:-/tmp/protokol-pg-import.json}" \
  -n sqlite --prepare "rm -f $dir/s.db*" "dotnet $P import demo/referater --db $dir/s.db" \
  -n postgres --prepare "psql $U/postgres -qc 'DROP DATABASE IF EXISTS b WITH (FORCE)' -c 'CREATE DATABASE b'" "dotnet $P import demo/referater --db $U/b"
uptime
