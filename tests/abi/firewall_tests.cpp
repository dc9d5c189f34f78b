// Exceptions stop at the ABI; errors are released exactly once; the host carries on.
#include <boost/test/unit_test.hpp>
#include <invhost/adapter_loader.hpp>
#include <invhost/import_run.hpp>

#include "test_adapters.hpp"
#include "test_support.hpp"

using namespace invhost;

namespace {
connector_entry connector(const std::string& id, const std::string& adapter) {
  connector_entry c;
  c.id = id;
  c.adapter = adapter;
  return c;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(firewall)

BOOST_AUTO_TEST_CASE(throwing_adapters_fail_the_run_and_the_host_carries_on) {
  test::temp_dir dir;
  auto db = store::open("sqlite://" + (dir / "t.db").string());
  const auto catalog = discover_manifests({test::adapter_dir()});

  const run_result a = stage_connection(*db, connector("a", "test-throw-std"), catalog);
  BOOST_TEST(a.outcome == "failed");
  BOOST_TEST(a.error_class == "internal");
  BOOST_TEST(a.error_message.find("boom from std") != std::string::npos, a.error_message);

  const run_result b = stage_connection(*db, connector("b", "test-throw-other"), catalog);
  BOOST_TEST(b.outcome == "failed");
  BOOST_TEST(b.error_class == "internal");
  BOOST_TEST(b.error_message.find("non-standard exception") != std::string::npos, b.error_message);

  const run_result c = stage_connection(*db, connector("c", "test-good"), catalog);
  BOOST_TEST(c.outcome == "staged", c.error_message);

  const auto history = list_runs(*db, std::nullopt, 10);
  BOOST_REQUIRE(history.size() == 3U);
  BOOST_TEST(history[2].outcome == "failed");
  BOOST_TEST(history[2].error_class == "internal");
}

BOOST_AUTO_TEST_CASE(every_adapter_error_is_released_exactly_once) {
  auto adapter = load_adapter(test::test_manifest("test-counting"));
  invsdk_config config{sizeof(invsdk_config), nullptr, 0};
  for (int i = 0; i < 3; ++i) {
    try {
      adapter->validate_config(config);
      BOOST_FAIL("validate_config should fail");
    } catch (const adapter_error& e) {
      BOOST_TEST(e.status() == INVSDK_STATUS_INVALID_CONFIG);
      BOOST_TEST(std::string(e.what()) == "validate always fails here");
    }
  }
  invsdk_host_services services{};
  services.struct_size = sizeof services;
  auto conn = adapter->open(config, services);
  invsdk_sink sink{};
  sink.struct_size = sizeof sink;
  BOOST_CHECK_THROW(conn.import_data(sink), adapter_error);
  // The adapter aborts on a second release of one error; its counters show one per error.
  BOOST_TEST(conn.check() == "made=4 released=4");
}

BOOST_AUTO_TEST_CASE(a_status_becomes_a_cpp_error_with_its_name) {
  test::temp_dir dir;
  auto db = store::open("sqlite://" + (dir / "t.db").string());
  const run_result r = stage_connection(*db, connector("t", "test-counting"),
                                        discover_manifests({test::adapter_dir()}));
  BOOST_TEST(r.outcome == "failed");
  BOOST_TEST(r.error_class == "invalid_config");
}

BOOST_AUTO_TEST_SUITE_END()
