#!/usr/bin/env bash
# Builds the fuzz preset (clang-15, libFuzzer, ASan + UBSan) and runs every fuzz target: first over
# its seed corpus (tests/fuzz/<target>/), then on new inputs for a bounded time.
# Usage: scripts/fuzz.sh [seconds per target, default 30] [target...]   (all targets by default)
# What a target learns goes to build/fuzz/corpus/<target>/; a crash, leak or sanitizer report
# stops the target, leaves the input in build/fuzz/findings/ and makes this script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"

build=build/fuzz
if (($# > 0)); then targets=("$@"); else mapfile -t targets <"$build/fuzzers.txt"; fi
mkdir -p "$build/findings"
failed=()
for target in "${targets[@]}"; do
  [ -n "$target" ] || continue
  seeds="tests/fuzz/$target"
  learned="$build/corpus/$target"
  mkdir -p "$learned"
  log="$build/findings/$target.log"
  # The learned corpus comes first: libFuzzer writes new inputs only to the first folder, so the
  # seeds in the tree stay as they are. -timeout: one input taking over 10 s is a finding (a hang).
  if "$build/fuzzers/$target" "$learned" "$seeds" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$build/findings/$target-" >"$log" 2>&1; then
    echo "fuzz: $target: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs in ${seconds}s, no finding"
  else
    echo "fuzz: $target FAILED; its report:" >&2
    grep -A30 -m1 -E '^==[0-9]+==ERROR|deadly signal|^SUMMARY|uncaught exception|ERROR: libFuzzer' "$log" | head -n 40 >&2 || tail -n 40 "$log" >&2
    ls "$build/findings/$target-"* 2>/dev/null >&2 || true
    failed+=("$target")
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: findings in ${failed[*]} (inputs and logs in $build/findings/)" >&2
  exit 1
fi
