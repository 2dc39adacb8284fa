#!/usr/bin/env bash
# The two stores side by side at archive scale (issue 12): the generated archive of ITEMS items imported with the real
# CLI into a SQLite file and into PostgreSQL 15 (a throw-away cluster on 127.0.0.1, Debian's default durability: fsync
# on), then, for each store, the portal started on it with an empty search index folder (the time until /sundhed
# reports no lag is the index catch-up from the change rows), wrk -t2 -c32 over the 30 queries with no answers kept
# (cold: every search matched afresh) and with the default (warm: the 30 queries come back), and the portal's memory.
# Needs: wrk, postgresql-15 (apt-get install -y wrk postgresql-15). Run as root (the server runs as the user postgres).
# Usage: bash bench/archive-providers.sh ITEMS [SECONDS] [PROVIDERS]   PROVIDERS: "sqlite postgres" (default), or one.
# An import already measured (its line in /tmp/protokol-archive-ITEMS/<store>.import) is not repeated: delete the line
# to measure it again. INDEX=<folder>: serve with that index folder as it stands (one `protokol-archive search` built),
# instead of catching up into an empty one.
set -euo pipefail
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 1; }
[ -x /usr/lib/postgresql/15/bin/initdb ] || { echo "needs PostgreSQL 15 (apt-get install -y postgresql-15)" >&2; exit 1; }
PROVIDERS=${3:-sqlite postgres}
source "$(dirname "$0")/archive-setup.sh"
meetings=$(ls "$work/json" | wc -l)
$archive queries >"$work/queries.txt"
export QUERIES="$work/queries.txt"

# PostgreSQL: kept in $work/pg between runs (so an import is measured once), started here and stopped at the end.
pg_bin=/usr/lib/postgresql/15/bin
pg="runuser -u postgres --"
port=$((20000 + RANDOM % 40000))
if [[ " $PROVIDERS " == *" postgres "* ]]; then
  mkdir -p "$work/pg" && chown postgres "$work/pg"
  [ -f "$work/pg/data/PG_VERSION" ] || $pg $pg_bin/initdb -D "$work/pg/data" -U postgres --auth=trust --no-locale -E UTF8 >/dev/null
  $pg $pg_bin/pg_ctl -D "$work/pg/data" -l "$work/pg/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$work/pg' -c shared_buffers=1GB -c max_connections=200" >/dev/null
  trap '$pg $pg_bin/pg_ctl -D "$work/pg/data" -m fast -w stop >/dev/null' EXIT
fi
store() { if [ "$1" = sqlite ]; then echo "$work/protokol.db"; else echo "postgres://postgres@127.0.0.1:$port/protokol"; fi; }
size() {
  if [ "$1" = sqlite ]; then du -cb "$work"/protokol.db "$work"/protokol.db-wal 2>/dev/null | tail -1 | cut -f1
  else psql -qAt "postgres://postgres@127.0.0.1:$port/postgres" -c "SELECT pg_database_size('protokol')"; fi
}

echo "## $ITEMS items, $meetings meetings ($(du -sh "$work/json" | cut -f1) of JSON); $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for p in $PROVIDERS; do
  if [ ! -s "$work/$p.import" ]; then
    if [ "$p" = sqlite ]; then rm -rf "$work"/protokol.db*; else
      psql -q "postgres://postgres@127.0.0.1:$port/postgres" -c 'DROP DATABASE IF EXISTS protokol WITH (FORCE)' -c 'CREATE DATABASE protokol'; fi
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S %M" -o "$work/$p.time" $app import "$work/json" --db "$(store $p)" >"$work/$p.import.log" 2>&1
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    read -r user sys rss <"$work/$p.time"
    awk -v p="$p" -v s="$secs" -v m="$meetings" -v i="$ITEMS" -v u="$user" -v y="$sys" -v r="$rss" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN { printf "import %s: %.1f s, %.1f meetings/s, %.0f items/s, CPU %.1f s, peak memory %.0f MB, load %s\n", p, s, m / s, i / s, u + y, r / 1024, l }' >"$work/$p.import"
  fi
  cat "$work/$p.import"
done

for p in $PROVIDERS; do
  folder=${INDEX:-$work/$p.search}
  [ -n "${INDEX:-}" ] || rm -rf "$folder"
  for mode in cold warm; do
    kept=$([ $mode = cold ] && echo 0 || echo 2000)
    start=$(date +%s.%N)
    DOTNET_TieredPGO=1 $app serve --db "$(store $p)" --urls http://127.0.0.1:5090 --Protokol:DemoData= --Protokol:Search:Folder="$folder" \
      --Protokol:Search:AnswersKept=$kept --Logging:LogLevel:Default=Warning >"$work/portal-$p.log" 2>&1 &
    portal=$!
    until curl -sf http://127.0.0.1:5090/sundhed 2>/dev/null | grep -q '"lag":0'; do
      kill -0 $portal 2>/dev/null || { cat "$work/portal-$p.log" >&2; exit 1; }; sleep 0.5; done
    [ $mode = cold ] && echo "$p: portal up with the index caught up from $(curl -s http://127.0.0.1:5090/sundhed | grep -o '"appliedSequence":[0-9]*' | cut -d: -f2) change rows in $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.1f') s; database $(( $(size $p) / 1000000 )) MB, index $(du -sm "$folder" | cut -f1) MB"
    wrk -t2 -c32 -d20s --timeout 10s -s bench/queries.lua http://127.0.0.1:5090 >/dev/null   # warm-up: JIT tiers, page cache, and (warm) the answers
    echo "$p, $mode (load $(cut -d' ' -f1 /proc/loadavg)): $(wrk -t2 -c32 -d${SECS}s --timeout 10s --latency -s bench/queries.lua http://127.0.0.1:5090 \
      | awk '/Requests\/sec/ { r = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Non-2xx/ { bad = $0 } END { printf "%s requests/s, p50 %s, p99 %s %s", r, p50, p99, bad }'); memory (RSS) $(( $(ps -o rss= -p $portal) / 1024 )) MB"
    kill $portal; wait $portal 2>/dev/null || true
  done
done
