// The overview on the hand-worked tenant (views_tenant.cpp): each figure per currency, the
// unused share, renewal windows, and the last import of each connection with its staleness.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/views/overview.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"
#include "views_tenant.hpp"

using namespace invhost::views;
using invtest::database;

namespace {

// A figure agrees with the list it links to: its value is that list's length.
void links_to_its_count(const license_set& set, const figure& f) {
  const auto p = parse_license_query(to_query_string(f.licenses));
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(std::to_string(filter_and_sort(set.rows, p.query).size()) == f.value);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(overview_view)

BOOST_AUTO_TEST_CASE(figures_per_currency) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    const auto set = viewstest::load(sql, viewstest::build_inventory(sql));
    const auto o = build_overview(sql, set);
    BOOST_TEST(o.as_of == viewstest::D);
    BOOST_TEST(!o.stale_reason.has_value());
    BOOST_REQUIRE(o.currencies.size() == 3U);

    const auto& eur = o.currencies[0];
    BOOST_TEST(eur.currency == "EUR");
    BOOST_TEST(eur.active_licenses.value == "1");
    BOOST_TEST(to_query_string(eur.active_licenses.licenses) == "status=active&currency=EUR");
    BOOST_TEST(eur.non_compliant.value == "0");
    BOOST_TEST(eur.true_up_exposure->value == "0.00");
    BOOST_TEST(eur.unused_cost->value == "4.00");

    // Zoom, Figma, Notion Plus and Visio; Zoom (2 short at 10.00) and Figma (1 at 25.00) are
    // non-compliant; only Zoom has inactive users (3 at 10.00). The retired Old tool counts
    // nowhere.
    const auto& usd = o.currencies[1];
    BOOST_TEST(usd.currency == "USD");
    BOOST_TEST(usd.active_licenses.value == "4");
    BOOST_TEST(usd.non_compliant.value == "2");
    BOOST_TEST(usd.true_up_exposure->value == "45.00");
    BOOST_TEST(to_query_string(usd.true_up_exposure->licenses) ==
               "status=active&compliance=non-compliant&currency=USD&sort=-true_up_cost");
    BOOST_TEST(usd.unused_cost->value == "30.00");
    BOOST_TEST(to_query_string(usd.unused_cost->licenses) ==
               "status=active&currency=USD&unused=yes&sort=-unused_cost");

    // Miro (unlimited, no cost) and Notion Team (no term): costs unknown, not zero.
    const auto& none = o.currencies[2];
    BOOST_TEST(none.currency == "");
    BOOST_TEST(none.active_licenses.value == "2");
    BOOST_TEST(to_query_string(none.active_licenses.licenses) == "status=active&currency=none");
    BOOST_TEST(!none.true_up_exposure.has_value());
    BOOST_TEST(!none.unused_cost.has_value());

    // Active seats: 12 + 2 + 7 + 3 + 1 + 0 + 0 = 25, of which 3 + 1 + 1 inactive: 20.0 %.
    BOOST_TEST(o.consumed_seats == 25);
    BOOST_TEST(o.unused_seats.value == "5");
    BOOST_TEST(*o.unused_share_percent == "20.0");

    // Renewals in 0 (Notion Plus), 16 (Zoom), 30 (Visio), 66 (the EUR license), 87 (Figma) days.
    BOOST_REQUIRE(o.renewals.size() == 3U);
    BOOST_TEST(o.renewals[0].days == 30);
    BOOST_TEST(o.renewals[0].licenses.value == "3");
    BOOST_TEST(o.renewals[1].licenses.value == "3");
    BOOST_TEST(o.renewals[2].licenses.value == "5");
    BOOST_TEST(to_query_string(o.renewals[2].licenses.licenses) ==
               "status=active&renewal_within=90&sort=days_to_renewal");

    for (const auto& c : o.currencies) {
      links_to_its_count(set, c.active_licenses);
      links_to_its_count(set, c.non_compliant);
    }
    for (const auto& r : o.renewals) links_to_its_count(set, r.licenses);

    BOOST_REQUIRE(o.connections.size() == 1U);
    BOOST_TEST(o.connections[0].connection == "fsm");
    BOOST_TEST(o.connections[0].merge_status == "merged");
    BOOST_TEST(!o.connections[0].stale);

    // The renderings carry the same numbers.
    const auto json = overview_json(o);
    BOOST_TEST(json.at("currencies").at(1).at("true_up_exposure").at("value").as_string() ==
               "45.00");
    BOOST_TEST(json.at("currencies").at(2).at("currency").is_null());
    BOOST_TEST(json.at("unused_share_percent").as_string() == "20.0");
    const std::string csv = overview_csv(o);
    BOOST_TEST(csv.find("true_up_exposure,USD,45.00,") != std::string::npos, csv);
    BOOST_TEST(csv.find("renewals_within_90_days,,5,") != std::string::npos, csv);
  });
}

BOOST_AUTO_TEST_CASE(links_keep_the_date_asked_for) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    const auto set = viewstest::load(sql, viewstest::build_inventory(sql));
    const auto o = build_overview(sql, set, viewstest::D);
    BOOST_TEST(to_query_string(o.unused_seats.licenses) ==
               "status=active&unused=yes&sort=-inactive&as_of=2024-06-15");
  });
}

BOOST_AUTO_TEST_CASE(a_connection_merged_after_the_positions_is_stale) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    const auto rid = viewstest::build_inventory(sql);
    const auto later = invtest::stage(sql, "other", invtest::licenses_tenant(1));
    BOOST_REQUIRE(to_string(invhost::inventory::merge_run(sql, later).status) ==
                  std::string("merged"));
    const auto o = build_overview(sql, viewstest::load(sql, rid));
    BOOST_TEST(o.stale_reason.has_value());
    BOOST_REQUIRE(o.connections.size() == 2U);
    BOOST_TEST(o.connections[0].connection == "fsm");
    BOOST_TEST(!o.connections[0].stale);
    BOOST_TEST(o.connections[1].connection == "other");
    BOOST_TEST(o.connections[1].run_id == later);
    BOOST_TEST(o.connections[1].stale);
    BOOST_TEST(*o.connections[1].newer_merged_run == later);
    BOOST_TEST(overview_json(o).at("connections").at(1).at("stale").as_bool());
  });
}

BOOST_AUTO_TEST_SUITE_END()
