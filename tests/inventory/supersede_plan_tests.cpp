// Preview, match, plan, apply and undo of a switch to FSM, on SQLite and PostgreSQL. Expected
// values are worked out by hand from semantics.md and docs/switching-to-fsm.md.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/supersede.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;
using invtest::scalar;
using invtest::text;

namespace {

const supersede_scope scope{"fsm", {"microsoft-365", "office-365", "salesforce"}};

// Legacy Microsoft 365: Visio (VISIOCLIENT, 10 seats at 10.00 EUR) and Power BI (POWER_BI_PRO,
// 5 seats at 8.00 EUR), nobody consuming; one person on Teams Rooms, which has no license.
invtest::tenant legacy_tenant() {
  invtest::tenant t;
  t.apps = {{"m-a1", "Visio Plan 2", "Microsoft"},
            {"m-a2", "Power BI Pro", "Microsoft"},
            {"m-a3", "Teams Rooms", "Microsoft"}};
  t.uses = {{"m-u1", "", "m-a3", "room1@x.example", "2024-05-30T10:00:00Z"}};
  t.licenses = {{"mL1", "Visio Plan 2", {"m-a1"}, "SaaS User", "EUR"},
                {"mL2", "Power BI Pro", {"m-a2"}, "SaaS User", "EUR"}};
  invtest::term_row visio{"mT1", "mL1", 10};
  visio.per_user_cost = "10.00";
  visio.currency = "EUR";
  visio.sku = "VISIOCLIENT";
  invtest::term_row bi{"mT2", "mL2", 5};
  bi.per_user_cost = "8.00";
  bi.currency = "EUR";
  bi.sku = "POWER_BI_PRO";
  t.terms = {visio, bi};
  return t;
}

// FSM: a Visio agreement carrying VISIOCLIENT (10 seats at 12.50 EUR) and a Power BI agreement
// with another SKU and no seats (30.00 USD a user). Users on 2024-06-01 (cut-off 2024-03-03):
// u1 active and u2 inactive on the Visio agreement; u3 with no allocation on Power BI, whose only
// license is the BI agreement, active; u4 deactivated before that day.
invtest::tenant fsm_tenant() {
  invtest::tenant t;
  t.apps = {{"f-a1", "Visio Plan 2", "Microsoft"}, {"f-a2", "Power BI Pro", "Microsoft"}};
  t.licenses = {{"fL1", "Visio agreement", {"f-a1"}, "SaaS User", "EUR"},
                {"fL2", "BI agreement", {"f-a2"}, "SaaS User", "USD"}};
  invtest::term_row visio{"fT1", "fL1", 10};
  visio.per_user_cost = "12.50";
  visio.currency = "EUR";
  visio.sku = "VISIOCLIENT";
  invtest::term_row bi{"fT2", "fL2", 0};
  bi.per_user_cost = "30.00";
  bi.currency = "USD";
  bi.sku = "PBI-FSM";
  t.terms = {visio, bi};
  t.uses = {{"c1", "fL1", "f-a1", "u1@x.example", "2024-05-20T10:00:00Z"},
            {"c2", "fL1", "f-a1", "u2@x.example", "2023-01-01T10:00:00Z"},
            {"c3", "", "f-a2", "u3@x.example", "2024-05-30T10:00:00Z"},
            {"c4", "fL1", "f-a1", "u4@x.example", "2024-05-30T10:00:00Z", "2024-04-01T00:00:00Z"}};
  return t;
}

long long license_id(database& db, const std::string& external_id) {
  return scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = '" + external_id + "'");
}

struct switched {
  long long visio = 0, bi = 0, fsm_visio = 0, fsm_bi = 0;
  long long p1 = 0, p2 = 0, attachment = 0;
};

// Both connections merged, and on the legacy Visio license what people keep: purchases P1 and
// P2 (P2 is linked to the FSM Visio agreement already), an attachment, groups Finance and Design
// (the agreement is in Design already), owner alice (the agreement's owner is bob), cost centre
// CC-1 (the agreement has none) and notes.
switched merged_with_local_records(database& db) {
  merge_run(db.sql(), invtest::stage(db.sql(), "m365", legacy_tenant(), "microsoft-365"));
  merge_run(db.sql(), invtest::stage(db.sql(), "fsm", fsm_tenant()));
  switched s;
  s.visio = license_id(db, "mL1");
  s.bi = license_id(db, "mL2");
  s.fsm_visio = license_id(db, "fL1");
  s.fsm_bi = license_id(db, "fL2");
  purchase p;
  p.reference = "PO-1";
  p.quantity = 10;
  s.p1 = add_purchase(db.sql(), p);
  p.reference = "PO-2";
  s.p2 = add_purchase(db.sql(), p);
  link_purchase(db.sql(), s.visio, s.p1);
  link_purchase(db.sql(), s.visio, s.p2);
  link_purchase(db.sql(), s.fsm_visio, s.p2);
  s.attachment = add_attachment(db.sql(), s.visio, "contract.pdf", "/docs/contract.pdf");
  local_fields legacy;
  legacy.owner = "alice";
  legacy.cost_centre = "CC-1";
  legacy.notes = "renewal via reseller";
  legacy.add_groups = {"Finance", "Design"};
  edit_local_fields(db.sql(), s.visio, legacy, "tester");
  local_fields replacement;
  replacement.owner = "bob";
  replacement.add_groups = {"Design"};
  edit_local_fields(db.sql(), s.fsm_visio, replacement, "tester");
  return s;
}

std::string field(database& db, const std::string& column, long long id) {
  return text(db.sql(), "SELECT " + column + " FROM licenses WHERE id = " + std::to_string(id));
}

template <typename F>
std::string refusal_of(F&& f) {
  try {
    f();
  } catch (const refused& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(supersede_plan)

// Before FSM was ever merged the preview reads its newest complete staged run and positions it
// by the reconciliation's rules; after the merge and a reconciliation of the same day, the
// positions the preview shows are the same.
BOOST_AUTO_TEST_CASE(preview_works_before_the_fsm_connection_was_merged) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "m365", legacy_tenant(), "microsoft-365"));
    reconcile(db.sql(), "2024-06-01");
    const auto run = invtest::stage(db.sql(), "fsm", fsm_tenant());
    for (const bool merged : {false, true}) {
      BOOST_TEST_CONTEXT("merged " << merged) {
        if (merged) {
          merge_run(db.sql(), run);
          reconcile(db.sql(), "2024-06-01");
        }
        const auto p = supersede_preview(db.sql(), scope);
        BOOST_TEST(p.at("fsm_source").as_string() == (merged ? "inventory" : "staged"));
        BOOST_TEST(p.at("as_of").as_string() == "2024-06-01");
        const auto& rows = p.at("licenses").as_array();
        BOOST_REQUIRE(rows.size() == 2U);
        const auto& visio = rows[0].as_object();
        BOOST_TEST(visio.at("legacy_name").as_string() == "Visio Plan 2");
        BOOST_TEST(visio.at("fsm_external_id").as_string() == "fL1");
        BOOST_TEST(visio.at("fsm_id").is_null() == !merged);
        BOOST_TEST(visio.at("confidence").as_string() == "high");
        BOOST_TEST(visio.at("reason").as_string() == "SKU VISIOCLIENT on both");
        BOOST_TEST(visio.at("legacy_entitled").as_int64() == 10);
        BOOST_TEST(visio.at("legacy_consumed").as_int64() == 0);
        BOOST_TEST(visio.at("legacy_per_user_cost").as_string() == "10.00");
        BOOST_TEST(visio.at("fsm_entitled").as_int64() == 10);
        BOOST_TEST(visio.at("fsm_consumed").as_int64() == 2);            // u1, u2; u4 left on 04-01
        BOOST_TEST(visio.at("fsm_unused_cost").as_string() == "12.50");  // u2 x 12.50
        BOOST_TEST(visio.at("fsm_true_up_cost").as_string() == "0.00");
        const auto& bi = rows[1].as_object();
        BOOST_TEST(bi.at("fsm_external_id").as_string() == "fL2");
        BOOST_TEST(bi.at("confidence").as_string() == "medium");
        BOOST_TEST(bi.at("fsm_consumed").as_int64() == 1);  // u3, by the app's only license
        BOOST_TEST(bi.at("fsm_true_up_cost").as_string() == "30.00");  // 1 short x 30.00
        BOOST_TEST(p.at("unmatched").as_array().empty());
        const auto& before = p.at("totals").at("before").as_object();
        BOOST_TEST(before.size() == 1U);
        BOOST_TEST(before.at("EUR").at("licenses").as_int64() == 2);
        BOOST_TEST(before.at("EUR").at("unused_cost").as_string() == "0.00");
        const auto& after = p.at("totals").at("after").as_object();
        BOOST_TEST(after.at("EUR").at("unused_cost").as_string() == "12.50");
        BOOST_TEST(after.at("USD").at("true_up_cost").as_string() == "30.00");
      }
    }
  });
}

