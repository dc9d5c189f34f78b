// A run's read model: counts per stream, what the merge did to which licenses, errors; the JSON
// shape `runs show --format json` has always printed.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/store.hpp>
#include <invhost/views/run_detail.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using invtest::database;
using invtest::scalar;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(run_detail_view)

BOOST_AUTO_TEST_CASE(a_merged_run_lists_streams_and_the_licenses_it_changed) {
  invtest::on_each_backend([](database& db) {
    auto store = invhost::store::open(db.connection_string());
    auto& sql = store->sql();
    invhost::inventory::merge_run(sql, invtest::stage(sql, "fsm", invtest::licenses_tenant(2)));
    // The second import lacks L2: a complete import retires it.
    const auto second = invtest::stage(sql, "fsm", invtest::licenses_tenant(1));
    invhost::inventory::merge_run(sql, second);
    const long long l2 = scalar(sql, "SELECT id FROM licenses WHERE external_id = 'L2'");

    const auto d = invhost::views::find_run_detail(*store, second);
    BOOST_REQUIRE(d.has_value());
    json::object got = invhost::views::run_detail_json(*d);
    // The time of the change is when the merge ran: checked for shape, then left out.
    BOOST_REQUIRE(got.at("license_changes").as_array().size() == 1U);
    auto& change = got.at("license_changes").as_array().at(0).as_object();
    BOOST_TEST(change.at("at").as_string().size() == std::string("2024-03-01T12:00:00Z").size());
    change.erase("at");

    const json::value expected = {
        {"id", second},
        {"connection", "fsm"},
        {"adapter", "fsm-saas"},
        {"adapter_version", "1.0.0"},
        {"started_at", "2024-01-01T00:00:00Z"},
        {"finished_at", "2024-01-01T00:01:00Z"},
        {"outcome", "staged"},
        {"error_class", ""},
        {"error_message", ""},
        {"http_status", 0},
        {"requests", 0},
        {"retries", 0},
        {"throttled", 0},
        {"merge_status", "merged"},
        {"merge_reason", ""},
        // L1 again, L2 gone from a complete import.
        {"merge_counts",
         {{"new", 0}, {"updated", 1}, {"retired", 1}, {"returned", 0}, {"superseded", 0}}},
        {"supersession", json::array()},
        {"license_changes", json::array{{{"connection", "fsm"},
                                         {"kind", "retired"},
                                         {"reason", "removed from source"},
                                         {"license_id", l2},
                                         {"external_id", "L2"},
                                         {"name", "License 2"}}}},
        {"streams",
         {{"accessing_users",
           {{"records", 0}, {"pages", 1}, {"completeness", "complete"}, {"reason", ""}}},
          {"applications",
           {{"records", 1}, {"pages", 1}, {"completeness", "complete"}, {"reason", ""}}},
          {"consumption",
           {{"records", 0}, {"pages", 1}, {"completeness", "complete"}, {"reason", ""}}},
          {"entitlements",
           {{"records", 1}, {"pages", 1}, {"completeness", "complete"}, {"reason", ""}}},
          {"licenses",
           {{"records", 1}, {"pages", 1}, {"completeness", "complete"}, {"reason", ""}}}}}};
    BOOST_TEST(json::value(got) == expected, json::serialize(got));

    BOOST_TEST(!invhost::views::find_run_detail(*store, second + 100).has_value());
  });
}

namespace {

json::value merge_counts_of(invhost::store& store, std::int64_t run) {
  const auto d = invhost::views::find_run_detail(store, run);
  BOOST_REQUIRE(d.has_value());
  return invhost::views::run_detail_json(*d).at("merge_counts");
}

invtest::tenant with_licenses(std::vector<int> numbers) {
  const auto all = invtest::licenses_tenant(4);
  invtest::tenant t = all;
  t.licenses.clear();
  t.terms.clear();
  for (const int n : numbers) {
    t.licenses.push_back(all.licenses.at(static_cast<std::size_t>(n - 1)));
    t.terms.push_back(all.terms.at(static_cast<std::size_t>(n - 1)));
  }
  return t;
}

}  // namespace

