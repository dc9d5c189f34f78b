// A run's record names the licenses it added, retired and brought back, and a supersession names
// the licenses it retired and returned: by id and by name as they were then.
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/license_changes.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/supersession.hpp>
#include <set>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;

namespace {

using change_key = std::string;

// "connection|kind|reason|external id|name" of every change, order ignored.
std::set<change_key> keys(const std::vector<license_change>& changes) {
  std::set<change_key> out;
  for (const auto& c : changes)
    out.insert(c.connection + "|" + std::string(to_string(c.kind)) + "|" + c.reason + "|" +
               c.external_id + "|" + c.name);
  return out;
}

invtest::tenant microsoft(const std::string& prefix, int n) {
  invtest::tenant t;
  for (int i = 1; i <= n; ++i) {
    const std::string app = prefix + "-app" + std::to_string(i);
    const std::string lic = prefix + "-L" + std::to_string(i);
    t.apps.push_back({app, "Microsoft product " + std::to_string(i), "Microsoft"});
    t.licenses.push_back({lic, "License " + prefix + std::to_string(i), {app}});
    t.terms.push_back({prefix + "-T" + std::to_string(i), lic, 10});
  }
  return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(license_changes)

BOOST_AUTO_TEST_CASE(each_run_names_what_it_added_retired_and_brought_back) {
  invtest::on_each_backend([](database& db) {
    const auto first = invtest::stage(db.sql(), "fsm", microsoft("f", 3));
    merge_run(db.sql(), first);
    BOOST_TEST(keys(license_changes_of_run(db.sql(), first)) ==
                   (std::set<change_key>{"fsm|added||f-L1|License f1", "fsm|added||f-L2|License f2",
                                         "fsm|added||f-L3|License f3"}),
               boost::test_tools::per_element());

    // f-L2 is gone from a complete import: retired as removed from source; nothing added.
    auto without_second = microsoft("f", 3);
    without_second.licenses.erase(without_second.licenses.begin() + 1);
    without_second.terms.erase(without_second.terms.begin() + 1);
    const auto second = invtest::stage(db.sql(), "fsm", without_second);
    const auto m2 = merge_run(db.sql(), second);
    BOOST_TEST(m2.licenses_retired == 1);
    BOOST_TEST(keys(license_changes_of_run(db.sql(), second)) ==
                   (std::set<change_key>{"fsm|retired|removed from source|f-L2|License f2"}),
               boost::test_tools::per_element());

    // It comes back, renamed at the source: returned, under the name it had while retired.
    auto back = microsoft("f", 3);
    back.licenses[1].name = "Renamed";
    const auto third = invtest::stage(db.sql(), "fsm", back);
    merge_run(db.sql(), third);
    BOOST_TEST(keys(license_changes_of_run(db.sql(), third)) ==
                   (std::set<change_key>{"fsm|returned||f-L2|License f2"}),
               boost::test_tools::per_element());
  });
}

BOOST_AUTO_TEST_CASE(supersession_names_the_licenses_it_retires_and_returns) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "m365", microsoft("m", 2), "microsoft-365"));
    const auto fsm_run = invtest::stage(db.sql(), "fsm", microsoft("f", 1));
    merge_run(db.sql(), fsm_run);
    reconcile(db.sql(), "2024-06-01");
    const auto decided = decide_supersessions(db.sql(), "fsm", {"microsoft-365"}, {}, fsm_run);
    BOOST_REQUIRE(decided.size() == 1U);
    BOOST_TEST(keys(decided[0].changed) ==
                   (std::set<change_key>{"m365|retired|superseded by fsm|m-L1|License m1",
                                         "m365|retired|superseded by fsm|m-L2|License m2"}),
               boost::test_tools::per_element());
    // Recorded on the superseding run, beside what that run itself added.
    BOOST_TEST(keys(license_changes_of_run(db.sql(), fsm_run)) ==
                   (std::set<change_key>{"fsm|added||f-L1|License f1",
                                         "m365|retired|superseded by fsm|m-L1|License m1",
                                         "m365|retired|superseded by fsm|m-L2|License m2"}),
               boost::test_tools::per_element());

    // The old connection brings a new license: added, then retired on arrival, on its run.
    const auto legacy_run = invtest::stage(db.sql(), "m365", microsoft("m", 3), "microsoft-365");
    merge_run(db.sql(), legacy_run);
    BOOST_TEST(keys(license_changes_of_run(db.sql(), legacy_run)) ==
                   (std::set<change_key>{"m365|added||m-L3|License m3",
                                         "m365|retired|superseded by fsm|m-L3|License m3"}),
               boost::test_tools::per_element());

    // The superseding connection goes: all three return, on no run.
    const auto ended = end_supersessions_except(db.sql(), {});
    BOOST_REQUIRE(ended.size() == 1U);
    BOOST_TEST(keys(ended[0].changed) == (std::set<change_key>{"m365|returned||m-L1|License m1",
                                                               "m365|returned||m-L2|License m2",
                                                               "m365|returned||m-L3|License m3"}),
               boost::test_tools::per_element());
    for (const auto& c : ended[0].changed) BOOST_TEST(!c.run_id.has_value());
  });
}

BOOST_AUTO_TEST_SUITE_END()