BOOST_AUTO_TEST_CASE(a_replacement_set_by_hand_is_kept_and_shown) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "m365", legacy_tenant(), "microsoft-365"));
    invtest::stage(db.sql(), "fsm", fsm_tenant());
    const long long bi = license_id(db, "mL2");
    BOOST_TEST(set_supersede_match(db.sql(), scope, bi, std::string("fL1"), "tester") ==
               "Visio agreement");
    auto row = supersede_preview(db.sql(), scope).at("licenses").as_array()[1].as_object();
    BOOST_TEST(row.at("fsm_external_id").as_string() == "fL1");
    BOOST_TEST(row.at("reason").as_string() == "set by hand");
    set_supersede_match(db.sql(), scope, bi, std::nullopt, "tester");
    row = supersede_preview(db.sql(), scope).at("licenses").as_array()[1].as_object();
    BOOST_TEST(row.at("fsm_external_id").is_null());
    BOOST_TEST(row.at("reason").as_string() == "no replacement, set by hand");
    BOOST_TEST(supersede_preview(db.sql(), scope).at("unmatched").as_array().size() == 1U);
    BOOST_TEST(refusal_of([&] {
                 set_supersede_match(db.sql(), scope, bi, std::string("nope"), "tester");
               }).find("'nope' is not an active license of fsm") != std::string::npos);
  });
}

