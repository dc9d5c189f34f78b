"""A PostgreSQL schema of its own for one test script, on the server INVHOST_TEST_PG names.

Each script gets a fresh schema, so tests run in parallel on one server without seeing each
other's tables; the connection string sets the schema as the search path.
"""
from __future__ import annotations

import os
import subprocess


def _conninfo() -> str:
    return os.environ["INVHOST_TEST_PG"].removeprefix("postgresql://")


def schema_database(prefix: str) -> tuple[str, str] | None:
    """(connection string, schema) for a new schema named prefix_<random>, or None without a server."""
    base = os.environ.get("INVHOST_TEST_PG", "")
    if not base:
        return None
    schema = f"{prefix}_{os.urandom(6).hex()}"
    subprocess.run(["psql", "-q", _conninfo(), "-c", f"CREATE SCHEMA {schema}"], check=True,
                   capture_output=True)
    return f"{base} options='-csearch_path={schema} -cclient_min_messages=warning'", schema


def drop_schema(schema: str) -> None:
    subprocess.run(["psql", "-q", _conninfo(), "-c", f"DROP SCHEMA {schema} CASCADE"],
                   capture_output=True)
