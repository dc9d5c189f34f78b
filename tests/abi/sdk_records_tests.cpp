// The SDK's status names and owned records: views point into their owner, copies own their text.
#include <boost/test/unit_test.hpp>
#include <invsdk/adapter_base.hpp>
#include <invsdk/owned_records.hpp>
#include <string>
#include <vector>

namespace {

std::string text(invsdk_str s) {
  return std::string(invsdk::from_c(s));
}

invsdk::owned_license sample_license() {
  invsdk::owned_license l;
  l.external_id = "lic-1";
  l.name = "Suite";
  l.type = INVSDK_LICENSE_TYPE_NAMED_USER;
  l.application_ids = {"app-1", "app-2"};
  l.currency = "EUR";
  l.notes = "renewed";
  return l;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sdk_records)

BOOST_AUTO_TEST_CASE(status_names_cover_the_closed_set_and_read_unknown_as_internal) {
  static_assert(invsdk::status_name(INVSDK_STATUS_RATE_LIMITED) == "rate_limited");
  BOOST_TEST(invsdk::status_name(INVSDK_STATUS_OK) == "ok");
  BOOST_TEST(invsdk::status_name(INVSDK_STATUS_INTERNAL) == "internal");
  BOOST_TEST(invsdk::status_name(999) == "internal");
  BOOST_TEST(invsdk::is_known_status(INVSDK_STATUS_INVALID_ARGUMENT));
  BOOST_TEST(!invsdk::is_known_status(999));
  BOOST_TEST(!invsdk::is_known_status(3));
}

BOOST_AUTO_TEST_CASE(license_view_points_into_its_owner_and_round_trips) {
  const invsdk::owned_license l = sample_license();
  const invsdk_license v = l.view();
  BOOST_TEST(v.struct_size == sizeof(invsdk_license));
  BOOST_TEST(v.external_id.data == l.external_id.data());
  BOOST_REQUIRE(v.application_count == 2U);
  BOOST_TEST(v.application_ids[1].data == l.application_ids[1].data());
  BOOST_TEST((invsdk::from_c(v) == l));  // records have no printer here
}

BOOST_AUTO_TEST_CASE(a_copied_license_views_its_own_strings) {
  std::vector<invsdk::owned_license> all{sample_license()};
  for (int i = 0; i < 50; ++i) all.push_back(all.front());  // copies, and moves as the vector grows
  for (const auto& l : all) {
    const invsdk_license v = l.view();
    BOOST_REQUIRE(v.application_count == 2U);
    BOOST_TEST(v.application_ids[0].data == l.application_ids[0].data());
    BOOST_TEST(text(v.application_ids[1]) == "app-2");
  }
  BOOST_TEST((all.back() == all.front()));
}

BOOST_AUTO_TEST_CASE(a_license_without_ids_has_a_null_array) {
  invsdk::owned_license l = sample_license();
  l.application_ids.clear();
  const invsdk_license v = l.view();
  BOOST_TEST(v.application_ids == nullptr);
  BOOST_TEST(v.application_count == 0U);
  // A null array reads as no ids, whatever the count says.
  invsdk_license odd = v;
  odd.application_count = 3;
  BOOST_TEST(invsdk::from_c(odd).application_ids.empty());
}

BOOST_AUTO_TEST_CASE(every_other_kind_round_trips_with_tristates) {
  invsdk::owned_application a;
  a.external_id = "app-1";
  a.activity_threshold_days = 30;
  a.is_active = false;
  BOOST_TEST(a.view().is_active == INVSDK_FALSE);
  BOOST_TEST((invsdk::from_c(a.view()) == a));

  invsdk::owned_entitlement e;
  e.external_id = "t-1";
  e.position = 2;
  e.items_allowed = 40;
  e.is_unlimited = true;
  e.annual_cost = "1200.50";
  const invsdk_entitlement ev = e.view();
  BOOST_TEST(ev.is_unlimited == INVSDK_TRUE);
  BOOST_TEST(ev.hidden == INVSDK_UNKNOWN);
  BOOST_TEST((invsdk::from_c(ev) == e));

  invsdk::owned_accessing_user u;
  u.external_id = "ann@example.com";
  u.domain = "example.com";
  BOOST_TEST((invsdk::from_c(u.view()) == u));

  invsdk::owned_consumption c;
  c.external_id = "use-1";
  c.deactivated_at = "2024-05-01";
  BOOST_TEST((invsdk::from_c(c.view()) == c));
  BOOST_TEST(!(invsdk::from_c(c.view()) == invsdk::owned_consumption{}));
}

BOOST_AUTO_TEST_SUITE_END()
