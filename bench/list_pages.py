#!/usr/bin/env python3
"""Walks nextPage of the lists an FSM import reads and prints every page URL, one a line.

Used untimed by bench/run.sh to build the URL list of the download floor (one curl process
fetching exactly the pages the connector fetches). Usage:
  list_pages.py BASE_URL ORG CA_FILE ACCESS_TOKEN_FILE
"""
import http.client
import json
import ssl
import sys
import urllib.parse


def main() -> int:
    base, org, ca_file, token_file = sys.argv[1:5]
    token = open(token_file, encoding="utf-8").read().strip()
    parts = urllib.parse.urlsplit(base)
    if parts.scheme == "https":
        ctx = ssl.create_default_context(cafile=ca_file)
        conn = http.client.HTTPSConnection(parts.hostname, parts.port, context=ctx)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port)
    headers = {"Authorization": f"Bearer {token}"}
    prefix = f"/saas/v1/orgs/{org}"
    for first in (f"{prefix}/managed-apps?view=licenseUsage", f"{prefix}/licenses",
                  f"{prefix}/app-users?includeAll=true"):
        path = first
        while path:
            print(base + path)
            conn.request("GET", path, headers=headers)
            resp = conn.getresponse()
            body = resp.read()
            if resp.status != 200:
                print(f"list_pages: GET {path.split('?')[0]}: HTTP {resp.status}", file=sys.stderr)
                return 1
            path = json.loads(body).get("nextPage")
    return 0


if __name__ == "__main__":
    sys.exit(main())
