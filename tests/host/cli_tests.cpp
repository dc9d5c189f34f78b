// The real invhost binary in a temporary home: connectors, runs, exit codes, and secrets that
// never reach output, logs, the configuration or the database.
#define BOOST_TEST_MODULE cli_tests
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <boost/test/included/unit_test.hpp>
#include <chrono>
#include <thread>

#include "cli_host_home.hpp"
#include "test_support.hpp"

using namespace invhost;

namespace {

using test::contains;
using test::host_home;
const std::string& secret_value = test::cli_secret_value;

// Every byte under the home (config, logs, SQLite database with its WAL) as one string.
std::string every_file_under(const std::filesystem::path& dir) {
  std::string all;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) all += test::read_file(e.path());
  return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(connectors_add_list_enable_disable_remove) {
  host_home h;
  auto r = h.run("connectors add one --adapter test-good --set mode=ok");
  BOOST_TEST(r.code == 0, r.err);
  r = h.run("connectors list");
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "one"));
  BOOST_TEST(contains(r.out, "test-good"));
  BOOST_TEST(contains(r.out, "never"));
  BOOST_TEST(h.run("connectors disable one").code == 0);
  r = h.run("connectors list --format json");
  const auto list = boost::json::parse(r.out).as_array();
  BOOST_REQUIRE(list.size() == 1U);
  BOOST_TEST(list[0].at("enabled").as_bool() == false);
  BOOST_TEST(list[0].at("version").as_string() == "1.0.0");
  r = h.run("run one");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "is disabled"));
  BOOST_TEST(h.run("connectors enable one").code == 0);
  BOOST_TEST(h.run("connectors add one --adapter test-good").code == 1);  // duplicate id
  BOOST_TEST(h.run("connectors remove one").code == 0);
  r = h.run("connectors remove one");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "invhost: error: no connector 'one'"));
  BOOST_TEST(contains(r.err, "hint:"));
}

BOOST_AUTO_TEST_CASE(settings_are_checked_against_the_manifest) {
  host_home h;
  auto r = h.run("connectors add a --adapter nope");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "unknown adapter 'nope'"));
  r = h.run("connectors add a --adapter test-good --set colour=red");
  BOOST_TEST(contains(r.err, "has no setting 'colour'"));
  r = h.run("connectors add a --adapter test-good --set token=" + std::string("literal-value-1"));
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "'token' is a secret"));
  BOOST_TEST(!contains(r.err, "literal-value-1"));
  r = h.run("connectors add a --adapter test-good --secret token=literal-value-2");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "must be a reference"));
  BOOST_TEST(!contains(r.err, "literal-value-2"));
  r = h.run("connectors add a --adapter test-good --secret mode=env:X");
  BOOST_TEST(contains(r.err, "'mode' is not a secret"));
  BOOST_TEST(!std::filesystem::exists(h.home() / "invhost.toml"));  // nothing was written
  r = h.run("connectors add a --adapter");
  BOOST_TEST(r.code == 64);
}

