#!/usr/bin/env bash
# The main job, end to end on one machine: installs what is missing, builds, starts the FSM API
# simulator over HTTPS (with a throwaway CA), registers an FSM connection in a fresh host home,
# checks it, runs the nightly import into SQLite and prints the license position report.
# Usage: scripts/demo.sh [--keep]   (--keep leaves the simulator running and prints how to use it)
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
  --set ca_file="$demo/tls/ca.crt" --secret refresh_token="file:$demo/refresh-token"
"$invhost" connectors list
"$invhost" connectors check acme-fsm
"$invhost" nightly
"$invhost" report

if [ "${1:-}" = "--keep" ]; then
  trap - EXIT
  echo "simulator still running (pid $sim_pid); INVHOST_HOME=$INVHOST_HOME"
fi
