#include <boost/test/unit_test.hpp>
#include <fsm/endpoint.hpp>
#include <fsm/settings.hpp>
#include <map>
#include <string>

namespace {

using kv = std::map<std::string, std::string>;

// An invsdk::config built through the same C structs the host passes.
invsdk::config config_of(const kv& values) {
  std::vector<invsdk_setting> s;
  for (const auto& [k, v] : values) s.push_back({invsdk::to_c(k), invsdk::to_c(v)});
  invsdk_config c{sizeof(invsdk_config), s.data(), s.size()};
  return invsdk::config(&c);
}

kv minimal() {
  return {{"org_id", "4242"}, {"refresh_token", "rt-secret-value"}};
}

// The INVALID_CONFIG message for values; fails the test when they are accepted.
std::string refusal(const kv& values) {
  try {
    (void)fsm::parse_settings(config_of(values));
  } catch (const invsdk::error& e) {
    BOOST_TEST(e.status() == INVSDK_STATUS_INVALID_CONFIG);
    return e.what();
  }
  BOOST_FAIL("settings were accepted");
  return {};
}

kv with(kv base, const std::string& k, const std::string& v) {
  base[k] = v;
  return base;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(settings_validation)

BOOST_AUTO_TEST_CASE(defaults_follow_the_region) {
  const auto s = fsm::parse_settings(config_of(minimal()));
  BOOST_TEST(s.org_id == 4242);
  BOOST_TEST(s.api.origin() == "https://api.flexera.com");
  BOOST_TEST(s.token.origin() == "https://login.flexera.com");
  BOOST_TEST(s.token.base_path == "/oidc/token");
  BOOST_TEST(s.request_timeout.count() == 60);
  BOOST_TEST(s.requests_per_minute == 500);
  BOOST_TEST(s.max_retries == 6);
  BOOST_TEST(s.license_link_template ==
             "https://app.flexera.com/orgs/{org_id}/saas/licenses/{license_id}");
  BOOST_TEST(s.org_path() == "/saas/v1/orgs/4242");

  const auto eu = fsm::parse_settings(config_of(with(minimal(), "region", "eu")));
  BOOST_TEST(eu.api.origin() == "https://api.flexera.eu");
  BOOST_TEST(eu.token.origin() == "https://login.flexera.eu");
  const auto apac = fsm::parse_settings(config_of(with(minimal(), "region", "apac")));
  BOOST_TEST(apac.api.origin() == "https://api.flexera.au");
  BOOST_TEST(apac.license_link_template.find("https://app.flexera.au/") == 0U);
}

BOOST_AUTO_TEST_CASE(org_id_must_be_a_positive_integer) {
  BOOST_TEST(refusal({{"refresh_token", "x"}}).find("'org_id' is required") != std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "org_id", "0")).find("'org_id'") != std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "org_id", "-3")).find("'org_id'") != std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "org_id", "12ab")).find("whole number") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(region_must_be_known) {
  BOOST_TEST(
      refusal(with(minimal(), "region", "us")).find("'region' must be one of na, eu, apac") !=
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(plain_http_only_for_loopback) {
  for (const char* ok :
       {"http://127.0.0.1:8080", "http://127.9.9.9", "http://localhost:1/x", "http://[::1]:9000"}) {
    const auto s =
        fsm::parse_settings(config_of(with(with(minimal(), "api_url", ok), "token_url", ok)));
    BOOST_TEST(!s.api.tls);
  }
  const auto msg = refusal(with(minimal(), "api_url", "http://api.example.com"));
  BOOST_TEST(msg.find("'api_url'") != std::string::npos);
  BOOST_TEST(msg.find("only https://") != std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "token_url", "http://10.0.0.1/token")).find("'token_url'") !=
             std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "api_url", "ftp://x")).find("https://") != std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "api_url", "https://u:p@x")).find("user name") !=
             std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "api_url", "not a url")).find("'api_url'") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(loopback_is_decided_on_the_whole_host) {
  // Exactly an IPv4 address in 127.0.0.0/8, the IPv6 address ::1, or the name localhost.
  for (const char* yes :
       {"127.0.0.1", "127.255.255.254", "::1", "0:0:0:0:0:0:0:1", "localhost", "LocalHost"})
    BOOST_TEST(fsm::is_loopback_host(yes), yes);
  // Names that merely start or end like one resolve wherever their owner wants.
  for (const char* no :
       {"127.0.0.1.nip.io", "127.0.0.1.", "localhost.", "localhost.evil.example", "evil-localhost",
        "127.1", "0x7f.0.0.1", "2130706433", "127.0.0.1 ", " 127.0.0.1", "::ffff:127.0.0.1",
        "::1%lo", "[::1]", "", "128.0.0.1", "::2", "127.0.0.1%00", "localhost%00.evil.example"})
    BOOST_TEST(!fsm::is_loopback_host(no), no);
  for (const char* url :
       {"http://127.0.0.1.nip.io:8080", "http://localhost.:8080", "http://localhost.evil.example/",
        "http://127.1/", "http://[::ffff:127.0.0.1]/"}) {
    const auto msg = refusal(with(minimal(), "api_url", url));
    BOOST_TEST(msg.find("only https://") != std::string::npos, url << ": " << msg);
  }
}

