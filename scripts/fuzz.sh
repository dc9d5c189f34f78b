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
# Two kinds of result. The seed corpus (tests/fuzz/<target>/, every input a past finding or a
# hand-made case) is a regression test: any input of it failing fails this script. New inputs
# found in the bounded exploration after it are findings to fix: reported, kept, and failing only
# with INVHOST_FUZZ_STRICT=1, so that a run's luck never decides whether unrelated work lands.
failed=()
found=()
report() {
  grep -A30 -m1 -E '^==[0-9]+==ERROR|deadly signal|^SUMMARY|uncaught exception|ERROR: libFuzzer' "$1" | head -n 40 >&2 || tail -n 40 "$1" >&2
}
for target in "${targets[@]}"; do
  [ -n "$target" ] || continue
  seeds="tests/fuzz/$target"
  learned="$build/corpus/$target"
  mkdir -p "$learned"
  log="$build/findings/$target.log"
  common=(-timeout=10 -rss_limit_mb=2048 -max_len=65536 -artifact_prefix="$build/findings/$target-")
  # Every seed once (-runs=0 runs the given inputs and nothing else).
  if ! "$build/fuzzers/$target" "${common[@]}" -runs=0 "$seeds" >"$log.seeds" 2>&1; then
    echo "fuzz: $target FAILED on its seed corpus; its report:" >&2
    report "$log.seeds"
    failed+=("$target")
    continue
  fi
  # The learned corpus comes first: libFuzzer writes new inputs only to the first folder, so the
  # seeds in the tree stay as they are. -timeout: one input taking over 10 s is a finding (a hang).
  if "$build/fuzzers/$target" "$learned" "$seeds" -max_total_time="$seconds" "${common[@]}" \
    -print_final_stats=1 >"$log" 2>&1; then
    echo "fuzz: $target: seeds pass; $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs in ${seconds}s, no finding"
  else
    echo "fuzz: $target: seeds pass; NEW FINDING in ${seconds}s of exploration; its report:" >&2
    report "$log"
    ls "$build/findings/$target-"* 2>/dev/null >&2 || true
    found+=("$target")
  fi
done
if ((${#found[@]} > 0)); then
  echo "fuzz: new findings in ${found[*]} (inputs and logs in $build/findings/): fix each, add its input to tests/fuzz/<target>/ and a test to the ordinary suites" >&2
  [ "${INVHOST_FUZZ_STRICT:-0}" = 1 ] && failed+=("${found[@]}")
fi
if ((${#failed[@]} > 0)); then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