// Worked out by hand for the Visio pair: P1 moves, P2 is unlinked from the legacy license (the
// agreement has it), the attachment moves, Finance moves and Design is left by the legacy one,
// CC-1 moves, owner alice goes to the agreement's notes, then the legacy notes follow it there.
BOOST_AUTO_TEST_CASE(apply_moves_what_people_kept_and_keeps_conflicts_in_notes) {
  invtest::on_each_backend([](database& db) {
    const auto s = merged_with_local_records(db);
    const auto plan = make_supersede_plan(db.sql(), scope, "tester");
    const auto details = supersede_plan_details(db.sql(), plan);
    const auto& moves = details.at("moves").as_array();
    BOOST_REQUIRE(moves.size() == 8U);  // P1, P2, attachment, Design, Finance, owner, CC, notes
    const std::string route =
        "license " + std::to_string(s.visio) + " -> license " + std::to_string(s.fsm_visio);
    BOOST_TEST(moves[1].at("text").as_string() ==
               "purchase " + std::to_string(s.p2) + ": " + route +
                   " (already linked there: unlinked from the old one)");
    BOOST_TEST(moves[5].at("text").as_string() ==
               "owner 'alice': " + route +
                   " holds its own owner: kept, and this one added to its notes with its origin");
    BOOST_TEST(moves[6].at("text").as_string() ==
               "cost_centre 'CC-1': " + route + " (it had none)");
    BOOST_TEST(moves[7].at("text").as_string() ==
               "notes 'renewal via reseller': " + route +
                   " has notes: kept, and these added to them with their origin");
    apply_supersede_plan(db.sql(), plan, "tester", false);
    const std::string fv = std::to_string(s.fsm_visio), v = std::to_string(s.visio);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM license_purchases WHERE license_id = " + v) ==
               0);
    BOOST_TEST(
        scalar(db.sql(), "SELECT COUNT(*) FROM license_purchases WHERE license_id = " + fv) == 2);
    BOOST_TEST(scalar(db.sql(), "SELECT license_id FROM attachments WHERE id = " +
                                    std::to_string(s.attachment)) == s.fsm_visio);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM license_groups WHERE license_id = " + v) ==
               0);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM license_groups WHERE license_id = " + fv) ==
               2);
    BOOST_TEST(field(db, "owner", s.fsm_visio) == "bob");
    BOOST_TEST(field(db, "owner", s.visio) == "<null>");
    BOOST_TEST(field(db, "cost_centre", s.fsm_visio) == "CC-1");
    BOOST_TEST(field(db, "notes", s.fsm_visio) ==
               "from Visio Plan 2 (m365, license " + v +
                   "): owner = alice\nfrom Visio Plan 2 (m365, license " + v +
                   "): notes = renewal via reseller");
    BOOST_TEST(field(db, "notes", s.visio) == "<null>");
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM supersede_audit WHERE action = 'apply' AND "
                      "who = 'tester'") == 8);
    BOOST_TEST(text(db.sql(),
                    "SELECT new_value FROM supersede_audit WHERE field = 'cost_centre'") == "CC-1");
  });
}

