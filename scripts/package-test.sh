#!/usr/bin/env bash
# The Debian package as an administrator meets it, on this machine (root, Debian 12):
#  1. builds the packages (cpack) from the release build, and checks them with lintian;
#  2. installs invhost with dpkg -i and checks the layout, the system user and its home, the
#     conffile, the units (systemd-analyze verify, security score at most 2.0) and that no file
#     names this checkout;
#  3. as the user invhost, with the installed binary and adapters only, adds a connection to the
#     FSM simulator over HTTPS, checks it and runs the nightly import under strace: what the host
#     and its adapter child do must pass the unit's sandbox (scripts/check-sandbox-trace.py);
#  4. builds the sample adapter against the installed invsdk-dev and loads it, then purges both
#     packages and checks that nothing they installed or made is left, except the system
#     user, which Debian policy keeps.
#     (Steps 3 and 4 also install the package again over itself: the home stays.)
# It cleans up whatever happens (the packages purged, the simulator stopped, a user it created
# removed). It refuses to run where invhost or invsdk-dev is already installed.
# Usage: scripts/package-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build="$root/build/release"
unit_dir=/lib/systemd/system
home=/var/lib/invhost
# The installed host must find its adapters on its own, whatever the caller's environment says.
unset INVHOST_ADAPTER_PATH INVHOST_HOME

fail() { echo "package-test: FAIL: $*" >&2; exit 1; }
step() { echo "package-test: $*"; }
# Installed, or left in any state short of purged (unpacked, half-configured, config-files...).
on_this_machine() {
  local status
  status=$(dpkg-query -W -f='${db:Status-Status}' "${1:-invhost}" 2>/dev/null) || return 1
  [ -n "$status" ] && [ "$status" != not-installed ]
}

[ "$(id -u)" -eq 0 ] || fail "run as root: it installs and purges a package"
for package in invhost invsdk-dev; do
  if on_this_machine "$package"; then
    fail "a package $package is already on this machine; this test would replace it"
  fi
done

bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target fsm-simulator

