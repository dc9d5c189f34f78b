#include <boost/test/unit_test.hpp>
#include <fsm/json_page_parser.hpp>
#include <fsm/mapping.hpp>
#include <fsm/pager.hpp>
#include <fstream>
#include <invsdk/adapter_base.hpp>
#include <sstream>

namespace json = boost::json;

namespace {

json::value fixture(const std::string& name) {
  std::ifstream in(std::string(FSM_FIXTURE_DIR) + "/" + name, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "fixture " << name);
  std::stringstream text;
  text << in.rdbuf();
  json::value v;
  BOOST_REQUIRE(!fsm::parse_json_page(text.str(), v));
  return v;
}

const json::object& item(const json::value& page, std::size_t i) {
  return page.at("values").as_array()[i].as_object();
}

fsm::link_context links() {
  return {"4242", "https://app.flexera.com/orgs/{org_id}/saas/licenses/{license_id}",
          "https://app.flexera.com/orgs/{org_id}/saas/managed-apps/{application_id}"};
}

struct mapped_fixtures {
  std::vector<fsm::application_record> apps;
  std::unordered_set<std::string> ms365;
  std::vector<fsm::license_mapping> licenses;
  fsm::term_index terms;

  mapped_fixtures() {
    const auto a = fixture("managed_apps_page.json");
    for (std::size_t i = 0; i < a.at("values").as_array().size(); ++i) {
      apps.push_back(fsm::map_application(item(a, i), "apps", links()));
      if (fsm::is_microsoft_365(apps.back())) ms365.insert(apps.back().external_id);
    }
    const auto l = fixture("licenses_page.json");
    for (std::size_t i = 0; i < l.at("values").as_array().size(); ++i) {
      licenses.push_back(fsm::map_license(item(l, i), "licenses", ms365, links()));
      for (const auto& e : licenses.back().entitlements)
        terms.add(e.external_id, e.license_external_id);
    }
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(mapping)

BOOST_AUTO_TEST_CASE(applications) {
  const mapped_fixtures f;
  BOOST_REQUIRE(f.apps.size() == 5U);
  BOOST_TEST(f.apps[0].external_id == "ma-1");
  BOOST_TEST(f.apps[0].name == "slack-prod");
  BOOST_TEST(f.apps[0].product == "Slack");  // appName wins
  BOOST_TEST(f.apps[0].publisher == "Slack Technologies");
  BOOST_TEST(f.apps[0].activity_threshold_days == 30);
  BOOST_TEST((f.apps[0].is_active == true));
  BOOST_TEST(f.apps[0].source_url == "https://app.flexera.com/orgs/4242/saas/managed-apps/ma-1");
  BOOST_TEST(f.apps[1].product == "Zoom");             // no appName: name
  BOOST_TEST(f.apps[1].activity_threshold_days == 0);  // 0: host default 90
  BOOST_TEST(!f.apps[1].is_active.has_value());
  BOOST_TEST(f.apps[4].activity_threshold_days == 0);  // absent
}

BOOST_AUTO_TEST_CASE(microsoft_365_detection) {
  const mapped_fixtures f;
  BOOST_TEST(f.ms365.count("ma-3") == 1U);  // Microsoft Office 365 E3
  BOOST_TEST(f.ms365.count("ma-5") == 1U);  // Microsoft 365 Apps, publisher "Microsoft Corporation"
  BOOST_TEST(f.ms365.count("ma-4") == 0U);  // Microsoft Teams
  BOOST_TEST(f.ms365.count("ma-1") == 0U);
}

BOOST_AUTO_TEST_CASE(licenses) {
  const mapped_fixtures f;
  BOOST_REQUIRE(f.licenses.size() == 3U);
  const auto& slack = f.licenses[0].license;
  BOOST_TEST(slack.external_id == "lic-1");
  BOOST_TEST(slack.name == "Slack Enterprise");
  BOOST_TEST(slack.type == INVSDK_LICENSE_TYPE_SAAS_USER);
  BOOST_TEST(slack.currency == "USD");
  BOOST_TEST(slack.notes == "renewal in May");
  BOOST_TEST(slack.source_url == "https://app.flexera.com/orgs/4242/saas/licenses/lic-1");
  BOOST_REQUIRE(slack.application_ids.size() == 1U);
  BOOST_TEST(slack.application_ids[0] == "ma-1");

  const auto& office = f.licenses[1].license;
  BOOST_TEST(office.type == INVSDK_LICENSE_TYPE_NAMED_USER);
  BOOST_TEST(office.application_ids.size() == 2U);  // duplicate app listed once
  BOOST_TEST(office.currency.empty());

  BOOST_TEST(f.licenses[2].entitlements.empty());
  BOOST_TEST(f.licenses[2].license.application_ids.empty());
}

BOOST_AUTO_TEST_CASE(entitlements) {
  const mapped_fixtures f;
  const auto& t = f.licenses[0].entitlements;
  BOOST_REQUIRE(t.size() == 3U);
  BOOST_TEST(t[0].external_id == "t-1");
  BOOST_TEST(t[0].license_external_id == "lic-1");
  BOOST_TEST(t[0].position == 0U);
  BOOST_TEST(t[0].sku == "SLK-STD");
  BOOST_TEST(t[0].term_type == INVSDK_TERM_TYPE_PER_USER);
  BOOST_TEST(t[0].items_allowed == 100);
  BOOST_TEST((t[0].is_unlimited == false));
  BOOST_TEST((t[0].hidden == false));
  BOOST_TEST(t[0].effective_at == "2023-01-01T00:00:00.0000Z");
  BOOST_TEST(t[0].ends_at == "2023-12-31T00:00:00.0000Z");
  BOOST_TEST(t[0].annual_cost == "12345.67");
  BOOST_TEST(t[0].per_user_cost == "123.4567");
  BOOST_TEST(t[0].currency == "EUR");  // the term's payments win over the agreement's fees

  BOOST_TEST(t[1].position == 1U);
  BOOST_TEST(t[1].term_type == INVSDK_TERM_TYPE_PER_LOGIN);
  BOOST_TEST(t[1].annual_cost == "1200");
  BOOST_TEST(t[1].per_user_cost == "0.123457");  // rounded half away from zero
  BOOST_TEST(t[1].currency == "USD");            // no payments: the agreement's currency
  BOOST_TEST(!t[1].is_active.has_value());

  BOOST_TEST(t[2].term_type == INVSDK_TERM_TYPE_PER_ORG);
  BOOST_TEST(t[2].annual_cost == "1500");  // 1.5e3
  BOOST_TEST(t[2].per_user_cost.empty());  // absent: unknown, not zero
  BOOST_TEST(t[2].items_allowed == 0);
  BOOST_TEST((t[2].is_unlimited == true));
  BOOST_TEST((t[2].hidden == true));

  const auto& o = f.licenses[1].entitlements;
  BOOST_REQUIRE(o.size() == 1U);
  BOOST_TEST(o[0].term_type == INVSDK_TERM_TYPE_UNSPECIFIED);
  BOOST_TEST(o[0].annual_cost == "0.1");
  BOOST_TEST(o[0].per_user_cost == "100000000");
  BOOST_TEST(o[0].currency.empty());
}

BOOST_AUTO_TEST_CASE(app_users_and_consumption) {
  const mapped_fixtures f;
  const auto users = fixture("app_users_page.json");
  std::vector<fsm::app_user_mapping> m;
  for (std::size_t i = 0; i < users.at("values").as_array().size(); ++i)
    m.push_back(fsm::map_app_user(item(users, i), "users", f.terms));

  // Email lower-cased is the key; domain after '@'.
  BOOST_TEST(m[0].person.external_id == "alice.smith@example.com");
  BOOST_TEST(m[0].person.email == "Alice.Smith@Example.COM");
  BOOST_TEST(m[0].person.domain == "example.com");
  BOOST_TEST(m[0].person.first_name == "Alice");
  // Two terms of the same license: one consumption.
  BOOST_REQUIRE(m[0].uses.size() == 1U);
  BOOST_TEST(m[0].uses[0].license_external_id == "lic-1");
  BOOST_TEST(m[0].uses[0].application_external_id == "ma-1");
  BOOST_TEST(m[0].uses[0].external_id == "u-1");
  BOOST_TEST(m[0].uses[0].last_activity_at == "2023-06-01T10:00:00.5000Z");
  BOOST_TEST(m[0].uses[0].activated_at == "2023-01-05T00:00:00.0000Z");

  // No email: the unique id, lower-cased; no allocation: empty license.
  BOOST_TEST(m[1].person.external_id == "bob-7");
  BOOST_TEST(m[1].person.domain.empty());
  BOOST_TEST(m[1].person.user_name == "BOB-7");
  BOOST_REQUIRE(m[1].uses.size() == 1U);
  BOOST_TEST(m[1].uses[0].license_external_id.empty());
  BOOST_TEST(m[1].uses[0].deactivated_at == "2023-02-01T00:00:00.0000Z");

  // An allocation to a term no license has counts as none.
  BOOST_REQUIRE(m[2].uses.size() == 1U);
  BOOST_TEST(m[2].uses[0].license_external_id.empty());
  BOOST_TEST(m[2].person.domain == "partner.example");

  // Terms of two licenses: one consumption each; an allocation without a term is ignored.
  BOOST_REQUIRE(m[3].uses.size() == 2U);
  BOOST_TEST(m[3].uses[0].license_external_id == "lic-2");
  BOOST_TEST(m[3].uses[1].license_external_id == "lic-1");

  // Neither email nor unique id: the app user's own id keeps the person distinct.
  BOOST_TEST(m[4].person.external_id == "fsm-app-user:u-5");
}

BOOST_AUTO_TEST_CASE(bad_shapes_are_data_errors_naming_the_place) {
  json::value v;
  BOOST_REQUIRE(
      !fsm::parse_json_page(R"({"id": "l", "terms": [{"id": "t", "itemsAllowed": "ten"}]})", v));
  try {
    (void)fsm::map_license(v.as_object(), "licenses page 2 values[7]", {}, {});
    BOOST_FAIL("accepted");
  } catch (const invsdk::error& e) {
    BOOST_TEST(e.status() == INVSDK_STATUS_DATA);
    BOOST_TEST(std::string(e.what()).find("licenses page 2 values[7].terms[0].itemsAllowed") !=
               std::string::npos);
  }
  BOOST_REQUIRE(
      !fsm::parse_json_page(R"({"id": "l", "terms": [{"id": "t", "termType": "perGalaxy"}]})", v));
  BOOST_CHECK_THROW((void)fsm::map_license(v.as_object(), "x", {}, {}), invsdk::error);
  BOOST_REQUIRE(!fsm::parse_json_page(R"({"name": "no id"})", v));
  BOOST_CHECK_THROW((void)fsm::map_application(v.as_object(), "x", {}), invsdk::error);
  BOOST_REQUIRE(!fsm::parse_json_page(R"({"id": "u"})", v));  // no managed app
  BOOST_CHECK_THROW((void)fsm::map_app_user(v.as_object(), "x", {}), invsdk::error);
}

BOOST_AUTO_TEST_CASE(counts_and_money_out_of_bounds_are_data_errors_naming_the_field) {
  const auto refused = [](const std::string& term, const std::string& message) {
    json::value v;
    BOOST_REQUIRE(!fsm::parse_json_page(R"({"id": "l", "terms": [)" + term + "]}", v));
    try {
      (void)fsm::map_license(v.as_object(), "licenses page 2 values[7]", {}, {});
      BOOST_ERROR("accepted: " << term);
    } catch (const invsdk::error& e) {
      BOOST_TEST(e.status() == INVSDK_STATUS_DATA);
      BOOST_TEST(e.what() == message);
    }
  };
  const std::string where = "unexpected JSON: licenses page 2 values[7].terms[0].";
  refused(R"({"id": "t", "itemsAllowed": 9223372036854775807})",
          where + "itemsAllowed 9223372036854775807 is outside 0..1000000000");
  refused(R"({"id": "t", "itemsAllowed": 1000000001})",
          where + "itemsAllowed 1000000001 is outside 0..1000000000");
  refused(R"({"id": "t", "perUserCost": -12.5})", where + "perUserCost -12.5 is negative");
  refused(R"({"id": "t", "annualCost": 1e308})",
          where + "annualCost has more than 15 integer digits");
  refused(R"({"id": "t", "annualCost": 1234567890123456789})",
          where + "annualCost 1234567890123456789 has more than 15 integer digits");
  // The largest values accepted.
  json::value v;
  BOOST_REQUIRE(!fsm::parse_json_page(
      R"({"id": "l", "terms": [{"id": "t", "itemsAllowed": 1000000000, "annualCost": 999999999999999.5}]})",
      v));
  const auto mapped = fsm::map_license(v.as_object(), "x", {}, {});
  BOOST_TEST(mapped.entitlements.at(0).items_allowed == 1'000'000'000);
  BOOST_TEST(mapped.entitlements.at(0).annual_cost == "999999999999999.5");
}

BOOST_AUTO_TEST_CASE(a_person_met_before_is_keyed_but_not_copied_again) {
  json::value v;
  BOOST_REQUIRE(!fsm::parse_json_page(
      R"({"id": "u1", "email": " Ann.Lee@Example.COM ", "firstName": "Ann", "lastName": "Lee",
          "associatedManagedApp": {"id": "a1"}})",
      v));
  std::vector<std::string> asked;
  const auto answer = [&](bool is_new) {
    return [&asked, is_new](std::string_view key) {
      asked.emplace_back(key);
      return is_new;
    };
  };
  const auto first = fsm::map_app_user(v.as_object(), "x", {}, answer(true));
  BOOST_TEST(first.person_is_new);
  BOOST_TEST(first.person.first_name == "Ann");
  BOOST_TEST(first.person.domain == "example.com");
  const auto again = fsm::map_app_user(v.as_object(), "x", {}, answer(false));
  BOOST_TEST(!again.person_is_new);
  BOOST_TEST(again.person.external_id == "ann.lee@example.com");
  BOOST_TEST(again.person.first_name.empty());
  BOOST_TEST(again.uses.at(0).accessing_user_external_id == "ann.lee@example.com");
  BOOST_TEST((asked == std::vector<std::string>{"ann.lee@example.com", "ann.lee@example.com"}));

  // Fields of a person met before are still checked.
  BOOST_REQUIRE(!fsm::parse_json_page(
      R"({"id": "u2", "email": "ann.lee@example.com", "firstName": 7,
          "associatedManagedApp": {"id": "a1"}})",
      v));
  BOOST_CHECK_THROW((void)fsm::map_app_user(v.as_object(), "x", {}, answer(false)), invsdk::error);
}

