// A clean import of a generated tenant: every count and a sample of values as served.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <fsm/decimal_text.hpp>
#include <fsm/mapping.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "e2e_fixture.hpp"

namespace json = boost::json;

namespace {

json::value read_json(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  BOOST_TEST_REQUIRE(static_cast<bool>(in), p.string());
  std::stringstream s;
  s << in.rdbuf();
  return json::parse(s.str());
}

std::string text(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string money(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return {};
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return fsm::decimal_from_double(v->as_double()).value_or("?");
}

// The tenant as the simulator serves it, written by --dump-tenant.
struct dumped_tenant {
  fsmsim::temp_dir dir{"fsm-e2e-dump"};
  json::object summary;
  json::array apps, licenses, users;
  dumped_tenant() {
    auto args = e2e::tenant_args();
    args.insert(args.end(), {"--dump-tenant", dir.path().string()});
    BOOST_TEST_REQUIRE(fsmsim::run_simulator_to_exit(args) == 0);
    summary = read_json(dir.path() / "summary.json").as_object();
    apps = read_json(dir.path() / "managed-apps.json").as_array();
    licenses = read_json(dir.path() / "licenses.json").as_array();
    users = read_json(dir.path() / "app-users.json").as_array();
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(full_import)

BOOST_AUTO_TEST_CASE(every_count_and_sampled_values_match_the_served_tenant) {
  const dumped_tenant t;
  auto sim = e2e::start_simulator();
  const auto o = e2e::run_import(e2e::config_for(*sim));
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  const auto& s = *o.sink;
  BOOST_TEST(s.violations().empty());
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k)
    BOOST_TEST(s.stream(k).complete(), invsdk_test::stream_name(k));

  BOOST_TEST(s.applications.size() ==
             static_cast<std::size_t>(t.summary.at("apps").to_number<int64_t>()));
  BOOST_TEST(s.licenses.size() ==
             static_cast<std::size_t>(t.summary.at("licenses").to_number<int64_t>()));
  BOOST_TEST(s.entitlements.size() ==
             static_cast<std::size_t>(t.summary.at("terms").to_number<int64_t>()));
  BOOST_TEST(s.accessing_users.size() ==
             static_cast<std::size_t>(t.summary.at("distinctPeople").to_number<int64_t>()));

  // Consumption: one per (app user, allocated license), or one without a license.
  std::map<std::string, std::string> term_license;
  for (const auto& l : t.licenses)
    if (const auto* terms = l.as_object().if_contains("terms"))
      for (const auto& term : terms->as_array())
        term_license[text(term.as_object(), "id")] = text(l.as_object(), "id");
  std::size_t expected_uses = 0, unallocated = 0;
  for (const auto& u : t.users) {
    std::set<std::string> lics;
    if (const auto* a = u.as_object().if_contains("licensePaymentAllocations"))
      for (const auto& alloc : a->as_array())
        if (const auto* term = alloc.as_object().if_contains("associatedLicenseTerm"))
          if (auto it = term_license.find(text(term->as_object(), "id")); it != term_license.end())
            lics.insert(it->second);
    expected_uses += std::max<std::size_t>(1, lics.size());
    if (lics.empty()) ++unallocated;
  }
  BOOST_TEST(s.consumption.size() == expected_uses);
  BOOST_TEST(t.users.size() ==
             static_cast<std::size_t>(t.summary.at("appUsers").to_number<int64_t>()));
  const auto empty_license =
      std::count_if(s.consumption.begin(), s.consumption.end(),
                    [](const auto& c) { return c.license_external_id.empty(); });
  BOOST_TEST(static_cast<std::size_t>(empty_license) == unallocated);

  // Values: every license and term as served.
  std::map<std::string, const invsdk::owned_license*> by_id;
  for (const auto& l : s.licenses) by_id[l.external_id] = &l;
  std::map<std::string, const invsdk::owned_entitlement*> terms_by_id;
  for (const auto& e : s.entitlements) terms_by_id[e.external_id] = &e;
  for (const auto& lv : t.licenses) {
    const auto& l = lv.as_object();
    const auto it = by_id.find(text(l, "id"));
    BOOST_TEST_REQUIRE((it != by_id.end()), text(l, "id"));
    BOOST_TEST(it->second->name == text(l, "name"));
    BOOST_TEST(it->second->source_url ==
               std::string("https://app.flexera.com/orgs/4242/saas/licenses/") + text(l, "id"));
    if (const auto* terms = l.if_contains("terms")) {
      uint32_t pos = 0;
      for (const auto& tv : terms->as_array()) {
        const auto& term = tv.as_object();
        const auto* e = terms_by_id.at(text(term, "id"));
        BOOST_TEST(e->license_external_id == text(l, "id"));
        BOOST_TEST(e->position == pos++);
        BOOST_TEST(e->sku == text(term, "sku"));
        BOOST_TEST(e->annual_cost == money(term, "annualCost"));
        BOOST_TEST(e->per_user_cost == money(term, "perUserCost"));
        BOOST_TEST(e->effective_at == text(term, "effectiveAt"));
        if (const auto* items = term.if_contains("itemsAllowed"); items && items->is_int64())
          BOOST_TEST(e->items_allowed == items->get_int64());
      }
    }
  }
  // Applications: product and publisher rules.
  std::map<std::string, const invsdk::owned_application*> apps;
  for (const auto& a : s.applications) apps[a.external_id] = &a;
  for (const auto& av : t.apps) {
    const auto& a = av.as_object();
    const auto* got = apps.at(text(a, "id"));
    const std::string product = text(a, "appName").empty() ? text(a, "name") : text(a, "appName");
    BOOST_TEST(got->product == product);
    BOOST_TEST(got->publisher == text(a, "vendorName"));
  }
  // Progress per page, with the request count growing.
  const auto progress = o.host->progress_events();
  BOOST_TEST(progress.size() >= 5U);
  BOOST_TEST(progress.back().requests_done >= progress.front().requests_done);
  BOOST_TEST(progress.back().pages_done >= 2U);

  // Requests: every page of the three lists once and one token, although each next page is asked
  // for while the current one is still being stored (page size 4 here).
  const auto pages = [&](const char* count) {
    const int64_t n = t.summary.at(count).to_number<int64_t>();
    return n == 0 ? 1 : (n + 3) / 4;
  };
  const auto stats = e2e::sim_call(*sim, "/_sim/stats");
  BOOST_TEST(stats.at("totalRequests").to_number<int64_t>() ==
             pages("apps") + pages("licenses") + pages("appUsers") + 1);
}

BOOST_AUTO_TEST_CASE(check_authenticates_and_reads_one_page_without_data) {
  auto sim = e2e::start_simulator();
  invsdk_test::recording_host host;
  const auto cfg = e2e::config_for(*sim);
  auto opened = e2e::adapter().open(cfg, host);
  BOOST_TEST_REQUIRE(opened.result.ok(), opened.result);
  std::string summary;
  const auto r = opened.connection.check(&summary);
  BOOST_TEST_REQUIRE(r.ok(), r);
  BOOST_TEST(summary.find("authenticated to org 4242 at " + sim->base_url()) == 0U, summary);
  BOOST_TEST(summary.find("managed apps reachable (4 on the first page") != std::string::npos,
             summary);
  const auto stats = e2e::sim_call(*sim, "/_sim/stats");
  BOOST_TEST(stats.at("tokensIssued").to_number<int64_t>() == 1);
  BOOST_TEST(stats.at("totalRequests").to_number<int64_t>() <= 3);
}

BOOST_AUTO_TEST_CASE(manifest_and_validation) {
  const auto manifest = json::parse(e2e::adapter().describe()).as_object();
  BOOST_TEST(manifest.at("id").as_string() == "flexera-saas-manager");
  BOOST_TEST(manifest.at("supersedes").as_array().size() == 3U);
  const auto plain = invsdk_test::config_of(
      {{"org_id", "4242"}, {"refresh_token", "x"}, {"api_url", "http://fsm.example.com"}});
  const auto r = e2e::adapter().validate_config(plain);
  BOOST_TEST(r.status == INVSDK_STATUS_INVALID_CONFIG);
  BOOST_TEST(r.message.find("'api_url'") != std::string::npos, r.message);
  BOOST_TEST(r.message.find("plain http://") != std::string::npos, r.message);
  const auto loopback = invsdk_test::config_of({{"org_id", "4242"},
                                                {"refresh_token", "x"},
                                                {"api_url", "http://127.0.0.1:9"},
                                                {"token_url", "http://localhost:9/oidc/token"}});
  BOOST_TEST(e2e::adapter().validate_config(loopback).ok());
}

BOOST_AUTO_TEST_SUITE_END()