work=$(mktemp -d)
sim_pid=""
user_existed=no
getent passwd invhost >/dev/null && user_existed=yes
cleanup() {
  local status=$?
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null
  for package in invsdk-dev invhost; do
    if on_this_machine "$package"; then
      dpkg --purge "$package" >/dev/null 2>&1 || echo "package-test: could not purge $package" >&2
    fi
  done
  if [ "$user_existed" = no ] && getent passwd invhost >/dev/null; then
    deluser --quiet --system invhost >/dev/null 2>&1 || true
    getent group invhost >/dev/null && delgroup --quiet --system invhost >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # a stopped test cleans up too

# 1. The packages.
step "building the packages"
bash scripts/build-package.sh "$work/debs" >"$work/build-package.log" 2>&1 || { tail -n 40 "$work/build-package.log"; fail "scripts/build-package.sh"; }
deb=$(ls "$work"/debs/invhost_*_amd64.deb)
sdk_deb=$(ls "$work"/debs/invsdk-dev_*_all.deb)
step "built $(basename "$deb") and $(basename "$sdk_deb")"
lintian --fail-on error,warning \
  "$deb" "$sdk_deb" >"$work/lintian.txt" 2>&1 || { cat "$work/lintian.txt"; fail "lintian"; }
dpkg-deb -f "$deb" Depends | grep -q "libsoci-core" || fail "Depends does not come from the shared libraries: $(dpkg-deb -f "$deb" Depends)"
dpkg-deb -c "$sdk_deb" >"$work/sdk-files.txt"
for f in usr/include/invsdk/adapter.h usr/lib/cmake/invsdk/invsdkConfig.cmake usr/share/invsdk/manifest.schema.json; do
  grep -q " \./$f\$" "$work/sdk-files.txt" || fail "invsdk-dev has no /$f"
done

# 2. Install, layout.
step "installing with dpkg -i"
dpkg -i "$deb" >"$work/install.log" 2>&1 || {
  # Dependencies missing on this machine: apt fetches them, then the install completes.
  apt-get install -f -y -qq >>"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "dpkg -i"; }
}
dpkg-query -W -f='${Status}' invhost | grep -q "install ok installed" || { cat "$work/install.log"; fail "invhost is not installed"; }
dpkg -L invhost >"$work/files.txt"

[ -x /usr/bin/invhost ] || fail "no /usr/bin/invhost"
for manifest in manifest/*.json; do
  name=$(basename "$manifest")
  [ "$name" = manifest.schema.json ] && continue
  library=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["library"])' "$manifest")
  for f in "$name" "$library"; do
    [ -f "/usr/lib/invhost/adapters/$f" ] || fail "/usr/lib/invhost/adapters/$f is missing"
  done
done
for f in /usr/share/doc/invhost/copyright /usr/share/doc/invhost/changelog.Debian.gz \
  /usr/share/doc/invhost/nightly.md /usr/share/man/man1/invhost.1.gz \
  /usr/share/bash-completion/completions/invhost \
  /etc/invhost/invhost.toml "$unit_dir/invhost-nightly.service" "$unit_dir/invhost-nightly.timer" \
  "$unit_dir/invhost-console.service"; do
  [ -f "$f" ] || fail "$f is missing"
done
dpkg-query -W -f='${Conffiles}\n' invhost | grep -q "^ /etc/invhost/invhost.toml " || fail "/etc/invhost/invhost.toml is not a conffile"

# Nothing installed names the checkout it was built from.
while IFS= read -r f; do
  [ -f "$f" ] && grep -q -a -F "$root" "$f" && fail "$f names the build machine's $root"
done <"$work/files.txt"
[ "$(strings /usr/bin/invhost | grep -c -F "$root")" = 0 ] || fail "/usr/bin/invhost names $root"

# The system user and its home.
IFS=: read -r _ _ uid _ _ user_home shell < <(getent passwd invhost)
[ "$uid" -lt 1000 ] || fail "invhost is not a system user (uid $uid)"
[ "$user_home" = "$home" ] || fail "the home of invhost is $user_home"
case "$shell" in */nologin | */false) ;; *) fail "invhost can log in (shell $shell)" ;; esac
[ "$(stat -c '%U %a' "$home")" = "invhost 700" ] || fail "$home is $(stat -c '%U %a' "$home")"
[ "$(stat -c '%U %a' "$home/invhost.toml")" = "invhost 600" ] || fail "$home/invhost.toml is $(stat -c '%U %a' "$home/invhost.toml")"

# The units.
systemd-analyze verify "$unit_dir/invhost-nightly.service" "$unit_dir/invhost-nightly.timer" \
  "$unit_dir/invhost-console.service" >"$work/verify.txt" 2>&1 ||
  { cat "$work/verify.txt"; fail "systemd-analyze verify"; }
[ ! -s "$work/verify.txt" ] || { cat "$work/verify.txt"; fail "systemd-analyze verify is not silent"; }
systemd-analyze security --offline=true --threshold=20 "$unit_dir/invhost-nightly.service" >"$work/security.txt" 2>&1 ||
  { tail -n 40 "$work/security.txt"; fail "the service's exposure is over 2.0"; }
step "$(grep -o 'Overall exposure level.*' "$work/security.txt")"
systemd-analyze security --offline=true --threshold=20 "$unit_dir/invhost-console.service" >"$work/console-security.txt" 2>&1 ||
  { tail -n 40 "$work/console-security.txt"; fail "the console service's exposure is over 2.0"; }
step "console: $(grep -o 'Overall exposure level.*' "$work/console-security.txt")"

