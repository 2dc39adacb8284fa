# Sourced by archive.sh and archive-search.sh: builds, names the programs, and generates ITEMS items (deterministic)
# into /tmp/protokol-archive-ITEMS unless they are there already. Sets ITEMS, SECS, work, app and archive.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/require-dotnet.sh
ITEMS=${1:?items}; SECS=${2:-10}
work=/tmp/protokol-archive-$ITEMS
dotnet build Protokol.slnx -c Release -nologo -v quiet >/dev/null
app="dotnet src/Protokol/bin/Release/net10.0/protokol.dll"
archive="dotnet bench/Protokol.Archive/bin/Release/net10.0/protokol-archive.dll"
mkdir -p "$work"
[ -d "$work/json" ] || $archive generate "$work/json" "$ITEMS"
