#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors and runs every test, on SQLite and on
# a real PostgreSQL. Usage: scripts/test.sh [preset]   (dev by default; asan for the sanitizers)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-dev}"

bash scripts/install-deps.sh
INVHOST_TEST_PG="$(bash scripts/start-test-postgres.sh | tail -n 1)"
export INVHOST_TEST_PG

cmake --preset "$preset"
cmake --build --preset "$preset" -j "$(nproc)"
ctest --preset "$preset" -j "$(nproc)" --timeout 600
