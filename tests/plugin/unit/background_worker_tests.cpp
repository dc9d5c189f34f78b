#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <fsm/background_worker.hpp>
#include <stdexcept>
#include <thread>

BOOST_AUTO_TEST_SUITE(background_worker_suite)

BOOST_AUTO_TEST_CASE(runs_each_job_on_one_other_thread) {
  fsm::background_worker worker;
  const auto caller = std::this_thread::get_id();
  std::thread::id first;
  for (int i = 0; i < 50; ++i) {
    auto f = worker.submit<std::thread::id>([] { return std::this_thread::get_id(); });
    const auto id = f.get();
    BOOST_TEST((id != caller));
    if (i == 0) first = id;
    BOOST_TEST((id == first));  // the same long-lived thread every time
  }
}

BOOST_AUTO_TEST_CASE(a_job_that_throws_hands_its_exception_to_the_future) {
  fsm::background_worker worker;
  auto f = worker.submit<int>([]() -> int { throw std::runtime_error("no answer"); });
  BOOST_CHECK_THROW(f.get(), std::runtime_error);
  // The thread survives it.
  BOOST_TEST(worker.submit<int>([] { return 7; }).get() == 7);
}

BOOST_AUTO_TEST_CASE(destruction_waits_for_the_job_in_hand) {
  std::atomic<bool> finished{false};
  {
    fsm::background_worker worker;
    auto f = worker.submit<int>([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      finished = true;
      return 0;
    });
  }
  BOOST_TEST(finished.load());
}

BOOST_AUTO_TEST_SUITE_END()
