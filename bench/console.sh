#!/usr/bin/env bash
# The console benchmark: a tenant served by the simulator, imported with `invhost` into SQLite
# and PostgreSQL, then `invhost serve` asked by `wrk` at 1 and 20 concurrent clients for the
# overview, the license list sorted by shortfall, the largest license's page and its consumption
# tab (p50/p95), and its consumption CSV (rows/s); the server's peak RSS (VmHWM); beside a floor,
# the same rows read by `sqlite3` / `psql`. Not part of ctest.
#
# Usage: bench/console.sh [--sizes medium,large] [--dbs sqlite,postgresql] [--seconds 10]
#                         [--write-docs]
# Results: build/bench-console/results.json and a Markdown table beside it; --write-docs also
# puts the table in the "Console" section of docs/performance.md.
# Env:   BUILD_DIR, BENCH_PG, BENCH_WORK as for bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=medium,large
dbs=sqlite,postgresql
seconds=10
write_docs=0
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --dbs) dbs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --write-docs) write_docs=1; shift ;;
    *) echo "console bench: unknown argument $1" >&2; exit 64 ;;
  esac
done

bench_name="console bench"
bench_tools="wrk curl jq sqlite3 psql python3"
# shellcheck source=bench/setup.sh
. bench/setup.sh
out_dir=$root/build/bench-console
mkdir -p "$out_dir"
results=$work/results.jsonl
: >"$results"
as_of=$sim_reference_date

now() { date +%s.%N; }
ms_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The bench account's password: throwaway, never printed.
(umask 077 && printf '%s' "$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')" >"$work/password")

serve_pid=
stop_pid() { if [ -n "$1" ]; then kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi; }
stop_all() { stop_pid "$serve_pid"; serve_pid=; stop_sim; }
trap stop_all EXIT

# db_query BACKEND HOME SQL: the rows as CSV on stdout.
db_query() {
  if [ "$1" = sqlite ]; then sqlite3 -csv "$2/bench.db" "$3"; else psql -X -q -A -F, -t "$pg_keywords" -c "$3"; fi
}

# floor_ms BACKEND HOME SQL: median wall time of 5 runs of the query by the database's own client,
# rows written to /dev/null (the client's start included, as a script would pay it).
floor_ms() {
  for _ in 1 2 3 4 5; do
    t0=$(now)
    db_query "$1" "$2" "$3" >/dev/null
    ms_since "$t0"
    echo
  done | median
}

# load URL CLIENTS: one wrk run of $seconds s; prints its JSON line.
load() {
  local threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$2" -d"${seconds}s" --latency -s bench/wrk_percentiles.lua \
    -H "Cookie: invhost_session=$cookie" "$1" | sed -n 's/^WRK_JSON //p'
}

ci_note=
if pgrep -f '\.ci/run' >/dev/null; then ci_note="a CI run was going"; fi
machine=$(machine_json "$ci_note")
echo "console bench: machine $machine"

