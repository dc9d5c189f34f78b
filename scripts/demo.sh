#!/usr/bin/env bash
# The main job, end to end on one machine: installs what is missing, builds, starts the FSM API
# simulator over HTTPS (with a throwaway CA), registers an FSM connection in a fresh host home,
# checks it, runs the nightly import into SQLite and prints the license position report.
# Usage: scripts/demo.sh [--keep]   (--keep leaves the simulator and the web console running, and
# prints the console's address with a one-time sign-in link for the demo account)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash scripts/install-deps.sh
cmake --preset release >/dev/null
# Only what the job runs: the host, the FSM connector and the simulator.
cmake --build --preset release -j "$(nproc)" --target invhost inv_fsm_connector fsm-simulator

bin="$root/build/release"
demo="$bin/demo"
rm -rf "$demo"
mkdir -p "$demo/tls"
export INVHOST_HOME="$demo/home"

# A throwaway certificate authority and a server certificate for 127.0.0.1.
bash scripts/make-test-ca.sh "$demo/tls" >/dev/null

# Secrets reach the simulator and the connector only through files readable by their owner.
umask 077
head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$demo/refresh-token"
umask 022

"$bin/tests/fsm_simulator/fsm-simulator" --port 0 --org 4242 --seed 7 \
  --apps 40 --licenses-per-app 2 --people 2000 --users-per-app 150 \
  --refresh-token-file "$demo/refresh-token" \
  --tls-cert "$demo/tls/server.crt" --tls-key "$demo/tls/server.key" >"$demo/simulator.out" 2>"$demo/simulator.log" &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "listening on" "$demo/simulator.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'https://[^ ]*' "$demo/simulator.out" | head -n 1)
[ -n "$url" ] || { cat "$demo/simulator.log" >&2; echo "demo: the simulator did not start" >&2; exit 1; }
echo "FSM simulator at $url"

invhost="$bin/host_sdk/cli/invhost"
"$invhost" connectors add acme-fsm --adapter flexera-saas-manager \
  --set org_id=4242 --set api_url="$url" --set token_url="$url/oidc/token" \
  --set "top_bar_link_template=https://app.flexera.com/orgs/{org_id}/saas" \
  --set ca_file="$demo/tls/ca.crt" --secret refresh_token="file:$demo/refresh-token"
"$invhost" connectors list
"$invhost" connectors check acme-fsm
"$invhost" nightly
"$invhost" report
"$invhost" settings set top_bar_link.enabled=true

if [ "${1:-}" != "--keep" ]; then
  echo
  echo "The same data is in the web console: 'bash scripts/demo.sh --keep' leaves it running and"
  echo "prints a sign-in link (or: INVHOST_HOME=$INVHOST_HOME $invhost serve; see docs/console.md)."
  exit 0
fi

# The console, with a demo account whose password nobody needs: the one-time link signs in.
umask 077
head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$demo/console-password"
umask 022
"$invhost" users add demo --role admin <"$demo/console-password"
"$invhost" serve --listen 127.0.0.1:0 >"$demo/console.out" 2>"$demo/console.log" &
console_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$demo/console.out" 2>/dev/null && break
  sleep 0.1
done
console=$(grep -o 'http://[^ ]*' "$demo/console.out" | head -n 1)
[ -n "$console" ] || { cat "$demo/console.log" >&2; echo "demo: the console did not start" >&2; exit 1; }
link=$("$invhost" users signin-link demo --ttl 60)
trap - EXIT
echo
echo "FSM simulator still running (pid $sim_pid); INVHOST_HOME=$INVHOST_HOME"
echo "Console running (pid $console_pid) at $console"
echo "Sign in once, within an hour, with: $console$link"
echo "(the demo account's password is in $demo/console-password)"
