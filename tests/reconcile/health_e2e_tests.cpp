// `invhost health` through the real binary: the Nagios/Icinga exit codes (0 ok, 1 warning,
// 2 critical) each reached by a real situation, the plugin output and the JSON shape, and the
// credential expiry warnings of `connectors list`, `check` and `health`.
#define BOOST_TEST_MODULE health_e2e
#include <sys/wait.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "each_backend.hpp"
#include "invhost_cli.hpp"

namespace fs = std::filesystem;

namespace {

using invtest::run_invhost;
using result = invtest::cli_result;

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

// A run's finished_at ("2026-11-29T17:38:45.123Z") moved by seconds, as an --as-of time. The
// milliseconds are dropped: the check counts whole seconds.
std::string shifted(const std::string& iso, long long seconds) {
  std::tm tm{};
  BOOST_REQUIRE(::strptime(iso.substr(0, 19).c_str(), "%Y-%m-%dT%H:%M:%S", &tm) != nullptr);
  const std::time_t t = ::timegm(&tm) + seconds;
  std::tm out{};
  ::gmtime_r(&t, &out);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &out);
  return buf;
}

constexpr long long hour = 3600;

struct health_answer {
  int code = -1;
  boost::json::object doc;
};

health_answer health_json(const fs::path& home, const std::string& args = "") {
  const result r = run_invhost(home, "health --format json" + args);
  health_answer a;
  a.code = r.code;
  const auto v = boost::json::parse(r.out);
  BOOST_REQUIRE_MESSAGE(v.is_object(), r.out << r.err);
  a.doc = v.as_object();
  return a;
}

// The (connection, check, severity) of each finding.
std::set<std::string> findings_of(const boost::json::object& doc) {
  std::set<std::string> out;
  for (const auto& f : doc.at("findings").as_array()) {
    const auto& c = f.at("connection");
    out.insert((c.is_null() ? std::string("-") : std::string(c.as_string())) + " " +
               std::string(f.at("check").as_string()) + " " +
               std::string(f.at("severity").as_string()));
  }
  return out;
}

void add_estate_connection(const fs::path& home, const fs::path& estate) {
  invtest::copy_example(ACME_EXAMPLE_DIR, estate);
  const result r = run_invhost(
      home, "connectors add acme --adapter file-import --set directory=" + estate.string());
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
}

std::string finished_at_of_last_run(invtest::database& db) {
  return invtest::text(db.sql(), "SELECT finished_at FROM runs ORDER BY id DESC LIMIT 1");
}

}  // namespace

