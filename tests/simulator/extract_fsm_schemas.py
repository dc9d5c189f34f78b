#!/usr/bin/env python3
"""Writes fsm_api_schemas.json: the part of FSM's published OpenAPI description that the
simulator's conformance test checks responses against.

    python3 extract_fsm_schemas.py fsm-saas-v1-openapi.json > fsm_api_schemas.json

Kept: the GET list operations a license import pages through, the response bodies each may return
(the 200 schema and the per-view alternatives its description names), every schema those refer
to, and the goa Error body. Of each schema only what a check needs stays (type, properties,
required, items, enum, references): no descriptions or examples.
"""
import json
import re
import sys

OPERATIONS = [
    "/saas/v1/orgs/{orgId}/managed-apps",
    "/saas/v1/orgs/{orgId}/licenses",
    "/saas/v1/orgs/{orgId}/app-users",
    "/saas/v1/orgs/{orgId}/managed-apps/{managedAppId}/app-users",
]
CHECKED_KEYWORDS = {"type", "properties", "required", "items", "enum", "$ref"}
REF = re.compile(r"#/components/schemas/(\w+)")


def trimmed(node):
    if isinstance(node, dict):
        keep = {k: v for k, v in node.items() if k in CHECKED_KEYWORDS}
        if "properties" in keep:
            keep["properties"] = {name: trimmed(s) for name, s in keep["properties"].items()}
        if "items" in keep:
            keep["items"] = trimmed(keep["items"])
        return keep
    return node


def main():
    spec = json.load(open(sys.argv[1]))
    schemas = spec["components"]["schemas"]
    operations, wanted = {}, {"Error"}
    for path in OPERATIONS:
        body = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        bodies = [body["$ref"].split("/")[-1]] + REF.findall(body.get("description", ""))
        operations[path] = bodies
        wanted.update(bodies)
    todo = list(wanted)
    while todo:
        for ref in REF.findall(json.dumps(schemas[todo.pop()])):
            if ref not in wanted:
                wanted.add(ref)
                todo.append(ref)
    out = {
        "origin": "Extracted from FSM's published OpenAPI description of the SaaS Management API "
                  f"(\"{spec['info']['title']}\" {spec['info']['version']}) by extract_fsm_schemas.py.",
        "operations": operations,
        "schemas": {name: trimmed(schemas[name]) for name in sorted(wanted)},
    }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
