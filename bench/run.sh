#!/usr/bin/env bash
# The import benchmark: FSM tenants of three sizes served by the simulator, imported with
# `invhost` into SQLite and PostgreSQL, beside the physical floors (curl download of the same
# pages, sqlite3 .import / COPY of the same rows) and the curl+jq+sqlite3 script an administrator
# would write; then a rate-limited run. Results: build/bench/latest.json and a Markdown table;
# --write-docs writes them to bench/results/latest.json and the results section of
# docs/performance.md instead (the only way it changes a tracked file). Not part of ctest.
#
# Usage: bench/run.sh [--sizes small,medium,large] [--dbs sqlite,postgresql] [--no-admin]
#                     [--admin-sizes small,medium] [--no-rate-limited] [--write-docs]
# The admin script runs on --admin-sizes only (default small,medium: it needs about 180 ms per
# page here, half an hour on the large tenant); on other sizes its time is extrapolated from the
# slowest measured seconds per page and marked so.
# Env:   BUILD_DIR   a Release build with invhost, fsm-simulator and the FSM adapter
#                    (default build/release: cmake --preset release)
#        BENCH_PG    libpq keywords of a database the script may drop and recreate
#                    (default dbname=invhost_bench user=invhost password=invhost host=127.0.0.1)
#        BENCH_WORK  scratch folder (default: a fresh one under /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=small,medium,large
dbs=sqlite,postgresql
admin=1
admin_sizes=small,medium
rate_limited=1
docs=0
while [ $# -gt 0 ]; do
  case $1 in
    --sizes) sizes=$2; shift 2 ;;
    --dbs) dbs=$2; shift 2 ;;
    --no-admin) admin=0; shift ;;
    --admin-sizes) admin_sizes=$2; shift 2 ;;
    --no-rate-limited) rate_limited=0; shift ;;
    --write-docs) docs=1; shift ;;
    *) echo "bench: unknown argument $1" >&2; exit 64 ;;
  esac
done

bench_name=bench
bench_tools="/usr/bin/time curl jq sqlite3 python3"
# shellcheck source=bench/setup.sh
. bench/setup.sh
results=$work/results.jsonl
: >"$results"
rate_tenant="--apps 30 --licenses-per-app 2 --users-per-app 1000 --people 8000"
tables="staged_applications staged_licenses staged_license_applications staged_entitlements staged_accessing_users staged_consumption"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
max_rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
stat_of() { curl -sf --cacert "$work/tls/ca.crt" "$sim_url/_sim/stats" | jq -r "$1"; }

trap stop_sim EXIT

access_token() {
  curl -sf --cacert "$work/tls/ca.crt" --data-urlencode grant_type=refresh_token \
    --data-urlencode "refresh_token@$work/refresh-token" "$sim_url/oidc/token" | jq -r .access_token
}

pg() { psql -q -X "$pg_keywords" "$@"; }

# Explicit link templates keep the runs independent of the connector's defaults.
links=(--set "license_link_template=https://app.flexera.com/orgs/{org_id}/saas/licenses/{license_id}"
  --set "application_link_template=https://app.flexera.com/orgs/{org_id}/saas/managed-apps/{application_id}")
has_stage_only=0
"$invhost_bin" run --help 2>&1 | grep -q -- --stage-only && has_stage_only=1
has_apply=0
"$invhost_bin" runs apply --help >/dev/null 2>&1 && has_apply=1
has_reconcile=0
"$invhost_bin" reconcile --help >/dev/null 2>&1 && has_reconcile=1

machine=$(machine_json "")
echo "bench: machine $machine"