// Before anything was imported there is no database: health reads what it can, creates nothing,
// and a host with no connection is healthy.
BOOST_AUTO_TEST_CASE(health_without_a_database_creates_nothing) {
  const fs::path dir = fs::temp_directory_path() / ("health-e2e-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path home = dir / "home";
  fs::create_directories(home);
  result r = run_invhost(home, "health");
  BOOST_TEST(r.code == 0, r.out << r.err);
  BOOST_TEST(r.out == "INVHOST OK - no connections\n");

  add_estate_connection(home, dir / "estate");
  r = run_invhost(home, "health");
  BOOST_TEST(r.code == 1, r.out << r.err);
  BOOST_TEST(r.out.rfind("INVHOST WARNING - 1 warning; acme: ", 0) == 0, r.out);
  BOOST_TEST(contains(r.out, "WARNING acme: never_imported:"), r.out);
  BOOST_TEST(contains(r.out, "  hint: run 'invhost run acme'"), r.out);
  BOOST_TEST(!fs::exists(home / "invhost.db"));
  BOOST_TEST(!fs::exists(home / "invhost.lock"));

  // A disabled connection is not checked.
  BOOST_REQUIRE(run_invhost(home, "connectors disable acme").code == 0);
  r = run_invhost(home, "health");
  BOOST_TEST(r.code == 0, r.out << r.err);
  fs::remove_all(dir);
}

// Fresh, stale (older than stale_after_hours: warning) and very stale (older than twice that:
// critical), counted from the end of the last merged import.
BOOST_AUTO_TEST_CASE(exit_codes_follow_the_age_of_the_last_successful_import) {
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    fs::create_directories(home);
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    add_estate_connection(home, db.dir() / "estate");
    result r = run_invhost(home, "nightly --as-of 2025-06-30");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
    const std::string finished = finished_at_of_last_run(db);

    r = run_invhost(home, "health");
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(r.out == "INVHOST OK - 1 enabled connection healthy\n", r.out);

    // Default stale_after: 36 hours.
    auto a = health_json(home, " --as-of " + shifted(finished, 36 * hour));
    BOOST_TEST(a.code == 0);
    BOOST_TEST(a.doc.at("status").as_string() == "ok");
    BOOST_TEST(a.doc.at("findings").as_array().empty());
    a = health_json(home, " --as-of " + shifted(finished, 36 * hour + 60));
    BOOST_TEST(a.code == 1);
    BOOST_TEST(a.doc.at("status").as_string() == "warning");
    BOOST_TEST((findings_of(a.doc) == std::set<std::string>{"acme stale warning"}));
    a = health_json(home, " --as-of " + shifted(finished, 72 * hour));
    BOOST_TEST(a.code == 1);
    BOOST_TEST((findings_of(a.doc) == std::set<std::string>{"acme stale warning"}));
    a = health_json(home, " --as-of " + shifted(finished, 72 * hour + 60));
    BOOST_TEST(a.code == 2);
    BOOST_TEST(a.doc.at("status").as_string() == "critical");
    BOOST_TEST((findings_of(a.doc) == std::set<std::string>{"acme stale critical"}));
    r = run_invhost(home, "health --as-of " + shifted(finished, 100 * hour));
    BOOST_TEST(r.code == 2);
    BOOST_TEST(r.out.rfind("INVHOST CRITICAL - 1 critical; acme: last successful import 100 hours "
                           "ago",
                           0) == 0,
               r.out);
    BOOST_TEST(contains(r.out, "CRITICAL acme: stale: "), r.out);

    // stale_after_hours = 2: three hours is a warning, five critical.
    {
      std::string config = invtest::read_file(home / "invhost.toml");
      config.replace(config.find("[host]\n"), 7, "[host]\nstale_after_hours = 2\n");
      std::ofstream(home / "invhost.toml", std::ios::trunc) << config;
    }
    BOOST_TEST(health_json(home, " --as-of " + shifted(finished, 2 * hour)).code == 0);
    BOOST_TEST(health_json(home, " --as-of " + shifted(finished, 3 * hour)).code == 1);
    BOOST_TEST(health_json(home, " --as-of " + shifted(finished, 5 * hour)).code == 2);
    BOOST_TEST(run_invhost(home, "health --as-of yesterday").code == 64);
  });
}

