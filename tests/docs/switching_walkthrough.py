"""Runs the walk-through of docs/switching-to-fsm.md as written, and checks its figures.

Usage: switching_walkthrough.py SOURCE_DIR INVHOST FSM_SIMULATOR

The document's blocks marked `doc-test: walkthrough` run in order in one bash session, from the
top of the source tree as the document says, with the built invhost and fsm-simulator first on
PATH and a fresh INVHOST_HOME. After each block that names a checkpoint, the session saves the
JSON report; the figures below are worked out by hand from the example exports
(adapters/legacy_*/examples) and the simulator's tenant (tests/fsm_simulator/tenants/contoso-acme),
never read back from invhost.

INVHOST_TEST_BACKENDS=postgresql runs it on PostgreSQL (INVHOST_TEST_PG, in a schema of its own);
anything else on SQLite. Exit codes: 0 passed, 1 failed, 77 skipped (no PostgreSQL to run on).
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import doc_commands  # noqa: E402
import run_doc_commands  # noqa: E402

DOCUMENT = "docs/switching-to-fsm.md"
AS_OF = "2025-07-01"
SESSION_SECONDS = 180

# Cut-offs on 2025-07-01: 90-day applications (every Microsoft and Salesforce one, the host's
# default for the old connectors) 2025-04-02; Slack (30 days) 2025-06-01.
#
# Old connectors. Microsoft 365 (EUR): E3 3 seats, Alex (06-20), Diego (06-18), Irvin (01-09,
# inactive) -> unused 1 x 432.00; Visio 2 seats, Irvin (inactive) and Megan (never active) ->
# 2 x 180.00; Power BI Pro expired: entitled 0, Megan consumes -> non-compliant, cost unknown;
# Teams Exploratory has no price. Salesforce exports carry no prices. EUR unused 432 + 360.
LEGACY = {"summary": {"active_licenses": 8, "retired_licenses": 0, "non_compliant": 1},
          "totals": {"EUR": {"licenses": 2, "unused_cost": "792.00", "true_up_cost": "0.00"}}}
# FSM: E3 and Visio as above (EUR 792.00); Sales Cloud 5 seats at 1500 USD, Ada (06-20), Ben
# (02-01, inactive), integration (06-29) -> 1 x 1500.00; Slack 10 seats at 150 USD, Alex (06-30),
# Ada (05-01, inactive against 30 days) -> 1 x 150.00. Every old license is retired.
FSM_ONLY = {"EUR": {"licenses": 2, "unused_cost": "792.00", "true_up_cost": "0.00"},
            "USD": {"licenses": 2, "unused_cost": "1650.00", "true_up_cost": "0.00"}}
SUPERSEDED = {"summary": {"active_licenses": 4, "retired_licenses": 8, "non_compliant": 0},
              "totals": FSM_ONLY}
REMOVED = {"summary": {"active_licenses": 4, "retired_licenses": 0, "non_compliant": 0},
           "totals": FSM_ONLY}
LEGACY_CONNECTIONS = {"contoso-m365", "acme-salesforce"}


def check_legacy(report: dict) -> list[str]:
    return compare(report, LEGACY)


def check_superseded(report: dict) -> list[str]:
    problems = compare(report, SUPERSEDED)
    for lic in report["licenses"]:
        old = lic["connection"] in LEGACY_CONNECTIONS
        if old and lic["status"] != "retired":
            problems.append(f"{lic['connection']} license {lic['name']} is {lic['status']}")
    states = {(s["connection"], s["by"], s["state"], s["licenses"])
              for s in report["supersession"]}
    want = {("contoso-m365", "acme-fsm", "in force", 4),
            ("acme-salesforce", "acme-fsm", "in force", 4)}
    if states != want:
        problems.append(f"supersession {sorted(states)}, expected {sorted(want)}")
    return problems


def check_removed(report: dict) -> list[str]:
    problems = compare(report, REMOVED)
    left = [lic["name"] for lic in report["licenses"] if lic["connection"] in LEGACY_CONNECTIONS]
    if left:
        problems.append(f"licenses of removed connections still reported: {left}")
    if report["supersession"]:
        problems.append(f"supersession left after removal: {report['supersession']}")
    return problems


CHECKPOINTS = {"legacy": check_legacy, "superseded": check_superseded, "removed": check_removed}


def compare(report: dict, expected: dict) -> list[str]:
    return [f"{key}: {json.dumps(report.get(key), sort_keys=True)}, expected "
            f"{json.dumps(want, sort_keys=True)}"
            for key, want in expected.items() if report.get(key) != want]


def postgres_database(work: Path) -> tuple[str, str] | None:
    """A schema of its own on the test server: (connection string, schema), or None."""
    base = os.environ.get("INVHOST_TEST_PG", "")
    if not base:
        return None
    schema = "walkthrough_" + os.urandom(6).hex()
    conninfo = base.removeprefix("postgresql://")
    subprocess.run(["psql", "-q", conninfo, "-c", f"CREATE SCHEMA {schema}"], check=True,
                   capture_output=True)
    return f"{base} options='-csearch_path={schema} -cclient_min_messages=warning'", schema


def drop_schema(schema: str) -> None:
    conninfo = os.environ["INVHOST_TEST_PG"].removeprefix("postgresql://")
    subprocess.run(["psql", "-q", conninfo, "-c", f"DROP SCHEMA {schema} CASCADE"],
                   capture_output=True)


def session_script(blocks: list[doc_commands.Block], work: Path) -> str:
    log, results = work / "output.log", work / "results.txt"
    parts = []
    for block in blocks:
        parts.append(run_doc_commands.bash_script([block], log, results))
        if block.reason:  # a checkpoint: the state after this block, as JSON
            report = shlex.quote(str(work / f"{block.reason}.json"))
            parts.append(f"invhost report --as-of {AS_OF} --format json >{report} "
                         f"2>>{shlex.quote(str(log))}\n")
    return "".join(parts)


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__)
        return 64
    source = Path(sys.argv[1]).resolve()
    invhost, simulator = Path(sys.argv[2]).resolve(), Path(sys.argv[3]).resolve()
    blocks = [b for b in doc_commands.extract(source / DOCUMENT, DOCUMENT)
              if b.kind == "walkthrough"]
    named = {b.reason for b in blocks if b.reason}
    if named != set(CHECKPOINTS):
        print(f"FAIL: the document's checkpoints {sorted(named)} are not the test's "
              f"{sorted(CHECKPOINTS)}")
        return 1
    postgresql = os.environ.get("INVHOST_TEST_BACKENDS") == "postgresql"
    work = Path(tempfile.mkdtemp(prefix="invhost-walkthrough-"))
    schema = None
    try:
        home = work / "home"
        home.mkdir()
        if postgresql:
            database = postgres_database(work)
            if database is None:
                print("SKIPPED: INVHOST_TEST_PG is not set, so there is no PostgreSQL to test on")
                return 77
            connection, schema = database
            (home / "invhost.toml").write_text(
                "[host]\ndatabase = " + json.dumps(connection) + "\n")
            (home / "invhost.toml").chmod(0o600)
        script = work / "walkthrough.sh"
        script.write_text(session_script(blocks, work))
        (work / "results.txt").touch()
        env = {"PATH": os.pathsep.join([str(invhost.parent), str(simulator.parent), "/usr/bin",
                                        "/bin"]),
               "LANG": "C.UTF-8", "TZ": "UTC", "HOME": str(work), "INVHOST_HOME": str(home)}
        env.update({k: v for k, v in os.environ.items() if k.endswith("SAN_OPTIONS")})
        session = subprocess.Popen(["bash", str(script)], cwd=source, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            session.wait(timeout=SESSION_SECONDS)
        except subprocess.TimeoutExpired:
            pass
        try:  # the simulator the document started in the background goes with the session
            os.killpg(session.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        session.wait()
        return verdict(blocks, work)
    finally:
        if schema:
            drop_schema(schema)
        subprocess.run(["rm", "-rf", str(work)])


def verdict(blocks: list[doc_commands.Block], work: Path) -> int:
    statuses = dict(line.rsplit(" ", 1)
                    for line in (work / "results.txt").read_text().splitlines())
    log_text = (work / "output.log").read_text(errors="replace")
    failures = []
    for block in blocks:
        for command in block.commands:
            tag = f"{block.doc}:{command.line}"
            status = statuses.get(tag)
            if status == "0":
                print(f"ok       {tag}: {command.text}")
                continue
            print(f"FAILED   {tag}: {command.text}  (exit {status})")
            failures.append(f"{tag}: {command.text}: exit {status}; it printed:\n    " +
                            run_doc_commands.section(log_text, tag).replace("\n", "\n    "))
        if block.reason:
            saved = work / f"{block.reason}.json"
            if not saved.exists() or not saved.read_text().strip():
                failures.append(f"checkpoint {block.reason}: no report")
                continue
            problems = CHECKPOINTS[block.reason](json.loads(saved.read_text()))
            print(("ok       " if not problems else "FAILED   ") + f"checkpoint {block.reason}")
            failures += [f"checkpoint {block.reason}: {p}" for p in problems]
    for failure in failures:
        print("\nFAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