BOOST_AUTO_TEST_CASE(runs_exit_codes_and_history) {
  host_home h;
  BOOST_TEST(h.run("connectors add ok --adapter test-good --set mode=ok").code == 0);
  BOOST_TEST(h.run("connectors add part --adapter test-good --set mode=incomplete").code == 0);
  BOOST_TEST(h.run("connectors add bad --adapter test-throw-std").code == 0);
  auto r = h.run("run ok");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "staged"));
  BOOST_TEST(contains(r.out, "accessing_users"));
  BOOST_TEST(h.run("run part").code == 2);
  r = h.run("run bad");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "internal"));
  r = h.run("runs --format json");
  const auto runs = boost::json::parse(r.out).as_array();
  BOOST_REQUIRE(runs.size() == 3U);
  BOOST_TEST(runs[0].at("outcome").as_string() == "failed");
  BOOST_TEST(runs[1].at("outcome").as_string() == "incomplete");
  BOOST_TEST(runs[2].at("streams").at("applications").at("records").as_int64() == 2);
  BOOST_TEST(runs[2].at("merge_status").as_string() == "merged");
  BOOST_TEST(runs[1].at("merge_status").is_null());  // an incomplete run is never merged
  r = h.run("runs --connection ok");
  BOOST_TEST(contains(r.out, "staged"));
  BOOST_TEST(contains(r.out, "merged"));
  BOOST_TEST(!contains(r.out, "incomplete"));
  BOOST_TEST(h.run("run ok --stage-only").code == 0);
  r = h.run("connectors list");
  BOOST_TEST(contains(r.out, "staged 20"));  // staged only: not merged, and the list says so
  BOOST_TEST(h.run("runs apply " + std::to_string(runs[0].at("id").as_int64() + 1)).code == 0);
  r = h.run("connectors list");
  BOOST_TEST(contains(r.out, "staged, merged 20"));  // outcome, merge and time of the last run
}

BOOST_AUTO_TEST_CASE(secrets_never_reach_output_logs_config_or_database) {
  host_home h;
  BOOST_TEST(h.run("connectors add leak --adapter test-good --set mode=leak_secret --secret "
                   "token=env:INVHOST_CLI_SECRET")
                 .code == 0);
  auto r = h.run("--log-level debug connectors check leak");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "connected with token ***"));
  r = h.run("--log-level debug run leak");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "unauthenticated (HTTP 401): token *** was refused"), r.err);
  BOOST_TEST(h.run("runs --format json").code == 0);
  BOOST_TEST(h.run("connectors list --format json").code == 0);
  BOOST_TEST(!contains(h.all_output(), secret_value));
  const std::string stored = every_file_under(h.home());
  BOOST_TEST(contains(stored, "env:INVHOST_CLI_SECRET"));  // the reference is kept...
  BOOST_TEST(contains(stored, "about to use token ***"));  // ...the adapter's log line redacted...
  BOOST_TEST(!contains(stored, secret_value));             // ...the value nowhere
}

BOOST_AUTO_TEST_CASE(broken_config_names_line_and_column) {
  host_home h;
  std::filesystem::create_directories(h.home());
  test::write_file(h.home() / "invhost.toml", "[host]\ndatabase = \"x\nadapter_paths = []\n");
  const auto r = h.run("connectors list");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "invhost.toml:2:"), r.err);
  BOOST_TEST(contains(r.err, "invhost: error:"));
}

#ifdef INVHOST_HAVE_FILE_IMPORT
BOOST_AUTO_TEST_CASE(file_import_end_to_end) {
  host_home h;
  const std::string examples = INVHOST_FILE_IMPORT_EXAMPLES;
  // The built adapters folder is on the default search path; the test folder comes first.
  auto r = h.run("connectors add demo --adapter file-import --set directory=" + examples);
  BOOST_TEST(r.code == 0, r.err);
  r = h.run("run demo");
  BOOST_TEST(r.code == 0, r.out + r.err);
  r = h.run("runs --format json");
  const auto runs = boost::json::parse(r.out).as_array();
  BOOST_REQUIRE(runs.size() == 1U);
  BOOST_TEST(runs[0].at("outcome").as_string() == "staged");
  const auto& streams = runs[0].at("streams").as_object();
  for (const char* kind :
       {"applications", "licenses", "entitlements", "accessing_users", "consumption"}) {
    const auto file = boost::json::parse(
        test::read_file(std::filesystem::path(examples) / (std::string(kind) + ".json")));
    BOOST_REQUIRE(streams.contains(kind));
    BOOST_TEST(
        streams.at(kind).at("records").as_int64() == static_cast<int64_t>(file.as_array().size()),
        kind);
    BOOST_TEST(streams.at(kind).at("completeness").as_string() == "complete", kind);
  }
}
#endif