BOOST_AUTO_TEST_CASE(undo_restores_the_store_exactly_and_a_plan_applies_once) {
  invtest::on_each_backend([](database& db) {
    merged_with_local_records(db);
    const auto plan = make_supersede_plan(db.sql(), scope, "tester");
    const std::string before = invtest::dump_every_table(db.sql());
    BOOST_TEST(refusal_of([&] {
                 undo_supersede_plan(db.sql(), plan, "tester");
               }).find("is not applied") != std::string::npos);
    apply_supersede_plan(db.sql(), plan, "tester", false);
    BOOST_TEST(invtest::dump_every_table(db.sql()) != before);
    BOOST_TEST(refusal_of([&] {
                 apply_supersede_plan(db.sql(), plan, "tester", false);
               }).find("is applied already") != std::string::npos);
    undo_supersede_plan(db.sql(), plan, "tester");
    BOOST_TEST(invtest::dump_every_table(db.sql()) == before);
    BOOST_TEST(refusal_of([&] {
                 undo_supersede_plan(db.sql(), plan, "tester");
               }).find("is not applied") != std::string::npos);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM supersede_audit WHERE action = 'undo'") == 8);
    // Undone, the store is as the plan found it: it applies again.
    apply_supersede_plan(db.sql(), plan, "tester", false);
    BOOST_TEST(text(db.sql(), "SELECT state FROM supersede_plans") == "applied");
  });
}

BOOST_AUTO_TEST_CASE(a_dry_run_changes_nothing) {
  invtest::on_each_backend([](database& db) {
    merged_with_local_records(db);
    const auto plan = make_supersede_plan(db.sql(), scope, "tester");
    const std::string before = invtest::dump_every_table(db.sql());
    const auto out = apply_supersede_plan(db.sql(), plan, "tester", true);
    BOOST_TEST(out.at("dry_run").as_bool());
    BOOST_TEST(out.at("moves").as_array().size() == 8U);
    BOOST_TEST(invtest::dump_every_table(db.sql()) == before);
    BOOST_TEST(text(db.sql(), "SELECT state FROM supersede_plans") == "planned");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM supersede_audit") == 0);
  });
}

// The legacy license got a purchase after the plan was made: applying the plan would leave it
// behind, so the plan is refused as stale and nothing moves.
BOOST_AUTO_TEST_CASE(a_plan_made_before_the_store_changed_is_refused) {
  invtest::on_each_backend([](database& db) {
    const auto s = merged_with_local_records(db);
    const auto plan = make_supersede_plan(db.sql(), scope, "tester");
    purchase p;
    p.reference = "PO-3";
    p.quantity = 1;
    link_purchase(db.sql(), s.visio, add_purchase(db.sql(), p));
    const std::string before = invtest::dump_every_table(db.sql());
    const std::string why = refusal_of([&] { apply_supersede_plan(db.sql(), plan, "t", false); });
    BOOST_TEST(why.find("is stale") != std::string::npos, why);
    BOOST_TEST(invtest::dump_every_table(db.sql()) == before);
    BOOST_TEST(text(db.sql(), "SELECT state FROM supersede_plans") == "planned");
  });
}

// Once the legacy licenses are retired no license counts on the legacy connection's
// applications: the plan lists all three, with the one person the reconciliation found
// unallocated on Teams Rooms.
BOOST_AUTO_TEST_CASE(the_plan_lists_surplus_applications_and_their_unallocated_users) {
  invtest::on_each_backend([](database& db) {
    merged_with_local_records(db);
    reconcile(db.sql(), "2024-06-01");
    const auto plan = make_supersede_plan(db.sql(), scope, "tester");
    const auto details = supersede_plan_details(db.sql(), plan);
    const auto& apps = details.at("surplus_applications").as_array();
    BOOST_REQUIRE_MESSAGE(apps.size() == 3U, boost::json::serialize(apps));
    BOOST_TEST(apps[0].at("name").as_string() == "Visio Plan 2");
    BOOST_TEST(apps[0].at("unallocated_users").as_int64() == 0);
    BOOST_TEST(apps[2].at("connection").as_string() == "m365");
    BOOST_TEST(apps[2].at("name").as_string() == "Teams Rooms");
    BOOST_TEST(apps[2].at("unallocated_users").as_int64() == 1);
  });
}

