#!/usr/bin/env python3
"""Writes the Acme example estate as CSV (acme/) and as JSON (acme-json/) with identical content.

The data is written here once, in one place, so both formats can never drift apart. Run it from
any directory; it writes next to itself. See README.md for what each awkward case is for.
"""
import csv
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

APPLICATIONS = [
    # external_id, name, product, publisher, activity_threshold_days, is_active, source_url
    ("app-m365", "Microsoft 365 E3", "Microsoft 365 E3", "Microsoft", "", "true", ""),
    ("app-slack", "Slack", "Slack Business+", "Slack Technologies", "30", "true", ""),
    ("app-zoom", "Zoom", "Zoom Workplace", "Zoom Video Communications", "60", "true", ""),
    ("app-figma", "Figma", "", "Figma, Inc.", "90", "true", ""),
    ("app-jira", "Jira Software", "Jira Software Cloud", "Atlassian", "45", "true",
     "https://saas.example.com/apps/app-jira"),
    ("app-confluence", "Confluence", "Confluence Cloud", "Atlassian", "45", "true", ""),
]

LICENSES = [
    # external_id, name, type, application_ids, currency, created_at, modified_at, notes, source_url
    ("lic-m365", "Microsoft 365 E3, Enterprise Agreement", "", ["app-m365"], "EUR",
     "2022-07-01T09:00:00Z", "2025-06-01T10:30:00Z", "EA #4711; renewal signed", ""),
    ("lic-atlassian", "Atlassian Cloud bundle (Jira + Confluence)", "", ["app-jira", "app-confluence"],
     "USD", "2023-01-10", "2025-01-05", "Covers \"Jira\" and \"Confluence\"\nsame seats", ""),
    ("lic-slack", "Slack Business+", "", ["app-slack"], "USD", "2023-06-15", "2025-03-01", "", ""),
    ("lic-zoom", "Zoom Enterprise", "", ["app-zoom"], "USD", "2024-12-01", "2025-01-02", "", ""),
    ("lic-zoom-webinar", "Zoom Webinars 500", "", ["app-zoom"], "USD", "2024-12-01", "", "", ""),
    ("lic-figma", "Figma Organization", "", ["app-figma"], "EUR", "2025-02-20", "", "", ""),
    ("lic-figma-pro", "Figma Professional (legacy)", "SaaS User", ["app-figma"], "EUR",
     "2023-02-15", "2025-03-01", "replaced by Figma Organization", ""),
    ("lic-jira-dc", "Jira Data Center nodes", "", ["app-jira"], "USD", "2024-11-20", "", "",
     "https://saas.example.com/custom/jira-dc"),
]

ENTITLEMENTS = [
    # external_id, license_external_id, name, sku, term_type, items_allowed, is_unlimited,
    # is_active, hidden, effective_at, ends_at, annual_cost, per_user_cost, currency
    ("ent-m365-fy25", "lic-m365", "FY25 seats", "M365-E3", "perUser", "20", "false", "true", "false",
     "2024-07-01", "2025-06-30", "7560.00", "378.00", ""),
    ("ent-m365-fy26", "lic-m365", "FY26 seats", "M365-E3", "perUser", "25", "false", "true", "false",
     "2025-07-01", "2026-06-30", "9450.00", "378.00", ""),
    ("ent-atl-2025", "lic-atlassian", "2025 seats", "ATL-CLOUD-STD", "perUser", "15", "false", "true",
     "false", "2025-01-01", "2025-12-31", "3000.00", "", "USD"),
    ("ent-atl-2026", "lic-atlassian", "2026 seats", "ATL-CLOUD-STD", "perUser", "25", "false", "true",
     "false", "2026-01-01", "2026-12-31", "5000.00", "", "USD"),
    ("ent-slack-2024", "lic-slack", "2023/24 seats", "SLK-BPLUS", "perUser", "30", "false", "true",
     "false", "2023-07-01", "2024-06-30", "4500.00", "150.00", "USD"),
    ("ent-slack-2025", "lic-slack", "2024/25 seats", "SLK-BPLUS", "perUser", "10", "false", "true",
     "false", "2024-07-01", "2025-12-31", "1500.00", "150.00", "USD"),
    ("ent-slack-extra", "lic-slack", "Extra seats (pending approval)", "SLK-BPLUS", "perUser", "10",
     "false", "true", "true", "2024-07-01", "2025-12-31", "1500.00", "150.00", "USD"),
    ("ent-zoom-unl", "lic-zoom", "Enterprise unlimited", "ZM-ENT", "", "0", "true", "true", "false",
     "2025-01-01T00:00:00Z", "2025-12-31T23:59:59Z", "5000.00", "", "USD"),
    ("ent-zoom-webinar", "lic-zoom-webinar", "Webinar hosts", "ZM-WEB500", "perLogin", "5", "false",
     "true", "false", "2025-01-01", "", "", "690.00", "USD"),
    ("ent-figma-org", "lic-figma", "Organization plan", "FIG-ORG", "perOrg", "1", "false", "true",
     "false", "2025-03-01", "2026-02-28", "12000.00", "", ""),
    ("ent-figma-pro", "lic-figma-pro", "Professional seats", "FIG-PRO", "perUser", "8", "false",
     "false", "false", "2023-03-01", "2025-02-28", "1152.00", "144.00", "EUR"),
    ("ent-jira-dc", "lic-jira-dc", "Data Center nodes", "JIRA-DC-NODE", "perNode", "4", "false",
     "true", "false", "2025-01-01", "2025-12-31", "42000.00", "", "USD"),
]

