#!/usr/bin/env python3
"""Checks an strace -f log of a real run against a systemd unit's sandbox, for a machine where
the unit cannot be started (no systemd as PID 1): every system call must pass SystemCallFilter=,
every socket a family RestrictAddressFamilies= allows, no mapping both writable and executable
when MemoryDenyWriteExecute=yes, no new namespace when RestrictNamespaces=yes.

Usage: check-sandbox-trace.py TRACE UNIT
(`systemd-analyze syscall-filter` gives the system call groups.)
"""
import re
import subprocess
import sys


def syscall_groups():
    text = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True,
                          check=True).stdout
    groups, current = {}, None
    for raw in text.splitlines():
        line = raw.strip()
        if raw.startswith("@"):  # a group's name starts its line; its members are indented
            current = groups.setdefault(line, set())
        elif line and not line.startswith("#") and current is not None:
            current.add(line)
    return groups


def expand(groups, name, seen):
    if not name.startswith("@"):
        return {name}
    if name in seen:
        return set()
    seen.add(name)
    return set().union(*(expand(groups, member, seen) for member in groups[name]))


def unit_settings(unit):
    settings = []
    for line in open(unit):
        key, sep, value = line.strip().partition("=")
        if sep and not key.startswith("#"):
            settings.append((key, value))
    return settings


def main(trace_file, unit):
    settings = unit_settings(unit)
    trace = open(trace_file).read()
    calls = re.findall(r"^\d+\s+([a-z0-9_]+)\((.*)$", trace, re.M)
    problems = []

    groups = syscall_groups()
    allowed = None
    for key, value in settings:
        if key == "SystemCallFilter":
            deny = value.startswith("~")
            names = set().union(*(expand(groups, n, set()) for n in value.lstrip("~").split()))
            if allowed is None:  # the first line decides: an allow list, or all but a deny list
                allowed = set().union(*(expand(groups, g, set()) for g in groups)) if deny else set()
            allowed = allowed - names if deny else allowed | names
    used = {name for name, _ in calls}
    if allowed is not None and used - allowed:
        problems.append(f"SystemCallFilter refuses {sorted(used - allowed)}")

    families = {f for key, value in settings if key == "RestrictAddressFamilies" for f in value.split()}
    if families:
        opened = {args.split(",")[0] for name, args in calls if name == "socket"}
        if opened - families:
            problems.append(f"RestrictAddressFamilies refuses {sorted(opened - families)}")

    if ("MemoryDenyWriteExecute", "yes") in settings:
        wx = [f"{name}({args[:80]}" for name, args in calls
              if name in ("mmap", "mprotect", "pkey_mprotect") and "PROT_WRITE" in args and "PROT_EXEC" in args]
        if wx:
            problems.append(f"MemoryDenyWriteExecute refuses {wx[:3]}")

    if ("RestrictNamespaces", "yes") in settings:
        new_ns = [f"{name}({args[:80]}" for name, args in calls
                  if name in ("clone", "clone3", "unshare", "setns") and "CLONE_NEW" in args]
        if new_ns:
            problems.append(f"RestrictNamespaces refuses {new_ns[:3]}")

    if problems:
        print("\n".join(problems))
        return 1
    print(f"{len(used)} distinct system calls, {len(calls)} in all, each allowed by the unit's sandbox")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
