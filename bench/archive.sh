#!/usr/bin/env bash
# Search and import at archive scale: generates ITEMS items (bench/Protokol.Archive, deterministic), imports them
# with the real CLI (hyperfine), builds the search index from the change rows and the old FTS5 table beside it (and
# PostgreSQL full-text search, GIN and RUM, in a throw-away cluster when PostgreSQL 15 is installed),
# measures the engines in-process (30 queries × 3, and 32 searches at once), then the portal under wrk -c32.
# Needs: wrk, hyperfine (apt-get install -y wrk hyperfine). Usage: bash bench/archive.sh ITEMS [SECONDS]
# Everything generated stays in /tmp/protokol-archive-ITEMS (a 100k archive is ~1 GB of JSON and ~1.5 GB of database).
set -euo pipefail
for tool in wrk hyperfine; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install -y wrk hyperfine)" >&2; exit 1; }; done
source "$(dirname "$0")/archive-setup.sh"
meetings=$(ls "$work/json" | wc -l)

echo "## import: $meetings meetings, $ITEMS items ($(du -sh "$work/json" | cut -f1) of JSON)"
hyperfine --runs 1 --style basic --export-json "$work/import.json" \
  --prepare "rm -rf $work/protokol.db $work/protokol.db-wal $work/protokol.db-shm $work/protokol.db.search" \
  "$app import $work/json --db $work/protokol.db"
secs=$(grep -o '"mean": *[0-9.]*' "$work/import.json" | head -1 | grep -o '[0-9.]*$')
awk -v m="$meetings" -v i="$ITEMS" -v s="$secs" 'BEGIN { printf "import: %.1f s, %.1f meetings/s, %.0f items/s\n", s, m / s, i / s }'

echo "## search in-process (load average: $(cut -d" " -f1-3 /proc/loadavg))"
$archive search "$work/protokol.db" "$SECS"

echo "## portal under wrk -t2 -c32 -d${SECS}s, the 30 queries in turn"
$archive queries >"$work/queries.txt"
export QUERIES="$work/queries.txt"
DOTNET_TieredPGO=1 $app serve --db "$work/protokol.db" --urls http://127.0.0.1:5090 --Protokol:DemoData= --Logging:LogLevel:Default=Warning >"$work/portal.log" 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null || true' EXIT
for _ in $(seq 240); do curl -sf http://127.0.0.1:5090/sundhed 2>/dev/null | grep -q '"lag":0' && break; sleep 0.5; done
curl -s http://127.0.0.1:5090/sundhed; echo
wrk -t2 -c32 -d2s -s bench/queries.lua http://127.0.0.1:5090 >/dev/null   # warm-up
wrk -t2 -c32 -d${SECS}s --latency -s bench/queries.lua http://127.0.0.1:5090 | grep -E 'Latency|50%|75%|90%|99%|Requests/sec|Non-2xx|Socket errors'
echo "portal memory (RSS): $(( $(ps -o rss= -p $portal) / 1024 )) MB"