# The command line. When the version option exists, check it instead of the help:
#   /usr/bin/invhost --version | grep -q "$(dpkg-query -W -f='${Version}' invhost | cut -d- -f1)"
help=$(/usr/bin/invhost --help 2>&1) || fail "invhost --help"
if grep -q -- "--version" <<<"$help"; then
  /usr/bin/invhost --version >"$work/version.txt" 2>&1 || fail "invhost --version"
  grep -q -F "$(dpkg-query -W -f='${Version}' invhost | cut -d- -f1)" "$work/version.txt" ||
    fail "invhost --version does not give the package's version: $(cat "$work/version.txt")"
else
  # SWITCH to the --version check above once the command line has it.
  grep -q "nightly" <<<"$help" || fail "invhost --help does not list nightly"
fi

# The administrator's commands of docs/nightly.md that need the package, exactly as written (sudo
# included); FSM's host names lead to a simulator there (tests/docs/run_doc_commands.py says how).
# The connection they add goes again, so that the import below starts from a new home.
step "running the documentation's commands for the installed package"
python3 tests/docs/run_doc_commands.py --package "$root" "$build/tests/fsm_simulator/fsm-simulator" \
  >"$work/doc-commands.txt" 2>&1 || { cat "$work/doc-commands.txt"; fail "the documentation's commands"; }
step "$(tail -n 1 "$work/doc-commands.txt")"
runuser -u invhost -- /usr/bin/invhost --home "$home" connectors remove acme-fsm >/dev/null ||
  fail "connectors remove acme-fsm"

# 3. An import through the installed binary and adapters, as the invhost user.
step "importing from the FSM simulator as the invhost user"
simulator="$build/tests/fsm_simulator/fsm-simulator"
tenant=(--org 4242 --seed 5 --apps 6 --licenses-per-app 2 --people 200 --users-per-app 30)
"$simulator" "${tenant[@]}" --dump-tenant "$work/served" >/dev/null
bash scripts/make-test-ca.sh "$work/tls" >/dev/null
# The invhost user reads the CA certificate; the keys stay root's.
chmod 0755 "$work" "$work/tls"
chmod 0644 "$work/tls/ca.crt"
umask 077
printf 'rt-%s' "$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$work/refresh-token"
umask 022
"$simulator" "${tenant[@]}" --port 0 --refresh-token-file "$work/refresh-token" \
  --tls-cert "$work/tls/server.crt" --tls-key "$work/tls/server.key" >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/sim.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'https://[^ ]*' "$work/sim.out" | head -n 1)
[ -n "$url" ] || { cat "$work/sim.err"; fail "the simulator did not start"; }

# The secret reaches the host as the service's would: from /etc/invhost/secrets.env, exactly as
# docs/nightly.md creates it.
install -D -m 0600 /dev/null /etc/invhost/secrets.env
printf 'FSM_REFRESH_TOKEN=%s\n' "$(cat "$work/refresh-token")" >/etc/invhost/secrets.env
as_invhost() {
  env -i PATH=/usr/bin:/bin INVHOST_HOME="$home" INVHOST_ADAPTER_PATH="${INVHOST_ADAPTER_PATH:-}" \
    FSM_REFRESH_TOKEN="$(sed -n 's/^FSM_REFRESH_TOKEN=//p' /etc/invhost/secrets.env)" \
    setpriv --reuid invhost --regid invhost --init-groups -- "$@"
}
as_invhost /usr/bin/invhost adapters list --format json >"$work/adapters.json" || fail "adapters list"
python3 - "$work/adapters.json" <<'PY' || fail "the installed host does not load exactly the installed adapters"
import json, sys
listed = json.load(open(sys.argv[1]))
outside = [a["library"] for a in listed["adapters"] if not a["library"].startswith("/usr/lib/invhost/adapters/")]
ids = {a["id"] for a in listed["adapters"]}
if outside or listed["problems"] or "flexera-saas-manager" not in ids:
    print(f"adapters {sorted(ids)}, outside the package: {outside}, problems: {listed['problems']}")
    sys.exit(1)
