#!/usr/bin/env python3
"""Renders the console benchmark's results (bench/console.sh) as JSON and Markdown.

Usage: console_report.py RESULTS.jsonl MACHINE_JSON OUT_DIR DOCS_OR_DASH
Writes OUT_DIR/results.json and OUT_DIR/results.md; when DOCS is a path, replaces the text
between the console markers of that file (docs/performance.md) with the same Markdown.
"""
import json
import pathlib
import sys

BEGIN = "<!-- console-results: written by bench/console.sh --write-docs -->"
END = "<!-- /console-results -->"
TARGET_P95_MS = 100
TARGET_ROWS_PER_S = 200_000
TARGET_RSS_GROWTH = 0.10


def render(rows, machine):
    pages = [r for r in rows if r["kind"] == "page"]
    servers = [r for r in rows if r["kind"] == "server"]
    out = []
    note = f" — {machine['note']}" if machine.get("note") else ""
    out.append(
        f"Measured on {machine['cpu']}, {machine['cores']} cores shared with the simulator "
        f"and other work, {machine['ram_mib']} MiB, load at start {machine['load_at_start']}, "
        f"commit {machine['commit']}{note}.\n")
    out.append("| tenant | database | page | 1 client p50 / p95 ms | 20 clients p50 / p95 ms "
               "| 20 clients req/s | p95 ≤ 100 ms at 20 |")
    out.append("| --- | --- | --- | --- | --- | --- | --- |")
    keys = sorted({(p["size"], p["db"], p["page"]) for p in pages},
                  key=lambda k: (k[0] != "medium", k[1], ["overview", "licenses", "license",
                                                          "consumption"].index(k[2])))
    for size, db, page in keys:
        one = next(p for p in pages if (p["size"], p["db"], p["page"], p["clients"]) ==
                   (size, db, page, 1))
        many = next(p for p in pages if (p["size"], p["db"], p["page"], p["clients"]) ==
                    (size, db, page, 20))
        bad = one["non_200"] + many["non_200"] + one["socket_errors"] + many["socket_errors"]
        met = "met" if many["p95_ms"] <= TARGET_P95_MS and bad == 0 else "NOT met"
        if bad:
            met += f" ({bad} failed requests)"
        out.append(f"| {size} | {db} | `{one['path'].split('?')[0]}` | {one['p50_ms']:.1f} / "
                   f"{one['p95_ms']:.1f} | {many['p50_ms']:.1f} / {many['p95_ms']:.1f} | "
                   f"{many['requests'] / many['duration_s']:.0f} | {met} |")
    out.append("")
    out.append("| tenant | database | licenses | largest license's users | first page after "
               "start ms | its consumption tab, first visit ms | consumption CSV rows/s (rows, ms) "
               "| floor: its rows by the client ms | floor: all positions by the client ms "
               "| server VmHWM MiB (after sign-in) | server RSS after the load MiB |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for s in sorted(servers, key=lambda s: (s["size"] != "medium", s["db"])):
        out.append(f"| {s['size']} | {s['db']} | {s['licenses']} | {s['consumed']} | "
                   f"{s['first_page_ms']:.0f} | {s['first_consumption_ms']:.0f} | "
                   f"{s['csv_rows_per_s']:,} ({s['csv_rows']}, {s['csv_ms']:.1f}) | "
                   f"{s['floor_consumption_ms']:.1f} | {s['floor_positions_ms']:.1f} | "
                   f"{s['vm_hwm_mib']:.1f} ({s['signin_hwm_mib']:.1f}) | "
                   f"{s['rss_after_mib']:.1f} |")
    out.append("")
    for db in sorted({s["db"] for s in servers}):
        by = {s["size"]: s for s in servers if s["db"] == db}
        if "medium" in by and "large" in by:
            a, b = by["medium"]["vm_hwm_mib"], by["large"]["vm_hwm_mib"]
            growth = (b - a) / a
            verdict = "met" if growth < TARGET_RSS_GROWTH else "NOT met"
            out.append(f"- {db}: server peak RSS medium → large {a:.1f} → {b:.1f} MiB "
                       f"({growth * 100:+.1f} %, target < 10 %): {verdict}.")
    for s in servers:
        verdict = "met" if s["csv_rows_per_s"] >= TARGET_ROWS_PER_S else "NOT met"
        out.append(f"- {s['size']}, {s['db']}: consumption CSV {s['csv_rows_per_s']:,} rows/s "
                   f"(target ≥ 200,000): {verdict}.")
    return "\n".join(out) + "\n"


def main():
    rows = [json.loads(line) for line in pathlib.Path(sys.argv[1]).read_text().splitlines() if line]
    machine = json.loads(sys.argv[2])
    out_dir = pathlib.Path(sys.argv[3])
    text = render(rows, machine)
    (out_dir / "results.json").write_text(json.dumps({"machine": machine, "results": rows},
                                                     indent=2) + "\n")
    (out_dir / "results.md").write_text(text)
    print(text)
    if sys.argv[4] != "-":
        docs = pathlib.Path(sys.argv[4])
        current = docs.read_text()
        if BEGIN not in current or END not in current:
            sys.exit(f"console bench: {docs} has no console markers")
        head, rest = current.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        docs.write_text(head + BEGIN + "\n" + text + END + tail)


if __name__ == "__main__":
    main()