BOOST_AUTO_TEST_CASE(paths_are_spelled_out_only_as_far_as_the_error) {
  const fsm::json_where root("app users page 3 values");
  const fsm::json_where record(root, std::size_t{7});
  const fsm::json_where allocations(record, "licensePaymentAllocations");
  const fsm::json_where first(allocations, std::size_t{0});
  BOOST_TEST(first.str() == "app users page 3 values[7].licensePaymentAllocations[0]");
  // An empty root names the key alone, as a top-level field.
  BOOST_TEST(fsm::json_where(fsm::json_where(""), "nextPage").str() == "nextPage");

  // A bad value deep in an app user names the whole way to it.
  json::value v;
  BOOST_REQUIRE(!fsm::parse_json_page(
      R"({"id": "u", "associatedManagedApp": {"id": "a"},
          "licensePaymentAllocations": [{"associatedLicenseTerm": {"id": "t1"}},
                                        {"associatedLicenseTerm": {"id": 42}}]})",
      v));
  try {
    (void)fsm::map_app_user(v.as_object(), record, {});
    BOOST_FAIL("accepted");
  } catch (const invsdk::error& e) {
    BOOST_TEST(e.status() == INVSDK_STATUS_DATA);
    BOOST_TEST(std::string(e.what()).find("app users page 3 values[7].licensePaymentAllocations[1]"
                                          ".associatedLicenseTerm.id should be a string") !=
               std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(next_page_resolution) {
  fsm::endpoint api{true, "api.example", "443", ""};
  const std::string base = "/saas/v1/orgs/1/licenses";
  BOOST_TEST(fsm::next_page_target(api, base, "/saas/v1/orgs/1/licenses?skipToken=abc") ==
             "/saas/v1/orgs/1/licenses?skipToken=abc");
  BOOST_TEST(
      fsm::next_page_target(api, base, "https://api.example/saas/v1/orgs/1/licenses?skipToken=x") ==
      "/saas/v1/orgs/1/licenses?skipToken=x");
  BOOST_TEST(fsm::next_page_target(api, base, "licenses?skipToken=y") ==
             "/saas/v1/orgs/1/licenses?skipToken=y");
  BOOST_CHECK_THROW((void)fsm::next_page_target(api, base, "https://evil.example/steal"),
                    invsdk::error);
  BOOST_CHECK_THROW((void)fsm::next_page_target(api, base, "http://api.example/x"), invsdk::error);
}

BOOST_AUTO_TEST_SUITE_END()