PY
as_invhost /usr/bin/invhost connectors add acme-fsm --adapter flexera-saas-manager --set org_id=4242 \
  --set api_url="$url" --set token_url="$url/oidc/token" --set ca_file="$work/tls/ca.crt" \
  --secret refresh_token=env:FSM_REFRESH_TOKEN >"$work/add.txt" 2>&1 || { cat "$work/add.txt"; fail "connectors add"; }
# Exactly as docs/nightly.md has the administrator check a connection.
sh -c 'set -a; . /etc/invhost/secrets.env; exec runuser -u invhost -- invhost --home /var/lib/invhost connectors check acme-fsm' \
  >"$work/check.txt" 2>&1 || { cat "$work/check.txt"; fail "connectors check"; }
grep -q "authenticated to org 4242" "$work/check.txt" || { cat "$work/check.txt"; fail "connectors check does not say what it found"; }
# strace runs as invhost too: it records the host and its forked adapter child, nothing of setpriv.
install -d -o invhost -g invhost -m 0700 "$work/trace"
as_invhost strace -f -qq -o "$work/trace/strace.txt" /usr/bin/invhost nightly --wait >"$work/nightly.txt" 2>&1 ||
  { cat "$work/nightly.txt"; fail "nightly"; }
as_invhost /usr/bin/invhost report --format json >"$work/report.json" 2>"$work/report.err" || { cat "$work/report.err"; fail "report"; }
python3 - "$work/report.json" "$work/served/summary.json" <<'PY' || fail "the report does not hold the licenses the simulator served"
import json, sys
report, served = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
reported = {l["external_id"] for l in report["licenses"]}
if len(reported) != served["licenses"]:
    print(f"reported {len(reported)} licenses, served {served['licenses']}")
    sys.exit(1)
PY
[ "$(stat -c '%U %a' "$home/invhost.db")" = "invhost 600" ] || fail "the database is $(stat -c '%U %a' "$home/invhost.db")"
if grep -r -q -a -F "$(cat "$work/refresh-token")" "$home"; then fail "the secret's value was written under $home"; fi
step "imported $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["licenses"]))' "$work/report.json") licenses"

# Systemd cannot start the unit here when it is not PID 1 (a container): the import's trace is
# checked against the unit's sandbox instead (system calls, socket families, W^X, namespaces).
python3 scripts/check-sandbox-trace.py "$work/trace/strace.txt" "$unit_dir/invhost-nightly.service" >"$work/sandbox.txt" ||
  { cat "$work/sandbox.txt"; fail "the unit's sandbox would refuse what the host does"; }
step "$(cat "$work/sandbox.txt")"

# The console as its unit runs it (here on a free port), under strace: it serves the sign-in page
# and, to an account made with `invhost users add`, the overview; its system calls fit its unit.
console_password="package test console password"
printf '%s\n' "$console_password" | as_invhost /usr/bin/invhost users add admin --role admin \
  >"$work/users.txt" 2>&1 || { cat "$work/users.txt"; fail "users add"; }
as_invhost strace -f -qq -o "$work/trace/console-strace.txt" /usr/bin/invhost serve \
  --listen 127.0.0.1:0 >"$work/console.out" 2>"$work/console.err" &
strace_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/console.out" 2>/dev/null && break
  sleep 0.1
done
console=$(grep -o 'http://[^ ]*' "$work/console.out" | head -n 1)
[ -n "$console" ] || { cat "$work/console.err"; fail "the console did not start"; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "$console/signin")" = 200 ] || fail "the sign-in page"
[ "$(curl -s -o /dev/null -w '%{http_code}' -c "$work/cookies" --data-urlencode name=admin \
  --data-urlencode "password=$console_password" "$console/signin")" = 303 ] || fail "signing in"
