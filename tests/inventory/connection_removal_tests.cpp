// Removing a connection takes its licenses out of every total and keeps them on record; deleting
// its retired licenses never deletes one that holds what a person recorded.
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/connection_removal.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/reconcile.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;
using invtest::scalar;

namespace {

invtest::tenant three_licenses() {
  invtest::tenant t;
  for (int i = 1; i <= 3; ++i) {
    const std::string n = std::to_string(i);
    t.apps.push_back({"app" + n, "Product " + n, "Publisher"});
    t.licenses.push_back({"L" + n, "License " + n, {"app" + n}});
    t.terms.push_back({"T" + n, "L" + n, 10});
  }
  return t;
}

long long id_of(database& db, const std::string& external_id) {
  return scalar(db.sql(), "SELECT id FROM licenses WHERE connection = 'old' AND external_id = '" +
                              external_id + "'");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(connection_removal)

BOOST_AUTO_TEST_CASE(a_removed_connections_licenses_leave_the_totals_and_stay_on_record) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "old", three_licenses()));
    auto two = three_licenses();  // L3 removed at the source
    two.licenses.pop_back();
    two.terms.pop_back();
    merge_run(db.sql(), invtest::stage(db.sql(), "old", two));

    const auto removed = remove_connection_licenses(db.sql(), "old", false);
    BOOST_TEST(removed.retired.size() == 2U);  // L1 and L2 were active
    BOOST_TEST(removed.deleted.empty());
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM licenses WHERE connection = 'old' AND "
                      "status = 'retired' AND retired_reason = 'connection removed'") == 2);
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM licenses WHERE connection = 'old' AND "
                      "retired_reason = 'removed from source'") == 1);
    const auto rec = reconcile(db.sql(), "2024-06-01");
    BOOST_TEST(rec.licenses == 3);
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM license_positions WHERE reconciliation_id = " +
                          std::to_string(rec.reconciliation_id) + " AND status = 'active'") == 0);

    // The same connection id imports again: its licenses return.
    const auto back = merge_run(db.sql(), invtest::stage(db.sql(), "old", three_licenses()));
    BOOST_TEST(back.licenses_returned == 3);
  });
}

BOOST_AUTO_TEST_CASE(deleting_retired_licenses_keeps_those_a_person_recorded_something_on) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "old", three_licenses()));
    reconcile(db.sql(), "2024-06-01");
    purchase p;
    p.reference = "PO-1";
    p.quantity = 5;
    link_purchase(db.sql(), id_of(db, "L2"), add_purchase(db.sql(), p));
    local_fields owner;
    owner.owner = "Dana";
    edit_local_fields(db.sql(), id_of(db, "L3"), owner, "tester");

    const auto removed = remove_connection_licenses(db.sql(), "old", true);
    BOOST_TEST(removed.retired.size() == 3U);
    BOOST_REQUIRE(removed.deleted.size() == 1U);
    BOOST_TEST(removed.deleted[0].external_id == "L1");
    BOOST_REQUIRE(removed.kept.size() == 2U);
    for (const auto& k : removed.kept)
      BOOST_TEST(k.why == (k.license.external_id == "L2" ? "purchases" : "local fields"));
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE connection = 'old'") == 2);
    // L1's terms and positions went with it; the others' stay.
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM entitlements WHERE connection = 'old'") == 2);
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM license_positions p WHERE NOT EXISTS "
                      "(SELECT 1 FROM licenses l WHERE l.id = p.license_id)") == 0);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM license_purchases") == 1);
  });
}

BOOST_AUTO_TEST_SUITE_END()
