#!/usr/bin/env bash
# Load test on loopback: the portal's meeting page and search page under wrk, side by side in the same run
# with nginx serving the same bytes as static files. Prints medians of RUNS runs each.
# Needs: wrk, nginx (apt-get install -y wrk nginx-light). Usage: bash bench/load.sh [RUNS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/require-dotnet.sh
RUNS=${1:-5}; SECS=${2:-10}; CONNS=32
for tool in wrk nginx; do command -v $tool >/dev/null || { echo "needs $tool (apt-get install -y wrk nginx-light)" >&2; exit 1; }; done
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build src/Protokol -c Release -nologo -v quiet
dotnet src/Protokol/bin/Release/net10.0/protokol.dll serve --urls http://127.0.0.1:5080 \
  --Protokol:Database="$work/protokol.db" --Logging:LogLevel:Default=Warning >"$work/portal.log" 2>&1 &
for _ in $(seq 60); do curl -sf http://127.0.0.1:5080/ >/dev/null && break; sleep 0.5; done

meeting=$(curl -s http://127.0.0.1:5080/udvalg/teknik-og-miljoeudvalget | grep -o '/moeder/[0-9]*' | sed -n 3p)
search='/soeg?q=budgetopf%C3%B8lgning'
mkdir -p "$work/www"
curl -s "http://127.0.0.1:5080$meeting" >"$work/www/meeting.html"
curl -s "http://127.0.0.1:5080$search" >"$work/www/search.html"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:5081; root $work/www; }
}
CONF
nginx -c "$work/nginx.conf"

run() { # url -> "rps p99ms"
  wrk -t2 -c$CONNS -d${SECS}s --latency "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }; p99 = v }
    END { printf "%s %s\n", rps, p99 }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

declare -A rps p99
targets=("portal-meeting|http://127.0.0.1:5080$meeting" "nginx-meeting|http://127.0.0.1:5081/meeting.html"
         "portal-search|http://127.0.0.1:5080$search" "nginx-search|http://127.0.0.1:5081/search.html")
for t in "${targets[@]}"; do wrk -t2 -c$CONNS -d2s "${t#*|}" >/dev/null; done   # warm-up
for i in $(seq "$RUNS"); do
  for t in "${targets[@]}"; do
    read -r r p < <(run "${t#*|}")
    rps[${t%%|*}]+="$r "; p99[${t%%|*}]+="$p "
  done
done
echo "meeting page: $meeting ($(wc -c <"$work/www/meeting.html") bytes); search page: $search ($(wc -c <"$work/www/search.html") bytes)"
echo "wrk -t2 -c$CONNS -d${SECS}s, $RUNS runs each, interleaved; medians"
printf '| %-15s | %12s | %10s |\n' target "requests/s" "p99 (ms)"
for t in "${targets[@]}"; do
  n=${t%%|*}
  printf '| %-15s | %12s | %10s |\n' "$n" "$(tr ' ' '\n' <<<"${rps[$n]}" | grep . | median)" "$(tr ' ' '\n' <<<"${p99[$n]}" | grep . | median)"
done
