#!/usr/bin/env bash
# Builds an adapter outside this tree against the installed invsdk package, as a third party
# would, then has the real invhost list, check and run it.
# Usage: out_of_tree_adapter.sh BUILD_DIR SAMPLE_SOURCE_DIR INVHOST_BINARY
set -euo pipefail
build_dir=$1 sample_src=$2 invhost=$3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build_dir" --component sdk --prefix "$work/prefix" >/dev/null
[ -f "$work/prefix/include/invsdk/adapter.h" ] || fail "the SDK install has no adapter.h"
[ -f "$work/prefix/include/invsdk/adapter_base.hpp" ] || fail "the SDK install has no adapter_base.hpp"

cmake -S "$sample_src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$work/prefix" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure against the installed SDK"; }
cmake --build "$work/build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build against the installed SDK"; }

lib="$work/build/adapters/libsample_adapter.so"
[ -f "$lib" ] || fail "no library at $lib"
[ -f "$work/build/adapters/sample-adapter.json" ] || fail "the manifest was not copied next to the library"
exported=$(nm -D --defined-only "$lib" | awk '{print $3}' | sort | tr '\n' ' ')
[ "$exported" = "invsdk_adapter_init " ] || fail "exports other symbols than the entry point: $exported"

export INVHOST_ADAPTER_PATH="$work/build/adapters"
home="$work/home"
"$invhost" --home "$home" adapters list >"$work/adapters.txt" 2>&1 || { cat "$work/adapters.txt"; fail "adapters list"; }
grep -q "sample-adapter" "$work/adapters.txt" || { cat "$work/adapters.txt"; fail "invhost does not list the out-of-tree adapter"; }

"$invhost" --home "$home" connectors add sample --adapter sample-adapter --set licenses=7 >/dev/null
"$invhost" --home "$home" connectors check sample >"$work/check.txt" 2>&1 || { cat "$work/check.txt"; fail "connectors check"; }
grep -q "sample source ready with 7 licenses" "$work/check.txt" || { cat "$work/check.txt"; fail "check summary missing"; }

"$invhost" --home "$home" run sample --stage-only >"$work/run.txt" 2>&1 || { cat "$work/run.txt"; fail "run"; }
staged=$(sqlite3 "$home/invhost.db" "SELECT COUNT(*) FROM staged_licenses WHERE connection = 'sample'")
[ "$staged" = "7" ] || fail "expected 7 staged licenses, found $staged"

# A setting the adapter rejects is reported by check, with the adapter's own message.
"$invhost" --home "$home" connectors add broken --adapter sample-adapter --set licenses=0 >/dev/null 2>&1 || true
if "$invhost" --home "$home" connectors check broken >"$work/broken.txt" 2>&1; then
  fail "check of an invalid setting succeeded"
fi
grep -q "between 1 and 1000" "$work/broken.txt" || { cat "$work/broken.txt"; fail "the adapter's validation message was lost"; }
echo "out-of-tree adapter: built against the installed SDK, loaded, checked and run"
