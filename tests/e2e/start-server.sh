#!/usr/bin/env bash
# Starts the built app for Playwright on a fresh database (the server migrates and seeds it).
set -euo pipefail
rm -rf test-results/e2e
mkdir -p test-results/e2e
exec node build/server.js
