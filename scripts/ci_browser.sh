#!/usr/bin/env bash
# Set-up for the dashboard's browser tests: Debian's chromium (driven by Playwright through executable_path,
# never `playwright install`) and the dashboard's npm assets (world-atlas base map, from the committed lock file).
set -euo pipefail
cd "$(dirname "$0")/.."
# apt-get needs root: through sudo (without a password prompt) when run as a user
apt=(apt-get)
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then apt=(sudo -n apt-get); fi

if [ ! -x /usr/bin/chromium ]; then
    echo "ci_browser: installing Debian chromium" >&2
    "${apt[@]}" update -qq
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version >&2 2>/dev/null || true

web=src/newsevents/web
if [ ! -f "$web/node_modules/world-atlas/countries-110m.json" ]; then
    if ! command -v npm >/dev/null 2>&1; then
        echo "ci_browser: installing Debian npm (for the base map assets)" >&2
        "${apt[@]}" update -qq
        DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq npm >/dev/null
    fi
    echo "ci_browser: npm ci in $web" >&2
    (cd "$web" && npm ci --no-audit --no-fund --ignore-scripts --silent)
fi
