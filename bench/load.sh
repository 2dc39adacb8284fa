#!/usr/bin/env bash
# Load test on loopback: the portal's front, committee, meeting, item and search pages under wrk, side by side in the same run
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
DOTNET_TieredPGO=1 dotnet src/Protokol/bin/Release/net10.0/protokol.dll serve --urls http://127.0.0.1:5080 \
  --Protokol:Database="$work/protokol.db" --Logging:LogLevel:Default=Warning >"$work/portal.log" 2>&1 &
for _ in $(seq 60); do curl -sf http://127.0.0.1:5080/ >/dev/null && break; sleep 0.5; done

committee=/udvalg/teknik-og-miljoeudvalget
meeting=$(curl -s "http://127.0.0.1:5080$committee" | grep -o '/moeder/[0-9]*' | sed -n 3p)
item=$(curl -s "http://127.0.0.1:5080$meeting" | grep -o '/punkter/[0-9]*' | sed -n 2p)
search='/soeg?q=budgetopf%C3%B8lgning'
# name|path: each page is saved once, and nginx serves those same bytes.
pages=("front|/" "committee|$committee" "meeting|$meeting" "item|$item" "search|$search")
mkdir -p "$work/www"
for p in "${pages[@]}"; do curl -s "http://127.0.0.1:5080${p#*|}" >"$work/www/${p%%|*}.html"; done
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
targets=()
for p in "${pages[@]}"; do targets+=("portal-${p%%|*}|http://127.0.0.1:5080${p#*|}" "nginx-${p%%|*}|http://127.0.0.1:5081/${p%%|*}.html"); done
for t in "${targets[@]}"; do wrk -t2 -c$CONNS -d2s "${t#*|}" >/dev/null; done   # warm-up
for i in $(seq "$RUNS"); do
  for t in "${targets[@]}"; do
    read -r r p < <(run "${t#*|}")
    rps[${t%%|*}]+="$r "; p99[${t%%|*}]+="$p "
  done
done
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
echo "wrk -t2 -c$CONNS -d${SECS}s, $RUNS runs each, interleaved; medians; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-10s | %-32s | %7s | %12s | %8s | %12s | %8s | %7s |\n' page path bytes "portal req/s" "p99 ms" "nginx req/s" "p99 ms" ratio
for p in "${pages[@]}"; do
  n=${p%%|*}; a=$(med "${rps[portal-$n]}"); b=$(med "${rps[nginx-$n]}")
  printf '| %-10s | %-32s | %7s | %12s | %8s | %12s | %8s | %6.1f%% |\n' "$n" "${p#*|}" "$(wc -c <"$work/www/$n.html")" "$a" "$(med "${p99[portal-$n]}")" "$b" "$(med "${p99[nginx-$n]}")" "$(awk -v a="$a" -v b="$b" 'BEGIN { print 100 * a / b }')"
done
