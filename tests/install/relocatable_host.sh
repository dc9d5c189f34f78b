#!/usr/bin/env bash
# Installs the host and the adapters under a temporary prefix, then checks that the installed
# invhost finds the installed adapters by its own location, and that the binary names no folder
# of the build or source tree (a package built from this tree must work on any machine).
# Usage: relocatable_host.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build_dir=$(cd "$1" && pwd) source_dir=$(cd "$2" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

prefix="$work/prefix"
for component in host adapters; do
  cmake --install "$build_dir" --component "$component" --prefix "$prefix" >/dev/null
done
invhost="$prefix/bin/invhost"
adapters="$prefix/lib/invhost/adapters"
[ -x "$invhost" ] || fail "no executable at $invhost"

# Every manifest of the tree is installed with the library it names, side by side.
for manifest in "$source_dir"/manifest/*.json; do
  name=$(basename "$manifest")
  [ "$name" = manifest.schema.json ] && continue
  [ -f "$adapters/$name" ] || fail "manifest $name is not installed in $adapters"
  library=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["library"])' "$manifest")
  [ -f "$adapters/$library" ] || fail "library $library of $name is not installed in $adapters"
done

# The strings the program uses (not its debug information, which a package strips). A sanitizer
# build is the exception: AddressSanitizer records each source file's path for its reports.
nm -D "$invhost" >"$work/dynamic-symbols"
if grep -q "__asan_init" "$work/dynamic-symbols"; then
  echo "sanitizer build: the check for build and source paths in the binary is left to other builds"
else
  objcopy -O binary --only-section=.rodata "$invhost" "$work/rodata"
  for tree in "$build_dir" "$source_dir"; do
    if grep -q -a -F "$tree" "$work/rodata"; then
      fail "the installed binary names $tree: $(grep -a -o -F "$tree[^[:cntrl:]]*" "$work/rodata" | head -n 3 | tr '\n' ' ')"
    fi
  done
fi

# Run from the prefix with no adapter path given: the adapters come from <prefix>/lib/invhost/adapters.
env -u INVHOST_ADAPTER_PATH "$invhost" --home "$work/home" adapters list --format json >"$work/list.json" 2>"$work/list.err" ||
  { cat "$work/list.err"; fail "adapters list"; }
python3 - "$work/list.json" "$adapters" "$source_dir/manifest" <<'PY' || fail "the installed host does not find exactly the installed adapters"
import json, os, sys
listed, adapters, manifests = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
expected = sorted(json.load(open(os.path.join(manifests, f)))["id"]
                  for f in os.listdir(manifests) if f != "manifest.schema.json")
found = sorted(a["id"] for a in listed["adapters"])
outside = [a["library"] for a in listed["adapters"] if not a["library"].startswith(adapters + "/")]
if found != expected or outside or listed["problems"]:
    print(f"expected {expected}, found {found}; outside {adapters}: {outside}; problems: {listed['problems']}")
    sys.exit(1)
PY
echo "installed host: runs from $prefix and loads the adapters installed beside it"
