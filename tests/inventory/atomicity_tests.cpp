#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <invhost/inventory/merge.hpp>
#include <stdexcept>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;
using invtest::scalar;

namespace {

invtest::tenant first_tenant() {
  auto t = invtest::licenses_tenant(3);
  t.uses.push_back({"U1", "L1", "A1", "ann@acme.test", "2024-01-01T00:00:00Z", ""});
  return t;
}

invtest::tenant second_tenant() {
  auto t = invtest::licenses_tenant(4);
  t.licenses[0].name = "Renamed";
  t.terms[0].items = 99;
  t.uses.push_back({"U2", "L2", "A1", "bob@acme.test", "2024-01-01T00:00:00Z", ""});
  return t;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(atomicity)

BOOST_AUTO_TEST_CASE(fault_mid_transaction_leaves_the_previous_state) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", first_tenant()));
    const std::string before = invtest::dump_inventory(db.sql());
    const long long run = invtest::stage(db.sql(), "fsm", second_tenant());
    for (const char* at : {"licenses", "retire", "entitlements", "consumption", "commit"}) {
      BOOST_TEST_CONTEXT("fault after " << at) {
        merge_options faulty;
        faulty.on_step = [at](std::string_view step) {
          if (step == at) throw std::runtime_error("injected fault");
        };
        BOOST_CHECK_THROW(merge_run(db.sql(), run, faulty), std::runtime_error);
        BOOST_TEST(invtest::dump_inventory(db.sql()) == before);
      }
    }
    BOOST_TEST(to_string(merge_run(db.sql(), run).status) == "merged");
    BOOST_TEST(invtest::dump_inventory(db.sql()) != before);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses") == 4);
  });
}

BOOST_AUTO_TEST_CASE(merge_killed_mid_transaction_leaves_the_previous_state_and_reruns) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", first_tenant()));
    const std::string before = invtest::dump_inventory(db.sql());
    const long long run = invtest::stage(db.sql(), "fsm", second_tenant());

    int ready[2];
    BOOST_REQUIRE(pipe(ready) == 0);
    const pid_t child = fork();
    BOOST_REQUIRE(child >= 0);
    if (child == 0) {
      // The child merges on its own connection and stops for good half-way through.
      close(ready[0]);
      try {
        auto own = invhost::store::open(db.connection_string());
        merge_options stop;
        stop.on_step = [&](std::string_view step) {
          if (step == "entitlements") {
            const char byte = 'x';
            if (write(ready[1], &byte, 1) != 1) _exit(3);
            for (;;) pause();
          }
        };
        merge_run(own->sql(), run, stop);
      } catch (...) {
      }
      _exit(2);
    }
    close(ready[1]);
    char byte = 0;
    BOOST_REQUIRE(read(ready[0], &byte, 1) == 1);  // the child is inside the transaction
    close(ready[0]);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    BOOST_TEST(WIFSIGNALED(status));

    db.reopen();
    BOOST_TEST(invtest::dump_inventory(db.sql()) == before);
    BOOST_TEST(to_string(merge_run(db.sql(), run).status) == "merged");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses") == 4);
    BOOST_TEST(
        scalar(db.sql(), "SELECT items_allowed FROM entitlements WHERE external_id = 'T1'") == 99);
  });
}

BOOST_AUTO_TEST_SUITE_END()
