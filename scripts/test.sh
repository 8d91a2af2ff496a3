#!/usr/bin/env bash
# `npm test`: typecheck, lint, unit and integration tests (vitest), end-to-end tests (Playwright),
# the crash test (tests/crash, against the built server),
# the bench's smoke run, then one summary line with the counts of both runners.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -f test-results/vitest.json test-results/vitest-crash.json test-results/playwright.json
status=0
failed_steps=""
step() {
  local name="$1"
  echo "== $name"
  shift
  "$@" || { status=1; failed_steps="$failed_steps [$name]"; }
}
step "typecheck" npm run -s typecheck
step "lint" npm run -s lint
step "unit and integration tests" npx vitest run
step "end-to-end tests" bash scripts/e2e.sh
# The built server (left by the end-to-end step's build) killed under a mixed write load, then restarted.
step "crash test" npx vitest run --config vitest.crash.config.ts
# The bench at 1 % (its own build in bench/.build, its own data, ports 3990-3991): that it runs, not how fast.
step "bench smoke run" npm run -s bench -- --scale 0.01 --strict
[ -n "$failed_steps" ] && echo "== failed steps:$failed_steps"
node scripts/test-summary.mjs || status=1
exit $status
