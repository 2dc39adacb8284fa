# Sourced by run.sh and test.sh: the .NET 10 SDK must be on PATH (Debian ships none; see README).
if ! command -v dotnet >/dev/null 2>&1; then
  for d in /usr/share/dotnet /usr/lib/dotnet "$HOME/.dotnet"; do
    [ -x "$d/dotnet" ] && export PATH="$d:$PATH" && break
  done
fi
if ! command -v dotnet >/dev/null 2>&1 || ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "Protokol needs the .NET 10 SDK (dotnet) on PATH: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
