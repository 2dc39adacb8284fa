#!/usr/bin/env bash
# Runs every test: unit, importer (against ../shared/samples), store (real SQLite files) and portal (real HTTP).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/require-dotnet.sh
source scripts/require-test-tools.sh
dotnet build Protokol.slnx -c Release -nologo -v quiet
log=$(mktemp)
set +e
dotnet test Protokol.slnx -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One plain closing line for CI: "N passed, N failed".
awk '{ for (i = 1; i < NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) } }
     END { printf "%d passed, %d failed\n", p, f }' <(grep -E '^(Passed|Failed)!' "$log" | tr -d ',')
exit "$status"
