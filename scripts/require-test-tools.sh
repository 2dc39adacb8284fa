# Sourced by test.sh: Debian packages the tests use, installed when missing (needs root, as on CI).
missing=()
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# Browser tests drive Debian's Chromium; Playwright is never allowed to download one.
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The second run of the suite starts a throw-away PostgreSQL 15 cluster (scripts/postgres-cluster.sh).
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
# The search splits compounds with Debian's Danish hunspell word list; the judged-queries test measures with it.
[ -f /usr/share/hunspell/da_DK.dic ] || missing+=(hunspell-da)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