# 40 people p01..p40 plus one account without an e-mail address.
FIRST = ["Ada", "Ben", "Chloe", "Dev", "Emma", "Farid", "Greta", "Hiro", "Ines", "Jane",
         "Karl", "Lena", "Mateo", "Nora", "Omar", "Pia", "Quinn", "Rosa", "Sven", "Tara",
         "Uma", "Viktor", "Wen", "Xavier", "Yara", "Zoe", "Arjun", "Bea", "Carlos", "Dana",
         "Eli", "Fay", "Gus", "Hana", "Ivan", "Jonas", "Kemal", "Lia", "Milo", "Noor"]
LAST = ["Lovelace", "Okafor", "Martin", "Patel", "Schmidt", "Haddad", "Berg", "Tanaka", "Costa",
        "Roe", "Weber", "Novak", "Garcia", "Lind", "Aziz", "Keller", "O'Neil, Jr.", "Rossi",
        "Nilsson", "Singh", "Rao", "Petrov", "Li", "Dubois", "Mensah", "Fischer", "Mehta", "Braun",
        "Silva", "Kim", "Levi", "Moreau", "Holm", "Sato", "Ivanova", "Vogel", "Yilmaz", "Conti",
        "Hart", "Said"]


def person(n):
    first, last = FIRST[n - 1], LAST[n - 1]
    local = f"{first}.{last.split(',')[0].replace(chr(39), '')}".lower()
    domain = "acme.example.com"
    if n in (16, 31, 32):
        domain = "partner.example.org"
    if n == 33:
        domain = "freelance.example.net"
    email = f"{local}@{domain}"
    if n == 10:
        email = "Jane.Roe@Acme.Example.com"  # mixed case: the id is the lower-cased address
    return email


USERS = []
for n in range(1, 41):
    email = person(n)
    USERS.append(("", email, FIRST[n - 1], LAST[n - 1], email.split("@")[0], ""))
USERS.append(("kiosk-01", "", "Meeting", "Room 1", "kiosk-01", ""))


def uid(n):
    return person(n).lower()


CONSUMPTION = []


def use(app, n, license="", last="2025-06-20T09:00:00Z", activated="2024-09-01T08:00:00Z",
        deactivated="", suffix=""):
    user = n if isinstance(n, str) else uid(n)
    tag = n if isinstance(n, str) else f"p{n:02d}"
    CONSUMPTION.append((f"c-{app}-{tag}{suffix}", license, f"app-{app}", user, activated,
                        deactivated, last))


# Microsoft 365: one license, so most rows leave the license empty; a few name it.
for n in range(1, 22):
    last = {5: "", 6: "2025-03-31T23:59:59Z", 7: "2025-04-01T00:00:00Z",
            8: "2024-12-01T12:00:00Z"}.get(n, "2025-06-25T08:00:00Z")
    use("m365", n, license="lic-m365" if n in (1, 2) else "", last=last)
use("m365", 22, deactivated="2025-07-15T00:00:00Z")      # leaves after D: still consumes
use("m365", 23, deactivated="2025-06-30T18:00:00Z")      # deactivated on D: does not consume
use("m365", 24, deactivated="2025-03-01T00:00:00Z", last="2025-02-28T17:00:00Z")