// Import 1: L1 L2 L3. Import 2: L1 L2, so L3 is retired (1 of 3 active, fewer than the guard's 10).
// Import 3: L1 L3 L4: L1 known and active (updated), L3 back (returned, not also updated), L4
// new, L2 missing (retired), no superseded adapter.
BOOST_AUTO_TEST_CASE(the_run_records_what_its_merge_did) {
  invtest::on_each_backend([](database& db) {
    auto store = invhost::store::open(db.connection_string());
    auto& sql = store->sql();
    invhost::inventory::merge_run(sql, invtest::stage(sql, "fsm", with_licenses({1, 2, 3})));
    invhost::inventory::merge_run(sql, invtest::stage(sql, "fsm", with_licenses({1, 2})));
    const auto third = invtest::stage(sql, "fsm", with_licenses({1, 3, 4}));
    BOOST_TEST(merge_counts_of(*store, third).is_null());  // staged, not merged yet
    invhost::inventory::merge_run(sql, third);
    const json::value expected = {
        {"new", 1}, {"updated", 1}, {"retired", 1}, {"returned", 1}, {"superseded", 0}};
    BOOST_TEST(merge_counts_of(*store, third) == expected,
               json::serialize(merge_counts_of(*store, third)));
    BOOST_TEST(invhost::views::merge_counts_text(*invhost::views::find_run_detail(*store, third)) ==
               "1 new, 1 updated, 1 retired, 1 returned, 0 superseded");
  });
}

// 20 licenses, then an import of 10: retiring 10 of 20 (50 %, at least 10) is held, and nothing
// is recorded; applied with the override, the other 10 are updated and 10 retired.
BOOST_AUTO_TEST_CASE(a_held_run_records_its_counts_when_applied) {
  invtest::on_each_backend([](database& db) {
    auto store = invhost::store::open(db.connection_string());
    auto& sql = store->sql();
    auto t = invtest::licenses_tenant(20);
    invhost::inventory::merge_run(sql, invtest::stage(sql, "fsm", t));
    t.licenses.resize(10);
    t.terms.resize(10);
    const auto run = invtest::stage(sql, "fsm", t);
    BOOST_TEST(to_string(invhost::inventory::merge_run(sql, run).status) == "held");
    BOOST_TEST(merge_counts_of(*store, run).is_null());
    invhost::inventory::merge_options override;
    override.override_guard = true;
    BOOST_TEST(to_string(invhost::inventory::merge_run(sql, run, override).status) == "merged");
    const json::value expected = {
        {"new", 0}, {"updated", 10}, {"retired", 10}, {"returned", 0}, {"superseded", 0}};
    BOOST_TEST(merge_counts_of(*store, run) == expected);
  });
}

// A run merged before the counts were kept has NULL in their columns: not recorded, never 0.
BOOST_AUTO_TEST_CASE(a_run_merged_before_counts_were_kept_says_not_recorded) {
  invtest::on_each_backend([](database& db) {
    auto store = invhost::store::open(db.connection_string());
    auto& sql = store->sql();
    const auto run = invtest::stage(sql, "fsm", invtest::licenses_tenant(2));
    BOOST_TEST(invhost::views::merge_counts_text(*invhost::views::find_run_detail(*store, run)) ==
               "");  // not merged: nothing to say
    invhost::inventory::merge_run(sql, run);
    sql << "UPDATE runs SET merge_new = NULL, merge_updated = NULL, merge_retired = NULL, "
           "merge_returned = NULL, merge_superseded = NULL";
    const auto d = invhost::views::find_run_detail(*store, run);
    BOOST_TEST(invhost::views::merge_counts_text(*d) == "not recorded");
    BOOST_TEST(invhost::views::run_detail_json(*d).at("merge_counts").is_null());
  });
}

BOOST_AUTO_TEST_SUITE_END()
