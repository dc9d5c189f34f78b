#!/usr/bin/env bash
# Starts the local PostgreSQL 15 cluster and creates the role and database the tests use.
# Prints the connection string for INVHOST_TEST_PG on its last line. Idempotent; run as root.
set -euo pipefail

role=invhost
db=invhost_test
password=invhost

if ! pg_lsclusters -h 2>/dev/null | grep -q '^15 \+main'; then
  pg_createcluster 15 main >/dev/null
fi
pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "start-test-postgres: PostgreSQL did not start" >&2; exit 1; }

as_postgres() { runuser -u postgres -- "$@"; }
if [ "$(as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname='${role}'")" != "1" ]; then
  as_postgres psql -q -c "CREATE ROLE ${role} LOGIN CREATEDB PASSWORD '${password}'"
fi
if [ "$(as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname='${db}'")" != "1" ]; then
  as_postgres createdb -O "${role}" "${db}"
fi
echo "postgresql://dbname=${db} user=${role} password=${password} host=127.0.0.1 port=5432"
