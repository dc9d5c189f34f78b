// The tenant, with each license's position on D = 2024-06-15 worked out by hand. Every
// application keeps the default 90-day threshold: a user is inactive when their last activity is
// absent or before 2024-03-17.
//
//   L1 Zoom Business (app Zoom, publisher Zoom): one perUser term of 10 at 10.00 USD ending
//      2024-07-01. 12 users, 3 never active. entitled 10, consumed 12, shortfall 2,
//      non-compliant, inactive 3; unused 30.00, true-up 20.00 USD; utilisation 120 %; renewal in
//      16 days.
//   L2 =HYPERLINK("http://x") (app Slack, publisher Salesforce): 5 perUser at 4.00 EUR ending
//      2024-08-20. 2 users, 1 inactive: compliant, available 3; unused 4.00, true-up 0.00 EUR;
//      utilisation 40 %; renewal in 66 days.
//   L3 Figma Org (Figma): 4 perUser at 25.00 USD ending 2024-09-10, and 2 perUser at 25.00 USD
//      ending 2025-01-01. 7 users, all active: entitled 6, shortfall 1, non-compliant; per-user
//      cost from the larger term, 25.00: true-up 25.00, unused 0.00; utilisation 7/6 = 116.7
//      -> 117 %; renewal at the earlier end, in 87 days.
//   L4 Miro Unlimited (Miro): a perOrg term, no cost, no end: unlimited, 3 users, 1 inactive;
//      costs unknown (no user-counted term); no utilisation; no renewal.
//   L5 Notion Plus and L6 Notion Team (both on app Notion, publisher Notion Labs): L5 has 10
//      perUser for 120.00 USD a year (12.00 each) ending on D itself (in effect: renewal in 0
//      days) and 1 active user: utilisation 10 %. L6 has no term: entitled 0, consumed 0,
//      compliant, costs unknown. Notion has two licenses, so its 2 users without an allocation
//      are unallocated.
//   L7 Old tool (app Legacy): 5 perUser at 10.00 USD, 1 user; missing from the second import:
//      retired, in no total.
//   Visio local: recorded locally, one purchase of 10 for 1200.00 USD (120.00 each) ending
//      2024-07-15: consumed 0, compliant, renewal in 30 days, utilisation 0 %.
#include "views_tenant.hpp"

#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <stdexcept>

#include "staged_tenant.hpp"

namespace viewstest {
namespace {

invtest::use_row use(const std::string& id, const std::string& license, const std::string& app,
                     const std::string& user, const std::string& last = "2024-06-01T10:00:00Z") {
  return {id, license, app, user, last, ""};
}

invtest::tenant tenant(bool with_old_tool) {
  invtest::tenant t;
  t.apps = {{"A1", "Zoom", "Zoom"},
            {"A2", "Slack", "Salesforce"},
            {"A3", "Figma", "Figma"},
            {"A4", "Miro", "Miro"},
            {"A5", "Notion", "Notion Labs"}};
  t.licenses = {{"L1", "Zoom Business", {"A1"}},
                {"L2", "=HYPERLINK(\"http://x\")", {"A2"}, "SaaS User", "EUR"},
                {"L3", "Figma Org", {"A3"}},
                {"L4", "Miro Unlimited", {"A4"}},
                {"L5", "Notion Plus", {"A5"}},
                {"L6", "Notion Team", {"A5"}}};
  auto& e = t.terms;
  e.push_back({"T1", "L1", 10, "perUser", "10.00", "", "USD", "", "2024-07-01T00:00:00Z"});
  e.push_back({"T2", "L2", 5, "perUser", "4.00", "", "EUR", "", "2024-08-20T00:00:00Z"});
  e.push_back({"T3a", "L3", 4, "perUser", "25.00", "", "USD", "", "2024-09-10T00:00:00Z"});
  e.push_back({"T3b", "L3", 2, "perUser", "25.00", "", "USD", "", "2025-01-01T00:00:00Z"});
  e.push_back({"T4", "L4", 0, "perOrg"});
  e.push_back({"T5", "L5", 10, "perUser", "", "120.00", "USD", "", "2024-06-15T00:00:00Z"});
  auto& u = t.uses;
  for (int i = 1; i <= 12; ++i)
    u.push_back(use("Z" + std::to_string(i), "L1", "A1", "z" + std::to_string(i) + "@acme.test",
                    i <= 3 ? "" : "2024-06-01T10:00:00Z"));
  u.push_back(use("S1", "L2", "A2", "s1@acme.test"));
  u.push_back(use("S2", "L2", "A2", "s2@acme.test", "2024-01-01T00:00:00Z"));
  for (int i = 1; i <= 7; ++i)
    u.push_back(use("F" + std::to_string(i), "L3", "A3", "f" + std::to_string(i) + "@acme.test"));
  u.push_back(use("M1", "L4", "A4", "m1@acme.test"));
  u.push_back(use("M2", "L4", "A4", "m2@acme.test"));
  u.push_back(use("M3", "L4", "A4", "m3@acme.test", ""));
  u.push_back(use("N1", "L5", "A5", "n1@acme.test"));
  u.push_back(use("N2", "", "A5", "n2@acme.test"));
  u.push_back(use("N3", "", "A5", "n3@acme.test"));
  if (with_old_tool) {
    t.apps.push_back({"A9", "Legacy", "Acme"});
    t.licenses.push_back({"L7", "Old tool", {"A9"}});
    e.push_back({"T7", "L7", 5, "perUser", "10.00", "", "USD"});
    u.push_back(use("O1", "L7", "A9", "o1@acme.test"));
  }
  return t;
}

void merged(soci::session& sql, const invtest::tenant& t) {
  const auto status = invhost::inventory::merge_run(sql, invtest::stage(sql, "fsm", t)).status;
  if (invhost::inventory::to_string(status) != std::string("merged"))
    throw std::runtime_error("the views tenant did not merge");
}

}  // namespace

std::int64_t build_inventory(soci::session& sql) {
  using namespace invhost::inventory;
  merged(sql, tenant(true));
  merged(sql, tenant(false));
  const auto visio = add_local_license(sql, "Visio local", "Named User", "USD");
  link_purchase(sql, visio,
                add_purchase(sql, {"PO-1", "", 10, "1200.00", "USD", "", "", "2024-07-15"}));
  return reconcile(sql, D).reconciliation_id;
}

void merge_one_more_zoom_user(soci::session& sql, const std::string& email) {
  auto t = tenant(false);
  t.uses.push_back(use("Z13", "L1", "A1", email));
  merged(sql, t);
}

invhost::views::license_set load(soci::session& sql, std::int64_t reconciliation_id) {
  return invhost::views::load_licenses(sql, reconciliation_id);
}

std::vector<std::string> names(const std::vector<invhost::views::license_row>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.emplace_back(r.report.at("name").as_string());
  return out;
}

}  // namespace viewstest