curl -s -b "$work/cookies" "$console/" >"$work/overview.html" || fail "the overview"
grep -q "<h1>Overview</h1>" "$work/overview.html" || { head -c 2000 "$work/overview.html"; fail "the overview is not served"; }
pkill -TERM -f "^/usr/bin/invhost serve --listen 127.0.0.1:0" || fail "the console is not running"
wait "$strace_pid" || { cat "$work/console.err"; fail "the console did not stop cleanly on SIGTERM"; }
python3 scripts/check-sandbox-trace.py "$work/trace/console-strace.txt" "$unit_dir/invhost-console.service" \
  >"$work/console-sandbox.txt" || { cat "$work/console-sandbox.txt"; fail "the console unit's sandbox would refuse what it does"; }
step "console: $(cat "$work/console-sandbox.txt")"

# An adapter author's view: build the sample adapter against the installed invsdk-dev alone,
# and the installed host loads it.
step "building an adapter against the installed invsdk-dev"
dpkg -i "$sdk_deb" >"$work/sdk-install.log" 2>&1 || { cat "$work/sdk-install.log"; fail "dpkg -i invsdk-dev"; }
dpkg -L invsdk-dev >"$work/sdk-installed.txt"
{ cmake -S tests/sdk_package/sample_adapter -B "$work/sample" -G Ninja -DCMAKE_BUILD_TYPE=Release &&
  cmake --build "$work/sample"; } >"$work/sample.log" 2>&1 || { cat "$work/sample.log"; fail "building against invsdk-dev"; }
grep -q "invsdk_DIR:PATH=/usr/lib/cmake/invsdk" "$work/sample/CMakeCache.txt" || fail "the sample did not use the installed invsdk"
INVHOST_ADAPTER_PATH="$work/sample/adapters" as_invhost /usr/bin/invhost adapters list >"$work/sample-list.txt" 2>&1 ||
  { cat "$work/sample-list.txt"; fail "adapters list with the sample"; }
grep -q "sample-adapter" "$work/sample-list.txt" || { cat "$work/sample-list.txt"; fail "the host does not list the adapter built against invsdk-dev"; }
dpkg --purge invsdk-dev >"$work/sdk-purge.log" 2>&1 || { cat "$work/sdk-purge.log"; fail "dpkg --purge invsdk-dev"; }
while IFS= read -r f; do
  [ -d "$f" ] || [ ! -e "$f" ] || fail "$f is left after purging invsdk-dev"
done <"$work/sdk-installed.txt"

# Installing again (as an upgrade does) keeps the home: the connection and the data stay.
dpkg -i "$deb" >"$work/reinstall.log" 2>&1 || { cat "$work/reinstall.log"; fail "dpkg -i over the installed package"; }
as_invhost /usr/bin/invhost connectors list >"$work/list.txt" 2>&1 || { cat "$work/list.txt"; fail "connectors list"; }
grep -q "acme-fsm" "$work/list.txt" || { cat "$work/list.txt"; fail "installing again lost the connection"; }

# 4. Purge. An enabled timer is part of what must go.
systemctl enable invhost-nightly.timer >/dev/null 2>&1 || fail "systemctl enable invhost-nightly.timer"
[ -L /etc/systemd/system/timers.target.wants/invhost-nightly.timer ] || fail "the timer was not enabled"
step "purging"
dpkg --purge invhost >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge"; }
if on_this_machine; then
  fail "invhost is still known to dpkg: $(dpkg-query -W -f='${Status}' invhost)"
fi
while IFS= read -r f; do
  [ -d "$f" ] && continue  # folders shared with other packages stay
  [ -e "$f" ] && fail "$f is left after purge"
done <"$work/files.txt"
left=$(find /etc /usr /lib /var /run -xdev -name '*invhost*' 2>/dev/null || true)
[ -z "$left" ] || fail "left after purge: $left"
getent passwd invhost >/dev/null || fail "the purge removed the system user, which policy keeps"
step "purged: nothing left but the system user invhost (kept, as policy advises)"
step "passed in $SECONDS s"
