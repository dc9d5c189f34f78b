#!/usr/bin/env python3
"""The contract of `invhost report --format json`, checked from the outside.

    invhost report --format json | python3 tests/support/check_report.py

The contract is docs/data-mapping.md ("The JSON report") with the numbers as semantics define
them: every field present and typed; available, shortfall and compliance follow from entitled and
consumed; unused and true-up costs are the per-user cost times inactive and shortfall; money is a
decimal string at its currency's minor unit; totals and summary add up the active licenses only.

It cannot tell whether the inputs were read right (that takes a tenant computed by hand); it tells
whether a report is coherent. Standard library only. Prints each problem; exit status 1 if any.
"""
import json
import sys
from decimal import Decimal, InvalidOperation

LICENSE_FIELDS = (
    "id", "connection", "external_id", "name", "imported_name", "publisher", "products", "type",
    "status", "entitled", "consumed", "available", "shortfall", "inactive", "compliance",
    "currency", "per_user_cost", "unused_cost", "true_up_cost", "source_url",
)
LICENSE_TYPES = {"SaaS User", "Named User"}
STATUSES = {"active", "retired"}
COMPLIANCE = {"compliant", "non-compliant", "not-applicable"}

# ISO 4217 minor units the semantics name; any other code has at most 2 decimals when it is one of
# the common two-decimal currencies, and at most 4 (the source's own scale) otherwise.
NO_DECIMALS = {"JPY", "KRW", "ISK", "CLP", "VND"}
THREE_DECIMALS = {"KWD", "BHD", "JOD", "OMR", "TND", "IQD", "LYD"}
TWO_DECIMALS = {"USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK",
                "HUF", "INR", "CNY", "BRL", "MXN", "ZAR", "SGD", "HKD"}


def most_decimals(currency):
    if currency in NO_DECIMALS:
        return 0
    if currency in THREE_DECIMALS:
        return 3
    if currency in TWO_DECIMALS:
        return 2
    return 4


def whole(v):
    """A JSON integer (true/false are not numbers here)."""
    return isinstance(v, int) and not isinstance(v, bool)


