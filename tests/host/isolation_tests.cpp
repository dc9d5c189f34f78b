// Adapters run in a child process: a crash, an abort, a hang, runaway memory or a constructor
// that kills its process fail that run with its class and signal, and the host carries on.
#include <sys/stat.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <invhost/import_run.hpp>
#include <thread>

#include "backends.hpp"

using namespace invhost;
using std::chrono::steady_clock;

namespace {

const manifest_catalog& catalog() {
  static const manifest_catalog c = discover_manifests({INVHOST_TEST_ADAPTER_DIR});
  return c;
}

connector_entry misbehaving(const std::string& mode) {
  connector_entry c;
  c.id = "conn-" + mode;
  c.adapter = "test-misbehave";
  c.settings["mode"] = mode;
  return c;
}

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

// Sets a cancel flag after a delay, from its own thread. The adapter's child is forked (no exec):
// a thread that is still starting up when the host forks may hold a lock of the allocator or of a
// sanitizer's runtime that the child then waits for forever. The constructor returns only once
// the thread is parked in its sleep, so the fork sees a quiet thread, as it would in the CLI.
class delayed_cancel {
 public:
  explicit delayed_cancel(std::chrono::milliseconds delay) {
    thread_ = std::thread([this, delay] {
      parked_ = true;
      std::this_thread::sleep_for(delay);
      asked_at_ = steady_clock::now().time_since_epoch().count();
      flag_ = true;
    });
    while (!parked_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  delayed_cancel(const delayed_cancel&) = delete;
  delayed_cancel& operator=(const delayed_cancel&) = delete;
  ~delayed_cancel() {
    if (thread_.joinable()) thread_.join();
  }

  const std::atomic<bool>* flag() const { return &flag_; }
  // When the flag was set; waits for that.
  steady_clock::time_point asked_at() {
    if (thread_.joinable()) thread_.join();
    return steady_clock::time_point(steady_clock::duration(asked_at_.load()));
  }

 private:
  std::atomic<bool> parked_{false};
  std::atomic<bool> flag_{false};
  std::atomic<steady_clock::rep> asked_at_{0};
  std::thread thread_;
};

long long staged_licenses(store& db, int64_t run) {
  long long n = -1;
  const long long id = run;
  db.sql() << "SELECT COUNT(*) FROM staged_licenses WHERE run_id = :r", soci::use(id),
      soci::into(n);
  return n;
}

// The run failed with this class, its record says so (never "running"), and a good run right
// after it in the same process is staged: the host survived.
void expect_failed_run(store& db, const run_result& r, const std::string& error_class,
                       const std::string& detail) {
  BOOST_TEST(r.outcome == "failed", r.outcome + ": " + r.error_message);
  BOOST_TEST(r.error_class == error_class, r.error_message);
  BOOST_TEST(contains(r.error_message, detail), r.error_message);
  const auto history = list_runs(db, std::nullopt, 1);
  BOOST_REQUIRE(history.size() == 1U);
  const auto& rec = history.front();
  BOOST_TEST(rec.id == r.run_id);
  BOOST_TEST(rec.outcome == "failed");
  BOOST_TEST(rec.error_class == error_class);
  BOOST_TEST(!rec.finished_at.empty());
  const run_result after = stage_connection(db, misbehaving("ok"), catalog());
  BOOST_TEST(after.outcome == "staged", after.error_message);
  BOOST_TEST(staged_licenses(db, after.run_id) == 2);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(isolation)

BOOST_AUTO_TEST_CASE(a_crashing_adapter_fails_its_run_with_its_signal) {
  test::on_each_backend([](store& db) {
    const run_result r = stage_connection(db, misbehaving("segv"), catalog());
    expect_failed_run(db, r, "adapter crashed", "SIGSEGV");
    BOOST_TEST(contains(r.error_message, "during import"), r.error_message);
  });
}

BOOST_AUTO_TEST_CASE(an_aborting_adapter_fails_its_run_with_its_signal) {
  test::on_each_backend([](store& db) {
    const run_result r = stage_connection(db, misbehaving("abort"), catalog());
    expect_failed_run(db, r, "adapter crashed", "SIGABRT");
  });
}

BOOST_AUTO_TEST_CASE(a_hanging_adapter_is_stopped_at_its_time_limit) {
  test::on_each_backend([](store& db) {
    run_options o;
    o.limits.wall_clock = std::chrono::seconds(2);
    const auto t0 = steady_clock::now();
    const run_result r = stage_connection(db, misbehaving("hang"), catalog(), o);
    const auto took = steady_clock::now() - t0;
    BOOST_TEST(took < std::chrono::seconds(6));
    BOOST_TEST(took >= std::chrono::seconds(2));
    expect_failed_run(db, r, "adapter timed out", "SIGKILL");
    BOOST_TEST(contains(r.error_message, "within 2 s"), r.error_message);
  });
}

BOOST_AUTO_TEST_CASE(an_adapter_with_runaway_memory_is_stopped_at_its_limit) {
#if defined(__SANITIZE_ADDRESS__)
  BOOST_TEST_MESSAGE("skipped: AddressSanitizer builds set no address-space limit");
#else
  test::on_each_backend([](store& db) {
    run_options o;
    o.limits.memory_mib = 256;
    const run_result r = stage_connection(db, misbehaving("hog"), catalog(), o);
    expect_failed_run(db, r, "adapter crashed", "ran out of memory");
    BOOST_TEST(contains(r.error_message, "256 MiB"), r.error_message);
  });
#endif
}

BOOST_AUTO_TEST_CASE(a_library_constructor_runs_in_the_child) {
  // libtest_abi2.so aborts from its constructor; installed under a manifest that claims ABI 1.0,
  // it passes every check before dlopen, and the abort kills only the child.
  test::temp_dir dir;
  const auto folder = dir / "adapters";
  std::filesystem::create_directories(folder);
  ::chmod(folder.c_str(), 0755);
  std::filesystem::copy_file(std::filesystem::path(INVHOST_TEST_ADAPTER_DIR) / "libtest_abi2.so",
                             folder / "libtest_abi2.so");
  test::write_file(folder / "test-abi2.json",
                   R"({"id": "test-abi2", "name": "x", "version": "1.0.0", "abi_version": "1.0",
                       "library": "libtest_abi2.so", "config_schema": {"properties": {}}})");
  auto db = store::open("sqlite://" + (dir / "t.db").string());
  connector_entry c;
  c.id = "ctor";
  c.adapter = "test-abi2";
  const run_result r = stage_connection(*db, c, discover_manifests({folder}));
  BOOST_TEST(r.outcome == "failed");
  BOOST_TEST(r.error_class == "adapter crashed");
  BOOST_TEST(contains(r.error_message, "SIGABRT"), r.error_message);
  BOOST_TEST(contains(r.error_message, "during load"), r.error_message);
}

BOOST_AUTO_TEST_CASE(cancel_stops_a_deaf_adapter_within_two_seconds) {
  test::temp_dir dir;
  auto db = store::open("sqlite://" + (dir / "t.db").string());
  delayed_cancel canceller(std::chrono::milliseconds(500));
  run_options o;
  o.cancel_flag = canceller.flag();
  const run_result r = stage_connection(*db, misbehaving("hang"), catalog(), o);
  const auto ended = steady_clock::now();
  const auto took = ended - canceller.asked_at();
  BOOST_TEST(took < std::chrono::seconds(2));
  BOOST_TEST(r.outcome == "cancelled", r.error_message);
  BOOST_TEST(r.error_class == "cancelled");
  BOOST_TEST(contains(r.error_message, "SIGKILL"), r.error_message);
  BOOST_TEST(last_run(*db, "conn-hang")->outcome == "cancelled");
}

BOOST_AUTO_TEST_CASE(cancel_calls_the_adapters_cancel_entry_point) {
  test::temp_dir dir;
  auto db = store::open("sqlite://" + (dir / "t.db").string());
  delayed_cancel canceller(std::chrono::milliseconds(500));
  run_options o;
  o.cancel_flag = canceller.flag();
  const run_result r = stage_connection(*db, misbehaving("stop_on_cancel"), catalog(), o);
  BOOST_TEST(r.outcome == "cancelled", r.error_message);
  BOOST_TEST(r.error_message == "stopped: the host called cancel()");
}

BOOST_AUTO_TEST_CASE(a_check_runs_in_the_child) {
  const check_result crashed = check_connection(misbehaving("segv"), catalog());
  BOOST_TEST(!crashed.ok);
  BOOST_TEST(crashed.error_class == "adapter crashed");
  BOOST_TEST(contains(crashed.error_message, "SIGSEGV"), crashed.error_message);
  BOOST_TEST(contains(crashed.error_message, "during check"), crashed.error_message);
  const check_result ok = check_connection(misbehaving("ok"), catalog());
  BOOST_TEST(ok.ok);
  BOOST_TEST(ok.summary == "mode ok");
}

BOOST_AUTO_TEST_SUITE_END()
