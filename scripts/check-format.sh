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
unformatted=()
for f in "${files[@]}"; do
  clang-format --dry-run -Werror -- "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if ((${#unformatted[@]} > 0)); then
  printf 'format: not as clang-format writes it: %s\n' "${unformatted[@]}" >&2
  echo "format: ${#unformatted[@]} of ${#files[@]} files differ; scripts/check-format.sh --fix rewrites them" >&2
  exit 1
fi
echo "format: all ${#files[@]} C/C++ files as clang-format writes them"