// A run the guard held waits for a person (warning) until it is applied; a run that failed is
// critical whatever the age of the last success.
BOOST_AUTO_TEST_CASE(a_held_run_warns_and_a_failing_connection_is_critical) {
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    const fs::path estate = db.dir() / "estate";
    fs::create_directories(home);
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    add_estate_connection(home, estate);
    result r = run_invhost(home, "run acme");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);

    // Consumption comes back empty: the guard holds the run.
    {
      std::ifstream in(estate / "consumption.csv");
      std::string header;
      std::getline(in, header);
      in.close();
      std::ofstream(estate / "consumption.csv", std::ios::trunc) << header << "\n";
    }
    r = run_invhost(home, "run acme");
    BOOST_REQUIRE_MESSAGE(r.code == 2 && contains(r.out, "held"), r.out << r.err);
    const long long held = invtest::scalar(db.sql(), "SELECT MAX(id) FROM runs");
    auto a = health_json(home);
    BOOST_TEST(a.code == 1);
    BOOST_TEST((findings_of(a.doc) == std::set<std::string>{"acme held_run warning"}));
    const auto& finding = a.doc.at("findings").as_array().at(0).as_object();
    BOOST_TEST(contains(std::string(finding.at("what").as_string()),
                        "run " + std::to_string(held) + " is held: "));
    BOOST_TEST(contains(std::string(finding.at("what").as_string()), "consumption"));
    BOOST_TEST(finding.at("hint").as_string() == "check the source, then 'invhost runs apply " +
                                                     std::to_string(held) + " --override'");
    r = run_invhost(home, "runs apply " + std::to_string(held) + " --override");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
    BOOST_TEST(health_json(home).code == 0);

    // The source is gone: the run fails, and health says so with the error class.
    fs::rename(estate, db.dir() / "gone");
    r = run_invhost(home, "run acme");
    BOOST_REQUIRE_MESSAGE(r.code == 1, r.out << r.err);
    a = health_json(home);
    BOOST_TEST(a.code == 2);
    BOOST_TEST((findings_of(a.doc) == std::set<std::string>{"acme failing critical"}));
    const std::string what(a.doc.at("findings").as_array().at(0).at("what").as_string());
    const long long failed = invtest::scalar(db.sql(), "SELECT MAX(id) FROM runs");
    const std::string error_class = invtest::text(
        db.sql(), "SELECT error_class FROM runs WHERE id = " + std::to_string(failed));
    BOOST_TEST(
        contains(what, "last run " + std::to_string(failed) + " failed (" + error_class + ")"),
        what);

    // Another run left `running` by a process that died, found abandoned by the next lock holder.
    fs::rename(db.dir() / "gone", estate);
    db.sql() << "INSERT INTO runs (connection, adapter, adapter_version, started_at, outcome) "
                "VALUES ('acme', 'file-import', '1.0.0', '2025-06-29T18:00:00Z', 'running')";
    BOOST_REQUIRE(run_invhost(home, "reconcile --as-of 2025-06-30").code == 0);
    a = health_json(home);
    BOOST_TEST(a.code == 2);
    BOOST_TEST(contains(std::string(a.doc.at("findings").as_array().at(0).at("what").as_string()),
                        "was abandoned"));
    BOOST_TEST(run_invhost(home, "run acme").code == 0);
    BOOST_TEST(health_json(home).code == 0);
  });
}

// The JSON document: status, the time checked, and one object per finding with exactly the
// connection, severity, check, what and hint.
BOOST_AUTO_TEST_CASE(json_shape) {
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    fs::create_directories(home);
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    add_estate_connection(home, db.dir() / "estate");
    const auto a = health_json(home, " --as-of 2027-01-02T03:04:05Z");
    BOOST_TEST(a.code == 1);
    BOOST_TEST(a.doc.size() == 3U);
    BOOST_TEST(a.doc.at("status").as_string() == "warning");
    BOOST_TEST(a.doc.at("checked_at").as_string() == "2027-01-02T03:04:05Z");
    const auto& findings = a.doc.at("findings").as_array();
    BOOST_REQUIRE(findings.size() == 1U);
    const auto& f = findings.at(0).as_object();
    BOOST_TEST(f.size() == 5U);
    BOOST_TEST(f.at("connection").as_string() == "acme");
    BOOST_TEST(f.at("severity").as_string() == "warning");
    BOOST_TEST(f.at("check").as_string() == "never_imported");
    BOOST_TEST(!f.at("what").as_string().empty());
    BOOST_TEST(!f.at("hint").as_string().empty());
  });
}

