#!/usr/bin/env bash
# Bad data from FSM, end to end: the real invhost, the real FSM connector and the simulator
# serving a tenant edited by hand. A license id sent twice with other content, a count beyond
# 10^9 and a negative cost each fail the run with a DATA error naming where, and nothing is
# merged; an identical repeat is dropped; a KWD cost keeps its three decimals.
# Usage: fsm_bad_data.sh INVHOST SIMULATOR REPO_ROOT
set -euo pipefail
invhost=$1 simulator=$2 repo=$3
as_of=2026-01-15

work=$(mktemp -d)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$simulator" --org 4242 --seed 11 --apps 3 --licenses-per-app 2 --people 30 --users-per-app 5 \
  --reference-date "$as_of" --dump-tenant "$work/base" >/dev/null
bash "$repo/scripts/make-test-ca.sh" "$work/tls" >/dev/null
umask 077
printf '%s' "rt-$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$work/refresh-token"
umask 022

# A copy of the base tenant edited by a Python snippet that gets the licenses list as `l`.
edited() {
  local name=$1 edit=$2
  cp -r "$work/base" "$work/$name"
  python3 - "$work/$name/licenses.json" <<PY
import json, sys
path = sys.argv[1]
l = json.load(open(path))
$edit
json.dump(l, open(path, "w"))
PY
}

# Serves tenant directory $1 (two licenses a page, so repeats cross pages), adds connection fsm
# in a fresh home and runs the nightly cycle; its output is in $work/$1.out, its status in $rc.
run_tenant() {
  local name=$1
  [ -n "$sim_pid" ] && { kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; }
  "$simulator" --org 4242 --tenant-dir "$work/$name" --reference-date "$as_of" --page-size 2 --port 0 \
    --refresh-token-file "$work/refresh-token" --tls-cert "$work/tls/server.crt" --tls-key "$work/tls/server.key" \
    >"$work/$name.sim.out" 2>"$work/$name.sim.err" &
  sim_pid=$!
  for _ in $(seq 1 100); do grep -q "listening on" "$work/$name.sim.out" 2>/dev/null && break; sleep 0.1; done
  local url
  url=$(grep -o 'https://[^ ]*' "$work/$name.sim.out" | head -n 1)
  [ -n "$url" ] || { cat "$work/$name.sim.err"; fail "the simulator did not start"; }
  export INVHOST_HOME="$work/$name.home"
  "$invhost" connectors add fsm --adapter flexera-saas-manager --set org_id=4242 \
    --set api_url="$url" --set token_url="$url/oidc/token" --set ca_file="$work/tls/ca.crt" \
    --secret refresh_token="file:$work/refresh-token" >"$work/$name.out" 2>&1 || { cat "$work/$name.out"; fail "connectors add"; }
  rc=0
  "$invhost" nightly --as-of "$as_of" >>"$work/$name.out" 2>&1 || rc=$?
  "$invhost" runs >>"$work/$name.out" 2>&1 || true
}
licenses_merged() { sqlite3 "$INVHOST_HOME/invhost.db" "SELECT COUNT(*) FROM licenses WHERE connection='fsm'"; }
expect_refused() {
  local name=$1 text=$2
  [ "$rc" != 0 ] || { cat "$work/$name.out"; fail "$name: the nightly succeeded"; }
  grep -qF -- "$text" "$work/$name.out" || { cat "$work/$name.out"; fail "$name: no message with: $text"; }
  [ "$(licenses_merged)" = 0 ] || fail "$name: licenses were merged"
}

first_id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['id'])" "$work/base/licenses.json")
count=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/base/licenses.json")

# The first license again at the end, renamed: refused, naming both places.
edited renamed 'c = dict(l[0]); c["name"] = "Renamed"; l.append(c)'
run_tenant renamed
expect_refused renamed "licenses: id $first_id at record 1 of page 1 and record"
grep -qF "differ (name)" "$work/renamed.out" || { cat "$work/renamed.out"; fail "the differing field is not named"; }

# The same license again, identical: dropped, the run succeeds with each license once.
edited repeated 'l.append(dict(l[0]))'
run_tenant repeated
[ "$rc" = 0 ] || { cat "$work/repeated.out"; fail "an identical repeat failed the run"; }
[ "$(licenses_merged)" = "$count" ] || fail "an identical repeat changed the license count"

# Counts and money out of bounds.
edited overflow 'l[0]["terms"][0]["itemsAllowed"] = 9223372036854775807'
run_tenant overflow
expect_refused overflow "itemsAllowed 9223372036854775807 is outside 0..1000000000"

edited negative 'l[0]["terms"][0]["perUserCost"] = -12.5'
run_tenant negative
expect_refused negative "perUserCost -12.5 is negative"

edited huge 'l[0]["terms"][0]["annualCost"] = 1e308'
run_tenant huge
expect_refused huge "annualCost has more than 15 integer digits"

# A KWD term keeps its fils: 1.234 a user, and costs with three decimals.
edited kwd '
t = l[0]["terms"][0]
t["perUserCost"] = 1.234
for p in t.get("termPayments", []): p["currency"] = "KWD"
'
run_tenant kwd
[ "$rc" = 0 ] || { cat "$work/kwd.out"; fail "kwd: the nightly failed"; }
"$invhost" report --as-of "$as_of" --format json >"$work/kwd.json" 2>>"$work/kwd.out" || fail "report"
python3 - "$work/kwd.json" "$first_id" <<'PY' || fail "the KWD license lost its minor unit"
import json, re, sys
report = json.load(open(sys.argv[1]))
lic = next(x for x in report["licenses"] if x["external_id"] == sys.argv[2])
assert lic["currency"] == "KWD", lic
assert lic["per_user_cost"] == "1.234", lic
for key in ("unused_cost", "true_up_cost"):
    assert re.fullmatch(r"\d+\.\d{3}", lic[key]), lic
assert re.fullmatch(r"\d+\.\d{3}", report["totals"]["KWD"]["unused_cost"]), report["totals"]
PY
echo "fsm bad data end to end: repeats, bounds and minor units checked"
