#!/usr/bin/env bash
# Builds the Debian packages from the release preset: invhost_<version>_amd64.deb (the host, its
# adapters, the nightly service and timer) and invsdk-dev_<version>_all.deb (the adapter SDK).
# Usage: scripts/build-package.sh [OUTPUT_DIR]   (default build/release/packages; prints the paths)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-build/release/packages}")

bash scripts/install-deps.sh >&2
cmake --preset release >/dev/null
# Only what the packages hold, not the tests.
cmake --build --preset release -j "$(nproc)" --target invhost_package_contents >&2
mkdir -p "$out"
rm -rf "$out/_CPack_Packages" "$out"/*.deb
(cd build/release && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log" >&2; exit 1; }
ls "$out"/*.deb
