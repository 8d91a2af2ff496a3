#!/usr/bin/env bash
# End-to-end tests: find (or install) Chromium, build the app, run Playwright against it.
set -euo pipefail
cd "$(dirname "$0")/.."
CHROMIUM_PATH="$(bash scripts/find-chromium.sh)"
export CHROMIUM_PATH
npm run -s build >/dev/null
npx playwright test "$@"
