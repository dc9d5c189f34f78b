// Client-side pacing against a server whose per-minute limit is slightly above the configured
// rate: the run makes more requests than the limit allows per minute, so an unpaced client would
// be throttled; a paced one meets no 429. Takes a little over a minute by its nature.
#define BOOST_TEST_MODULE fsm_plugin_pacing_tests
#include <boost/test/included/unit_test.hpp>

#include "../e2e/e2e_fixture.hpp"

BOOST_AUTO_TEST_CASE(a_run_paced_below_the_server_limit_meets_no_429) {
  constexpr int configured = 120;    // requests per minute
  constexpr int server_limit = 126;  // 5 % above
  auto sim =
      e2e::start_simulator({"--page-size", "1", "--rate-limit", std::to_string(server_limit)});
  const auto o = e2e::run_import(
      e2e::config_for(*sim).with("requests_per_minute", std::to_string(configured)));
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  const auto stats = e2e::sim_call(*sim, "/_sim/stats");
  const auto total = stats.at("totalRequests").to_number<int64_t>();
  BOOST_TEST(total > server_limit);  // unpaced, this run would have been throttled
  BOOST_TEST(stats.at("rateLimited").to_number<int64_t>() == 0);
  BOOST_TEST(!o.host->logged("HTTP 429"));
}