class Report:
    def __init__(self):
        self.problems = []

    def problem(self, where, what):
        self.problems.append(f"{where}: {what}")

    def money(self, where, value, currency):
        """The Decimal of a money field, or None when it is null or malformed (reported)."""
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(where, f"money is a decimal string or null, not {value!r}")
            return None
        try:
            amount = Decimal(value)
        except InvalidOperation:
            self.problem(where, f"{value!r} is not a decimal")
            return None
        if not amount.is_finite() or "e" in value.lower():
            self.problem(where, f"{value!r} is not a plain decimal")
            return None
        if amount < 0:
            self.problem(where, f"{value!r} is negative")
        decimals = len(value.split(".", 1)[1]) if "." in value else 0
        allowed = most_decimals(currency)
        if decimals > allowed:
            self.problem(where, f"{value!r} has {decimals} decimals; {currency} has at most {allowed}")
        return amount

    def position(self, where, lic):
        """entitled, consumed, available, shortfall, inactive and compliance agree."""
        entitled, consumed, available, shortfall, inactive = (
            lic.get(k) for k in ("entitled", "consumed", "available", "shortfall", "inactive"))
        compliance = lic.get("compliance")
        if not all(whole(v) and v >= 0 for v in (consumed, shortfall, inactive)):
            self.problem(where, "consumed, shortfall and inactive are whole numbers >= 0")
            return
        if inactive > consumed:
            self.problem(where, f"{inactive} inactive of only {consumed} consuming")
        external = lic.get("external_users", 0)
        if not whole(external) or not 0 <= external <= consumed:
            self.problem(where, f"external_users {external!r} is not a whole number from 0 to "
                                f"consumed {consumed}")
        if entitled == "unlimited":
            if available not in ("unlimited", None) or shortfall != 0 or compliance != "compliant":
                self.problem(where, "unlimited: available 'unlimited', shortfall 0, compliant")
            return
        if not whole(entitled) or entitled < 0:
            self.problem(where, f"entitled is a whole number >= 0 or 'unlimited', not {entitled!r}")
            return
        if compliance == "not-applicable":
            if (entitled, available, shortfall) != (0, 0, 0):
                self.problem(where, "not-applicable: entitled, available and shortfall are 0")
            return
        if available != max(0, entitled - consumed) or shortfall != max(0, consumed - entitled):
            self.problem(where, f"{consumed} of {entitled} gives available "
                                f"{max(0, entitled - consumed)} and shortfall "
                                f"{max(0, consumed - entitled)}, not {available} and {shortfall}")
        expected = "compliant" if consumed <= entitled else "non-compliant"
        if compliance != expected:
            self.problem(where, f"{consumed} of {entitled} is {expected}, not {compliance!r}")

    def costs(self, where, lic):
        """Returns (currency, unused, true-up) when the license has a known cost."""
        currency = lic.get("currency")
        if currency is not None and not (isinstance(currency, str) and currency):
            self.problem(where, f"currency is a code or null, not {currency!r}")
            currency = None
        per_user = self.money(where + " per_user_cost", lic.get("per_user_cost"), currency)
        unused = self.money(where + " unused_cost", lic.get("unused_cost"), currency)
        true_up = self.money(where + " true_up_cost", lic.get("true_up_cost"), currency)
        if (per_user is None) != (currency is None):
            self.problem(where, "currency and per_user_cost are both known or both null")
        if per_user is None:
            if unused is not None or true_up is not None:
                self.problem(where, "a cost without a per-user cost")
            return None
        inactive, shortfall = lic.get("inactive"), lic.get("shortfall")
        if whole(inactive) and unused != per_user * inactive:
            self.problem(where, f"unused_cost {unused} is not {inactive} inactive x {per_user}")
        if whole(shortfall) and true_up != per_user * shortfall:
            self.problem(where, f"true_up_cost {true_up} is not {shortfall} short x {per_user}")
        if unused is None or true_up is None or currency is None:
            return None
        return currency, unused, true_up

    def license(self, index, lic):
        if not isinstance(lic, dict):
            self.problem(f"licenses[{index}]", "is not an object")
            return None
        where = f"licenses[{index}] ({lic.get('connection')}/{lic.get('external_id')})"
        for field in LICENSE_FIELDS:
            if field not in lic:
                self.problem(where, f"{field} is missing")
        if lic.get("type") not in LICENSE_TYPES:
            self.problem(where, f"type {lic.get('type')!r}")
        if lic.get("status") not in STATUSES:
            self.problem(where, f"status {lic.get('status')!r}")
        if lic.get("compliance") not in COMPLIANCE:
            self.problem(where, f"compliance {lic.get('compliance')!r}")
        products = lic.get("products")
        if not isinstance(products, list) or not all(isinstance(p, str) for p in products):
            self.problem(where, "products is a list of names")
        elif products != sorted(products):
            self.problem(where, "products are sorted")
        self.position(where, lic)
        return self.costs(where, lic)

    def totals(self, expected, counts, given):
        if not isinstance(given, dict):
            self.problem("totals", "missing, or not an object keyed by currency")
            return
        if set(given) != set(expected):
            self.problem("totals", f"currencies {sorted(given)}, active licenses with a cost have "
                                   f"{sorted(expected)}")
        for currency, (unused, true_up) in expected.items():
            t = given.get(currency)
            if not isinstance(t, dict):
                continue
            where = f"totals.{currency}"
            if t.get("licenses") != counts[currency]:
                self.problem(where, f"licenses {t.get('licenses')!r}, counted {counts[currency]}")
            if self.money(where + ".unused_cost", t.get("unused_cost"), currency) != unused:
                self.problem(where, f"unused_cost {t.get('unused_cost')!r}, sum is {unused}")
            if self.money(where + ".true_up_cost", t.get("true_up_cost"), currency) != true_up:
                self.problem(where, f"true_up_cost {t.get('true_up_cost')!r}, sum is {true_up}")

    def summary(self, licenses, given):
        if not isinstance(given, dict):
            self.problem("summary", "missing, or not an object")
            return
        active = [l for l in licenses if isinstance(l, dict) and l.get("status") == "active"]
        expected = {
            "active_licenses": len(active),
            "retired_licenses": sum(1 for l in licenses
                                    if isinstance(l, dict) and l.get("status") == "retired"),
            "non_compliant": sum(1 for l in active if l.get("compliance") == "non-compliant"),
        }
        for key, count in expected.items():
            if given.get(key) != count:
                self.problem("summary", f"{key} {given.get(key)!r}, counted {count}")

    def check(self, report):
        if not isinstance(report, dict):
            self.problem("report", "is not an object")
            return
        for field in ("as_of", "licenses", "unallocated", "totals", "summary"):
            if field not in report:
                self.problem("report", f"{field} is missing")
        licenses = report.get("licenses")
        if not isinstance(licenses, list):
            self.problem("report", "licenses is not a list")
            return
        sums, counts = {}, {}
        for index, lic in enumerate(licenses):
            cost = self.license(index, lic)
            if cost is not None and lic.get("status") == "active":
                currency, unused, true_up = cost
                total = sums.setdefault(currency, [Decimal(0), Decimal(0)])
                total[0] += unused
                total[1] += true_up
                counts[currency] = counts.get(currency, 0) + 1
        for index, row in enumerate(report.get("unallocated") or []):
            if not isinstance(row, dict) or not whole(row.get("users")) or row["users"] < 0:
                self.problem(f"unallocated[{index}]", "users is a whole number >= 0")
        self.totals({c: tuple(v) for c, v in sums.items()}, counts, report.get("totals"))
        self.summary(licenses, report.get("summary"))


def main():
    try:
        report = json.load(sys.stdin)
    except json.JSONDecodeError as e:
        print(f"not JSON: {e}")
        return 1
    checker = Report()
    checker.check(report)
    shown = checker.problems[:60]
    for line in shown:
        print(line)
    if len(checker.problems) > len(shown):
        print(f"... and {len(checker.problems) - len(shown)} more")
    count = len(report.get("licenses", [])) if isinstance(report, dict) else 0
    print(f"{count} licenses checked, {len(checker.problems)} problems")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
