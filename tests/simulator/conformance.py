#!/usr/bin/env python3
"""Conformance of the FSM simulator's responses with the published OpenAPI spec.

Starts the simulator, fetches the first, a middle and the last page of every list endpoint in
every view, and checks each body with fsm_schema_check.py; checks error bodies against the spec's
goa Error schema; checks that every field a license import reads is present and typed on every
item. The schemas are the project's own extract of FSM's published API description
(fsm_api_schemas.json beside this file, checked by fsm_schema_check.py).
"""
import argparse, json, os, subprocess, sys, urllib.parse, http.client

import fsm_schema_check

A = argparse.ArgumentParser()
A.add_argument("--simulator", required=True)
args = A.parse_args()
described = fsm_schema_check.load()
problems = []

env = dict(os.environ, FSM_SIM_REFRESH_TOKEN="conformance-token")
proc = subprocess.Popen([args.simulator, "--port", "0", "--page-size", "5", "--apps", "14",
                         "--users-per-app", "12", "--reference-date", "2025-06-01"],
                        stdout=subprocess.PIPE, env=env, text=True)
try:
    line = proc.stdout.readline().strip()
    assert line.startswith("fsm-simulator listening on http://"), line
    port = int(line.rsplit(":", 1)[1])

    def call(method, path, body=None, token=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, dict(r.getheaders()), data

    st, _, body = call("POST", "/oidc/token", "grant_type=refresh_token&refresh_token=conformance-token",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    tok = json.loads(body)
    if set(tok) != {"access_token", "expires_in", "token_type", "refresh_token"} or tok["token_type"] != "Bearer":
        problems.append(f"token response shape: {sorted(tok)}")
    token = tok["access_token"]
    org = "/saas/v1/orgs/4242"

    def spec_check(path, body):
        ok, lines = fsm_schema_check.check(described, path, json.loads(body))
        if ok:
            print("ok: " + lines[0])
        else:
            problems.append(f"{path}: " + "\n".join(lines))

    def pages(first):
        out, nxt = [], first
        while nxt:
            st, _, body = call("GET", nxt, token=token)
            if st != 200:
                problems.append(f"{nxt}: status {st}")
                break
            out.append((nxt, body))
            nxt = json.loads(body).get("nextPage")
        return out

    app_id = json.loads(call("GET", org + "/managed-apps?view=extended", token=token)[2])["values"][3]["id"]
    lists = [org + "/managed-apps", org + "/managed-apps?view=default", org + "/managed-apps?view=extended",
             org + "/managed-apps?view=licenseUsage", org + "/licenses", org + "/licenses?view=licenseUsage",
             org + "/app-users", org + "/app-users?includeAll=true"]
    lists += [org + f"/app-users?includeAll=true&view={v}" for v in ("default", "minimal", "excludeEvent", "entitlement")]
    lists += [org + "/app-users?includeAll=true&filter=" + urllib.parse.quote(f"managedAppId eq {app_id}"),
              org + f"/managed-apps/{app_id}/app-users?includeAll=true"]
    all_pages = {}
    for first in lists:
        ps = pages(first)
        if len(ps) < 3:
            problems.append(f"{first}: expected at least 3 pages, got {len(ps)}")
        all_pages[first] = ps
        for i in sorted({0, len(ps) // 2, len(ps) - 1}):
            path, body = ps[i]
            spec_check(path, body)
        if "nextPage" in json.loads(ps[-1][1]):
            problems.append(f"{first}: last page has a nextPage")

    # Fields a license import reads: present and typed on every item of every page.
    def need(obj, where, fields):
        for name, kind in fields:
            if name not in obj:
                problems.append(f"{where}: {name} missing")
            elif not isinstance(obj[name], kind) or isinstance(obj[name], bool) and kind in (int, (int, float)):
                problems.append(f"{where}: {name} has type {type(obj[name]).__name__}")
    num = (int, float)
    for _, body in all_pages[org + "/managed-apps?view=licenseUsage"]:
        for a in json.loads(body)["values"]:
            need(a, "app " + a["id"], [("id", str), ("name", str), ("appName", str), ("vendorName", str),
                                       ("activityThreshold", int), ("isActive", bool), ("totalUsers", int),
                                       ("licenses", list)])
    for _, body in all_pages[org + "/licenses"]:
        for l in json.loads(body)["values"]:
            need(l, "license " + l["id"], [("id", str), ("name", str), ("associatedManagedApps", list),
                                           ("terms", list), ("agreementFees", list), ("createdAt", str)])
            for t in l["terms"]:
                need(t, "term " + t["id"], [("id", str), ("termType", str), ("isActive", bool), ("hidden", bool),
                                            ("isUnlimited", bool), ("itemsAllowed", int), ("annualCost", num),
                                            ("termPayments", list)])
                for p in t["termPayments"]:
                    need(p, "payment " + p["id"], [("currency", str), ("amount", num)])
    for _, body in all_pages[org + "/app-users?includeAll=true"]:
        for u in json.loads(body)["values"]:
            need(u, "user " + u["id"], [("id", str), ("uniqueId", str), ("associatedManagedApp", dict),
                                        ("associatedPerson", dict), ("licensePaymentAllocations", list)])

    # Error bodies: the goa Error schema, nothing more.
    err = described["schemas"]["Error"]
    types = {"string": str, "boolean": bool}
    for path, tk, want in [(org + "/licenses", None, 401), ("/saas/v1/orgs/77/licenses", token, 403),
                           (org + "/licenses?skipToken=bogus", token, 400),
                           (org + "/managed-apps/abc/app-users", token, 404),
                           (org + "/app-users?filter=bad", token, 400)]:
        st, hdr, body = call("GET", path, token=tk)
        if st != want:
            problems.append(f"{path}: status {st}, expected {want}")
        if hdr.get("Content-Type") != "application/vnd.goa.error":
            problems.append(f"{path}: content type {hdr.get('Content-Type')}")
        e = json.loads(body)
        for k in err["required"]:
            if k not in e:
                problems.append(f"{path}: error field {k} missing")
        for k, v in e.items():
            if k not in err["properties"]:
                problems.append(f"{path}: error field {k} not in the spec")
            elif not isinstance(v, types[err["properties"][k]["type"]]):
                problems.append(f"{path}: error field {k} mistyped")
        print(f"ok: error {want} body fits Error ({path})")
finally:
    proc.terminate()
    proc.wait(timeout=10)

for p in problems:
    print("PROBLEM:", p)
sys.exit(1 if problems else 0)
