// The sign-in limiter: 5 failures in 15 minutes lock a key (address or name) for the rest of
// the window; success clears the name's count only.
#include <boost/test/unit_test.hpp>
#include <invhost/accounts/signin_limiter.hpp>
#include <thread>
#include <vector>

using namespace invhost::accounts;
using namespace std::chrono_literals;
using tp = signin_limiter::time_point;

namespace {
const tp t0 = tp(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::May / 4)) + 8h;
}

BOOST_AUTO_TEST_SUITE(signin_limiter_rules)

BOOST_AUTO_TEST_CASE(five_failures_lock_the_name_for_the_rest_of_the_window) {
  signin_limiter l;
  for (int i = 0; i < 4; ++i) {
    BOOST_TEST(l.wait_before("10.0.0.1", "alice", t0 + i * 1min).count() == 0);
    l.record_failure("10.0.0.1", "alice", t0 + i * 1min);
  }
  BOOST_TEST(l.wait_before("10.0.0.1", "alice", t0 + 4min).count() == 0);
  l.record_failure("10.0.0.1", "alice", t0 + 4min);  // the fifth, 4 minutes into the window
  // Locked until 15 minutes after the first failure: 11 minutes from now.
  BOOST_TEST(l.wait_before("10.0.0.1", "alice", t0 + 4min).count() == 11 * 60);
  // From another address the name is still locked; another name from that address too.
  BOOST_TEST(l.wait_before("10.0.0.2", "alice", t0 + 5min).count() == 10 * 60);
  BOOST_TEST(l.wait_before("10.0.0.1", "bob", t0 + 5min).count() == 10 * 60);
  // An untouched address and name are free.
  BOOST_TEST(l.wait_before("10.0.0.2", "bob", t0 + 5min).count() == 0);
  // Part seconds round up.
  BOOST_TEST(l.wait_before("10.0.0.2", "alice", t0 + 14min + 59s + 500ms).count() == 1);
  // The window over, the key is free and counting starts again.
  BOOST_TEST(l.wait_before("10.0.0.2", "alice", t0 + 15min).count() == 0);
  l.record_failure("10.0.0.2", "alice", t0 + 15min);
  BOOST_TEST(l.wait_before("10.0.0.2", "alice", t0 + 15min).count() == 0);
}

BOOST_AUTO_TEST_CASE(failures_spread_over_windows_do_not_lock) {
  signin_limiter l;
  for (int i = 0; i < 4; ++i) l.record_failure("10.0.0.1", "alice", t0 + i * 1min);
  // The fifth comes after the window of the first four: it opens a new window.
  l.record_failure("10.0.0.1", "alice", t0 + 16min);
  BOOST_TEST(l.wait_before("10.0.0.1", "alice", t0 + 16min).count() == 0);
}

BOOST_AUTO_TEST_CASE(success_clears_the_name_but_not_the_address) {
  signin_limiter l;
  for (int i = 0; i < 4; ++i) l.record_failure("10.0.0.9", "carol", t0);
  l.record_success("carol");
  // The name's count restarted: one more failure does not lock it...
  l.record_failure("10.0.0.8", "carol", t0 + 1min);
  BOOST_TEST(l.wait_before("10.0.0.8", "carol", t0 + 1min).count() == 0);
  // ...but the address had its fifth failure now (four, then one for dave).
  l.record_failure("10.0.0.9", "dave", t0 + 2min);
  BOOST_TEST(l.wait_before("10.0.0.9", "erin", t0 + 2min).count() == 13 * 60);
}

BOOST_AUTO_TEST_CASE(the_policy_is_a_parameter_and_memory_is_bounded) {
  signin_limiter l({.max_failures = 2, .window = 1min, .max_keys = 4});
  l.record_failure("a", "x", t0);
  l.record_failure("a", "x", t0);
  BOOST_TEST(l.wait_before("a", "x", t0 + 10s).count() == 50);
  // A flood of new keys forgets the oldest windows, never grows past the bound, keeps working.
  for (int i = 0; i < 100; ++i) l.record_failure("addr" + std::to_string(i), "n", t0 + 1s);
  l.record_failure("last", "n", t0 + 2s);
  BOOST_TEST(l.wait_before("last", "n", t0 + 2s).count() == 59);
}

BOOST_AUTO_TEST_CASE(many_threads_count_every_failure) {
  signin_limiter l({.max_failures = 400, .window = 15min, .max_keys = 1000});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) l.record_failure("10.1.1.1", "shared", t0);
    });
  for (auto& th : threads) th.join();
  BOOST_TEST(l.wait_before("10.1.1.1", "other", t0).count() == 15 * 60);
}

BOOST_AUTO_TEST_SUITE_END()