BOOST_AUTO_TEST_CASE(a_name_that_begins_like_an_address_is_read_whole) {
  const auto s = fsm::parse_settings(
      config_of(with(minimal(), "api_url", "https://127.0.0.1.nip.io:8443/fsm")));
  BOOST_TEST(s.api.host == "127.0.0.1.nip.io");
  BOOST_TEST(s.api.port == "8443");
  BOOST_TEST(s.api.base_path == "/fsm");
  const auto plain =
      fsm::parse_settings(config_of(with(minimal(), "api_url", "https://10.1.2.3.example")));
  BOOST_TEST(plain.api.host == "10.1.2.3.example");
  BOOST_TEST(plain.api.port == "443");
  BOOST_TEST(plain.api.base_path == "");
  BOOST_TEST(refusal(with(minimal(), "api_url", "https://127.0.0.1.nip.io:0/")).find("port") !=
             std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "api_url", "https://127.0.0.1x_y/")).find("host") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(explicit_urls_override_the_region) {
  const auto s = fsm::parse_settings(
      config_of(with(with(minimal(), "api_url", "https://proxy.example:8443/fsm/"), "token_url",
                     "https://sso.example/oauth/token")));
  BOOST_TEST(s.api.host == "proxy.example");
  BOOST_TEST(s.api.port == "8443");
  BOOST_TEST(s.api.base_path == "/fsm");
  BOOST_TEST(s.org_path() == "/fsm/saas/v1/orgs/4242");
  BOOST_TEST(s.token.base_path == "/oauth/token");
}

BOOST_AUTO_TEST_CASE(exactly_one_credential) {
  BOOST_TEST(refusal({{"org_id", "1"}}).find("'refresh_token' is required") != std::string::npos);
  const auto both = refusal(with(with(minimal(), "client_id", "id"), "client_secret", "cs"));
  BOOST_TEST(both.find("not both") != std::string::npos);
  BOOST_TEST(refusal({{"org_id", "1"}, {"client_id", "id"}}).find("'client_secret' is required") !=
             std::string::npos);
  BOOST_TEST(refusal({{"org_id", "1"}, {"client_secret", "cs"}}).find("'client_id' is required") !=
             std::string::npos);
  const auto sa = fsm::parse_settings(
      config_of({{"org_id", "1"}, {"client_id", "id"}, {"client_secret", "cs"}}));
  BOOST_TEST((sa.cred.kind == fsm::grant::client_credentials));
}

BOOST_AUTO_TEST_CASE(max_pages_bounds_every_list) {
  BOOST_TEST(fsm::parse_settings(config_of(minimal())).max_pages == 20000U);
  BOOST_TEST(fsm::parse_settings(config_of(with(minimal(), "max_pages", "1"))).max_pages == 1U);
  BOOST_TEST(fsm::parse_settings(config_of(with(minimal(), "max_pages", "1000000"))).max_pages ==
             1000000U);
  for (const char* bad : {"0", "-1", "1000001", "many"})
    BOOST_TEST(refusal(with(minimal(), "max_pages", bad)).find("'max_pages'") != std::string::npos,
               bad);
}

BOOST_AUTO_TEST_CASE(secret_values_never_appear_in_messages) {
  const std::string secret = "super-secret-\nrefresh";
  const auto msg = refusal(with(minimal(), "refresh_token", secret));
  BOOST_TEST(msg.find("'refresh_token'") != std::string::npos);
  BOOST_TEST(msg.find("super-secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(numbers_are_bounded) {
  BOOST_TEST(
      refusal(with(minimal(), "request_timeout_seconds", "0")).find("'request_timeout_seconds'") !=
      std::string::npos);
  BOOST_TEST(
      refusal(with(minimal(), "requests_per_minute", "many")).find("'requests_per_minute'") !=
      std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "max_retries", "99")).find("between 0 and 20") !=
             std::string::npos);
  const auto s = fsm::parse_settings(config_of(with(minimal(), "requests_per_minute", "6000")));
  BOOST_TEST(s.requests_per_minute == 6000);
}

BOOST_AUTO_TEST_CASE(link_templates_are_checked) {
  BOOST_TEST(refusal(with(minimal(), "license_link_template", "https://x/{licence}"))
                 .find("unknown placeholder {licence}") != std::string::npos);
  BOOST_TEST(refusal(with(minimal(), "top_bar_link_template", "javascript:alert(1)"))
                 .find("'top_bar_link_template'") != std::string::npos);
  const auto s = fsm::parse_settings(config_of(
      with(minimal(), "license_link_template", "https://fsm.example/{org_id}/l/{license_id}")));
  BOOST_TEST(s.license_link_template == "https://fsm.example/{org_id}/l/{license_id}");
}

BOOST_AUTO_TEST_CASE(unknown_settings_are_named) {
  BOOST_TEST(
      refusal(with(minimal(), "refresh_tokn", "x")).find("'refresh_tokn' is not a setting") !=
      std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
