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

BOOST_AUTO_TEST_SUITE_END()
