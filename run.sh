#!/usr/bin/env bash
# Runs the public portal on http://localhost:5000 with an embedded SQLite database (data/protokol.db),
# importing the demo minutes on first start. Extra arguments go to ASP.NET Core (e.g. --urls http://127.0.0.1:8080).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/require-dotnet.sh
# Search splits Danish compounds with Debian's hunspell word list; without it search works, with fewer splits.
if [ ! -f /usr/share/hunspell/da_DK.dic ] && [ "$(id -u)" -eq 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell-da >/dev/null) \
    || echo "hunspell-da could not be installed: search runs without its word list" >&2
fi
dotnet build src/Protokol -c Release -nologo -v quiet
# A long-running portal gains from profile-guided JIT; the short commands run without it (see src/Protokol/Protokol.csproj).
DOTNET_TieredPGO=1 exec dotnet src/Protokol/bin/Release/net10.0/protokol.dll serve --Protokol:Database="$PWD/data/protokol.db" "$@"