for size in ${sizes//,/ }; do
  [ -n "${tenant[$size]:-}" ] || { echo "console bench: unknown size $size" >&2; exit 64; }
  echo "== $size: fsm-simulator ${tenant[$size]}"
  # shellcheck disable=SC2086
  start_sim ${tenant[$size]}
  for db in ${dbs//,/ }; do
    home=$work/home-$size-$db
    rm -rf "$home"
    mkdir -m 700 -p "$home"
    dbcs=$(fresh_db "$db" "$home")
    ih() { "$invhost_bin" --home "$home" --db "$dbcs" "$@"; }
    add_connector "$home" "$dbcs" --set requests_per_minute=100000
    t0=$(now)
    ih run bench-fsm >"$work/run.out"
    ih reconcile --as-of "$as_of" >/dev/null
    echo "   $db: imported, merged and reconciled in $(ms_since "$t0") ms"
    ih users add bench --role viewer <"$work/password" >/dev/null

    # Started directly (not through ih): $! must be the server itself, whose VmHWM is read.
    "$invhost_bin" --home "$home" --db "$dbcs" serve --listen 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.log" &
    serve_pid=$!
    for _ in $(seq 1 200); do grep -q "listening on" "$work/serve.out" 2>/dev/null && break; sleep 0.05; done
    base=$(grep -o 'http://[^ ]*' "$work/serve.out" | head -n 1)
    [ -n "$base" ] || { cat "$work/serve.log" >&2; echo "console bench: invhost serve did not start" >&2; exit 1; }
    rm -f "$work/cookies"
    curl -sf -o /dev/null -c "$work/cookies" --data-urlencode name=bench \
      --data-urlencode "password@$work/password" "$base/signin"
    cookie=$(awk '$6 == "invhost_session" { print $7 }' "$work/cookies")
    [ -n "$cookie" ] || { echo "console bench: sign-in failed" >&2; exit 1; }
    # Checking a password (Argon2id) takes 64 MiB for a moment, whatever the tenant.
    signin_hwm_kib=$(awk '/VmHWM/ { print $2 }' "/proc/$serve_pid/status")

    rid=$(db_query "$db" "$home" "SELECT MAX(id) FROM reconciliations WHERE as_of = '$as_of'")
    read -r lid consumed < <(db_query "$db" "$home" \
      "SELECT license_id, consumed FROM license_positions WHERE reconciliation_id = $rid
       ORDER BY consumed DESC, license_id LIMIT 1" | tr ',' ' ')
    echo "   largest license $lid: $consumed consuming users"

    declare -A pages=(
      [overview]="/?as_of=$as_of"
      [licenses]="/licenses?sort=-shortfall&as_of=$as_of"
      [license]="/licenses/$lid?as_of=$as_of"
      [consumption]="/licenses/$lid/consumption?as_of=$as_of"
    )
    # The first request builds the positions: what the first reader after a write waits.
    t0=$(now)
    curl -sf -o /dev/null -b "$work/cookies" "$base${pages[overview]}"
    cold_ms=$(ms_since "$t0")
    echo "   first page (positions built): $cold_ms ms"
    # A license's users are read from the database on its first visit, then kept with the positions.
    t0=$(now)
    curl -sf -o /dev/null -b "$work/cookies" "$base${pages[consumption]}"
    cold_consumption_ms=$(ms_since "$t0")
    echo "   consumption tab, first visit: $cold_consumption_ms ms"

    for page in overview licenses license consumption; do
      for clients in 1 20; do
        r=$(load "$base${pages[$page]}" "$clients")
        echo "   $page, $clients clients: $r"
        jq -nc --arg size "$size" --arg db "$db" --arg page "$page" --arg path "${pages[$page]}" \
          --argjson clients "$clients" --argjson r "$r" \
          '{kind: "page", size: $size, db: $db, page: $page, path: $path, clients: $clients} + $r' \
          >>"$results"
      done
    done

    csv_url="$base/licenses/$lid/consumption.csv?as_of=$as_of"
    csv_rows=$(( $(curl -sf -b "$work/cookies" "$csv_url" | wc -l) - 1 ))
    csv_ms=$(for _ in 1 2 3 4 5; do
      curl -sf -o /dev/null -b "$work/cookies" -w '%{time_total}\n' "$csv_url" |
        awk '{ printf "%.1f\n", $1 * 1000 }'
    done | median)
    rows_per_s=$(awk -v n="$csv_rows" -v ms="$csv_ms" 'BEGIN { printf "%d", n / (ms / 1000) }')
    echo "   consumption CSV: $csv_rows rows in $csv_ms ms ($rows_per_s rows/s)"

    hwm_kib=$(awk '/VmHWM/ { print $2 }' "/proc/$serve_pid/status")
    rss_kib=$(awk '/VmRSS/ { print $2 }' "/proc/$serve_pid/status")
    stop_pid "$serve_pid"
    serve_pid=

    consumption_sql="SELECT au.email, au.domain, c.last_activity_at FROM licenses l
      JOIN consumption c ON c.connection = l.connection AND c.license_external_id = l.external_id
      JOIN accessing_users au ON au.connection = c.connection AND au.external_id = c.accessing_user_external_id
      WHERE l.id = $lid ORDER BY c.last_activity_at"
    positions_sql="SELECT l.id, l.display_name, l.imported_name, p.* FROM license_positions p
      JOIN licenses l ON l.id = p.license_id WHERE p.reconciliation_id = $rid ORDER BY p.shortfall DESC"
    floor_consumption_ms=$(floor_ms "$db" "$home" "$consumption_sql")
    floor_positions_ms=$(floor_ms "$db" "$home" "$positions_sql")
    licenses=$(db_query "$db" "$home" "SELECT COUNT(*) FROM license_positions WHERE reconciliation_id = $rid")
    echo "   floors: consumption rows $floor_consumption_ms ms, $licenses positions $floor_positions_ms ms;" \
      "server peak RSS $(( hwm_kib / 1024 )) MiB"
    jq -nc --arg size "$size" --arg db "$db" --argjson lid "$lid" --argjson consumed "$consumed" \
      --argjson licenses "$licenses" --argjson cold_ms "$cold_ms" --argjson csv_rows "$csv_rows" \
      --argjson cold_consumption_ms "$cold_consumption_ms" --argjson signin_hwm_kib "$signin_hwm_kib" \
      --argjson rss_kib "$rss_kib" \
      --argjson csv_ms "$csv_ms" --argjson rows_per_s "$rows_per_s" --argjson hwm_kib "$hwm_kib" \
      --argjson floor_consumption_ms "$floor_consumption_ms" --argjson floor_positions_ms "$floor_positions_ms" \
      '{kind: "server", size: $size, db: $db, license_id: $lid, consumed: $consumed, licenses: $licenses,
        first_page_ms: $cold_ms, first_consumption_ms: $cold_consumption_ms, csv_rows: $csv_rows, csv_ms: $csv_ms, csv_rows_per_s: $rows_per_s,
        vm_hwm_mib: ($hwm_kib / 1024), signin_hwm_mib: ($signin_hwm_kib / 1024),
        rss_after_mib: ($rss_kib / 1024), floor_consumption_ms: $floor_consumption_ms,
        floor_positions_ms: $floor_positions_ms}' >>"$results"
  done
done
stop_all

python3 bench/console_report.py "$results" "$machine" "$out_dir" \
  "$( [ "$write_docs" = 1 ] && echo "$root/docs/performance.md" || echo -)"
