#!/usr/bin/env bash
# Search engines side by side at archive scale (issue 12): Lucene.NET, the old FTS5, and PostgreSQL 15 full-text search
# with a GIN index (ts_rank over every match) and with a RUM index (ordered top-k), in one run on the same database and
# the same 30 queries (`protokol-archive search`; the PostgreSQL cluster is started and removed by it). Generates and
# imports ITEMS items first if /tmp/protokol-archive-ITEMS has none (bench/archive.sh measures the import itself).
# Needs: apt-get install -y postgresql-15 postgresql-15-rum. Usage: bash bench/archive-search.sh ITEMS [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/require-dotnet.sh
ITEMS=${1:?items}; SECS=${2:-10}
[ -x /usr/lib/postgresql/15/bin/initdb ] && [ -f /usr/share/postgresql/15/extension/rum.control ] \
  || { echo "needs PostgreSQL 15 and RUM (apt-get install -y postgresql-15 postgresql-15-rum)" >&2; exit 1; }
work=/tmp/protokol-archive-$ITEMS
dotnet build Protokol.slnx -c Release -nologo -v quiet >/dev/null
app="dotnet src/Protokol/bin/Release/net10.0/protokol.dll"
archive="dotnet bench/Protokol.Archive/bin/Release/net10.0/protokol-archive.dll"
mkdir -p "$work"
[ -d "$work/json" ] || $archive generate "$work/json" "$ITEMS"
[ -f "$work/protokol.db" ] || $app import "$work/json" --db "$work/protokol.db" >"$work/import.log"
echo "## search in-process, $(ls "$work/json" | wc -l) meetings, $ITEMS items; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
$archive search "$work/protokol.db" "$SECS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
