#!/usr/bin/env bash
# Search engines side by side at archive scale (issue 12): Lucene.NET, the old FTS5, and PostgreSQL 15 full-text search
# with a GIN index (ts_rank over every match) and with a RUM index (ordered top-k), in one run on the same database and
# the same 30 queries (`protokol-archive search`; the PostgreSQL cluster is started and removed by it). Generates and
# imports ITEMS items first if /tmp/protokol-archive-ITEMS has none (bench/archive.sh measures the import itself).
# Needs: apt-get install -y postgresql-15 postgresql-15-rum. Usage: bash bench/archive-search.sh ITEMS [SECONDS]
set -euo pipefail
[ -x /usr/lib/postgresql/15/bin/initdb ] && [ -f /usr/share/postgresql/15/extension/rum.control ] \
  || { echo "needs PostgreSQL 15 and RUM (apt-get install -y postgresql-15 postgresql-15-rum)" >&2; exit 1; }
source "$(dirname "$0")/archive-setup.sh"
[ -f "$work/protokol.db" ] || $app import "$work/json" --db "$work/protokol.db" >"$work/import.log"
echo "## search in-process, $(ls "$work/json" | wc -l) meetings, $ITEMS items; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
$archive search "$work/protokol.db" "$SECS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
