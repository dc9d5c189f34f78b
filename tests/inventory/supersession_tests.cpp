#include <boost/test/unit_test.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/supersession.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;
using invtest::scalar;
using invtest::text;

namespace {

const std::vector<std::string> fsm_supersedes{"microsoft-365", "office-365", "salesforce"};

// n licenses of a publisher, each on its own application of that publisher.
invtest::tenant publisher_tenant(const std::string& publisher, const std::string& prefix, int n) {
  invtest::tenant t;
  for (int i = 1; i <= n; ++i) {
    const std::string app = prefix + "-app" + std::to_string(i);
    const std::string lic = prefix + "-L" + std::to_string(i);
    t.apps.push_back({app, publisher + " product " + std::to_string(i), publisher});
    t.licenses.push_back({lic, publisher + " license " + std::to_string(i), {app}});
    t.terms.push_back({prefix + "-T" + std::to_string(i), lic, 10});
  }
  return t;
}

long long active_of(database& db, const std::string& connection) {
  return scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE connection = '" + connection +
                              "' AND status = 'active'");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(supersession)

// The legacy connection's five licenses stay active while the FSM connection's import is empty:
// an empty organisation proves nothing about where those seats went.
BOOST_AUTO_TEST_CASE(an_empty_superseding_import_retires_nothing) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "m365", publisher_tenant("Microsoft", "m", 5),
                                       "microsoft-365"));
    invtest::tenant empty;  // every stream delivered, complete, with no record
    const auto fsm = merge_run(db.sql(), invtest::stage(db.sql(), "fsm", empty));
    BOOST_TEST(to_string(fsm.status) == "merged");
    reconcile(db.sql(), "2024-06-01");
    BOOST_TEST(decide_supersessions(db.sql(), "fsm", fsm_supersedes, {}).empty());
    BOOST_TEST(active_of(db, "m365") == 5);
    BOOST_TEST(list_supersessions(db.sql()).empty());
  });
}

// The FSM connection's import failed, then another ended incomplete: whatever they staged (here
// a Microsoft license) is not merged, so it proves nothing, and the legacy licenses stay active.
BOOST_AUTO_TEST_CASE(a_failed_or_incomplete_superseding_import_retires_nothing) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "m365", publisher_tenant("Microsoft", "m", 5),
                                       "microsoft-365"));
    for (const char* outcome : {"failed", "incomplete"}) {
      auto fsm = publisher_tenant("Microsoft", "f", 2);
      fsm.outcome = outcome;
      const auto r = merge_run(db.sql(), invtest::stage(db.sql(), "fsm", fsm));
      BOOST_TEST(to_string(r.status) == "skipped", outcome);
      reconcile(db.sql(), "2024-06-01");
      BOOST_TEST(decide_supersessions(db.sql(), "fsm", fsm_supersedes, {}).empty(), outcome);
      BOOST_TEST(active_of(db, "m365") == 5, outcome);
    }
    BOOST_TEST(list_supersessions(db.sql()).empty());
  });
}

// FSM brought licenses, none of Microsoft: retiring the legacy ones would lose their seats from
// every total, so it is held with the reason, until an override applies it.
BOOST_AUTO_TEST_CASE(supersession_is_held_without_a_license_of_the_publisher) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "m365", publisher_tenant("Microsoft", "m", 5),
                                       "microsoft-365"));
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", publisher_tenant("Zoom", "z", 2)));
    reconcile(db.sql(), "2024-06-01");

    const auto held = decide_supersessions(db.sql(), "fsm", fsm_supersedes, {}, 2);
    BOOST_REQUIRE(held.size() == 1U);
    BOOST_TEST(to_string(held[0].event) == "held");
    BOOST_TEST(held[0].superseded_connection == "m365");
    BOOST_TEST(held[0].licenses == 0);
    BOOST_TEST(held[0].reason.find("Microsoft") != std::string::npos, held[0].reason);
    BOOST_TEST(active_of(db, "m365") == 5);
    const auto states = list_supersessions(db.sql());
    BOOST_REQUIRE(states.size() == 1U);
    BOOST_TEST(states[0].state == "held");
    // Recorded on the run that decided it.
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM supersession_events WHERE run_id = 2 AND "
                      "event = 'held'") == 1);
    // The same decision the next night changes nothing and reports nothing.
    BOOST_TEST(decide_supersessions(db.sql(), "fsm", fsm_supersedes, {}).empty());

    const auto applied = decide_supersessions(db.sql(), "fsm", fsm_supersedes, {"m365"});
    BOOST_REQUIRE(applied.size() == 1U);
    BOOST_TEST(to_string(applied[0].event) == "in force");
    BOOST_TEST(applied[0].licenses == 5);
    BOOST_TEST(active_of(db, "m365") == 0);
  });
}

