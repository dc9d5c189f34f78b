// Injected faults: each either recovers with identical records or ends the affected streams
// incomplete with the right status.
#include <boost/test/unit_test.hpp>

#include "e2e_fixture.hpp"

namespace {

void require_no_secrets(const e2e::import_outcome& o) {
  for (const auto& t : e2e::captured_texts(o)) {
    BOOST_TEST(t.find(e2e::refresh_token) == std::string::npos, t);
    BOOST_TEST(t.find("sim-at-") == std::string::npos, t);  // every access token it issues
    BOOST_TEST(t.find("Bearer") == std::string::npos, t);
  }
}

void require_same_records(const invsdk_test::recording_sink& a,
                          const invsdk_test::recording_sink& b) {
  BOOST_TEST((a.applications == b.applications));
  BOOST_TEST((a.licenses == b.licenses));
  BOOST_TEST((a.entitlements == b.entitlements));
  BOOST_TEST((a.accessing_users == b.accessing_users));
  BOOST_TEST((a.consumption == b.consumption));
}

const invsdk_test::recording_sink& baseline() {
  static const auto o = [] {
    auto sim = e2e::start_simulator();
    return e2e::run_import(e2e::config_for(*sim));
  }();
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  return *o.sink;
}

int64_t stat(const fsmsim::simulator_process& sim, const char* group, const char* key) {
  const auto s = e2e::sim_call(sim, "/_sim/stats");
  const auto* g = s.as_object().if_contains(group);
  if (g == nullptr) return 0;
  if (key == nullptr) return g->to_number<int64_t>();
  const auto* v = g->as_object().if_contains(key);
  return v == nullptr ? 0 : v->to_number<int64_t>();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(faults)

BOOST_AUTO_TEST_CASE(transient_faults_are_retried_to_identical_records) {
  auto sim = e2e::start_simulator(
      {"--fault", "status=429,retry-after=1,nth=2,count=2", "--fault",
       "status=500,path=/licenses,count=1", "--fault", "status=502,path=/app-users,nth=2,count=1",
       "--fault", "status=503,path=/managed-apps,nth=2,count=1", "--fault",
       "drop,path=/licenses,nth=3,count=1", "--fault", "slow=2500,path=/app-users,nth=3,count=1"});
  const auto cfg = e2e::config_for(*sim).with("request_timeout_seconds", "1");
  const auto o = e2e::run_import(cfg);
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k)
    BOOST_TEST(o.sink->stream(k).complete(), invsdk_test::stream_name(k));
  require_same_records(*o.sink, baseline());
  BOOST_TEST(stat(*sim, "statuses", "429") == 2);
  BOOST_TEST(stat(*sim, "faultsFired", nullptr) >= 7);
  BOOST_TEST(o.host->logged("retry 1 of 6"));
  require_no_secrets(o);
}

BOOST_AUTO_TEST_CASE(persistent_server_errors_end_the_stream_incomplete_as_io) {
  auto sim = e2e::start_simulator({"--fault", "status=503,path=/licenses"});
  const auto o = e2e::run_import(e2e::config_for(*sim).with("max_retries", "2"));
  BOOST_TEST(o.result.status == INVSDK_STATUS_IO, o.result);
  BOOST_TEST(o.result.http_status == 503);
  BOOST_TEST(o.result.message.find("after 3 attempts") != std::string::npos, o.result.message);
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_APPLICATIONS).complete());
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_LICENSES).incomplete());
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_ENTITLEMENTS).incomplete());
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_LICENSES).reason == o.result.message);
  BOOST_TEST(!o.sink->stream(INVSDK_STREAM_CONSUMPTION).begun);
  BOOST_TEST(stat(*sim, "statuses", "503") == 3);  // never an endless loop
  require_no_secrets(o);
}

BOOST_AUTO_TEST_CASE(persistent_throttling_is_rate_limited) {
  auto sim = e2e::start_simulator(
      {"--fault", "status=429,retry-after=1,path=/app-users,nth=2,count=1000"});
  const auto o = e2e::run_import(e2e::config_for(*sim).with("max_retries", "1"));
  BOOST_TEST(o.result.status == INVSDK_STATUS_RATE_LIMITED, o.result);
  BOOST_TEST(o.result.http_status == 429);
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_LICENSES).complete());
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_ACCESSING_USERS).incomplete());
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_CONSUMPTION).incomplete());
  BOOST_TEST(o.sink->consumption.size() > 0U);  // the first page was streamed already
  require_no_secrets(o);
}

