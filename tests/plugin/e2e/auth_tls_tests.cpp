// Tokens (expiry, renewal, revocation, service accounts), TLS verification and secrecy.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "e2e_fixture.hpp"

namespace {

void require_no_secrets(const e2e::import_outcome& o, const std::vector<std::string>& secrets) {
  for (const auto& t : e2e::captured_texts(o)) {
    for (const auto& s : secrets) BOOST_TEST(t.find(s) == std::string::npos, t);
    BOOST_TEST(t.find("sim-at-") == std::string::npos, t);
  }
}

int64_t tokens_issued(const fsmsim::simulator_process& sim) {
  return e2e::sim_call(sim, "/_sim/stats").at("tokensIssued").to_number<int64_t>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(authentication_and_tls)

BOOST_AUTO_TEST_CASE(access_tokens_issued_look_like_what_is_searched_for) {
  // The secrecy checks look for the simulator's access-token prefix: make sure it is one.
  auto sim = e2e::start_simulator();
  const std::string form =
      std::string("grant_type=refresh_token&refresh_token=") + e2e::refresh_token;
  const auto grant = e2e::sim_call(*sim, "/oidc/token", &form);
  BOOST_TEST(std::string(grant.at("access_token").as_string()).rfind("sim-at-", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(a_token_expiring_mid_run_is_renewed) {
  auto sim = e2e::start_simulator({"--token-ttl", "1"});
  // ~60 requests paced at 20 per second: the run outlives several tokens.
  const auto o = e2e::run_import(e2e::config_for(*sim).with("requests_per_minute", "1200"));
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  BOOST_TEST(tokens_issued(*sim) >= 2);
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k)
    BOOST_TEST(o.sink->stream(k).complete());
  require_no_secrets(o, {e2e::refresh_token});
}

BOOST_AUTO_TEST_CASE(a_401_mid_run_renews_the_token_once) {
  auto sim = e2e::start_simulator();
  e2e::import_outcome o;
  o.sink->on_emit = [&](invsdk_stream_kind, uint64_t n) {
    const std::string empty;
    if (n == 2) (void)e2e::sim_call(*sim, "/_sim/expire-tokens", &empty);
  };
  const auto cfg = e2e::config_for(*sim);
  auto opened = e2e::adapter().open(cfg, *o.host);
  BOOST_TEST_REQUIRE(opened.result.ok(), opened.result);
  o.result = opened.connection.import_data(*o.sink);
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  BOOST_TEST(tokens_issued(*sim) == 2);
  BOOST_TEST(e2e::sim_call(*sim, "/_sim/stats").at("statuses").at("401").to_number<int64_t>() == 1);
}

BOOST_AUTO_TEST_CASE(a_revoked_refresh_token_is_unauthenticated_with_a_renewal_hint) {
  auto sim = e2e::start_simulator({"--token-ttl", "1", "--revoke-after", "1"});
  const auto o = e2e::run_import(e2e::config_for(*sim).with("requests_per_minute", "1200"));
  BOOST_TEST(o.result.status == INVSDK_STATUS_UNAUTHENTICATED, o.result);
  BOOST_TEST(o.result.message.find("the refresh token was refused by the token endpoint") !=
                 std::string::npos,
             o.result.message);
  BOOST_TEST(o.result.message.find("Administration > API credentials") != std::string::npos);
  BOOST_TEST(o.result.message.find("'refresh_token'") != std::string::npos);
  bool some_incomplete = false;
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k) {
    BOOST_TEST((!o.sink->stream(k).complete() || k < INVSDK_STREAM_ACCESSING_USERS));
    some_incomplete = some_incomplete || o.sink->stream(k).incomplete();
  }
  BOOST_TEST(some_incomplete);
  require_no_secrets(o, {e2e::refresh_token});
}

BOOST_AUTO_TEST_CASE(a_wrong_refresh_token_fails_check) {
  auto sim = e2e::start_simulator();
  invsdk_test::recording_host host;
  const auto cfg = e2e::config_for(*sim).with("refresh_token", "rt-wrong-4711");
  auto opened = e2e::adapter().open(cfg, host);
  BOOST_TEST_REQUIRE(opened.result.ok(), opened.result);
  std::string summary;
  const auto r = opened.connection.check(&summary);
  BOOST_TEST(r.status == INVSDK_STATUS_UNAUTHENTICATED, r);
  BOOST_TEST(r.message.find("create a new one in FSM") != std::string::npos, r.message);
  BOOST_TEST(r.message.find("rt-wrong-4711") == std::string::npos, r.message);
}

BOOST_AUTO_TEST_CASE(a_service_account_imports_and_its_secret_stays_secret) {
  const std::string secret = "cs-e2e-0c1d2e3f4a5b";
  auto sim = e2e::start_simulator({"--client-id", "svc-e2e", "--client-secret", secret});
  const auto cfg = e2e::config_for(*sim)
                       .without("refresh_token")
                       .with("client_id", "svc-e2e")
                       .with("client_secret", secret);
  const auto o = e2e::run_import(cfg);
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  require_no_secrets(o, {secret});

  const auto bad = e2e::run_import(cfg.with("client_secret", "cs-not-it-99"));
  BOOST_TEST(bad.result.status == INVSDK_STATUS_UNAUTHENTICATED, bad.result);
  BOOST_TEST(bad.result.message.find("'client_secret'") != std::string::npos, bad.result.message);
  require_no_secrets(bad, {secret, "cs-not-it-99"});
}

BOOST_AUTO_TEST_CASE(a_certificate_from_another_ca_is_refused) {
  auto sim = e2e::start_simulator({}, /*other_ca_certificate=*/true);
  invsdk_test::recording_host host;
  const auto cfg = e2e::config_for(*sim);
  auto opened = e2e::adapter().open(cfg, host);
  BOOST_TEST_REQUIRE(opened.result.ok(), opened.result);
  std::string summary;
  const auto r = opened.connection.check(&summary);
  BOOST_TEST(r.status == INVSDK_STATUS_INVALID_CONFIG, r);
  BOOST_TEST(r.message.find(sim->base_url()) != std::string::npos, r.message);
  BOOST_TEST(r.message.find("could not be verified") != std::string::npos, r.message);
  const auto stats = e2e::sim_call(*sim, "/_sim/stats", nullptr, /*other_ca=*/true);
  BOOST_TEST(stats.at("tokensIssued").to_number<int64_t>() == 0);
}

BOOST_AUTO_TEST_CASE(an_unreadable_ca_file_is_invalid_config) {
  const auto cfg = invsdk_test::config_of({{"org_id", "1"},
                                           {"refresh_token", "x"},
                                           {"api_url", "https://127.0.0.1:9"},
                                           {"token_url", "https://127.0.0.1:9/t"},
                                           {"ca_file", "/nonexistent/ca.pem"}});
  invsdk_test::recording_host host;
  const auto opened = e2e::adapter().open(cfg, host);
  BOOST_TEST(opened.result.status == INVSDK_STATUS_INVALID_CONFIG, opened.result);
  BOOST_TEST(opened.result.message.find("'ca_file'") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