// FSM refresh tokens created on or after 2026-03-18 expire 365 days after creation: one created
// on 2026-04-01 expires on 2027-04-01 (2027 has no 29 February). Counted by hand from that day:
// 2027-03-01 is 31 days ahead, 03-02 30, 03-18 14, 03-25 7, 04-01 the day itself.
BOOST_AUTO_TEST_CASE(credential_expiry_warnings_at_30_14_and_7_days) {
  const fs::path dir = fs::temp_directory_path() / ("health-cred-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path home = dir / "home";
  fs::create_directories(home);
  ::setenv("HEALTH_E2E_RT", "rt-health-e2e-0123456789", 1);
  // max_retries=0 and a closed port: `connectors check` fails at once, after its warnings.
  result r = run_invhost(
      home,
      "connectors add fsm --adapter flexera-saas-manager --set org_id=4242 --set "
      "api_url=http://127.0.0.1:9 --set token_url=http://127.0.0.1:9/token --set max_retries=0 "
      "--secret refresh_token=env:HEALTH_E2E_RT --secret-created refresh_token=2026-04-01");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  BOOST_TEST(contains(invtest::read_file(home / "invhost.toml"), "refresh_token = 2026-04-01"));

  struct expectation {
    const char* as_of;
    long long days_left;
    boost::json::value notice;  // null: none due
    const char* health;         // severity of the credential finding, "" for none
  };
  const expectation cases[] = {{"2027-03-01", 31, nullptr, ""},
                               {"2027-03-02", 30, 30, "warning"},
                               {"2027-03-18", 14, 14, "warning"},
                               {"2027-03-25", 7, 7, "critical"},
                               {"2027-04-01", 0, 0, "critical"}};
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("as of " << c.as_of) {
      r = run_invhost(home, std::string("connectors list --format json --as-of ") + c.as_of);
      BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
      const auto list = boost::json::parse(r.out).as_array();
      BOOST_REQUIRE(list.size() == 1U);
      BOOST_TEST(list[0].at("credential_expires_on").as_string() == "2027-04-01");
      const auto& creds = list[0].at("credentials").as_array();
      BOOST_REQUIRE(creds.size() == 1U);
      BOOST_TEST(creds[0].at("secret").as_string() == "refresh_token");
      BOOST_TEST(creds[0].at("created_on").as_string() == "2026-04-01");
      BOOST_TEST(creds[0].at("expires_on").as_string() == "2027-04-01");
      BOOST_TEST(creds[0].at("days_left").as_int64() == c.days_left);
      BOOST_TEST(creds[0].at("notice") == c.notice);

      r = run_invhost(home, std::string("connectors list --as-of ") + c.as_of);
      BOOST_TEST(contains(r.out, "2027-04-01 (refresh_token)"), r.out);
      const bool warned = !c.notice.is_null();
      BOOST_TEST(contains(r.err, "connector 'fsm': refresh_token expire") == warned, r.err);
      r = run_invhost(home, std::string("connectors check fsm --as-of ") + c.as_of);
      BOOST_TEST(r.code == 1);
      BOOST_TEST(!contains(r.out + r.err, "rt-health-e2e-0123456789"));  // keys and dates only
      BOOST_TEST(contains(r.err, "connector 'fsm': refresh_token expire") == warned, r.err);

      const auto a = health_json(home, std::string(" --as-of ") + c.as_of + "T12:00:00Z");
      std::set<std::string> want{"fsm never_imported warning"};
      if (*c.health != '\0') want.insert(std::string("fsm credential ") + c.health);
      BOOST_TEST(findings_of(a.doc) == want);
      BOOST_TEST(a.code == (std::string(c.health) == "critical" ? 2 : 1));
    }
  }
  r = run_invhost(home, "connectors list --as-of 2027-03-18");
  BOOST_TEST(contains(r.err,
                      "warning: connector 'fsm': refresh_token expires on 2027-04-01 (in "
                      "14 days)"),
             r.err);
  r = run_invhost(home, "connectors list --as-of 2027-04-03");
  BOOST_TEST(contains(r.err,
                      "critical: connector 'fsm': refresh_token expired on 2027-04-01 (2 "
                      "days ago); renew it now"),
             r.err);
  BOOST_TEST(run_invhost(home, "connectors list --as-of 2027-02-30").code == 64);

  // Created before 2026-03-18: no known expiry, whatever the date.
  r = run_invhost(home,
                  "connectors add old --adapter flexera-saas-manager --set org_id=4243 "
                  "--secret refresh_token=env:HEALTH_E2E_RT --secret-created "
                  "refresh_token=2026-03-17");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  // Created on 2026-03-18: expires on 2027-03-18.
  r = run_invhost(home,
                  "connectors add new --adapter flexera-saas-manager --set org_id=4244 "
                  "--secret refresh_token=env:HEALTH_E2E_RT --secret-created "
                  "refresh_token=2026-03-18");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  r = run_invhost(home, "connectors list --format json --as-of 2030-01-01");
  const auto listed = boost::json::parse(r.out);
  BOOST_REQUIRE(listed.as_array().size() == 3U);
  for (const auto& c : listed.as_array()) {
    const std::string id(c.at("id").as_string());
    if (id == "old") {
      BOOST_TEST(c.at("credential_expires_on").is_null());
      BOOST_TEST(c.at("credentials").as_array().empty());
    } else if (id == "new") {
      BOOST_TEST(c.at("credential_expires_on").as_string() == "2027-03-18");
    }
  }

  // Without --secret-created the secret is dated today; a date to come or for another key is
  // refused.
  r = run_invhost(home,
                  "connectors add today --adapter flexera-saas-manager --set org_id=4245 "
                  "--secret refresh_token=env:HEALTH_E2E_RT");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char today[16];
    std::strftime(today, sizeof today, "%Y-%m-%d", &tm);
    r = run_invhost(home, "connectors list --format json");
    const auto now_listed = boost::json::parse(r.out);
    for (const auto& c : now_listed.as_array())
      if (c.at("id").as_string() == "today")
        BOOST_TEST(c.at("credentials").at(0).at("created_on").as_string() == today);
  }
  r = run_invhost(home,
                  "connectors add future --adapter flexera-saas-manager --set org_id=4246 "
                  "--secret refresh_token=env:HEALTH_E2E_RT --secret-created "
                  "refresh_token=2999-01-01");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "--secret-created refresh_token: 2999-01-01 is still to come"), r.err);
  r = run_invhost(home,
                  "connectors add other --adapter flexera-saas-manager --set org_id=4247 "
                  "--secret refresh_token=env:HEALTH_E2E_RT --secret-created "
                  "client_secret=2026-04-01");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "the connector has no secret 'client_secret'"), r.err);
  fs::remove_all(dir);
}