// A connector "x" of the misbehaving test adapter in this mode (an earlier "x" keeps its
// history and inventory: only its mode changes).
void misbehaving_connector(host_home& h, const std::string& mode) {
  const bool exists = h.run("connectors show x").code == 0;
  const auto r = exists ? h.run("connectors set x mode=" + mode)
                        : h.run("connectors add x --adapter test-misbehave --set mode=" + mode);
  BOOST_TEST(r.code == 0, r.err);
}

BOOST_AUTO_TEST_CASE(a_crashing_adapter_fails_its_run_and_leaves_the_inventory_untouched) {
  host_home h;
  misbehaving_connector(h, "ok");
  auto r = h.run("run x");
  BOOST_TEST(r.code == 0, r.err);
  const std::string before = h.run("licenses list --format json").out;
  BOOST_TEST(contains(before, "Design tool"));
  BOOST_TEST(contains(before, "Drawing tool"));
  for (const std::string mode : {"segv", "abort"}) {
    misbehaving_connector(h, mode);
    r = h.run("run x");
    BOOST_TEST(r.code == 1, mode + ": " + r.err);  // the host's own failure code, not 134 or 139
    BOOST_TEST(contains(r.err, "adapter crashed"), r.err);
    BOOST_TEST(contains(r.err, mode == "segv" ? "SIGSEGV" : "SIGABRT"), r.err);
    // The crashed run staged a renamed lic-1 and no lic-2: merged, it would show.
    BOOST_TEST(h.run("licenses list --format json").out == before);
    const auto runs = boost::json::parse(h.run("runs --format json").out).as_array();
    BOOST_TEST(runs[0].at("outcome").as_string() == "failed");
    BOOST_TEST(runs[0].at("error_class").as_string() == "adapter crashed");
    BOOST_TEST(runs[0].at("merge_status").is_null());
  }
  misbehaving_connector(h, "segv");
  r = h.run("connectors check x");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "adapter crashed"), r.err);
  BOOST_TEST(contains(r.err, "during check"), r.err);
}

// invhost run in the background; SIGTERM once the adapter says it misbehaves; the seconds from
// the signal to the process's end, and its exit status.
std::pair<double, int> terminate_when_misbehaving(host_home& h) {
  const std::string cmd = "exec " + h.command("run x");
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!contains(h.stderr_so_far(), "misbehaving now") &&
         std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  BOOST_TEST(contains(h.stderr_so_far(), "misbehaving now"));
  const auto signalled = std::chrono::steady_clock::now();
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - signalled;
  return {took.count(), WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)};
}

BOOST_AUTO_TEST_CASE(sigterm_ends_a_run_on_a_hung_adapter_within_two_seconds) {
  host_home h;
  misbehaving_connector(h, "hang");
  const auto [seconds, code] = terminate_when_misbehaving(h);
  BOOST_TEST(seconds < 2.0);
  BOOST_TEST(code == 1);
  const auto runs = boost::json::parse(h.run("runs --format json").out).as_array();
  BOOST_REQUIRE(runs.size() == 1U);
  BOOST_TEST(runs[0].at("outcome").as_string() == "cancelled");
  BOOST_TEST(runs[0].at("merge_status").is_null());
}

BOOST_AUTO_TEST_CASE(sigterm_calls_the_adapters_cancel) {
  host_home h;
  misbehaving_connector(h, "stop_on_cancel");
  const auto [seconds, code] = terminate_when_misbehaving(h);
  BOOST_TEST(seconds < 1.5);  // stopped by cancel(), not killed at the end of the 1.5 s grace
  BOOST_TEST(code == 1);
  const auto runs = boost::json::parse(h.run("runs --format json").out).as_array();
  BOOST_TEST(runs[0].at("outcome").as_string() == "cancelled");
  BOOST_TEST(runs[0].at("error_message").as_string() == "stopped: the host called cancel()");
}
