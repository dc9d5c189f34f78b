#!/usr/bin/env bash
# Checks that every C/C++ file in the repository is as clang-format (.clang-format) writes it.
# Usage: scripts/check-format.sh [--fix]   (--fix rewrites the files that differ)
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -d '' files < <(git ls-files -z -- '*.c' '*.h' '*.cc' '*.cpp' '*.hpp')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i -- "${files[@]}"
  exit 0
fi
# One clang-format for all files; its report names each file that differs.
if report=$(clang-format --dry-run -Werror -- "${files[@]}" 2>&1); then
  echo "format: all ${#files[@]} C/C++ files as clang-format writes them"
  exit 0
fi
printf '%s\n' "$report" | grep -o '^[^: ]*:[0-9]*:[0-9]*: error' | cut -d: -f1 | sort -u |
  sed 's/^/format: not as clang-format writes it: /' >&2
echo "format: scripts/check-format.sh --fix rewrites them" >&2
exit 1
