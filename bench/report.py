#!/usr/bin/env python3
"""Turns bench/run.sh's measurements into bench/results/latest.json and the results section of
docs/performance.md (between the 'bench:results' markers), and prints the ratios.

Usage: report.py RESULTS.jsonl MACHINE_JSON OUT.json DOC.md|-
"""
import json
import sys
import time

BEGIN = "<!-- bench:results:begin -->"
END = "<!-- bench:results:end -->"


def fmt(v, digits=2):
    if v is None:
        return "TODO"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


def enrich(r):
    if r["kind"] == "import":
        floors = r["download_floor_s"] + r["write_floor_s"]
        stages = [r["import_s"], r["merge_s"], r["reconcile_s"]]
        r["end_to_end_s"] = None if None in stages else sum(stages)
        r["records_per_s"] = r["records"] / r["import_s"] if r["import_s"] else None
        r["ratio_import_to_floors"] = ratio(r["import_s"], floors)
        r["ratio_end_to_end_to_floors"] = ratio(r["end_to_end_s"], floors)
        r["ratio_admin_to_import"] = ratio(r["admin_script_s"], r["import_s"])
        r["requests_expected"] = r["pages"] + r["token_requests"]
    else:
        paced = r["requests"] + r["token_requests"]
        r["ideal_s"] = paced / r["rate_per_minute"] * 60.0
        r["ratio_wall_to_ideal"] = r["wall_s"] / r["ideal_s"]
    return r


def extrapolate_admin(results):
    """Admin script time for sizes it did not run on: measured seconds per page x pages."""
    rates = [r["admin_script_s"] / r["pages"] for r in results
             if r["kind"] == "import" and r.get("admin_script_s") and r["pages"]]
    if not rates:
        return
    per_page = max(rates)
    for r in results:
        if r["kind"] == "import" and r["db"] == "sqlite" and r.get("admin_script_s") is None:
            r["admin_script_s"] = per_page * r["pages"]
            r["admin_script_extrapolated"] = True


def markdown(results, machine):
    out = [f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine['cores']} cores "
           f"({machine['cpu']}), {machine['ram_mib']} MiB RAM, load at start {machine['load_at_start']}, "
           f"commit {machine['commit']}. Times in seconds; RSS in MiB; TODO = the command does not exist "
           "yet in this build (the script fills it once it does).", ""]
    imports = [r for r in results if r["kind"] == "import"]
    for r in imports:
        out += [f"### {r['size']} — {r['db']} ({r['app_users']:,} app users, {r['records']:,} records, "
                f"{r['pages']:,} pages)", "",
                "| measure | value |", "| --- | --- |",
                f"| import (`invhost run --stage-only`), wall | {fmt(r['import_s'])} |",
                f"| — inside the staging sink (database writes) | {fmt(r['staging_s'])} |",
                f"| — fetch + parse + map (adapter) | {fmt(r['fetch_parse_map_s'])} |",
                f"| merge (`invhost runs apply`) | {fmt(r['merge_s'])} |",
                f"| reconciliation (`invhost reconcile`) | {fmt(r['reconcile_s'])} |",
                f"| end to end | {fmt(r['end_to_end_s'])} |",
                f"| records per second (import) | {fmt(r['records_per_s'], 0)} |",
                f"| peak RSS import / merge / reconcile | {fmt(r['rss_mib']['import'], 1)} / "
                f"{fmt(r['rss_mib']['merge'], 1)} / {fmt(r['rss_mib']['reconcile'], 1)} |",
                f"| requests (API + token) / pages needed + token | {r['requests']} / "
                f"{r['requests_expected']} |",
                f"| 429 answers | {r['rate_limited']} |",
                f"| floor 1: download (one curl, keep-alive) | {fmt(r['download_floor_s'])} |",
                f"| floor 2: write ({'sqlite3 .import' if r['db'] == 'sqlite' else 'COPY'}) | "
                f"{fmt(r['write_floor_s'])} |",
                f"| **import / (floor 1 + floor 2)** (target ≤ 2) | **{fmt(r['ratio_import_to_floors'])}** |",
                f"| end to end / (floor 1 + floor 2) | {fmt(r['ratio_end_to_end_to_floors'])} |"]
        if r["db"] == "sqlite":
            note = " (extrapolated: measured s/page × pages)" if r.get("admin_script_extrapolated") else (
                " (measured in a separate run of the same script)" if r.get("admin_script_separate_run") else "")
            out += [f"| curl + jq + sqlite3 script | {fmt(r['admin_script_s'])}{note} |",
                    f"| **script / import** (target ≥ 10) | **{fmt(r['ratio_admin_to_import'])}** |"]
        out.append("")
    by = {(r["size"], r["db"]): r for r in imports}
    if ("medium", "sqlite") in by and ("large", "sqlite") in by:
        m, l = by[("medium", "sqlite")]["rss_mib"]["import"], by[("large", "sqlite")]["rss_mib"]["import"]
        out += [f"Peak RSS of the import, medium → large (SQLite): {m:.1f} → {l:.1f} MiB "
                f"({(l / m - 1) * 100:+.1f} %; target < 256 MiB and < +10 %).", ""]
    if ("large", "sqlite") in by and ("large", "postgresql") in by:
        s, p = by[("large", "sqlite")], by[("large", "postgresql")]
        a, b = p["end_to_end_s"] or p["import_s"], s["end_to_end_s"] or s["import_s"]
        out += [f"PostgreSQL / SQLite on the large tenant: {a / b:.2f} (target ≤ 2).", ""]
    for r in results:
        if r["kind"] == "rate_limited":
            out += ["### rate-limited run", "",
                    f"Simulator at {r['rate_per_minute']} requests/minute, connector at its default "
                    f"500/minute, tenant `{r['tenant']}`: {r['requests']} API + {r['token_requests']} token "
                    f"requests in {r['wall_s']:.2f} s; requests / rate = {r['ideal_s']:.2f} s; "
                    f"wall / ideal = {r['ratio_wall_to_ideal']:.3f} (target ≤ 1.05); "
                    f"429 answers: {r['rate_limited']} (target 0).", ""]
    return "\n".join(out)


def main():
    results_file, machine_json, out_json, doc = sys.argv[1:5]
    results = [json.loads(line) for line in open(results_file, encoding="utf-8") if line.strip()]
    extrapolate_admin(results)
    results = [enrich(r) for r in results]
    machine = json.loads(machine_json)
    with open(out_json, "w", encoding="utf-8") as f:
        json.dump({"machine": machine, "results": results}, f, indent=2)
        f.write("\n")
    text = markdown(results, machine)
    print(text)
    if doc != "-":
        body = open(doc, encoding="utf-8").read()
        if BEGIN in body and END in body:
            head, rest = body.split(BEGIN, 1)
            tail = rest.split(END, 1)[1]
            body = f"{head}{BEGIN}\n{text}\n{END}{tail}"
        else:
            body += f"\n{BEGIN}\n{text}\n{END}\n"
        with open(doc, "w", encoding="utf-8") as f:
            f.write(body)


if __name__ == "__main__":
    main()
