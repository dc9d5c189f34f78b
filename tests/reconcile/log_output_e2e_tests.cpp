// What the host writes to a journal: a nightly's progress on a non-terminal is one line per
// stream when the import ends (and one more per stream every 10 s while it runs), never one per
// page; --log-format json gives one object per line with the connection, run and stream.
#define BOOST_TEST_MODULE log_output_e2e
#include <sys/stat.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fsmsim/process.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "invhost_cli.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* as_of = "2026-01-15";
constexpr const char* token = "rt-log-output-e2e-0123456789";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

// A simulator organisation of many small pages: 40 licenses at 5 per page are 8 pages of
// licenses alone.
fsmsim::simulator_process many_pages(const std::vector<std::string>& faults = {}) {
  std::vector<std::string> args{"--org",
                                "4242",
                                "--seed",
                                "7",
                                "--apps",
                                "40",
                                "--licenses-per-app",
                                "1",
                                "--people",
                                "50",
                                "--users-per-app",
                                "5",
                                "--page-size",
                                "5",
                                "--refresh-token",
                                token,
                                "--reference-date",
                                as_of};
  for (const auto& f : faults) {
    args.emplace_back("--fault");
    args.push_back(f);
  }
  return fsmsim::simulator_process(args);
}

void add_fsm(const fs::path& home, const std::string& url) {
  const auto r = invtest::run_invhost(
      home,
      "connectors add fsm --adapter flexera-saas-manager --set org_id=4242 --set api_url=" + url +
          " --set token_url=" + url + "/oidc/token --secret refresh_token=env:LOG_OUTPUT_E2E_RT");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
}

// A home with one FSM connection to a simulator of many small pages, for one test.
struct fsm_home {
  fsmsim::temp_dir dir{"log-output"};
  fs::path home = dir.path() / "home";
  fsmsim::simulator_process fsm = many_pages();
  fsm_home() {
    ::setenv("LOG_OUTPUT_E2E_RT", token, 1);
    fs::create_directories(home);
    add_fsm(home, fsm.base_url());
  }
};

}  // namespace

BOOST_AUTO_TEST_CASE(progress_on_a_non_terminal_is_a_line_per_stream_not_per_page) {
  const fsm_home h;
  const fs::path& home = h.home;
  // stderr is a file here, as under cron or systemd.
  const auto r = invtest::run_invhost(home, std::string("nightly --as-of ") + as_of);
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
  std::map<std::string, int> progress_lines;
  for (const auto& line : lines_of(r.err))
    for (const char* stream :
         {"applications", "licenses", "entitlements", "accessing_users", "consumption"})
      if (contains(line, std::string("fsm: ") + stream + ": ")) ++progress_lines[stream];
  // The import of this small organisation takes well under 10 s: one closing line per stream.
  // (A line per page, as before, was 8+ for licenses alone.)
  for (const char* stream :
       {"applications", "licenses", "entitlements", "accessing_users", "consumption"}) {
    BOOST_TEST_CONTEXT(stream) {
      BOOST_TEST(progress_lines[stream] == 1, r.err);
    }
  }
  BOOST_TEST(contains(r.err, "fsm: licenses: 8 pages 40 records"), r.err);
}

BOOST_AUTO_TEST_CASE(json_log_format_is_one_object_per_line_with_connection_run_and_stream) {
  const fsm_home h;
  const fs::path& home = h.home;
  const auto r = invtest::run_invhost(
      home, std::string("--log-format json --log-level info nightly --as-of ") + as_of);
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
  const auto lines = lines_of(r.err);
  BOOST_REQUIRE(!lines.empty());
  int with_stream = 0, with_run = 0;
  for (const auto& line : lines) {
    BOOST_TEST_CONTEXT(line) {
      boost::system::error_code ec;
      const auto v = boost::json::parse(line, ec);
      BOOST_REQUIRE(!ec);
      const auto& o = v.as_object();
      for (const char* key : {"time", "level", "connection", "run", "stream", "message"})
        BOOST_TEST(o.contains(key), key);
      if (o.at("stream").is_string()) {
        ++with_stream;
        BOOST_TEST(o.at("connection").as_string() == "fsm");
        BOOST_TEST(o.at("run").is_int64());  // progress belongs to its run
      }
      if (o.at("run").is_int64()) ++with_run;
    }
  }
  BOOST_TEST(with_stream == 5);  // one closing progress line per stream
  BOOST_TEST(with_run > 0);      // the run's own lines carry its id
  // An unknown format is a usage error.
  const auto bad = invtest::run_invhost(home, "--log-format xml runs");
  BOOST_TEST(bad.code == 64);
  BOOST_TEST(contains(bad.err, "unknown log format 'xml'"), bad.err);
}