BOOST_AUTO_TEST_CASE(responses_slower_than_the_timeout_end_as_timeout) {
  auto sim = e2e::start_simulator({"--fault", "slow=3000,path=/managed-apps"});
  const auto o = e2e::run_import(
      e2e::config_for(*sim).with("request_timeout_seconds", "1").with("max_retries", "1"));
  BOOST_TEST(o.result.status == INVSDK_STATUS_TIMEOUT, o.result);
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_APPLICATIONS).incomplete());
  BOOST_TEST(!o.sink->stream(INVSDK_STREAM_LICENSES).begun);
}

BOOST_AUTO_TEST_CASE(dropped_connections_recover) {
  auto sim = e2e::start_simulator({"--fault", "drop,nth=2,count=3"});
  const auto o = e2e::run_import(e2e::config_for(*sim));
  BOOST_TEST_REQUIRE(o.result.ok(), o.result);
  require_same_records(*o.sink, baseline());
}

BOOST_AUTO_TEST_CASE(malformed_json_is_a_data_error_with_its_offset) {
  auto sim = e2e::start_simulator({"--fault", "malformed,path=/licenses,nth=2"});
  const auto o = e2e::run_import(e2e::config_for(*sim));
  BOOST_TEST(o.result.status == INVSDK_STATUS_DATA, o.result);
  BOOST_TEST(o.result.message.find("malformed JSON in the response to GET") != std::string::npos,
             o.result.message);
  BOOST_TEST(o.result.message.find(" at byte ") != std::string::npos, o.result.message);
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_APPLICATIONS).complete());
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_LICENSES).incomplete());
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_ENTITLEMENTS).incomplete());
  BOOST_TEST(o.sink->licenses.size() > 0U);  // page 1 arrived and was streamed
}

BOOST_AUTO_TEST_CASE(truncated_json_is_a_data_error) {
  auto sim = e2e::start_simulator({"--fault", "truncated,path=/app-users"});
  const auto o = e2e::run_import(e2e::config_for(*sim));
  BOOST_TEST(o.result.status == INVSDK_STATUS_DATA, o.result);
  BOOST_TEST(o.result.message.find("GET") != std::string::npos, o.result.message);
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_LICENSES).complete());
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_CONSUMPTION).incomplete());
}

BOOST_AUTO_TEST_CASE(a_looping_next_page_is_detected) {
  auto sim = e2e::start_simulator({"--fault", "loop,path=/licenses"});
  const auto o = e2e::run_import(e2e::config_for(*sim));
  BOOST_TEST(o.result.status == INVSDK_STATUS_DATA, o.result);
  BOOST_TEST(o.result.message.find("nextPage loops") != std::string::npos, o.result.message);
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_LICENSES).incomplete());
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_APPLICATIONS).complete());
}

BOOST_AUTO_TEST_CASE(a_list_longer_than_max_pages_stops_there_incomplete) {
  // 9 managed apps at 4 a page: 3 pages, exactly the bound, read whole. The licenses (2 per app,
  // more than 12) need more than 3 pages: the first 3 (12 licenses) are delivered, then the list
  // stops, incomplete, with a DATA error naming the setting.
  auto sim = e2e::start_simulator({"--page-size", "4"});
  const auto o = e2e::run_import(e2e::config_for(*sim).with("max_pages", "3"));
  BOOST_TEST(o.result.status == INVSDK_STATUS_DATA, o.result);
  BOOST_TEST(o.result.message.find("licenses has more than 3 pages") != std::string::npos,
             o.result.message);
  BOOST_TEST(o.result.message.find("'max_pages'") != std::string::npos, o.result.message);
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_APPLICATIONS).complete());
  BOOST_TEST(o.sink->applications.size() == 9U);
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_LICENSES).incomplete());
  BOOST_TEST(o.sink->licenses.size() == 12U);
  BOOST_TEST(!o.sink->stream(INVSDK_STREAM_ACCESSING_USERS).begun);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cancellation)

BOOST_AUTO_TEST_CASE(a_cancelled_run_stops_with_open_streams_incomplete) {
  auto sim = e2e::start_simulator();
  e2e::import_outcome o;
  o.host->cancel_on_progress(3);
  const auto cfg = e2e::config_for(*sim);
  auto opened = e2e::adapter().open(cfg, *o.host);
  BOOST_TEST_REQUIRE(opened.result.ok(), opened.result);
  o.result = opened.connection.import_data(*o.sink);
  BOOST_TEST(o.result.status == INVSDK_STATUS_CANCELLED, o.result);
  BOOST_TEST(o.sink->stream(INVSDK_STREAM_APPLICATIONS).incomplete());
  BOOST_TEST(!o.sink->stream(INVSDK_STREAM_LICENSES).begun);
  BOOST_TEST(o.sink->violations().empty());
}

BOOST_AUTO_TEST_SUITE_END()
