// The pipeline takes the host lock itself: a second caller in the same process (the console's
// run-now beside its timer) is refused or waits, exactly as a second process is.
#include <soci/soci.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <invhost/pipeline/host_lock.hpp>
#include <invhost/pipeline/pipeline.hpp>
#include <thread>

#include "backends.hpp"

namespace {

using namespace std::chrono_literals;

std::int64_t reconciliations(invhost::store& db) {
  std::int64_t n = 0;
  db.sql() << "SELECT COUNT(*) FROM reconciliations", soci::into(n);
  return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pipeline)

BOOST_AUTO_TEST_CASE(a_held_lock_refuses_a_nightly_that_does_not_wait) {
  invhost::test::on_each_backend([](invhost::store& db) {
    invhost::test::temp_dir home;
    const invhost::host_config config;
    const invhost::manifest_catalog catalog;
    invhost::pipeline::host h{db, config, catalog, home.path()};
    auto lock = invhost::pipeline::take_host_lock(h, "test", false);
    invhost::pipeline::nightly_options options;
    options.as_of = "2025-07-01";
    BOOST_CHECK_THROW(invhost::pipeline::run_nightly(h, options), invhost::pipeline::host_busy);
    BOOST_TEST(reconciliations(db) == 0);
  });
}

BOOST_AUTO_TEST_CASE(a_waiting_nightly_runs_once_the_lock_is_released) {
  invhost::test::on_each_backend([](invhost::store& db) {
    invhost::test::temp_dir home;
    const invhost::host_config config;
    const invhost::manifest_catalog catalog;
    invhost::pipeline::host h{db, config, catalog, home.path()};
    std::optional<invhost::inventory::run_lock> lock =
        invhost::pipeline::take_host_lock(h, "test", false);
    std::thread releaser([&lock] {
      std::this_thread::sleep_for(300ms);
      lock.reset();
    });
    invhost::pipeline::nightly_options options;
    options.as_of = "2025-07-01";
    options.wait = true;
    const auto night = invhost::pipeline::run_nightly(h, options);
    releaser.join();
    BOOST_TEST(night.as_of == "2025-07-01");
    BOOST_TEST(night.reconciliation.reconciliation_id != 0);
    BOOST_TEST(night.reconciliation.licenses == 0);
    BOOST_TEST(!night.failed);
    BOOST_TEST(reconciliations(db) == 1);
  });
}

BOOST_AUTO_TEST_CASE(a_bad_date_is_refused_before_the_lock_is_taken) {
  invhost::test::on_each_backend([](invhost::store& db) {
    invhost::test::temp_dir home;
    const invhost::host_config config;
    const invhost::manifest_catalog catalog;
    invhost::pipeline::host h{db, config, catalog, home.path()};
    auto lock = invhost::pipeline::take_host_lock(h, "test", false);
    invhost::pipeline::nightly_options options;
    options.as_of = "2025-02-30";
    BOOST_CHECK_THROW(invhost::pipeline::run_nightly(h, options), invhost::pipeline::refused);
  });
}

BOOST_AUTO_TEST_CASE(an_unknown_connection_is_refused) {
  invhost::test::on_each_backend([](invhost::store& db) {
    invhost::test::temp_dir home;
    const invhost::host_config config;
    const invhost::manifest_catalog catalog;
    invhost::pipeline::host h{db, config, catalog, home.path()};
    BOOST_CHECK_THROW(invhost::pipeline::run_connection(h, "nobody", {}),
                      invhost::pipeline::refused);
  });
}

BOOST_AUTO_TEST_SUITE_END()
