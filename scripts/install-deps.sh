#!/usr/bin/env bash
# Installs the Debian 12 packages this project needs to build, test and run its demo.
# Idempotent: installs only what is missing. Run as root (or with sudo available).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libboost1.81-all-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libssl-dev libsqlite3-dev libpq-dev libsodium-dev
  libcli11-dev libfmt-dev libtomlplusplus-dev
  openssl sqlite3 postgresql curl jq python3 time
  clang-format clang-tidy
  clang-15 libfuzzer-15-dev  # the fuzz preset (scripts/fuzz.sh)
  lintian strace systemd adduser sudo  # the Debian package's checks (scripts/package-test.sh)
  dpkg-dev file  # CPack's DEB generator: dpkg-shlibdeps, and file to find the ELF files
  chromium  # the console's browser tests (tests/console), driven by playwright-core
  wrk  # the console benchmark's load generator (bench/console.sh)
)
# Node.js runs the browser tests. A machine that has it from elsewhere (with its own npm) keeps it.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The browser tests' npm packages, exactly as package-lock.json pins them; installed again only
# when the lock file changed. PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: the tests use Debian's chromium.
console_tests="$(cd "$(dirname "$0")/.." && pwd)/tests/console"
stamp="$console_tests/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$console_tests/package-lock.json" -nt "$stamp" ]; then
  echo "install-deps: npm ci in tests/console"
  (cd "$console_tests" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
