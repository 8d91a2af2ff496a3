#!/usr/bin/env bash
# Prints the path of a usable Chromium, installing Debian's package when we can (root with apt-get).
# Exits 1 with one line saying how to install it otherwise.
set -euo pipefail
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium not found: installing Debian's chromium with apt-get…" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2
  if [ -x /usr/bin/chromium ]; then
    echo /usr/bin/chromium
    exit 0
  fi
fi
echo "No Chromium found for the end-to-end tests: install it with 'sudo apt-get install -y chromium' (Debian/Ubuntu) or set CHROMIUM_PATH." >&2
exit 1