BOOST_AUTO_TEST_CASE(under_systemd_the_journal_is_the_only_log) {
  const fsm_home h;
  const fs::path& home = h.home;
  fs::remove_all(home / "logs");
  // systemd names the stream it connected stderr to; run_invhost's stderr file keeps its inode.
  const fs::path err = home / "stderr.txt";
  std::ofstream(err).close();
  struct stat st {};
  BOOST_REQUIRE(::stat(err.c_str(), &st) == 0);
  const std::string journal = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  ::setenv("JOURNAL_STREAM", journal.c_str(), 1);
  auto r = invtest::run_invhost(home, std::string("nightly --as-of ") + as_of);
  ::unsetenv("JOURNAL_STREAM");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
  BOOST_TEST(contains(r.err, "fsm: licenses: "), r.err);
  BOOST_TEST(!fs::exists(home / "logs" / "invhost.log"));
  // Not under systemd (or stderr redirected elsewhere): the file is written.
  r = invtest::run_invhost(home, std::string("nightly --as-of ") + as_of);
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
  BOOST_TEST(fs::exists(home / "logs" / "invhost.log"));
}

// With [host] metrics_textfile_dir, a nightly leaves invhost.prom for node_exporter: valid text
// format, readable by the collector's user, and the same numbers as the run and the report.
BOOST_AUTO_TEST_CASE(a_nightly_writes_prometheus_metrics_that_agree_with_the_report) {
  ::setenv("LOG_OUTPUT_E2E_RT", token, 1);
  fsmsim::temp_dir dir("metrics");
  const fs::path home = dir.path() / "home", prom = dir.path() / "textfile";
  fs::create_directories(home);
  fs::create_directories(prom);
  std::ofstream(home / "invhost.toml")
      << "[host]\nmetrics_textfile_dir = \"" << prom.string() << "\"\n";
  // One throttling answer and one server error, each fired once: two requests sent again.
  auto fsm = many_pages(
      {"status=429,path=/licenses,nth=2,retry-after=1", "status=503,path=app-users,nth=1"});
  add_fsm(home, fsm.base_url());
  auto r = invtest::run_invhost(home, std::string("nightly --as-of ") + as_of);
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
  const fs::path file = prom / "invhost.prom";
  BOOST_REQUIRE(fs::exists(file));
  BOOST_TEST(((fs::status(file).permissions() & fs::perms::others_read) != fs::perms::none));
  const std::string text = invtest::read_file(file);
  std::map<std::string, std::string> samples;
  for (const auto& line : lines_of(text)) {
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) continue;
    const auto space = line.rfind(' ');
    BOOST_REQUIRE_MESSAGE(space != std::string::npos, line);
    samples[line.substr(0, space)] = line.substr(space + 1);
  }
  BOOST_TEST(samples["invhost_runs_total{connection=\"fsm\",outcome=\"staged\"}"] == "1");
  // The simulator served 40 applications with one license each.
  BOOST_TEST(samples["invhost_last_run_records{connection=\"fsm\",stream=\"licenses\"}"] == "40");
  BOOST_TEST(samples["invhost_last_run_records{connection=\"fsm\",stream=\"applications\"}"] ==
             "40");
  BOOST_TEST(samples.contains("invhost_last_success_timestamp_seconds{connection=\"fsm\"}"));
  BOOST_TEST(samples["invhost_last_run_retries{connection=\"fsm\"}"] == "2");
  BOOST_TEST(samples["invhost_last_run_throttled_responses{connection=\"fsm\"}"] == "1");
  for (const char* phase : {"source", "staging", "merge"})
    BOOST_TEST(samples.contains(
                   std::string("invhost_last_run_duration_seconds{connection=\"fsm\",phase=\"") +
                   phase + "\"}"),
               phase);
  BOOST_TEST(samples.contains("invhost_last_reconciliation_duration_seconds"));
  // The run record says the same.
  r = invtest::run_invhost(home, "runs --format json");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  const auto runs = boost::json::parse(r.out).as_array();
  BOOST_TEST(runs.at(0).at("retries").as_int64() == 2);
  BOOST_TEST(runs.at(0).at("throttled").as_int64() == 1);
  // Licenses by compliance and true-up per currency: the report's numbers.
  r = invtest::run_invhost(home, std::string("report --as-of ") + as_of + " --format json");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  const auto report = boost::json::parse(r.out).as_object();
  long long active = 0;
  for (const auto& [key, value] : samples)
    if (key.starts_with("invhost_licenses{")) active += std::stoll(value);
  BOOST_TEST(active == report.at("summary").at("active_licenses").as_int64());
  for (const auto& [currency, totals] : report.at("totals").as_object())
    BOOST_TEST(samples["invhost_true_up_exposure{currency=\"" + std::string(currency) + "\"}"] ==
               std::string(totals.at("true_up_cost").as_string()));
}
