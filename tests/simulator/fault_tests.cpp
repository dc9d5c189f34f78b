// Each injectable fault kind, observed from a client; faults set at start and at runtime.
#include "sim_fixture.hpp"

using namespace simtest;

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(status_fault_on_the_nth_request_of_a_path) {
  running_sim sim({"--fault", "status=503,path=/licenses,nth=2"});
  const auto tok = sim.new_token();
  BOOST_TEST(sim.get(org_path + "/licenses", tok).status == 200U);
  BOOST_TEST(sim.get(org_path + "/managed-apps", tok).status == 200U);  // other path: not counted
  auto r = sim.get(org_path + "/licenses", tok);
  BOOST_TEST(r.status == 503U);
  BOOST_TEST(r.json().at("temporary").as_bool());
  BOOST_TEST(sim.get(org_path + "/licenses", tok).status == 200U);  // fires once
}

BOOST_AUTO_TEST_CASE(injected_429_carries_retry_after) {
  running_sim sim({"--fault", "status=429,path=app-users,nth=1,retry-after=7"});
  const auto tok = sim.new_token();
  auto r = sim.get(org_path + "/app-users", tok);
  BOOST_TEST(r.status == 429U);
  BOOST_TEST(std::string(r.headers[http::field::retry_after]) == "7");
}

BOOST_AUTO_TEST_CASE(dropped_connection) {
  running_sim sim({"--fault", "drop,path=app-users,nth=1"});
  const auto tok = sim.new_token();
  BOOST_TEST(sim.get(org_path + "/app-users", tok).dropped);
  BOOST_TEST(sim.get(org_path + "/app-users", tok).status == 200U);
  const auto stats = request(sim.proc.port(), http::verb::get, "/_sim/stats").json();
  BOOST_TEST(stats.at("droppedConnections").to_number<std::uint64_t>() == 1U);
}

BOOST_AUTO_TEST_CASE(malformed_and_truncated_bodies) {
  running_sim sim(
      {"--fault", "malformed,path=managed-apps,nth=1", "--fault", "truncated,path=licenses,nth=1"});
  const auto tok = sim.new_token();
  auto m = sim.get(org_path + "/managed-apps", tok);
  BOOST_TEST(m.status == 200U);
  BOOST_TEST(!m.json_ok());
  auto t = sim.get(org_path + "/licenses", tok);
  BOOST_TEST(t.status == 200U);
  BOOST_TEST(!t.json_ok());
  BOOST_TEST(sim.get(org_path + "/licenses", tok).json_ok());
  BOOST_TEST(sim.get(org_path + "/managed-apps", tok).json_ok());
}

BOOST_AUTO_TEST_CASE(looping_next_page_points_back) {
  running_sim sim({"--fault", "loop,path=licenses"});
  const auto tok = sim.new_token();
  const auto first = sim.get(org_path + "/licenses", tok);
  const std::string next(first.json().at("nextPage").as_string());
  const auto second = sim.get(next, tok);
  BOOST_TEST(second.body == first.body);  // the "next" page is the first page again
}

BOOST_AUTO_TEST_CASE(slow_response_still_answers) {
  running_sim sim({"--fault", "slow=200,path=licenses,nth=1"});
  const auto tok = sim.new_token();
  BOOST_TEST(sim.get(org_path + "/licenses", tok).status == 200U);
  const auto stats = request(sim.proc.port(), http::verb::get, "/_sim/stats").json();
  BOOST_TEST(stats.at("faultsFired").to_number<std::uint64_t>() == 1U);
}

BOOST_AUTO_TEST_CASE(seeded_rate_is_reproducible) {
  auto pattern = [] {
    running_sim sim({"--fault", "status=500,path=licenses,rate=0.5,seed=7"});
    const auto tok = sim.new_token();
    std::string out;
    for (int i = 0; i < 24; ++i)
      out += sim.get(org_path + "/licenses", tok).status == 500 ? 'x' : '.';
    return out;
  };
  const auto a = pattern();
  BOOST_TEST(a == pattern());
  BOOST_TEST(a.find('x') != std::string::npos);
  BOOST_TEST(a.find('.') != std::string::npos);
}

BOOST_AUTO_TEST_CASE(faults_set_at_runtime) {
  running_sim sim;
  const auto tok = sim.new_token();
  const auto port = sim.proc.port();
  auto bad = request(port, http::verb::post, "/_sim/faults", {}, R"({"faults":["explode"]})",
                     "application/json");
  BOOST_TEST(bad.status == 400U);
  auto ok = request(port, http::verb::post, "/_sim/faults", {},
                    R"({"faults":["status=502,path=licenses,nth=1"]})", "application/json");
  BOOST_TEST(ok.status == 200U);
  BOOST_TEST(ok.json().at("faults").as_array().size() == 1U);
  BOOST_TEST(sim.get(org_path + "/licenses", tok).status == 502U);
  BOOST_TEST(request(port, http::verb::delete_, "/_sim/faults").status == 200U);
  BOOST_TEST(request(port, http::verb::get, "/_sim/faults").json().at("faults").as_array().empty());
}

BOOST_AUTO_TEST_CASE(bad_fault_spec_on_the_command_line_fails_start) {
  fsmsim::temp_dir dir;
  BOOST_TEST(fsmsim::run_simulator_to_exit({"--fault", "status=99"}, dir.path() / "o",
                                           dir.path() / "e") != 0);
}

BOOST_AUTO_TEST_SUITE_END()
