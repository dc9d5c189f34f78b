"""Runs the walk-through of docs/switching-to-fsm.md as written, and checks its figures.

Usage: switching_walkthrough.py SOURCE_DIR INVHOST FSM_SIMULATOR

The document's blocks marked `doc-test: walkthrough` run in order in one bash session, from the
top of the source tree as the document says, with the built invhost and fsm-simulator first on
PATH and a fresh INVHOST_HOME. After each block that names a checkpoint, the session saves the
JSON report, every license (`licenses show --json`) and, at the preview and people steps, the
preview and the people. The figures below are worked out by hand from the example exports
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
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
import doc_commands  # noqa: E402
import run_doc_commands  # noqa: E402
from test_postgres import drop_schema, schema_database  # noqa: E402

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


# Users on an application no license covers: the room account holds Teams Rooms, for which the
# Microsoft 365 export has no subscription. Every other use names its license.
LEGACY_UNALLOCATED = {("contoso-m365", "Microsoft Teams Rooms Standard", 1)}


def unallocated(report: dict) -> set:
    return {(u["connection"], u["application_name"], u["users"]) for u in report["unallocated"]}


def check_legacy(report: dict) -> list[str]:
    problems = compare(report, LEGACY)
    if unallocated(report) != LEGACY_UNALLOCATED:
        problems.append(f"unallocated {unallocated(report)}, expected {LEGACY_UNALLOCATED}")
    return problems


def check_superseded(report: dict) -> list[str]:
    problems = compare(report, SUPERSEDED)
    for lic in report["licenses"]:
        old = lic["connection"] in LEGACY_CONNECTIONS
        if old and lic["status"] != "retired":
            problems.append(f"{lic['connection']} license {lic['name']} is {lic['status']}")
    # The superseded connections' unallocated users leave the report with their licenses: FSM
    # counts those people now (and its tenant allocates every use).
    if unallocated(report):
        problems.append(f"unallocated users after the switch: {unallocated(report)}")
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


# The preview before FSM's first merge. Microsoft 365 E3 and Visio Plan 2 carry the same SKU on
# both sides (SPE_E3, VISIOCLIENT): high. Power BI Pro and Teams Exploratory are not in the FSM
# tenant; the Salesforce licenses have no SKU and no name close enough, and license 7 is matched
# by hand to Sales Cloud. Totals before: the old licenses (EUR as in LEGACY); after: FSM_ONLY.
PROPOSALS = {2: ("b00000000000000000000000", "high"), 4: ("b00000000000000000000001", "high"),
             7: ("b00000000000000000000002", "set by hand"), 1: None, 3: None, 5: None, 6: None,
             8: None}


def check_preview(saved: dict) -> list[str]:
    preview = saved["preview"]
    problems = []
    got = {}
    for row in preview["licenses"]:
        external = row.get("fsm_external_id")
        got[row["legacy_id"]] = None if external is None else (
            external, "set by hand" if "by hand" in (row.get("reason") or "") else row["confidence"])
    if got != PROPOSALS:
        problems.append(f"proposals {got}, expected {PROPOSALS}")
    want = {"before": LEGACY["totals"], "after": FSM_ONLY}
    if preview["totals"] != want:
        problems.append(f"preview totals {preview['totals']}, expected {want}")
    if preview.get("staged_run") is None:
        problems.append("the preview does not say it read a staged run")
    return problems


# What people kept: on the old Microsoft 365 E3 (license 2) an owner, a cost centre, the group
# Finance and purchase PO-2025-118; on the old Salesforce license (7) notes. The plan moves them
# to FSM's E3 (b...0) and Sales Cloud (b...2), where nothing was recorded.
KEPT_E3 = {"owner": "Alex Wilber", "cost_centre": "CC-410", "groups": ["Finance"],
           "purchases": ["PO-2025-118"]}
NOTES = "Renewed by the Acme sales team"


def kept_on(lic: dict) -> dict:
    return {"owner": lic.get("owner") or None, "cost_centre": lic.get("cost_centre") or None,
            "groups": sorted(lic.get("groups") or []),
            "purchases": sorted(p["reference"] for p in lic.get("purchases") or [])}


NOTHING = {"owner": None, "cost_centre": None, "groups": [], "purchases": []}


def check_moved(saved: dict, onto_fsm: bool) -> list[str]:
    problems = compare(saved["report"], SUPERSEDED)
    shown = saved["licenses"]
    fsm = {lic["external_id"]: lic for lic in shown.values() if lic["connection"] == "acme-fsm"}
    fsm_e3, sales_cloud = fsm["b00000000000000000000000"], fsm["b00000000000000000000002"]
    places = [("FSM E3", kept_on(fsm_e3), KEPT_E3 if onto_fsm else NOTHING),
              ("old E3 (2)", kept_on(shown[2]), NOTHING if onto_fsm else KEPT_E3)]
    for where, got, want in places:
        if got != want:
            problems.append(f"{where} holds {got}, expected {want}")
    fsm_notes, old_notes = sales_cloud.get("notes") or "", shown[7].get("notes") or ""
    if (NOTES in fsm_notes) != onto_fsm or (NOTES in old_notes) == onto_fsm:
        problems.append(f"notes: Sales Cloud {fsm_notes!r}, old license 7 {old_notes!r}")
    return problems


def check_removed_after_apply(saved: dict) -> list[str]:
    problems = check_removed(saved["report"])
    fsm = {lic["external_id"]: lic for lic in saved["licenses"].values()
           if lic["connection"] == "acme-fsm"}
    if kept_on(fsm["b00000000000000000000000"]) != KEPT_E3:
        problems.append("what moved onto FSM's E3 did not stay there")
    if any(lic["connection"] != "acme-fsm" for lic in saved["licenses"].values()):
        problems.append("old licenses left after --delete-retired")
    return problems


# People: the Microsoft 365 export's six accounts (alexw, diegos, irvins, meganb, the guest
# reviewer, room1) and the Salesforce export's seven (ada, ben, chloe, dev, emma, integration,
# pia) are thirteen emails; FSM's seven accounts (alexw, diegos, irvins, meganb, ada, ben,
# integration) add none, and make those seven people seen by two connections.
TWO_CONNECTIONS = {
    "alexw@contoso.example.com": ["acme-fsm", "contoso-m365"],
    "diegos@contoso.example.com": ["acme-fsm", "contoso-m365"],
    "irvins@contoso.example.com": ["acme-fsm", "contoso-m365"],
    "meganb@contoso.example.com": ["acme-fsm", "contoso-m365"],
    "ada.lovelace@acme.example.com": ["acme-fsm", "acme-salesforce"],
    "ben.okafor@acme.example.com": ["acme-fsm", "acme-salesforce"],
    "integration@acme.example.com": ["acme-fsm", "acme-salesforce"],
}


def check_people(saved: dict) -> list[str]:
    people = saved.get("people", [])
    problems = [] if len(people) == 13 else [f"{len(people)} people, expected 13"]
    two = {p["email"]: sorted(p["connections"]) for p in people if len(p["connections"]) > 1}
    if two != TWO_CONNECTIONS:
        problems.append(f"people seen by two connections {two}, expected {TWO_CONNECTIONS}")
    return problems


CHECKPOINTS = {
    "legacy": lambda saved: check_legacy(saved["report"]),
    "preview": check_preview,
    "superseded": lambda saved: check_superseded(saved["report"]),
    "people": check_people,
    "applied": lambda saved: check_moved(saved, True),
    "undone": lambda saved: check_moved(saved, False),
    "removed": check_removed_after_apply,
}


def compare(report: dict, expected: dict) -> list[str]:
    return [f"{key}: {json.dumps(report.get(key), sort_keys=True)}, expected "
            f"{json.dumps(want, sort_keys=True)}"
            for key, want in expected.items() if report.get(key) != want]


def session_script(blocks: list[doc_commands.Block], work: Path) -> str:
    log, results = work / "output.log", work / "results.txt"
    parts = []
    for block in blocks:
        parts.append(run_doc_commands.bash_script([block], log, results))
        if block.reason:  # a checkpoint: the state after this block, as JSON
            saved = work / block.reason
            errors = shlex.quote(str(log))
            parts.append(f"mkdir -p {shlex.quote(str(saved))}\n"
                         f"invhost report --as-of {AS_OF} --format json "
                         f">{shlex.quote(str(saved / 'report.json'))} 2>>{errors}\n")
            if block.reason == "people":
                parts.append(f"invhost people list --format json "
                             f">{shlex.quote(str(saved / 'people.json'))} 2>>{errors}\n")
            if block.reason == "preview":
                parts.append(f"invhost supersede preview --format json "
                             f">{shlex.quote(str(saved / 'preview.json'))} 2>>{errors}\n")
            # Every license there is, by its id (ids are the database's: not assumed).
            folder = shlex.quote(str(saved))
            parts.append(f"for id in $(invhost licenses list --format json 2>>{errors} | "
                         f"python3 -c 'import json,sys; print(*(l[\"id\"] for l in "
                         f"json.load(sys.stdin)))'); do invhost licenses show $id --json "
                         f">{folder}/license-$id.json 2>>{errors}; done\n")
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
            database = schema_database("walkthrough")
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


def load_checkpoint(folder: Path) -> dict:
    """report, preview (when saved) and licenses: {id: `licenses show ID --json`} of those that
    exist."""
    saved: dict = {"licenses": {}}
    for name in ("report", "preview", "people"):
        path = folder / f"{name}.json"
        if path.exists() and path.read_text().strip():
            saved[name] = json.loads(path.read_text())
    for path in folder.glob("license-*.json"):
        if path.read_text().strip():
            lic = json.loads(path.read_text())
            saved["licenses"][lic["id"]] = lic
    return saved


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
            saved = load_checkpoint(work / block.reason)
            if "report" not in saved:
                failures.append(f"checkpoint {block.reason}: no report")
                continue
            problems = CHECKPOINTS[block.reason](saved)
            print(("ok       " if not problems else "FAILED   ") + f"checkpoint {block.reason}")
            failures += [f"checkpoint {block.reason}: {p}" for p in problems]
    for failure in failures:
        print("\nFAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
