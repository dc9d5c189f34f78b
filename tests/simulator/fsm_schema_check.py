#!/usr/bin/env python3
"""Does an FSM API response body fit what FSM's published API description says it may be?

    python3 fsm_schema_check.py PATH < body.json    (PATH as requested, query and all)

Against fsm_api_schemas.json (the subset of the description this project relies on): the body
must fit one of the bodies the operation of PATH may return; with a `view` in the query that
names a body of its own, that body. Fitting means: the declared type of every value
holds (an integer is not a boolean), enums hold, required fields are present, and an object has
no field its schema does not declare. Null stands for "not given" and fits anything.
"""
import json
import os
import re
import sys
from urllib.parse import parse_qs, urlparse

SCHEMAS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fsm_api_schemas.json")
PYTHON_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool,
                "integer": int, "number": (int, float)}


def load(path=SCHEMAS_FILE):
    with open(path) as f:
        return json.load(f)


def operation_of(described, path):
    """The operation template a request path falls under, or None."""
    for template in described["operations"]:
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path):
            return template
    return None


def mismatches(described, value, schema, where):
    """Every way value departs from schema, as 'where: what' lines."""
    while "$ref" in schema:
        schema = described["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    if value is None:
        return []
    kind = schema.get("type", "object" if "properties" in schema else None)
    expected = PYTHON_TYPES.get(kind)
    if expected is not None:
        numeric = kind in ("integer", "number")
        if not isinstance(value, expected) or (numeric and isinstance(value, bool)):
            return [f"{where}: a {kind} was expected, found {type(value).__name__}"]
    found = []
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} is none of {schema['enum']}")
    if isinstance(value, dict) and kind == "object":
        fields = schema.get("properties", {})
        found += [f"{where}: {name} is required" for name in schema.get("required", [])
                  if name not in value]
        for name, item in value.items():
            if name in fields:
                found += mismatches(described, item, fields[name], f"{where}.{name}")
            elif fields:
                found.append(f"{where}.{name}: not declared")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += mismatches(described, item, schema["items"], f"{where}[{i}]")
    return found


def check(described, request_path, body):
    """(True, what it fits) or (False, the closest body's mismatches)."""
    url = urlparse(request_path)
    template = operation_of(described, url.path)
    if template is None:
        return False, [f"{url.path}: no operation of the description matches"]
    bodies = list(described["operations"][template])
    view = parse_qs(url.query).get("view", [None])[0]
    if view:
        # A view has its own body when one is named after it; other views use the plain one.
        bodies = [name for name in bodies if view.lower() in name.lower()] or bodies
    closest = None
    for name in bodies:
        found = mismatches(described, body, {"$ref": name}, name)
        if not found:
            return True, [f"{url.path} fits {name} ({template})"]
        if closest is None or len(found) < len(closest[1]):
            closest = (name, found)
    name, found = closest
    return False, [f"{url.path} fits none of {', '.join(bodies)}; closest is {name}:"] + \
        ["  " + line for line in found[:40]]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    ok, lines = check(load(), sys.argv[1], json.load(sys.stdin))
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