# Atlassian bundle covers Jira and Confluence. Jira also has the Data Center license, so a Jira
# row without a license is unallocated; Confluence has one license, so an empty one resolves.
for n in range(1, 11):
    jira_last = {2: "2025-05-01T10:00:00Z"}.get(n, "2025-06-20T09:00:00Z")
    conf_last = {1: "2025-01-10T10:00:00Z", 2: "2025-05-10T10:00:00Z"}.get(n, "2025-06-18T09:00:00Z")
    use("jira", n, license="lic-atlassian", last=jira_last)
    use("confluence", n, last=conf_last)
for n in range(11, 15):
    use("confluence", n, last="" if n == 11 else "2025-06-01T09:00:00Z")
use("jira", 15, license="lic-atlassian", last="2025-06-02T09:00:00Z")
use("jira", 16, license="lic-atlassian", last="2025-05-16T00:00:00Z")
use("jira", 17)   # unallocated
use("jira", 18)   # unallocated
use("jira", 20, license="lic-jira-dc", last="2025-06-10T09:00:00Z")
use("jira", 21, license="lic-jira-dc", last="")

# Slack: one license; p12 has two app-user records (two workspaces) and counts once.
for n in range(1, 13):
    last = {3: "2025-05-30T23:00:00Z", 4: "2025-05-31T08:00:00Z", 9: "",
            12: "2025-01-02T09:00:00Z"}.get(n, "2025-06-27T09:00:00Z")
    use("slack", n, last=last)
use("slack", 12, last="2025-06-29T09:00:00Z", suffix="-ws2")

# Zoom: two licenses, so every row names one; p25 names none and is unallocated.
for n in list(range(1, 9)) + [31, 32, "kiosk-01"]:
    last = {5: "", 31: "2025-04-30T12:00:00Z"}.get(n, "2025-06-26T09:00:00Z")
    use("zoom", n, license="lic-zoom", last=last)
for n in (1, 2, 3):
    use("zoom", n, license="lic-zoom-webinar", last="2025-01-15T09:00:00Z" if n == 3 else
        "2025-06-12T15:00:00Z", suffix="-webinar")
use("zoom", 25)   # unallocated

# Figma: two licenses.
for n in (26, 27, 28, 29, 30, 33):
    use("figma", n, license="lic-figma", last="2025-02-01T09:00:00Z" if n == 30 else
        "2025-06-24T09:00:00Z")
use("figma", 34, license="lic-figma-pro", last="2025-06-03T09:00:00Z")
use("figma", 35, license="lic-figma-pro", deactivated="2025-02-28T00:00:00Z",
    last="2025-02-27T09:00:00Z")
use("figma", 36)  # unallocated

TABLES = {
    "applications": (["external_id", "name", "product", "publisher", "activity_threshold_days",
                      "is_active", "source_url"], APPLICATIONS),
    "licenses": (["external_id", "name", "type", "application_ids", "currency", "created_at",
                  "modified_at", "notes", "source_url"], LICENSES),
    "entitlements": (["external_id", "license_external_id", "name", "sku", "term_type",
                      "items_allowed", "is_unlimited", "is_active", "hidden", "effective_at",
                      "ends_at", "annual_cost", "per_user_cost", "currency"], ENTITLEMENTS),
    "accessing_users": (["external_id", "email", "first_name", "last_name", "user_name", "domain"],
                        USERS),
    "consumption": (["external_id", "license_external_id", "application_external_id",
                     "accessing_user_external_id", "activated_at", "deactivated_at",
                     "last_activity_at"], CONSUMPTION),
}

BOOLEAN = {"is_active", "is_unlimited", "hidden"}
NUMBER = {"items_allowed", "activity_threshold_days"}


def main():
    os.makedirs(os.path.join(HERE, "acme"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "acme-json"), exist_ok=True)
    for name, (columns, rows) in TABLES.items():
        with open(os.path.join(HERE, "acme", name + ".csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(columns)
            for r in rows:
                w.writerow([";".join(v) if isinstance(v, list) else v for v in r])
        items = []
        for r in rows:
            obj = {}
            for col, v in zip(columns, r):
                if isinstance(v, list):
                    obj[col] = v
                elif v == "":
                    continue  # absent and empty mean the same
                elif col in BOOLEAN:
                    obj[col] = v == "true"
                elif col in NUMBER:
                    obj[col] = int(v)
                else:
                    obj[col] = v
            items.append(obj)
        with open(os.path.join(HERE, "acme-json", name + ".json"), "w", encoding="utf-8") as f:
            json.dump(items, f, indent=1, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