// A client secret's end is fixed when it is made: --secret-expires records that day, and a refresh
// token with both a lifetime and an earlier fixed day expires on the earlier one.
BOOST_AUTO_TEST_CASE(a_fixed_expiry_day_is_warned_like_a_lifetime) {
  const fs::path dir = fs::temp_directory_path() / ("health-fixed-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path home = dir / "home";
  fs::create_directories(home);
  result r = run_invhost(home,
                         "connectors add sa --adapter flexera-saas-manager --set org_id=4242 "
                         "--set client_id=svc-1 --secret client_secret=env:HEALTH_E2E_CS "
                         "--secret-expires client_secret=2027-01-10");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  r = run_invhost(home,
                  "connectors add rt --adapter flexera-saas-manager --set org_id=4243 "
                  "--secret refresh_token=env:HEALTH_E2E_RT --secret-created "
                  "refresh_token=2026-04-01 --secret-expires refresh_token=2027-02-01");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  BOOST_TEST(contains(invtest::read_file(home / "invhost.toml"), "client_secret = 2027-01-10"));

  // 2027-01-03 is 7 days before 2027-01-10 and 29 days before 2027-02-01.
  r = run_invhost(home, "connectors list --format json --as-of 2027-01-03");
  const auto listed = boost::json::parse(r.out);
  BOOST_REQUIRE(listed.as_array().size() == 2U);
  for (const auto& c : listed.as_array()) {
    const auto& cred = c.at("credentials").at(0);
    if (c.at("id").as_string() == "sa") {
      BOOST_TEST(cred.at("secret").as_string() == "client_secret");
      BOOST_TEST(cred.at("expires_on").as_string() == "2027-01-10");
      BOOST_TEST(cred.at("days_left").as_int64() == 7);
      BOOST_TEST(cred.at("notice").as_int64() == 7);
    } else {
      BOOST_TEST(cred.at("created_on").as_string() == "2026-04-01");
      BOOST_TEST(cred.at("expires_on").as_string() == "2027-02-01");
      BOOST_TEST(cred.at("days_left").as_int64() == 29);
      BOOST_TEST(cred.at("notice").as_int64() == 30);
    }
  }
  const auto a = health_json(home, " --as-of 2027-01-03");
  BOOST_TEST(a.code == 2);
  BOOST_TEST((findings_of(a.doc) ==
              std::set<std::string>{"sa credential critical", "sa never_imported warning",
                                    "rt credential warning", "rt never_imported warning"}));
  r = run_invhost(home, "health --as-of 2027-01-03");
  BOOST_TEST(r.out.rfind("INVHOST CRITICAL - 1 critical, 3 warnings; sa: client_secret expires on "
                         "2027-01-10 (in 7 days)\n",
                         0) == 0,
             r.out);
  fs::remove_all(dir);
}

// What stops the check from looking is critical, not the warning exit 1 would mean to a monitoring
// system; and no '|' reaches the plugin output, where it would start performance data.
BOOST_AUTO_TEST_CASE(an_unreadable_configuration_is_critical) {
  const fs::path dir = fs::temp_directory_path() / ("health-bad-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path home = dir / "in|voice";
  fs::create_directories(home);
  std::ofstream(home / "invhost.toml") << "[host]\nstale_after_hours = 0\n";
  result r = run_invhost(home, "health");
  BOOST_TEST(r.code == 2, r.out << r.err);
  BOOST_TEST(r.out.rfind("INVHOST CRITICAL - 1 critical; host: ", 0) == 0, r.out);
  BOOST_TEST(contains(r.out, "stale_after_hours must be an integer from 1 to 8760"), r.out);
  BOOST_TEST(contains(r.out, "in/voice"), r.out);
  BOOST_TEST(!contains(r.out, "|"), r.out);
  const auto a = health_json(home);
  BOOST_TEST(a.code == 2);
  BOOST_TEST((findings_of(a.doc) == std::set<std::string>{"- host critical"}));
  BOOST_TEST(contains(std::string(a.doc.at("findings").at(0).at("what").as_string()), "in|voice"));
  fs::remove_all(dir);
}

// A connection written by hand (or before the host dated secrets) has no date for its refresh
// token: its expiry is unknown, and `connectors check` says how to record it.
BOOST_AUTO_TEST_CASE(check_notes_a_secret_of_unknown_age) {
  const fs::path dir = fs::temp_directory_path() / ("health-age-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const fs::path home = dir / "home";
  fs::create_directories(home);
  ::setenv("HEALTH_E2E_RT", "rt-health-e2e-0123456789", 1);
  const std::string connection =
      "[[connector]]\nid = \"hand\"\nadapter = \"flexera-saas-manager\"\n"
      "[connector.settings]\norg_id = 4242\napi_url = \"http://127.0.0.1:9\"\n"
      "token_url = \"http://127.0.0.1:9/token\"\nmax_retries = 0\n"
      "[connector.secrets]\nrefresh_token = \"env:HEALTH_E2E_RT\"\n";
  std::ofstream(home / "invhost.toml") << connection;
  result r = run_invhost(home, "connectors check hand");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err,
                      "note: connector 'hand': the date refresh_token was created is unknown, so "
                      "its expiry is; set secrets_created.refresh_token = YYYY-MM-DD in " +
                          (home / "invhost.toml").string()),
             r.err);
  r = run_invhost(home, "connectors list --format json");
  {
    const auto listed = boost::json::parse(r.out);
    BOOST_TEST(listed.at(0).at("credential_expires_on").is_null());
    BOOST_TEST(listed.at(0).at("credentials").as_array().empty());
  }
  BOOST_TEST(
      (findings_of(health_json(home).doc) == std::set<std::string>{"hand never_imported warning"}));

  // A fixed expiry day alone: known expiry, unknown creation.
  std::ofstream(home / "invhost.toml", std::ios::trunc)
      << connection << "[connector.secrets_expire]\nrefresh_token = 2027-01-10\n";
  r = run_invhost(home, "connectors check hand --as-of 2027-01-01");
  BOOST_TEST(!contains(r.err, "note:"), r.err);
  BOOST_TEST(
      contains(r.err, "warning: connector 'hand': refresh_token expires on 2027-01-10 (in 9 days)"),
      r.err);
  r = run_invhost(home, "connectors list --format json --as-of 2027-01-01");
  {
    const auto listed = boost::json::parse(r.out);
    const auto& cred = listed.at(0).at("credentials").at(0);
    BOOST_TEST(cred.at("created_on").is_null());
    BOOST_TEST(cred.at("expires_on").as_string() == "2027-01-10");
    BOOST_TEST(cred.at("days_left").as_int64() == 9);
    BOOST_TEST(cred.at("notice").as_int64() == 14);
  }
  fs::remove_all(dir);
}
