// Through an HTTP CONNECT proxy on loopback: the same import as without it, one tunnel per
// connection, the proxy from the settings or the environment, NO_PROXY, refused credentials,
// TLS verified end to end through the tunnel; and a name that does not resolve failing at once.
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <optional>

#include "connect_proxy.hpp"
#include "e2e_fixture.hpp"

namespace {

// Sets an environment variable for one test and puts the old value back afterwards.
class scoped_env {
 public:
  scoped_env(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;  // NOLINT(concurrency-mt-unsafe)
    ::setenv(name, value.c_str(), 1);                     // NOLINT(concurrency-mt-unsafe)
  }
  ~scoped_env() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);  // NOLINT(concurrency-mt-unsafe)
    else
      ::unsetenv(name_);  // NOLINT(concurrency-mt-unsafe)
  }
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// No proxy variable from the machine running the tests may leak into them.
struct clean_proxy_environment {
  scoped_env a{"https_proxy", ""}, b{"HTTPS_PROXY", ""}, c{"http_proxy", ""}, d{"HTTP_PROXY", ""},
      e{"no_proxy", ""}, f{"NO_PROXY", ""};
};

void require_same_counts(const invsdk_test::recording_sink& a,
                         const invsdk_test::recording_sink& b) {
  BOOST_TEST(a.applications.size() == b.applications.size());
  BOOST_TEST(a.licenses.size() == b.licenses.size());
  BOOST_TEST(a.entitlements.size() == b.entitlements.size());
  BOOST_TEST(a.accessing_users.size() == b.accessing_users.size());
  BOOST_TEST(a.consumption.size() == b.consumption.size());
  BOOST_TEST((a.licenses == b.licenses));
}

std::string port_of(const std::string& url) {
  return url.substr(url.rfind(':') + 1);
}

invsdk_test::call_result check_with(const invsdk_test::owned_config& cfg,
                                    invsdk_test::recording_host& host) {
  auto opened = e2e::adapter().open(cfg, host);
  if (!opened.result.ok()) return opened.result;
  std::string summary;
  return opened.connection.check(&summary);
}

