#!/usr/bin/env bash
# The product end to end, as an administrator runs it: the real invhost, the real FSM connector
# library and the FSM API simulator over HTTPS with a throwaway CA. Adds a connection with only
# the settings a person must give, checks it, runs the nightly cycle, and compares what landed in
# the inventory and the report with what the simulator served.
# Usage: fsm_nightly.sh INVHOST SIMULATOR REPO_ROOT
set -euo pipefail
invhost=$1 simulator=$2 repo=$3
as_of=2026-01-15

work=$(mktemp -d)
sim_pid=""
cleanup() { [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

tenant=(--org 4242 --seed 11 --apps 8 --licenses-per-app 2 --people 300 --users-per-app 40
        --reference-date "$as_of")
"$simulator" "${tenant[@]}" --dump-tenant "$work/served" >/dev/null
summary="$work/served/summary.json"
served() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$summary" "$1"; }

bash "$repo/scripts/make-test-ca.sh" "$work/tls" >/dev/null
bash "$repo/scripts/make-test-ca.sh" "$work/other-tls" >/dev/null
umask 077
token="rt-$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s' "$token" >"$work/refresh-token"
umask 022

"$simulator" "${tenant[@]}" --port 0 --refresh-token-file "$work/refresh-token" \
  --tls-cert "$work/tls/server.crt" --tls-key "$work/tls/server.key" \
  >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/sim.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'https://[^ ]*' "$work/sim.out" | head -n 1)
[ -n "$url" ] || { cat "$work/sim.err"; fail "the simulator did not start"; }

export INVHOST_HOME="$work/home"
all_output="$work/all-output.txt"
run() { "$invhost" "$@" >>"$all_output" 2>&1; }

"$invhost" connectors add fsm --adapter flexera-saas-manager --set org_id=4242 \
  --set api_url="$url" --set token_url="$url/oidc/token" --set ca_file="$work/tls/ca.crt" \
  --secret refresh_token="file:$work/refresh-token" >>"$all_output" 2>&1 || { cat "$all_output"; fail "connectors add"; }

"$invhost" connectors check fsm >"$work/check.txt" 2>&1 || { cat "$work/check.txt"; fail "connectors check"; }
cat "$work/check.txt" >>"$all_output"
grep -q "authenticated to org 4242" "$work/check.txt" || { cat "$work/check.txt"; fail "check does not say what it found"; }

"$invhost" nightly --as-of "$as_of" >"$work/nightly.txt" 2>&1 || { cat "$work/nightly.txt"; fail "nightly"; }
cat "$work/nightly.txt" >>"$all_output"

db="$INVHOST_HOME/invhost.db"
count() { sqlite3 "$db" "$1"; }
[ "$(count "SELECT COUNT(*) FROM licenses WHERE connection='fsm'")" = "$(served licenses)" ] || fail "licenses in the inventory differ from what was served"
[ "$(count "SELECT COUNT(*) FROM applications WHERE connection='fsm'")" = "$(served apps)" ] || fail "applications differ"
[ "$(count "SELECT COUNT(*) FROM entitlements WHERE connection='fsm'")" = "$(served terms)" ] || fail "entitlements differ"
[ "$(count "SELECT COUNT(*) FROM accessing_users WHERE connection='fsm'")" = "$(served distinctPeople)" ] || fail "accessing users differ"
[ "$(count "SELECT COUNT(DISTINCT external_id) FROM staged_consumption")" = "$(served appUsers)" ] || fail "app users staged differ from includeAll=true"

"$invhost" report --as-of "$as_of" --format json >"$work/report.json" 2>>"$all_output" || fail "report"
cat "$work/report.json" >>"$all_output"
python3 "$repo/tests/support/check_report.py" <"$work/report.json" || fail "the report breaks its contract"
[ "$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['licenses']))" "$work/report.json")" = "$(served licenses)" ] || fail "report license count"
grep -q '"source_url": *"https://app.flexera.com/orgs/4242/' "$work/report.json" || fail "licenses carry no link to FSM"

# Monitoring: right after a good night the check is OK. Seen 38 hours later (a night missed) the
# import is stale, a warning; a year and a day later the import is very stale and the refresh
# token, dated today by `connectors add`, has expired: critical.
health() { "$invhost" health "$@" >"$work/health.txt" 2>&1; local rc=$?; cat "$work/health.txt" >>"$all_output"; return $rc; }
health || { cat "$work/health.txt"; fail "health after a good night"; }
[ "$(cat "$work/health.txt")" = "INVHOST OK - 1 enabled connection healthy" ] || { cat "$work/health.txt"; fail "health output"; }
rc=0; health --as-of "$(date -u -d '+38 hours' +%Y-%m-%dT%H:%M:%SZ)" || rc=$?
[ "$rc" = 1 ] || { cat "$work/health.txt"; fail "health 38 hours on: exit $rc, not 1"; }
grep -q "^INVHOST WARNING - 1 warning; fsm: last successful import 38 hours ago" "$work/health.txt" || { cat "$work/health.txt"; fail "health 38 hours on"; }
rc=0; health --format json --as-of "$(date -u -d '+366 days' +%Y-%m-%d)" || rc=$?
[ "$rc" = 2 ] || { cat "$work/health.txt"; fail "health a year on: exit $rc, not 2"; }
python3 - "$work/health.txt" <<'PY' || fail "health a year on: findings"
import json, sys
doc = json.load(open(sys.argv[1]))
found = sorted((f["connection"], f["check"], f["severity"]) for f in doc["findings"])
assert doc["status"] == "critical", doc
assert found == [("fsm", "credential", "critical"), ("fsm", "stale", "critical")], found
PY

# A server certificate from a CA the connection does not trust is refused, and says why. (Another
# organisation number: one connection per organisation, and the TLS refusal comes first anyway.)
"$invhost" connectors add fsm-untrusted --adapter flexera-saas-manager --set org_id=4243 \
  --set api_url="$url" --set token_url="$url/oidc/token" --set ca_file="$work/other-tls/ca.crt" \
  --secret refresh_token="file:$work/refresh-token" >>"$all_output" 2>&1
if "$invhost" connectors check fsm-untrusted >"$work/untrusted.txt" 2>&1; then fail "an untrusted certificate was accepted"; fi
cat "$work/untrusted.txt" >>"$all_output"
grep -qi "certificate" "$work/untrusted.txt" || { cat "$work/untrusted.txt"; fail "the refusal does not name the certificate"; }

# The proxy variables reach the connector in its child process: a proxy whose name does not
# resolve fails the check at once, naming the proxy; NO_PROXY sends the simulator around it.
if HTTPS_PROXY=http://proxy.nonexistent.invalid:3128 "$invhost" connectors check fsm >"$work/proxy.txt" 2>&1; then
  fail "a check through an unresolvable proxy passed"
fi
cat "$work/proxy.txt" >>"$all_output"
grep -q "the proxy http://proxy.nonexistent.invalid:3128" "$work/proxy.txt" || { cat "$work/proxy.txt"; fail "the proxy failure does not name the proxy"; }
grep -q "after 1 attempt:" "$work/proxy.txt" || { cat "$work/proxy.txt"; fail "an unresolvable proxy was retried"; }
HTTPS_PROXY=http://proxy.nonexistent.invalid:3128 NO_PROXY=127.0.0.1 "$invhost" connectors check fsm >"$work/no-proxy.txt" 2>&1 \
  || { cat "$work/no-proxy.txt"; fail "NO_PROXY did not bypass the proxy"; }

# A server whose name does not resolve fails the check after one attempt, naming the host.
"$invhost" connectors add fsm-nowhere --adapter flexera-saas-manager --set org_id=4242 \
  --set api_url=https://nonexistent.invalid --set token_url=https://nonexistent.invalid/oidc/token \
  --secret refresh_token="file:$work/refresh-token" >>"$all_output" 2>&1
if "$invhost" connectors check fsm-nowhere >"$work/nowhere.txt" 2>&1; then fail "a check of an unresolvable host passed"; fi
cat "$work/nowhere.txt" >>"$all_output"
grep -q "'nonexistent.invalid'.*does not resolve" "$work/nowhere.txt" || { cat "$work/nowhere.txt"; fail "the failure does not name the host"; }
grep -q "after 1 attempt:" "$work/nowhere.txt" || { cat "$work/nowhere.txt"; fail "an unresolvable host was retried"; }

# The refresh token appears nowhere: not in any output, log, config or database file.
if grep -rqF "$token" "$all_output" "$INVHOST_HOME"; then fail "the refresh token leaked"; fi
echo "fsm nightly end to end: $(served licenses) licenses, $(served appUsers) app users imported over HTTPS and reported"
