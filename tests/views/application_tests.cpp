// Applications by name on the hand-worked tenant (views_tenant.cpp): their licenses and the
// users no license counts.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <invhost/views/applications.hpp>

#include "each_backend.hpp"
#include "views_tenant.hpp"

using namespace invhost::views;
using invtest::database;

BOOST_AUTO_TEST_SUITE(applications_view)

BOOST_AUTO_TEST_CASE(licenses_and_unallocated_users_by_application) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    const auto set = viewstest::load(sql, viewstest::build_inventory(sql));
    const auto l5 = invtest::scalar(sql, "SELECT id FROM licenses WHERE external_id = 'L5'");
    const auto l6 = invtest::scalar(sql, "SELECT id FROM licenses WHERE external_id = 'L6'");
    const auto l7 = invtest::scalar(sql, "SELECT id FROM licenses WHERE external_id = 'L7'");

    const auto apps = applications(sql, set);
    std::vector<std::string> names;
    for (const auto& a : apps) names.push_back(a.name);
    BOOST_TEST(names ==
               (std::vector<std::string>{"Figma", "Legacy", "Miro", "Notion", "Slack", "Zoom"}));
    const auto& notion = apps[3];
    BOOST_TEST(notion.license_ids == (std::vector<std::int64_t>{l5, l6}));
    // Notion has two licenses, so its two users without an allocation count against neither.
    BOOST_TEST(notion.unallocated_users == 2);
    BOOST_TEST(notion.publishers == std::vector<std::string>{"Notion Labs"});
    BOOST_REQUIRE(notion.records.size() == 1U);
    BOOST_TEST(notion.records[0].connection == "fsm");
    BOOST_TEST(notion.records[0].external_id == "A5");
    // A retired license still covers its application; it is shown, as the list shows it.
    BOOST_TEST(apps[1].license_ids == std::vector<std::int64_t>{l7});
    BOOST_TEST(apps[5].unallocated_users == 0);

    const auto detail = find_application(sql, set, "Notion");
    BOOST_REQUIRE(detail.has_value());
    BOOST_TEST(viewstest::names(detail->licenses) ==
               (std::vector<std::string>{"Notion Plus", "Notion Team"}));
    BOOST_TEST(!find_application(sql, set, "notion").has_value());  // names match exactly
    BOOST_TEST(!find_application(sql, set, "' OR 1=1 --").has_value());

    const auto json = application_detail_json(set, *detail);
    BOOST_TEST(json.at("unallocated_users").as_int64() == 2);
    BOOST_TEST(json.at("licenses").at(0).at("days_to_renewal").as_int64() == 0);
    BOOST_TEST(applications_json(set, apps).at("applications").as_array().size() == 6U);
    const std::string csv = applications_csv(apps);
    BOOST_TEST(csv.find("Notion,Notion Labs," + std::to_string(l5) + "; " + std::to_string(l6) +
                        ",2\r\n") != std::string::npos,
               csv);
  });
}

BOOST_AUTO_TEST_SUITE_END()