BOOST_AUTO_TEST_CASE(licenses_of_superseded_connections_are_retired_now_and_later_and_return) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "o365", publisher_tenant("Microsoft", "o", 2),
                                       "office-365"));
    merge_run(db.sql(), invtest::stage(db.sql(), "sfdc", publisher_tenant("Salesforce", "s", 1),
                                       "salesforce"));
    auto fsm_tenant = publisher_tenant("Microsoft", "fm", 1);
    const auto sf = publisher_tenant("Salesforce", "fs", 1);
    fsm_tenant.apps.push_back(sf.apps[0]);
    fsm_tenant.licenses.push_back(sf.licenses[0]);
    fsm_tenant.terms.push_back(sf.terms[0]);

    // Not before the new connection's first merge and a reconciliation after it.
    BOOST_TEST(decide_supersessions(db.sql(), "fsm", fsm_supersedes, {}).empty());
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", fsm_tenant));
    BOOST_TEST(decide_supersessions(db.sql(), "fsm", fsm_supersedes, {}).empty());
    const auto rec = reconcile(db.sql(), "2024-06-01");
    const auto changes = decide_supersessions(db.sql(), "fsm", fsm_supersedes, {});
    BOOST_REQUIRE(changes.size() == 2U);
    std::int64_t retired = 0;
    for (const auto& c : changes) {
      BOOST_TEST(to_string(c.event) == "in force");
      retired += c.licenses;
    }
    BOOST_TEST(retired == 3);
    // Already in force: the next decision reports nothing.
    BOOST_TEST(decide_supersessions(db.sql(), "fsm", fsm_supersedes, {}).empty());
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM licenses WHERE status = 'retired' AND "
                      "retired_reason = 'superseded by fsm'") == 3);
    // The statuses restated in the night's reconciliation, without computing it again.
    restate_license_statuses(db.sql(), rec.reconciliation_id);
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM license_positions WHERE "
                      "reconciliation_id = " +
                          std::to_string(rec.reconciliation_id) + " AND status = 'active'") == 2);

    // The old connection imports again, with a new license: retired on arrival, and counted.
    auto legacy = publisher_tenant("Microsoft", "o", 3);
    legacy.licenses[0].name = "Renamed at the old source";
    const auto r = merge_run(db.sql(), invtest::stage(db.sql(), "o365", legacy, "office-365"));
    BOOST_TEST(to_string(r.status) == "merged");
    BOOST_TEST(r.superseded == 1);
    BOOST_TEST(active_of(db, "o365") == 0);
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM licenses WHERE connection = 'o365' AND "
                      "superseded_by = 'fsm'") == 3);

    // The FSM connection is disabled or removed: every superseded license returns.
    const auto ended = end_supersessions_except(db.sql(), {});
    std::int64_t returned = 0;
    for (const auto& c : ended) {
      BOOST_TEST(to_string(c.event) == "ended");
      returned += c.licenses;
    }
    BOOST_TEST(returned == 4);
    BOOST_TEST(active_of(db, "o365") == 3);
    BOOST_TEST(active_of(db, "sfdc") == 1);
    BOOST_TEST(list_supersessions(db.sql()).empty());
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE superseded_by IS NOT NULL") ==
               0);
  });
}

BOOST_AUTO_TEST_SUITE_END()
