#!/bin/sh
# Runs the PostgreSQL part of a test suite (its command line follows). With no PostgreSQL to run
# on (INVHOST_TEST_PG unset), says so and exits 77, which CTest reports as skipped, not passed.
if [ -z "${INVHOST_TEST_PG:-}" ]; then
  echo "SKIPPED: INVHOST_TEST_PG is not set, so there is no PostgreSQL to test on"
  exit 77
fi
exec "$@"
