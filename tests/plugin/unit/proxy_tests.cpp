// Proxy URLs, NO_PROXY lists and which of settings and environment decide: hand-worked cases,
// hostile input included. No network.
#include <boost/test/unit_test.hpp>
#include <fsm/proxy.hpp>
#include <fsm/settings.hpp>
#include <map>
#include <string>

namespace {

using kv = std::map<std::string, std::string>;

// The INVALID_CONFIG message for a proxy URL; fails the test when it is accepted.
std::string refusal(std::string_view url, bool allow_userinfo = true) {
  try {
    (void)fsm::parse_proxy_url(url, "environment variable HTTPS_PROXY", allow_userinfo);
  } catch (const invsdk::error& e) {
    BOOST_TEST(e.status() == INVSDK_STATUS_INVALID_CONFIG);
    return e.what();
  }
  BOOST_FAIL("proxy URL was accepted: " + std::string(url));
  return {};
}

fsm::environment_lookup environment(kv vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

fsm::proxy_plan plan(const kv& settings, const kv& env) {
  return fsm::plan_proxies(
      [&settings](const char* key) -> std::optional<std::string> {
        const auto it = settings.find(key);
        if (it == settings.end() || it->second.empty()) return std::nullopt;
        return it->second;
      },
      environment(env));
}

std::string plan_refusal(const kv& settings, const kv& env) {
  try {
    (void)plan(settings, env);
  } catch (const invsdk::error& e) {
    BOOST_TEST(e.status() == INVSDK_STATUS_INVALID_CONFIG);
    return e.what();
  }
  BOOST_FAIL("proxy settings were accepted");
  return {};
}

fsm::endpoint server(bool tls, const std::string& host) {
  fsm::endpoint e;
  e.tls = tls;
  e.host = host;
  e.port = tls ? "443" : "80";
  return e;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(proxy_url_parsing)

BOOST_AUTO_TEST_CASE(host_and_port_are_read) {
  const auto p = fsm::parse_proxy_url("http://Proxy.Corp.Example:3128", "s", false);
  BOOST_TEST(p.host == "proxy.corp.example");
  BOOST_TEST(p.port == "3128");
  BOOST_TEST(!p.has_credentials());
  BOOST_TEST(p.display() == "http://proxy.corp.example:3128");

  const auto slash = fsm::parse_proxy_url("HTTP://10.1.2.3:8080/", "s", false);
  BOOST_TEST(slash.host == "10.1.2.3");
  BOOST_TEST(slash.port == "8080");

  const auto v6 = fsm::parse_proxy_url("http://[FD00::1]:3128", "s", false);
  BOOST_TEST(v6.host == "fd00::1");
  BOOST_TEST(v6.display() == "http://[fd00::1]:3128");
}

BOOST_AUTO_TEST_CASE(encoded_user_info_is_decoded_and_never_displayed) {
  // %40 is '@', %3A is ':': the user is "ops@corp", the password "pa:ss@1".
  const auto p = fsm::parse_proxy_url("http://ops%40corp:pa%3Ass%401@proxy:3128", "s", true);
  BOOST_TEST(p.username == "ops@corp");
  BOOST_TEST(p.password == "pa:ss@1");
  BOOST_TEST(p.host == "proxy");
  BOOST_TEST(p.display() == "http://proxy:3128");

  const auto no_password = fsm::parse_proxy_url("http://ops@proxy:3128", "s", true);
  BOOST_TEST(no_password.username == "ops");
  BOOST_TEST(no_password.password.empty());
}

BOOST_AUTO_TEST_CASE(hostile_or_malformed_urls_are_refused_without_repeating_them) {
  BOOST_TEST(contains(refusal("https://proxy:3128"), "must use http://"));
  BOOST_TEST(contains(refusal("socks5://proxy:1080"), "(got scheme 'socks5')"));
  const std::string odd_scheme = refusal("user:secret-77@host://proxy:1080");
  BOOST_TEST(contains(odd_scheme, "(got another scheme)"));
  BOOST_TEST(!contains(odd_scheme, "secret-77"));
  BOOST_TEST(contains(refusal("proxy:3128"), "http://host:port"));
  BOOST_TEST(contains(refusal("http://proxy"), "has no port"));
  BOOST_TEST(contains(refusal("http://proxy:"), "has no port"));
  BOOST_TEST(contains(refusal("http://[::1]"), "has no port"));
  BOOST_TEST(contains(refusal("http://proxy:0"), "invalid port"));
  BOOST_TEST(contains(refusal("http://proxy:65536"), "invalid port"));
  BOOST_TEST(contains(refusal("http://proxy:+80"), "invalid port"));
  BOOST_TEST(contains(refusal("http://proxy:3128/path"), "must not contain a path"));
  BOOST_TEST(contains(refusal("http://proxy:3128?x=1"), "must not contain a path"));
  BOOST_TEST(contains(refusal("http://proxy..corp:3128"), "not a valid name"));
  BOOST_TEST(contains(refusal("http://..:3128"), "not a valid name"));
  BOOST_TEST(contains(refusal("http://.proxy:3128"), "not a valid name"));
  BOOST_TEST(contains(refusal("http://-proxy:3128"), "not a valid name"));
  BOOST_TEST(contains(refusal("http://pro_xy:3128"), "not a valid name"));
  BOOST_TEST(contains(refusal("http://:3128"), "has no host"));
  BOOST_TEST(contains(refusal("http://1.2.3:3128"), "invalid IPv4"));
  BOOST_TEST(contains(refusal("http://256.1.1.1:3128"), "invalid IPv4"));
  BOOST_TEST(contains(refusal("http://[::1:3128"), "without its ']'"));
  BOOST_TEST(contains(refusal("http://[fe80::1%25eth0]:3128"), "invalid IPv6"));
  BOOST_TEST(contains(refusal(std::string("http://pro\nxy:3128")), "control character"));
  BOOST_TEST(contains(refusal(std::string("http://proxy:3128\r\nX: y")), "control character"));
  BOOST_TEST(contains(refusal(std::string("http://pro\0xy:3128", 19)), "control character"));
  BOOST_TEST(contains(refusal("http://pro xy:3128"), "control character"));
  BOOST_TEST(contains(refusal(""), "is empty"));
  BOOST_TEST(contains(refusal(std::string(3000, 'a')), "longer than"));
  // An '@' in the user info must be encoded; a raw one makes the URL ambiguous.
  BOOST_TEST(contains(refusal("http://us@er:secret-1@proxy:3128"), "write it as %40"));
  BOOST_TEST(contains(refusal("http://user:bad%zzpw@proxy:3128"), "two hex digits"));
  BOOST_TEST(contains(refusal("http://user:bad%0apw@proxy:3128"), "encoded control character"));
  BOOST_TEST(contains(refusal("http://us%3Aer:pw@proxy:3128"), "':' in its user name"));
  BOOST_TEST(contains(refusal("http://:pw-only@proxy:3128"), "no user name"));

  const std::string in_setting = refusal("http://user:hunter2-x@proxy:3128", false);
  BOOST_TEST(contains(in_setting, "proxy_username and proxy_password"));
  BOOST_TEST(!contains(in_setting, "hunter2-x"));
  // Whatever is wrong, the text (and so a password in it) is not repeated.
  BOOST_TEST(!contains(refusal("http://user:hunter2-x@proxy"), "hunter2-x"));
  BOOST_TEST(!contains(refusal("ftp://user:hunter2-x@proxy:21"), "hunter2-x"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(no_proxy_matching)

BOOST_AUTO_TEST_CASE(names_match_themselves_and_the_names_under_them) {
  BOOST_TEST(fsm::no_proxy_matches("example.com", "example.com"));
  BOOST_TEST(fsm::no_proxy_matches("example.com", "api.example.com"));
  BOOST_TEST(fsm::no_proxy_matches(".example.com", "api.example.com"));
  BOOST_TEST(fsm::no_proxy_matches(".example.com", "example.com"));
  BOOST_TEST(fsm::no_proxy_matches("EXAMPLE.com", "Api.Example.COM"));
  BOOST_TEST(fsm::no_proxy_matches("example.com", "example.com."));
  BOOST_TEST(!fsm::no_proxy_matches("example.com", "badexample.com"));
  BOOST_TEST(!fsm::no_proxy_matches("example.com", "example.com.evil.net"));
  BOOST_TEST(!fsm::no_proxy_matches("api.example.com", "example.com"));
  BOOST_TEST(!fsm::no_proxy_matches("", "example.com"));
  BOOST_TEST(!fsm::no_proxy_matches(".", "example.com"));
  BOOST_TEST(!fsm::no_proxy_matches(",,", "example.com"));
}

BOOST_AUTO_TEST_CASE(lists_stars_ports_and_blanks) {
  BOOST_TEST(fsm::no_proxy_matches("localhost, intranet.corp ,flexera.eu", "api.flexera.eu"));
  BOOST_TEST(!fsm::no_proxy_matches("localhost, intranet.corp ,flexera.eu", "api.flexera.com"));
  BOOST_TEST(fsm::no_proxy_matches("*", "api.flexera.com"));
  BOOST_TEST(fsm::no_proxy_matches("a.b, *", "10.0.0.1"));
  // A port on an entry is ignored: the match is by host alone.
  BOOST_TEST(fsm::no_proxy_matches("flexera.com:443", "api.flexera.com"));
  BOOST_TEST(fsm::no_proxy_matches("127.0.0.1:8443", "127.0.0.1"));
  BOOST_TEST(fsm::no_proxy_matches("[::1]:8443", "::1"));
}

BOOST_AUTO_TEST_CASE(addresses_match_only_the_same_address) {
  BOOST_TEST(fsm::no_proxy_matches("127.0.0.1", "127.0.0.1"));
  BOOST_TEST(!fsm::no_proxy_matches("127.0.0.1", "127.0.0.2"));
  BOOST_TEST(fsm::no_proxy_matches("::1", "0:0:0:0:0:0:0:1"));
  // "0.0.1" is no parent domain of the address 127.0.0.1, nor "1" of "10.0.0.1".
  BOOST_TEST(!fsm::no_proxy_matches("0.0.1", "127.0.0.1"));
  BOOST_TEST(!fsm::no_proxy_matches(".1", "10.0.0.1"));
  // An address entry does not match a name, even one that resolves to it.
  BOOST_TEST(!fsm::no_proxy_matches("127.0.0.1", "localhost"));
}

BOOST_AUTO_TEST_CASE(hostile_entries_match_nothing_they_should_not) {
  BOOST_TEST(!fsm::no_proxy_matches(std::string("example.com\n"), "example.com.evil"));
  BOOST_TEST(!fsm::no_proxy_matches(std::string("exa\0mple.com", 12), "example.com"));
  BOOST_TEST(!fsm::no_proxy_matches("..", "example.com"));
  BOOST_TEST(!fsm::no_proxy_matches("*.example.com", "api.example.com"));  // no globbing
  BOOST_TEST(!fsm::no_proxy_matches(std::string(10000, ','), "example.com"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(proxy_plans)

BOOST_AUTO_TEST_CASE(nothing_set_means_direct) {
  const auto p = plan({}, {});
  BOOST_TEST(p.route(server(true, "api.flexera.com")) == nullptr);
  BOOST_TEST(p.route(server(false, "127.0.0.1")) == nullptr);
}

BOOST_AUTO_TEST_CASE(the_environment_applies_by_scheme_lower_case_first) {
  const auto p = plan({}, {{"HTTPS_PROXY", "http://upper:3128"},
                           {"https_proxy", "http://lower:3128"},
                           {"HTTP_PROXY", "http://plain:8080"}});
  const auto* https = p.route(server(true, "api.flexera.com"));
  BOOST_TEST_REQUIRE(https != nullptr);
  BOOST_TEST(https->host == "lower");
  const auto* http = p.route(server(false, "127.0.0.1"));
  BOOST_TEST_REQUIRE(http != nullptr);
  BOOST_TEST(http->host == "plain");

  const auto only_http = plan({}, {{"http_proxy", "http://plain:8080"}});
  BOOST_TEST(only_http.route(server(true, "api.flexera.com")) == nullptr);
  // An empty variable counts as unset.
  const auto empty = plan({}, {{"https_proxy", ""}, {"HTTPS_PROXY", "http://upper:3128"}});
  BOOST_TEST_REQUIRE(empty.route(server(true, "x.example")) != nullptr);
  BOOST_TEST(empty.route(server(true, "x.example"))->host == "upper");
}

BOOST_AUTO_TEST_CASE(no_proxy_from_the_environment_or_the_setting) {
  const kv env{{"HTTPS_PROXY", "http://proxy:3128"}, {"NO_PROXY", "flexera.com"}};
  BOOST_TEST(plan({}, env).route(server(true, "api.flexera.com")) == nullptr);
  BOOST_TEST(plan({}, env).route(server(true, "api.flexera.eu")) != nullptr);
  // The no_proxy setting replaces the variable.
  const auto p = plan({{"no_proxy", "flexera.eu"}}, env);
  BOOST_TEST(p.route(server(true, "api.flexera.com")) != nullptr);
  BOOST_TEST(p.route(server(true, "api.flexera.eu")) == nullptr);
}

BOOST_AUTO_TEST_CASE(the_setting_wins_over_the_environment) {
  const auto p = plan({{"proxy_url", "http://setting:3128"},
                       {"proxy_username", "svc"},
                       {"proxy_password", "pw-from-secret"}},
                      {{"HTTPS_PROXY", "http://env:3128"}, {"HTTP_PROXY", "http://env:8080"}});
  const auto* https = p.route(server(true, "api.flexera.com"));
  BOOST_TEST_REQUIRE(https != nullptr);
  BOOST_TEST(https->host == "setting");
  BOOST_TEST(https->username == "svc");
  BOOST_TEST(https->password == "pw-from-secret");
  const auto* http = p.route(server(false, "127.0.0.1"));
  BOOST_TEST_REQUIRE(http != nullptr);
  BOOST_TEST(http->host == "setting");
}

BOOST_AUTO_TEST_CASE(inconsistent_or_bad_settings_are_refused_by_name) {
  BOOST_TEST(contains(plan_refusal({{"proxy_username", "svc"}}, {}),
                      "setting 'proxy_username' is set but proxy_url is not"));
  BOOST_TEST(contains(plan_refusal({{"proxy_password", "pw-77"}}, {}),
                      "setting 'proxy_password' is set but proxy_url is not"));
  BOOST_TEST(contains(plan_refusal({{"proxy_url", "http://p:1"}, {"proxy_password", "pw-77"}}, {}),
                      "'proxy_password' is set but proxy_username is not"));
  const auto bad_pw = plan_refusal(
      {{"proxy_url", "http://p:1"}, {"proxy_username", "u"}, {"proxy_password", "a\nb"}}, {});
  BOOST_TEST(contains(bad_pw, "'proxy_password' contains a control character"));
  BOOST_TEST(contains(plan_refusal({{"proxy_url", "http://p:1"}, {"proxy_username", "u:v"}}, {}),
                      "'proxy_username' must not contain ':'"));
  BOOST_TEST(contains(plan_refusal({{"proxy_url", "https://p:1"}}, {}),
                      "setting 'proxy_url' must use http://"));
  const auto env = plan_refusal({}, {{"https_proxy", "http://u:secret-99@p"}});
  BOOST_TEST(contains(env, "environment variable https_proxy has no port"));
  BOOST_TEST(!contains(env, "secret-99"));
}

BOOST_AUTO_TEST_CASE(the_connector_settings_carry_the_plan) {
  std::vector<invsdk_setting> s;
  const kv values{{"org_id", "1"},
                  {"refresh_token", "rt"},
                  {"proxy_url", "http://proxy.corp:3128"},
                  {"no_proxy", "flexera.eu"}};
  for (const auto& [k, v] : values) s.push_back({invsdk::to_c(k), invsdk::to_c(v)});
  invsdk_config c{sizeof(invsdk_config), s.data(), s.size()};
  const auto parsed = fsm::parse_settings(invsdk::config(&c), environment({}));
  BOOST_TEST_REQUIRE(parsed.proxies.route(parsed.api) != nullptr);
  BOOST_TEST(parsed.proxies.route(parsed.api)->display() == "http://proxy.corp:3128");
  BOOST_TEST(parsed.proxies.no_proxy == "flexera.eu");
}

BOOST_AUTO_TEST_SUITE_END()