// Something a move left was changed after apply: undoing would lose that edit, so undo is
// refused, names it, and changes nothing.
BOOST_AUTO_TEST_CASE(undo_is_refused_when_a_moved_value_changed_since) {
  invtest::on_each_backend([](database& db) {
    const auto s = merged_with_local_records(db);
    const auto plan = make_supersede_plan(db.sql(), scope, "tester");
    apply_supersede_plan(db.sql(), plan, "tester", false);
    local_fields edit;
    edit.notes = "rewritten by a person";
    edit_local_fields(db.sql(), s.fsm_visio, edit, "tester");
    const std::string before = invtest::dump_every_table(db.sql());
    const std::string why = refusal_of([&] { undo_supersede_plan(db.sql(), plan, "tester"); });
    BOOST_TEST(why.find("cannot be undone: the notes of license " + std::to_string(s.fsm_visio) +
                        " changed since it was applied") != std::string::npos,
               why);
    BOOST_TEST(invtest::dump_every_table(db.sql()) == before);
    BOOST_TEST(text(db.sql(), "SELECT state FROM supersede_plans") == "applied");
  });
}

// Two legacy licenses whose SKUs are both on one FSM agreement move onto it one after the other:
// the first one's owner and group arrive, so the second's owner is a conflict (to the notes) and
// its group is there already.
BOOST_AUTO_TEST_CASE(a_second_legacy_license_sees_what_the_first_brought) {
  invtest::on_each_backend([](database& db) {
    invtest::tenant legacy;
    legacy.apps = {{"m-a1", "Microsoft 365 E3", "Microsoft"},
                   {"m-a2", "Visio Plan 2", "Microsoft"}};
    legacy.licenses = {{"mA", "Microsoft 365 E3", {"m-a1"}}, {"mB", "Visio Plan 2", {"m-a2"}}};
    invtest::term_row a{"mTA", "mA", 5}, b{"mTB", "mB", 5};
    a.sku = "SPE_E3";
    b.sku = "VISIOCLIENT";
    legacy.terms = {a, b};
    invtest::tenant fsm;
    fsm.apps = {{"f-a1", "Microsoft 365 Apps", "Microsoft"}};
    fsm.licenses = {{"fEA", "Enterprise Agreement", {"f-a1"}}};
    invtest::term_row e3{"fT1", "fEA", 10}, visio{"fT2", "fEA", 10};
    e3.sku = "SPE_E3";
    visio.sku = "VISIOCLIENT";
    fsm.terms = {e3, visio};
    merge_run(db.sql(), invtest::stage(db.sql(), "m365", legacy, "microsoft-365"));
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", fsm));
    const long long ida = license_id(db, "mA"), idb = license_id(db, "mB"),
                    ea = license_id(db, "fEA");
    local_fields fa;
    fa.owner = "alice";
    fa.add_groups = {"G"};
    edit_local_fields(db.sql(), ida, fa, "tester");
    local_fields fb;
    fb.owner = "carol";
    fb.add_groups = {"G"};
    edit_local_fields(db.sql(), idb, fb, "tester");
    const auto plan = make_supersede_plan(db.sql(), scope, "tester");
    apply_supersede_plan(db.sql(), plan, "tester", false);
    BOOST_TEST(field(db, "owner", ea) == "alice");
    BOOST_TEST(field(db, "notes", ea) ==
               "from Visio Plan 2 (m365, license " + std::to_string(idb) + "): owner = carol");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM license_groups") == 1);
    BOOST_TEST(scalar(db.sql(), "SELECT license_id FROM license_groups") == ea);
    undo_supersede_plan(db.sql(), plan, "tester");
    BOOST_TEST(field(db, "owner", idb) == "carol");
    BOOST_TEST(field(db, "notes", ea) == "<null>");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM license_groups") == 2);
  });
}

BOOST_AUTO_TEST_CASE(a_plan_needs_the_fsm_connection_merged) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "m365", legacy_tenant(), "microsoft-365"));
    invtest::stage(db.sql(), "fsm", fsm_tenant());
    BOOST_TEST(refusal_of([&] {
                 make_supersede_plan(db.sql(), scope, "tester");
               }).find("fsm has not been merged yet") != std::string::npos);
  });
}

BOOST_AUTO_TEST_SUITE_END()
