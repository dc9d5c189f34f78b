# What the benchmarks share: the release build and tools they need, a scratch folder with a
# throwaway CA and refresh token, the simulator serving a tenant (sizes in bench/tenants.sh), an
# empty database per measurement, the connector added to it, and a description of the machine.
# Sourced by bench/run.sh and bench/console.sh after `cd` to the repository root.
#
# Before sourcing set: bench_name (the prefix of messages), bench_tools (commands needed besides
# the build). Env: BUILD_DIR, BENCH_PG, BENCH_WORK (see bench/run.sh). Sets: root, build,
# invhost_bin, sim_bin, pg_keywords, pg_db, work, sim_pid, sim_url; defines start_sim, stop_sim,
# fresh_db, add_connector, machine_json.
# shellcheck shell=bash

bench_name=${bench_name:-bench}
bench_tools=${bench_tools:-}
root=$(pwd)
build=${BUILD_DIR:-$root/build/release}
invhost_bin=$build/host_sdk/cli/invhost
sim_bin=$build/tests/fsm_simulator/fsm-simulator
export INVHOST_ADAPTER_PATH=$build/adapters
for f in "$invhost_bin" "$sim_bin" "$INVHOST_ADAPTER_PATH/flexera-saas-manager.json"; do
  [ -e "$f" ] || { echo "$bench_name: $f is missing; build invhost, fsm-simulator and inv_fsm_connector in $build" >&2; exit 1; }
done
for tool in $bench_tools; do
  command -v "$tool" >/dev/null || { echo "$bench_name: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
pg_keywords=${BENCH_PG:-dbname=invhost_bench user=invhost password=invhost host=127.0.0.1}
pg_db=$(sed -n 's/.*dbname=\([^ ]*\).*/\1/p' <<<"$pg_keywords")

work=${BENCH_WORK:-$(mktemp -d "/tmp/invhost-$bench_name.XXXXXX")}
mkdir -p "$work"
echo "$bench_name: scratch folder $work"

# shellcheck source=bench/tenants.sh
. "$root/bench/tenants.sh"
# The simulator's reference date: positions exist on it.
sim_reference_date=2025-06-01

# A throwaway CA and server certificate; the refresh token in an owner-only file.
bash "$root/scripts/make-test-ca.sh" "$work/tls" >/dev/null
(umask 077 && printf '%s' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')" >"$work/refresh-token")

sim_pid=
stop_sim() { if [ -n "$sim_pid" ]; then kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; sim_pid=; fi; }

# start_sim ARGS...: starts the simulator over HTTPS, sets sim_url.
start_sim() {
  stop_sim
  "$sim_bin" --port 0 --org 4242 --seed 11 --reference-date "$sim_reference_date" \
    --refresh-token-file "$work/refresh-token" \
    --tls-cert "$work/tls/server.crt" --tls-key "$work/tls/server.key" "$@" \
    >"$work/sim.out" 2>"$work/sim.log" &
  sim_pid=$!
  for _ in $(seq 1 200); do grep -q "listening on" "$work/sim.out" 2>/dev/null && break; sleep 0.05; done
  sim_url=$(grep -o 'https://[^ ]*' "$work/sim.out" | head -n 1)
  [ -n "$sim_url" ] || { cat "$work/sim.log" >&2; echo "$bench_name: the simulator did not start" >&2; exit 1; }
}

# fresh_db BACKEND HOME: prints the --db value of an empty database for one measurement.
fresh_db() {
  if [ "$1" = sqlite ]; then
    echo "sqlite://$2/bench.db"
  else
    PGPASSWORD=invhost psql -q -h 127.0.0.1 -U invhost -d postgres -c "DROP DATABASE IF EXISTS $pg_db" \
      -c "CREATE DATABASE $pg_db" >/dev/null
    echo "postgresql://$pg_keywords"
  fi
}

# add_connector HOME DB [ARGS...]: the simulator's tenant as connector bench-fsm, unpaced
# (requests_per_minute at its maximum) unless ARGS say otherwise.
add_connector() {
  local home=$1 dbcs=$2
  shift 2
  "$invhost_bin" --home "$home" --db "$dbcs" connectors add bench-fsm --adapter flexera-saas-manager \
    --set org_id=4242 --set api_url="$sim_url" --set token_url="$sim_url/oidc/token" \
    --set ca_file="$work/tls/ca.crt" "$@" --secret refresh_token="file:$work/refresh-token" >/dev/null
}

# machine_json [NOTE]: the machine the numbers were taken on, as one JSON object.
machine_json() {
  jq -nc --arg cpu "$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)" \
    --argjson cores "$(nproc)" \
    --argjson ram_mib "$(awk '/MemTotal/ { printf "%d", $2 / 1024 }' /proc/meminfo)" \
    --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" --arg kernel "$(uname -r)" \
    --arg commit "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" --arg note "${1:-}" \
    '{cpu: $cpu, cores: $cores, ram_mib: $ram_mib, load_at_start: $load, kernel: $kernel,
      commit: $commit} + (if $note == "" then {} else {note: $note} end)'
}
