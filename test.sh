#!/usr/bin/env bash
# Runs every test twice, one test body per provider: on SQLite (real files), then on PostgreSQL 15 (a throw-away
# cluster on 127.0.0.1, started here and always removed): unit, importer (against ../shared/samples), store, portal
# (real HTTP) and browser tests.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/require-dotnet.sh
source scripts/require-test-tools.sh
dotnet build Protokol.slnx -c Release -nologo -v quiet
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
echo "== SQLite"
dotnet test Protokol.slnx -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log"
sqlite_status=${PIPESTATUS[0]}
echo "== PostgreSQL 15"
if source scripts/postgres-cluster.sh; then
  trap 'stop_postgres_cluster; rm -f "$log"' EXIT
  PROTOKOL_TEST_DB=postgres dotnet test Protokol.slnx -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee -a "$log"
  postgres_status=${PIPESTATUS[0]}
else
  echo "Failed! - the PostgreSQL test cluster did not start" | tee -a "$log"
  postgres_status=1
fi
set -e
# One plain closing line for CI, both runs summed: "N passed, N failed".
awk '{ for (i = 1; i < NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' <(grep -E '^(Passed|Failed)!' "$log" | tr -d ',')
[ "$sqlite_status" -eq 0 ] && [ "$postgres_status" -eq 0 ]
