# Tenant sizes of the benchmarks: fsm-simulator arguments (1,000,000 app users for large, as
# documented in docs/performance.md). Sourced by bench/run.sh and bench/console.sh.
# shellcheck disable=SC2034
declare -A tenant=(
  [small]="--apps 20 --licenses-per-app 3 --users-per-app 500 --people 4000"
  [medium]="--apps 200 --licenses-per-app 3 --users-per-app 1000 --people 40000"
  [large]="--apps 1000 --licenses-per-app 3 --users-per-app 1000 --people 200000"
)
