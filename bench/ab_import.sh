#!/usr/bin/env bash
# Compares the import (`invhost run --stage-only`) of two builds on one simulated tenant, in
# alternating order (A B, B A, A B, ...) so that the load of a shared machine falls on both alike.
# Reports each run's wall time and CPU time (user + sys of invhost and of the adapter process it
# forks and waits for) and the medians. Writes nothing under the source tree.
#
# Usage: bench/ab_import.sh BUILD_A BUILD_B [ROUNDS] [SIZE] [DB]
#   BUILD_*  Release build folders with invhost and the FSM adapter (in adapters/); one of them
#            with fsm-simulator
#   ROUNDS   runs of each build (default 3); SIZE small|medium|large (default large);
#   DB       sqlite (default) or postgresql (BENCH_PG as in bench/run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
a=$1 b=$2 rounds=${3:-3} size=${4:-large} db=${5:-sqlite}
declare -A tenant=(
  [small]="--apps 20 --licenses-per-app 3 --users-per-app 500 --people 4000"
  [medium]="--apps 200 --licenses-per-app 3 --users-per-app 1000 --people 40000"
  [large]="--apps 1000 --licenses-per-app 3 --users-per-app 1000 --people 200000"
)
pg_keywords=${BENCH_PG:-dbname=invhost_bench user=invhost password=invhost host=127.0.0.1}
pg_db=$(sed -n 's/.*dbname=\([^ ]*\).*/\1/p' <<<"$pg_keywords")
work=$(mktemp -d /tmp/invhost-ab.XXXXXX)
bash scripts/make-test-ca.sh "$work/tls" >/dev/null
umask 077
printf '%s' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')" >"$work/refresh-token"
umask 022

# The simulator of whichever build has one (both serve the same tenant).
sim_bin=$a/tests/fsm_simulator/fsm-simulator
[ -x "$sim_bin" ] || sim_bin=$b/tests/fsm_simulator/fsm-simulator
# shellcheck disable=SC2086
"$sim_bin" --port 0 --org 4242 --seed 11 --reference-date 2025-06-01 \
  --refresh-token-file "$work/refresh-token" --tls-cert "$work/tls/server.crt" \
  --tls-key "$work/tls/server.key" ${tenant[$size]} >"$work/sim.out" 2>"$work/sim.log" &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 400); do grep -q "listening on" "$work/sim.out" 2>/dev/null && break; sleep 0.05; done
sim_url=$(grep -o 'https://[^ ]*' "$work/sim.out" | head -n 1)

# one BUILD LABEL: one import into a fresh database; appends "label wall cpu user sys rss" to results.
one() {
  local build=$1 label=$2 home=$work/home-$2-$RANDOM dbcs
  mkdir -p "$home"
  if [ "$db" = sqlite ]; then dbcs="sqlite://$home/bench.db"; else
    PGPASSWORD=invhost psql -q -h 127.0.0.1 -U invhost -d postgres -c "DROP DATABASE IF EXISTS $pg_db" \
      -c "CREATE DATABASE $pg_db" >/dev/null
    dbcs="postgresql://$pg_keywords"
  fi
  INVHOST_ADAPTER_PATH=$build/adapters "$build/host_sdk/cli/invhost" --home "$home" --db "$dbcs" connectors add \
    bench-fsm --adapter flexera-saas-manager --set org_id=4242 --set api_url="$sim_url" \
    --set token_url="$sim_url/oidc/token" --set ca_file="$work/tls/ca.crt" --set requests_per_minute=100000 \
    --secret refresh_token="file:$work/refresh-token" >/dev/null
  INVHOST_ADAPTER_PATH=$build/adapters /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
    "$build/host_sdk/cli/invhost" --home "$home" --db "$dbcs" run bench-fsm --stage-only >"$work/run.out"
  grep -q ": staged" "$work/run.out" || { cat "$work/run.out" >&2; exit 1; }
  read -r wall user sys rss <"$work/time.txt"
  printf '%s %s %.2f %s %s %d\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$((rss / 1024))" \
    | tee -a "$work/results.txt"
  rm -rf "$home"
}

echo "label wall_s cpu_s user_s sys_s max_rss_mib"
for i in $(seq 1 "$rounds"); do
  if [ $((i % 2)) = 1 ]; then one "$a" A; one "$b" B; else one "$b" B; one "$a" A; fi
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for l in A B; do
  echo "$l median: wall $(awk -v l=$l '$1 == l { print $2 }' "$work/results.txt" | median) s," \
    "cpu $(awk -v l=$l '$1 == l { print $3 }' "$work/results.txt" | median) s"
done
rm -rf "$work"