for size in ${sizes//,/ }; do
  [ -n "${tenant[$size]:-}" ] || { echo "bench: unknown size $size" >&2; exit 64; }
  echo "== $size: fsm-simulator ${tenant[$size]}"
  # shellcheck disable=SC2086
  start_sim ${tenant[$size]}

  # Floor 1: exactly the pages the connector fetches, one curl process, one kept-alive connection.
  access_token >"$work/access-token"
  python3 bench/list_pages.py "$sim_url" 4242 "$work/tls/ca.crt" "$work/access-token" >"$work/urls.txt"
  pages=$(wc -l <"$work/urls.txt")
  {
    printf 'header = "Authorization: Bearer %s"\n' "$(cat "$work/access-token")"
    printf 'cacert = "%s"\nsilent\nfail\n' "$work/tls/ca.crt"
    while read -r u; do printf 'url = "%s"\noutput = "/dev/null"\n' "$u"; done <"$work/urls.txt"
  } >"$work/curl.cfg"
  t0=$(now)
  curl -K "$work/curl.cfg"
  download_s=$(elapsed "$t0" "$(now)")
  echo "   download floor: $pages pages in $download_s s"

  admin_s=null
  if [ "$admin" = 1 ] && [[ ",$admin_sizes," == *",$size,"* ]]; then
    t0=$(now)
    bash bench/admin_script.sh "$sim_url" "$sim_url/oidc/token" 4242 "$work/tls/ca.crt" \
      "$work/refresh-token" "$work/admin.db" >"$work/admin.out"
    admin_s=$(elapsed "$t0" "$(now)")
    echo "   admin script: $admin_s s ($(cat "$work/admin.out"))"
  fi

  for db in ${dbs//,/ }; do
    home=$work/home-$size-$db
    rm -rf "$home"
    mkdir -p "$home"
    dbcs=$(fresh_db "$db" "$home")
    add_connector "$home" "$dbcs" --set requests_per_minute=100000 "${links[@]}"

    before=$(stat_of .totalRequests)
    before_429=$(stat_of .rateLimited)
    before_tokens=$(stat_of .tokensIssued)
    stage_flag=()
    [ "$has_stage_only" = 1 ] && stage_flag=(--stage-only)
    t0=$(now)
    /usr/bin/time -v -o "$work/time-run.txt" "$invhost_bin" --home "$home" --db "$dbcs" run bench-fsm \
      "${stage_flag[@]}" >"$work/run.out"
    import_s=$(elapsed "$t0" "$(now)")
    requests=$(( $(stat_of .totalRequests) - before ))
    tokens=$(( $(stat_of .tokensIssued) - before_tokens ))
    rejected=$(( $(stat_of .rateLimited) - before_429 ))
    run_id=$(sed -n 's/^run \([0-9]*\):.*/\1/p' "$work/run.out" | head -n 1)
    staging_s=$(sed -n 's/.*(staging \([0-9.]*\) s.*/\1/p' "$work/run.out")
    fetch_s=$(sed -n 's/.*fetch+parse+map \([0-9.]*\) s).*/\1/p' "$work/run.out")
    records=$(awk '/ records / { n += $2 } END { print n + 0 }' "$work/run.out")
    app_users=$(awk '$1 == "consumption" { print $2 }' "$work/run.out")
    import_rss=$(max_rss_mib "$work/time-run.txt")
    grep -q ": staged" "$work/run.out" || { cat "$work/run.out" >&2; echo "bench: the import did not stage" >&2; exit 1; }

    merge_s=null reconcile_s=null merge_rss=null reconcile_rss=null
    if [ "$has_stage_only" = 1 ] && [ "$has_apply" = 1 ]; then
      t0=$(now)
      /usr/bin/time -v -o "$work/time-merge.txt" "$invhost_bin" --home "$home" --db "$dbcs" runs apply "$run_id" \
        >"$work/merge.out"
      merge_s=$(elapsed "$t0" "$(now)")
      merge_rss=$(max_rss_mib "$work/time-merge.txt")
    fi
    if [ "$has_reconcile" = 1 ] && [ "$merge_s" != null ]; then
      t0=$(now)
      /usr/bin/time -v -o "$work/time-rec.txt" "$invhost_bin" --home "$home" --db "$dbcs" reconcile \
        --as-of 2025-06-01 >"$work/reconcile.out"
      reconcile_s=$(elapsed "$t0" "$(now)")
      reconcile_rss=$(max_rss_mib "$work/time-rec.txt")
    fi

    # Floor 2: the same staged rows loaded by the database's own bulk loader (export untimed).
    rm -rf "$work/csv"
    mkdir -p "$work/csv"
    if [ "$db" = sqlite ]; then
      dbfile=$home/bench.db
      for t in $tables; do
        sqlite3 -csv "$dbfile" "SELECT * FROM $t WHERE run_id = $run_id" >"$work/csv/$t.csv"
      done
      rm -f "$work/floor.db"
      # Same page size as ours: a floor with another layout would not be the same work.
      page_size=$(sqlite3 "$dbfile" "PRAGMA page_size")
      { echo "PRAGMA page_size = $page_size;"; echo "PRAGMA journal_mode = WAL;"; sqlite3 "$dbfile" ".schema staged_%"; } \
        | sqlite3 "$work/floor.db" >/dev/null
      { echo "BEGIN;"; for t in $tables; do echo ".import --csv $work/csv/$t.csv $t"; done; echo "COMMIT;"; } \
        >"$work/floor.sql"
      t0=$(now)
      sqlite3 "$work/floor.db" <"$work/floor.sql"
      write_s=$(elapsed "$t0" "$(now)")
    else
      for t in $tables; do
        pg -c "\\copy (SELECT * FROM $t WHERE run_id = $run_id) TO '$work/csv/$t.csv' CSV"
        pg -c "DROP TABLE IF EXISTS floor_$t" -c "CREATE TABLE floor_$t (LIKE $t INCLUDING ALL)"
      done
      { for t in $tables; do echo "\\copy floor_$t FROM '$work/csv/$t.csv' CSV"; done; } >"$work/floor.sql"
      t0=$(now)
      pg -1 -f "$work/floor.sql"
      write_s=$(elapsed "$t0" "$(now)")
      for t in $tables; do pg -c "DROP TABLE floor_$t"; done
    fi
    echo "   $db: import $import_s s (staging $staging_s s, fetch+parse+map $fetch_s s), merge $merge_s s," \
      "reconcile $reconcile_s s, $records records, $requests requests, RSS $import_rss MiB; write floor $write_s s"

    jq -nc --arg size "$size" --arg db "$db" --arg tenant "${tenant[$size]}" \
      --argjson pages "$pages" --argjson download_s "$download_s" --argjson write_s "$write_s" \
      --argjson admin_s "$( [ "$db" = sqlite ] && echo "$admin_s" || echo null)" \
      --argjson import_s "$import_s" --argjson staging_s "${staging_s:-null}" --argjson fetch_s "${fetch_s:-null}" \
      --argjson merge_s "$merge_s" --argjson reconcile_s "$reconcile_s" \
      --argjson import_rss "$import_rss" --argjson merge_rss "$merge_rss" --argjson reconcile_rss "$reconcile_rss" \
      --argjson records "$records" --argjson app_users "${app_users:-0}" \
      --argjson requests "$requests" --argjson tokens "$tokens" --argjson rejected "$rejected" \
      '{kind: "import", size: $size, db: $db, tenant: $tenant, pages: $pages, requests: $requests,
        token_requests: $tokens, rate_limited: $rejected, records: $records, app_users: $app_users,
        import_s: $import_s, staging_s: $staging_s, fetch_parse_map_s: $fetch_s, merge_s: $merge_s,
        reconcile_s: $reconcile_s, rss_mib: {import: $import_rss, merge: $merge_rss, reconcile: $reconcile_rss},
        download_floor_s: $download_s, write_floor_s: $write_s, admin_script_s: $admin_s}' >>"$results"
  done
done

if [ "$rate_limited" = 1 ]; then
  echo "== rate-limited: fsm-simulator $rate_tenant --rate-limit 500, connector at its default pace"
  # shellcheck disable=SC2086
  start_sim $rate_tenant --rate-limit 500
  home=$work/home-rate
  rm -rf "$home"
  mkdir -p "$home"
  dbcs="sqlite://$home/bench.db"
  add_connector "$home" "$dbcs" "${links[@]}"
  stage_flag=()
  [ "$has_stage_only" = 1 ] && stage_flag=(--stage-only)
  t0=$(now)
  "$invhost_bin" --home "$home" --db "$dbcs" run bench-fsm "${stage_flag[@]}" >"$work/run.out"
  wall_s=$(elapsed "$t0" "$(now)")
  requests=$(stat_of .totalRequests)
  tokens=$(stat_of .tokensIssued)
  rejected=$(stat_of .rateLimited)
  echo "   $requests API requests + $tokens token requests in $wall_s s, $rejected answered 429"
  jq -nc --arg tenant "$rate_tenant" --argjson requests "$requests" --argjson tokens "$tokens" \
    --argjson rejected "$rejected" --argjson wall_s "$wall_s" --argjson rate 500 \
    '{kind: "rate_limited", tenant: $tenant, rate_per_minute: $rate, requests: $requests,
      token_requests: $tokens, rate_limited: $rejected, wall_s: $wall_s}' >>"$results"
  stop_sim
fi

if [ "$docs" = 1 ]; then
  python3 bench/report.py "$results" "$machine" "$root/bench/results/latest.json" "$root/docs/performance.md"
else
  mkdir -p "$root/build/bench"
  python3 bench/report.py "$results" "$machine" "$root/build/bench/latest.json" -
fi
