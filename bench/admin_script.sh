#!/usr/bin/env bash
# What an administrator would script instead of the connector: curl + jq + sqlite3 paging
# through the same FSM endpoints the connector reads (token exchange, managed apps, licenses,
# app users with includeAll=true) into equivalent SQLite tables. The benchmark's alternative.
# Usage: admin_script.sh API_URL TOKEN_URL ORG CA_FILE REFRESH_TOKEN_FILE DB_FILE
set -euo pipefail
api=$1 token_url=$2 org=$3 ca=$4 refresh_file=$5 db=$6

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

token=$(curl -sf --cacert "$ca" --data-urlencode grant_type=refresh_token \
  --data-urlencode "refresh_token=$(head -n 1 "$refresh_file")" "$token_url" | jq -r .access_token)
printf 'header = "Authorization: Bearer %s"\n' "$token" >"$work/auth"  # keeps it off the command line

# fetch_all PATH JQ_FILTER OUT.tsv: every page of one list, rows appended as TSV.
fetch_all() {
  local next=$1 filter=$2 out=$3
  : >"$out"
  while [ -n "$next" ]; do
    curl -sf --cacert "$ca" -K "$work/auth" "$api$next" >"$work/page.json"
    jq -r "$filter" "$work/page.json" >>"$out"
    next=$(jq -r '.nextPage // empty' "$work/page.json")
  done
}

p=/saas/v1/orgs/$org
fetch_all "$p/managed-apps?view=licenseUsage" \
  '.values[] | [.id, .name, (.appName // .name), (.vendorName // ""), (.activityThreshold // 90),
   (if .isActive == null then "" elif .isActive then 1 else 0 end)] | @tsv' "$work/apps.tsv"
# One pass over the license pages gives licenses (L), their terms (T) and their apps (A).
fetch_all "$p/licenses" \
  '.values[] | . as $l | (["L", .id, .name, (.agreementFees[0].currency // ""), (.createdAt // ""),
   (.modifiedAt // "")] | @tsv),
   ((.terms // [])[] | ["T", .id, $l.id, (.name // ""), (.sku // ""), (.termType // ""),
   (.itemsAllowed // 0), (.annualCost // "" | tostring), (.perUserCost // "" | tostring),
   (.effectiveAt // ""), (.endsAt // "")] | @tsv),
   ((.associatedManagedApps // [])[] | ["A", $l.id, .id] | @tsv)' "$work/license_pages.tsv"
for tag in L T A; do grep "^$tag" "$work/license_pages.tsv" | cut -f2- >"$work/$tag.tsv" || true; done
fetch_all "$p/app-users?includeAll=true" \
  '.values[] | . as $u | [.id, ((.email // .uniqueId // ("fsm-app-user:" + .id)) | ascii_downcase),
   (.email // ""), (.firstName // ""), (.lastName // ""), .associatedManagedApp.id,
   ((.licensePaymentAllocations // [])[0].associatedLicenseTerm.id // ""),
   (.activatedAt // ""), (.deactivatedAt // ""), (.lastActivityAt // "")] | @tsv' "$work/app_users.tsv"

rm -f "$db"
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
CREATE TABLE apps (id TEXT PRIMARY KEY, name TEXT, product TEXT, publisher TEXT,
  activity_threshold_days INTEGER, is_active INTEGER);
CREATE TABLE licenses (id TEXT PRIMARY KEY, name TEXT, currency TEXT, created_at TEXT, modified_at TEXT);
CREATE TABLE terms (id TEXT PRIMARY KEY, license_id TEXT, name TEXT, sku TEXT, term_type TEXT,
  items_allowed INTEGER, annual_cost TEXT, per_user_cost TEXT, effective_at TEXT, ends_at TEXT);
CREATE TABLE license_apps (license_id TEXT, app_id TEXT, PRIMARY KEY (license_id, app_id));
CREATE TABLE app_users (id TEXT PRIMARY KEY, person TEXT, email TEXT, first_name TEXT, last_name TEXT,
  app_id TEXT, term_id TEXT, activated_at TEXT, deactivated_at TEXT, last_activity_at TEXT);
.mode tabs
.import $work/apps.tsv apps
.import $work/L.tsv licenses
.import $work/T.tsv terms
.import $work/A.tsv license_apps
.import $work/app_users.tsv app_users
CREATE TABLE people AS SELECT person, max(email) AS email, max(first_name) AS first_name,
  max(last_name) AS last_name FROM app_users GROUP BY person;
SQL
echo "admin_script: $(sqlite3 "$db" 'SELECT count(*) FROM apps') apps, $(sqlite3 "$db" \
  'SELECT count(*) FROM licenses') licenses, $(sqlite3 "$db" 'SELECT count(*) FROM app_users') app users"
