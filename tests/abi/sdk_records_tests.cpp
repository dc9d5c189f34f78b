// The SDK's status names and owned records: views point into their owner, copies own their text.
#include <boost/test/unit_test.hpp>
#include <invsdk/adapter_base.hpp>
#include <invsdk/owned_records.hpp>
#include <invsdk/record_kinds.hpp>
#include <optional>
#include <string>
#include <type_traits>
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

// Gives every member of an owned record its own value (texts their name and a counter, numbers
// the counter, flags cycling true / false / unknown, lists two ids).
struct distinct_filler {
  int n = 0;
  template <typename Kind, typename Value>
  void operator()(std::string_view name, Kind /*kind*/, Value& v) {
    ++n;
    if constexpr (std::is_same_v<Value, std::string>)
      v = std::string(name) + "-" + std::to_string(n);
    else if constexpr (std::is_same_v<Value, std::optional<bool>>)
      v = n % 3 == 0 ? std::nullopt : std::optional<bool>(n % 3 == 1);
    else if constexpr (std::is_same_v<Value, std::vector<std::string>>)
      v = {std::string(name) + "-a", std::string(name) + "-b"};
    else
      v = static_cast<Value>(n);
  }
};

// Counts the C members that hold something: non-empty texts, non-zero numbers, known flags.
struct set_member_counter {
  int set = 0;
  void operator()(std::string_view /*name*/, auto /*kind*/, const invsdk_str& s) {
    set += s.size > 0 ? 1 : 0;
  }
  template <typename Kind, typename Int>
  requires std::is_integral_v<Int>
  void operator()(std::string_view /*name*/, Kind kind, Int v) {
    if constexpr (Kind::value == invsdk::value_kind::flag)
      set += v == INVSDK_TRUE || v == INVSDK_FALSE ? 1 : 0;
    else
      set += v != 0 ? 1 : 0;
    (void)kind;
  }
  void list(std::string_view /*name*/, const invsdk_str* items, uint64_t count) {
    set += items != nullptr && count == 2 ? 1 : 0;
  }
};

BOOST_AUTO_TEST_CASE(every_member_of_every_kind_reaches_the_c_record_and_comes_back) {
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k) {
    invsdk::with_record_type(k, [&](auto tag) {
      using owned = invsdk::owned_of_t<decltype(tag)>;
      owned o;
      distinct_filler fill;
      invsdk::visit_fields(o, fill);
      const auto c = o.view();
      BOOST_TEST(c.struct_size == sizeof(c));
      set_member_counter counter;
      invsdk::visit_fields(c, counter);
      // Every flag cycling through unknown leaves a third of the flags unset on purpose.
      int unknown_flags = 0;
      invsdk::visit_fields(o, [&](std::string_view, auto kind, const auto& v) {
        if constexpr (decltype(kind)::value == invsdk::value_kind::flag)
          unknown_flags += v.has_value() ? 0 : 1;
      });
      BOOST_TEST(counter.set + unknown_flags == fill.n, invsdk::record_kind<decltype(tag)>::stream);
      BOOST_TEST((invsdk::from_c(c) == o));
    });
  }
}

BOOST_AUTO_TEST_CASE(stream_and_type_names_are_the_documented_ones) {
  BOOST_TEST(invsdk::stream_name(INVSDK_STREAM_APPLICATIONS) == "applications");
  BOOST_TEST(invsdk::stream_name(INVSDK_STREAM_LICENSES) == "licenses");
  BOOST_TEST(invsdk::stream_name(INVSDK_STREAM_ENTITLEMENTS) == "entitlements");
  BOOST_TEST(invsdk::stream_name(INVSDK_STREAM_ACCESSING_USERS) == "accessing_users");
  BOOST_TEST(invsdk::stream_name(INVSDK_STREAM_CONSUMPTION) == "consumption");
  BOOST_TEST(invsdk::stream_name(0).empty());
  BOOST_TEST(invsdk::stream_name(INVSDK_STREAM_KIND_COUNT + 1).empty());
  BOOST_TEST(std::string(invsdk::license_type_text(0)) == "SaaS User");
  BOOST_TEST(std::string(invsdk::license_type_text(INVSDK_LICENSE_TYPE_NAMED_USER)) ==
             "Named User");
  BOOST_TEST(invsdk::license_type_text(3) == nullptr);
  BOOST_TEST(invsdk::term_type_of("perLocation") == INVSDK_TERM_TYPE_PER_LOCATION);
  BOOST_TEST(invsdk::term_type_of("") == INVSDK_TERM_TYPE_UNSPECIFIED);
  BOOST_TEST(invsdk::term_type_of("per user") == -1);
  BOOST_TEST(invsdk::license_type_of("SaaS User") == INVSDK_LICENSE_TYPE_SAAS_USER);
  BOOST_TEST(invsdk::license_type_of("") == -1);
}

BOOST_AUTO_TEST_SUITE_END()