bool logged_a_retry(const invsdk_test::recording_host& host) {
  for (const auto& line : host.logs())
    if (line.text.find("; retry ") != std::string::npos) return true;
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(through_a_proxy, clean_proxy_environment)

BOOST_AUTO_TEST_CASE(an_import_through_the_proxy_setting_matches_one_without_it) {
  auto sim = e2e::start_simulator();
  const auto direct = e2e::run_import(e2e::config_for(*sim));
  BOOST_TEST_REQUIRE(direct.result.ok(), direct.result);

  const e2e::connect_proxy proxy({"alice:pr0xy-pw-77", 0, 0});
  const auto proxied = e2e::run_import(e2e::config_for(*sim)
                                           .with("proxy_url", proxy.url())
                                           .with("proxy_username", "alice")
                                           .with("proxy_password", "pr0xy-pw-77"));
  BOOST_TEST_REQUIRE(proxied.result.ok(), proxied.result);
  require_same_counts(*proxied.sink, *direct.sink);
  // Token and API calls share one origin: one kept-alive connection, so one tunnel for the run.
  BOOST_TEST(proxy.tunnels() == 1U);
  BOOST_TEST(proxy.last_target() == "127.0.0.1:" + std::to_string(sim->port()));
  for (const auto& t : e2e::captured_texts(proxied))
    BOOST_TEST(t.find("pr0xy-pw-77") == std::string::npos, t);
}

BOOST_AUTO_TEST_CASE(the_https_proxy_variable_is_honoured) {
  auto sim = e2e::start_simulator();
  const e2e::connect_proxy proxy;
  const scoped_env env("HTTPS_PROXY", proxy.url());
  const auto o = e2e::run_import(e2e::config_for(*sim));
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  BOOST_TEST(proxy.tunnels() == 1U);
}

BOOST_AUTO_TEST_CASE(credentials_in_the_variable_are_sent_and_never_shown) {
  auto sim = e2e::start_simulator();
  // "p@ss:w0rd" percent-encoded in the URL, as a URL must carry it.
  const e2e::connect_proxy proxy({"bob:p@ss:w0rd", 0, 0});
  const std::string with_userinfo = "http://bob:p%40ss%3Aw0rd@127.0.0.1:" + port_of(proxy.url());
  {
    const scoped_env env("https_proxy", with_userinfo);
    const auto o = e2e::run_import(e2e::config_for(*sim));
    BOOST_TEST_REQUIRE(o.result.ok(), o.result);
    BOOST_TEST(proxy.tunnels() == 1U);
  }
  const scoped_env wrong("https_proxy", "http://bob:not-it-5150@127.0.0.1:" + port_of(proxy.url()));
  invsdk_test::recording_host host;
  const auto r = check_with(e2e::config_for(*sim), host);
  BOOST_TEST(r.status == INVSDK_STATUS_INVALID_CONFIG, r);
  BOOST_TEST(
      r.message.find("the proxy " + proxy.url() + " refused the credentials") != std::string::npos,
      r.message);
  BOOST_TEST(r.message.find("not-it-5150") == std::string::npos, r.message);
  BOOST_TEST(r.message.find("bob:") == std::string::npos, r.message);
}

BOOST_AUTO_TEST_CASE(no_proxy_sends_the_server_around_the_proxy) {
  auto sim = e2e::start_simulator();
  const e2e::connect_proxy proxy;
  const scoped_env env("HTTPS_PROXY", proxy.url());
  const scoped_env bypass("NO_PROXY", "intranet.example, 127.0.0.1:8443");
  const auto o = e2e::run_import(e2e::config_for(*sim));
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  BOOST_TEST(proxy.connect_requests() == 0U);
}

BOOST_AUTO_TEST_CASE(the_proxy_setting_wins_over_the_variable) {
  auto sim = e2e::start_simulator();
  const e2e::connect_proxy from_setting;
  const e2e::connect_proxy from_environment;
  const scoped_env env("HTTPS_PROXY", from_environment.url());
  const auto o = e2e::run_import(e2e::config_for(*sim).with("proxy_url", from_setting.url()));
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  BOOST_TEST(from_setting.tunnels() == 1U);
  BOOST_TEST(from_environment.connect_requests() == 0U);
}

BOOST_AUTO_TEST_CASE(wrong_proxy_credentials_fail_check_once_without_the_password) {
  auto sim = e2e::start_simulator();
  const e2e::connect_proxy proxy({"alice:pr0xy-pw-77", 0, 0});
  invsdk_test::recording_host host;
  const auto r = check_with(e2e::config_for(*sim)
                                .with("proxy_url", proxy.url())
                                .with("proxy_username", "alice")
                                .with("proxy_password", "wr0ng-pw-4242"),
                            host);
  BOOST_TEST(r.status == INVSDK_STATUS_INVALID_CONFIG, r);
  BOOST_TEST(
      r.message.find("the proxy " + proxy.url() + " refused the credentials") != std::string::npos,
      r.message);
  BOOST_TEST(r.message.find("'proxy_password'") != std::string::npos, r.message);
  BOOST_TEST(r.message.find("wr0ng-pw-4242") == std::string::npos, r.message);
  for (const auto& line : host.logs())
    BOOST_TEST(line.text.find("wr0ng-pw-4242") == std::string::npos, line.text);
  BOOST_TEST(proxy.connect_requests() == 1U);  // a refusal is not retried
  BOOST_TEST(proxy.tunnels() == 0U);
}

BOOST_AUTO_TEST_CASE(a_proxy_gateway_error_is_retried_within_max_retries) {
  auto sim = e2e::start_simulator();
  const e2e::connect_proxy proxy({"", 502, 0});
  invsdk_test::recording_host host;
  const auto r = check_with(
      e2e::config_for(*sim).with("proxy_url", proxy.url()).with("max_retries", "2"), host);
  BOOST_TEST(r.status == INVSDK_STATUS_IO, r);
  BOOST_TEST(
      r.message.find("the proxy " + proxy.url() + " answered 502 to CONNECT") != std::string::npos,
      r.message);
  BOOST_TEST(r.message.find("after 3 attempts") != std::string::npos, r.message);
  BOOST_TEST(proxy.connect_requests() == 3U);  // the first attempt and two retries
}

BOOST_AUTO_TEST_CASE(a_proxy_that_forbids_the_tunnel_is_not_asked_again) {
  auto sim = e2e::start_simulator();
  const e2e::connect_proxy proxy({"", 403, 0});
  invsdk_test::recording_host host;
  const auto r = check_with(e2e::config_for(*sim).with("proxy_url", proxy.url()), host);
  BOOST_TEST(r.status == INVSDK_STATUS_IO, r);
  BOOST_TEST(r.message.find("answered 403 to CONNECT") != std::string::npos, r.message);
  BOOST_TEST(r.message.find("after 1 attempt:") != std::string::npos, r.message);
  BOOST_TEST(proxy.connect_requests() == 1U);
}

BOOST_AUTO_TEST_CASE(tls_is_verified_for_the_server_name_through_the_tunnel) {
  // The server is named fsm-origin.invalid, which only the proxy "resolves" (to the simulator).
  // The simulator's certificate is for 127.0.0.1 and localhost: the client must refuse it, so
  // the name checked is the server's, not the proxy's, even though the proxy is on 127.0.0.1.
  auto sim = e2e::start_simulator();
  const e2e::connect_proxy proxy({"", 0, sim->port()});
  const std::string server = "https://fsm-origin.invalid:" + std::to_string(sim->port());
  invsdk_test::recording_host host;
  const auto r = check_with(e2e::config_for(*sim)
                                .with("api_url", server)
                                .with("token_url", server + "/oidc/token")
                                .with("proxy_url", proxy.url()),
                            host);
  BOOST_TEST(r.status == INVSDK_STATUS_INVALID_CONFIG, r);
  BOOST_TEST(r.message.find("the TLS certificate of " + server + " could not be verified") !=
                 std::string::npos,
             r.message);
  BOOST_TEST(proxy.tunnels() == 1U);
  BOOST_TEST(proxy.last_target() == "fsm-origin.invalid:" + std::to_string(sim->port()));
  const auto stats = e2e::sim_call(*sim, "/_sim/stats");
  BOOST_TEST(stats.at("tokensIssued").to_number<int64_t>() == 0);
}

BOOST_AUTO_TEST_CASE(an_unresolvable_host_fails_check_after_one_attempt) {
  invsdk_test::recording_host host;
  const auto cfg = invsdk_test::config_of({{"org_id", "1"},
                                           {"refresh_token", "rt-unused"},
                                           {"api_url", "https://nonexistent.invalid"},
                                           {"token_url", "https://nonexistent.invalid/oidc/token"},
                                           {"retry_initial_delay_ms", "20"}});
  const auto r = check_with(cfg, host);  // max_retries stays at its default of 6
  BOOST_TEST(r.status == INVSDK_STATUS_IO, r);
  BOOST_TEST(r.message.find("'nonexistent.invalid'") != std::string::npos, r.message);
  BOOST_TEST(r.message.find("does not resolve") != std::string::npos, r.message);
  BOOST_TEST(r.message.find("after 1 attempt:") != std::string::npos, r.message);
  BOOST_TEST(!logged_a_retry(host));
}

BOOST_AUTO_TEST_CASE(an_unresolvable_proxy_is_named_and_not_retried) {
  auto sim = e2e::start_simulator();
  invsdk_test::recording_host host;
  const auto r = check_with(
      e2e::config_for(*sim).with("proxy_url", "http://proxy.nonexistent.invalid:3128"), host);
  BOOST_TEST(r.status == INVSDK_STATUS_IO, r);
  BOOST_TEST(r.message.find("the proxy http://proxy.nonexistent.invalid:3128") != std::string::npos,
             r.message);
  BOOST_TEST(r.message.find("after 1 attempt:") != std::string::npos, r.message);
  BOOST_TEST(!logged_a_retry(host));
}

BOOST_AUTO_TEST_CASE(a_proxy_url_with_another_scheme_is_refused_when_opened) {
  invsdk_test::recording_host host;
  const auto r = check_with(invsdk_test::config_of({{"org_id", "1"},
                                                    {"refresh_token", "rt-unused"},
                                                    {"proxy_url", "https://proxy.example:3128"}}),
                            host);
  BOOST_TEST(r.status == INVSDK_STATUS_INVALID_CONFIG, r);
  BOOST_TEST(r.message.find("setting 'proxy_url' must use http://") != std::string::npos,
             r.message);
}

BOOST_AUTO_TEST_SUITE_END()
