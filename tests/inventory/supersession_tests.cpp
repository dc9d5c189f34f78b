#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/supersession.hpp>

#include <boost/test/unit_test.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;
using invtest::scalar;
using invtest::text;

BOOST_AUTO_TEST_SUITE(supersession)

BOOST_AUTO_TEST_CASE(licenses_of_superseded_adapters_are_retired_now_and_later) {
  invtest::on_each_backend([](database& db) {
    auto legacy = invtest::licenses_tenant(2);
    merge_run(db.sql(), invtest::stage(db.sql(), "o365", legacy, "office365-legacy"));
    merge_run(db.sql(), invtest::stage(db.sql(), "sfdc", invtest::licenses_tenant(1), "salesforce"));
    const std::vector<std::string> replaced{"office365-legacy", "salesforce"};

    // Not before the new connection's first merge and reconciliation.
    BOOST_TEST(!activate_supersession(db.sql(), "fsm", replaced));
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", invtest::licenses_tenant(1)));
    BOOST_TEST(!activate_supersession(db.sql(), "fsm", replaced));
    reconcile(db.sql(), "2024-06-01");
    BOOST_TEST(activate_supersession(db.sql(), "fsm", replaced));

    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE status = 'retired' AND "
                                "retired_reason = 'superseded by fsm'") == 3);
    BOOST_TEST(text(db.sql(), "SELECT status FROM licenses WHERE connection = 'fsm'") == "active");

    // The old connection imports again, with a new license: everything of it stays retired.
    legacy = invtest::licenses_tenant(3);
    legacy.licenses[0].name = "Renamed at the old source";
    const auto r = merge_run(db.sql(), invtest::stage(db.sql(), "o365", legacy, "office365-legacy"));
    BOOST_TEST(to_string(r.status) == "merged");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE connection = 'o365' AND "
                                "status = 'active'") == 0);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE connection = 'o365' AND "
                                "superseded_by = 'fsm'") == 3);
    // Left out of totals: the reconciliation keeps their positions as retired.
    const auto s = reconcile(db.sql(), "2024-06-02");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM license_positions WHERE reconciliation_id = " +
                                    std::to_string(s.reconciliation_id) +
                                    " AND status = 'active'") == 1);
    // The new connection's merges never touched the other connections' records.
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE connection = 'fsm'") == 1);
  });
}

BOOST_AUTO_TEST_SUITE_END()
