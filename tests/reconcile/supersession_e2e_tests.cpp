// Supersession through the real invhost binary: the legacy microsoft-365 adapter reading its
// export, and the FSM connector talking to the FSM simulator over loopback HTTP.
#define BOOST_TEST_MODULE supersession_e2e
#include <sys/wait.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fsmsim/process.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "each_backend.hpp"
#include "invhost_cli.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* as_of = "2026-01-15";
constexpr const char* token = "rt-supersession-e2e-0123456789";

using invtest::read_file;
using invtest::run_invhost;
using result = invtest::cli_result;

// The example Microsoft 365 export with a fifth subscription: five licenses.
void write_legacy_export(const fs::path& to) {
  invtest::copy_example(M365_EXAMPLE_DIR, to);
  std::ofstream(to / "subscriptions.csv", std::ios::app)
      << "Microsoft Teams Rooms Standard,MTR_STD,Active,2,1,2026-12-31,,\n";
}

void write_empty_organisation(const fs::path& dir) {
  fs::create_directories(dir);
  for (const char* f : {"managed-apps.json", "licenses.json", "app-users.json"})
    std::ofstream(dir / f) << "[]\n";
}

// The generated organisation without any license of a Microsoft application: FSM has Microsoft
// apps but holds no Microsoft license yet.
void write_organisation_without_microsoft_licenses(const fs::path& dir) {
  const int rc = fsmsim::run_simulator_to_exit(
      {"--org", "4242", "--seed", "11", "--apps", "8", "--licenses-per-app", "1", "--people", "60",
       "--users-per-app", "10", "--reference-date", as_of, "--dump-tenant", dir.string()},
      dir.parent_path() / "dump.out", dir.parent_path() / "dump.err");
  BOOST_REQUIRE_EQUAL(rc, 0);
  std::set<std::string> microsoft;
  const auto apps = boost::json::parse(read_file(dir / "managed-apps.json"));
  for (const auto& a : apps.as_array())
    if (a.at("vendorName").as_string() == "Microsoft")
      microsoft.insert(std::string(a.at("id").as_string()));
  boost::json::array kept;
  const auto licenses = boost::json::parse(read_file(dir / "licenses.json"));
  for (const auto& l : licenses.as_array()) {
    bool of_microsoft = false;
    if (const auto* linked = l.as_object().if_contains("associatedManagedApps"))
      for (const auto& app : linked->as_array())
        if (microsoft.contains(std::string(app.at("id").as_string()))) of_microsoft = true;
    if (!of_microsoft) kept.push_back(l);
  }
  BOOST_REQUIRE(!kept.empty());
  std::ofstream(dir / "licenses.json", std::ios::trunc) << boost::json::serialize(kept) << "\n";
}

std::string add_fsm(const std::string& id, const std::string& url) {
  return "connectors add " + id +
         " --adapter flexera-saas-manager --set org_id=4242 --set api_url=" + url +
         " --set token_url=" + url + "/oidc/token --secret refresh_token=env:SUPERSESSION_E2E_RT";
}

long long m365_active(invtest::database& db) {
  return invtest::scalar(db.sql(),
                         "SELECT COUNT(*) FROM licenses WHERE connection = 'legacy' "
                         "AND status = 'active'");
}

int legacy_active_in(const boost::json::object& report) {
  int n = 0;
  for (const auto& l : report.at("licenses").as_array()) {
    const auto& c = l.at("connection");
    if (c.is_string() && c.as_string() == "legacy" && l.at("status").as_string() == "active") ++n;
  }
  return n;
}

bool contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(an_empty_fsm_organisation_supersedes_nothing_and_supersession_is_reversible) {
  ::setenv("SUPERSESSION_E2E_RT", token, 1);
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    fs::create_directories(home);
    write_legacy_export(db.dir() / "m365");
    write_empty_organisation(db.dir() / "empty-org");
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    auto r = run_invhost(home, "connectors add legacy --adapter microsoft-365 --set directory=" +
                                   (db.dir() / "m365").string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, std::string("nightly --as-of ") + as_of);
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
    BOOST_REQUIRE_EQUAL(m365_active(db), 5);

    // An FSM connection whose organisation has no license at all retires nothing.
    {
      fsmsim::simulator_process empty({"--tenant-dir", (db.dir() / "empty-org").string(), "--org",
                                       "4242", "--refresh-token", token, "--reference-date",
                                       as_of});
      r = run_invhost(home, add_fsm("fsm", empty.base_url()));
      BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
      r = run_invhost(home, std::string("nightly --as-of ") + as_of);
      BOOST_TEST(r.code == 0, r.out << r.err);
      BOOST_TEST(m365_active(db) == 5);
      BOOST_TEST(invtest::scalar(db.sql(),
                                 "SELECT COUNT(*) FROM licenses WHERE superseded_by "
                                 "IS NOT NULL") == 0);
      BOOST_TEST(!contains(r.out, "supersession"), r.out);
    }
    r = run_invhost(home, "connectors remove fsm");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);

    // An organisation with a Microsoft license: the five legacy licenses are retired, and the
    // nightly summary, the run record and the report say so.
    fsmsim::simulator_process full({"--org", "4242", "--seed", "11", "--apps", "8",
                                    "--licenses-per-app", "1", "--people", "60", "--users-per-app",
                                    "10", "--refresh-token", token, "--reference-date", as_of});
    r = run_invhost(home, add_fsm("fsm2", full.base_url()));
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, std::string("nightly --as-of ") + as_of);
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(contains(r.out, "supersession of legacy by fsm2: in force, 5 licenses retired"),
               r.out);
    BOOST_TEST(m365_active(db) == 0);
    // The summary names them, under the run that decided it.
    BOOST_TEST(contains(r.out, "legacy: 5 retired (superseded by fsm2)"), r.out);
    std::set<std::string> legacy_ids;
    {
      std::string external_id;
      soci::statement st =
          (db.sql().prepare << "SELECT external_id FROM licenses WHERE connection = 'legacy'",
           soci::into(external_id));
      st.execute();
      while (st.fetch()) legacy_ids.insert(external_id);
    }
    BOOST_REQUIRE(legacy_ids.size() == 5U);
    r = run_invhost(home, "runs --connection fsm2 --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    {
      const auto runs = boost::json::parse(r.out).as_array();
      BOOST_REQUIRE(!runs.empty());
      const auto& sup = runs.at(0).at("supersession").as_array();
      BOOST_REQUIRE(sup.size() == 1U);
      BOOST_TEST(sup.at(0).at("connection").as_string() == "legacy");
      BOOST_TEST(sup.at(0).at("event").as_string() == "in force");
      BOOST_TEST(sup.at(0).at("licenses").as_int64() == 5);
      // `runs show` lists those five by id, beside what the run itself added.
      const auto run_id = runs.at(0).at("id").as_int64();
      r = run_invhost(home, "runs show " + std::to_string(run_id) + " --format json");
      BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
      std::set<std::string> retired;
      const boost::json::value shown = boost::json::parse(r.out);
      for (const auto& c : shown.at("license_changes").as_array()) {
        if (c.at("kind").as_string() != "retired") continue;
        BOOST_TEST(c.at("connection").as_string() == "legacy");
        BOOST_TEST(c.at("reason").as_string() == "superseded by fsm2");
        retired.insert(std::string(c.at("external_id").as_string()));
      }
      BOOST_TEST(retired == legacy_ids, boost::test_tools::per_element());
      r = run_invhost(home, "runs show " + std::to_string(run_id));
      BOOST_TEST(contains(r.out, "legacy: 5 retired (superseded by fsm2)"), r.out);
    }
    r = run_invhost(home, std::string("report --format json --as-of ") + as_of);
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    {
      const auto report = boost::json::parse(r.out).as_object();
      const auto& sup = report.at("supersession").as_array();
      BOOST_REQUIRE(sup.size() == 1U);
      BOOST_TEST(sup.at(0).at("state").as_string() == "in force");
      BOOST_TEST(sup.at(0).at("licenses").as_int64() == 5);
      const int legacy_active = legacy_active_in(report);
      BOOST_TEST(legacy_active == 0);
      const fs::path script = CHECK_REPORT_SCRIPT;
      if (fs::exists(script)) {
        std::ofstream(home / "report.json") << r.out;
        const std::string cmd = "python3 '" + script.string() + "' < '" +
                                (home / "report.json").string() + "' > /dev/null";
        BOOST_TEST(std::system(cmd.c_str()) == 0);
      }
    }

    // Another night: the supersession is in force already; nothing is reported as activated and
    // the night computes one reconciliation.
    // The superseded connection is not imported any more: no run of it.
    const auto legacy_runs = [&db] {
      return invtest::scalar(db.sql(), "SELECT COUNT(*) FROM runs WHERE connection = 'legacy'");
    };
    const long long before = invtest::scalar(db.sql(), "SELECT COUNT(*) FROM reconciliations");
    const long long legacy_before = legacy_runs();
    r = run_invhost(home, std::string("nightly --as-of ") + as_of);
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(!contains(r.out, "in force"), r.out);
    BOOST_TEST(invtest::scalar(db.sql(), "SELECT COUNT(*) FROM reconciliations") == before + 1);
    BOOST_TEST(legacy_runs() == legacy_before);
    BOOST_TEST(contains(r.out, "superseded by fsm2 since"), r.out);
    r = run_invhost(home, "connectors list --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    {
      const boost::json::value list = boost::json::parse(r.out);
      for (const auto& c : list.as_array()) {
        const auto& sup = c.at("superseded");
        if (c.at("id").as_string() != "legacy") {
          BOOST_TEST(sup.is_null());
          continue;
        }
        BOOST_REQUIRE(sup.is_object());
        BOOST_TEST(sup.at("by").as_string() == "fsm2");
        BOOST_TEST(sup.at("state").as_string() == "in force");
        BOOST_TEST(sup.at("licenses").as_int64() == 5);
        BOOST_TEST(sup.at("kept").as_bool() == false);
      }
    }
    r = run_invhost(home, "connectors show legacy");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(contains(r.out, "superseded by fsm2 since"), r.out);
    BOOST_TEST(contains(r.out, "not imported by the nightly"), r.out);
    // Kept, it is imported again, and what it brings is retired on arrival.
    r = run_invhost(home, "connectors keep legacy");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, std::string("nightly --as-of ") + as_of);
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(legacy_runs() == legacy_before + 1);
    BOOST_TEST(m365_active(db) == 0);
    r = run_invhost(home, "connectors keep legacy --no");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);

    // Disabling the FSM connection returns the licenses at once, and the report shows them.
    r = run_invhost(home, "connectors disable fsm2");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(contains(r.out, "5 licenses returned"), r.out);
    BOOST_TEST(m365_active(db) == 5);
    r = run_invhost(home, std::string("report --format json --as-of ") + as_of);
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    {
      const auto report = boost::json::parse(r.out).as_object();
      const int legacy_active = legacy_active_in(report);
      BOOST_TEST(legacy_active == 5);
    }

    // The old connection removed: its licenses leave the totals; deleted when asked, and the
    // report no longer lists them.
    r = run_invhost(home, "connectors remove legacy --delete-retired");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(contains(r.out, "legacy: 5 retired (connection removed)"), r.out);
    BOOST_TEST(contains(r.out, "5 retired licenses deleted"), r.out);
    BOOST_TEST(invtest::scalar(db.sql(),
                               "SELECT COUNT(*) FROM licenses WHERE connection = 'legacy'") == 0);
    r = run_invhost(home, std::string("reconcile --as-of ") + as_of);
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, std::string("report --format json --as-of ") + as_of);
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const boost::json::value after_removal = boost::json::parse(r.out);
    for (const auto& l : after_removal.at("licenses").as_array())
      BOOST_TEST(l.at("connection") != boost::json::value("legacy"));
  });
}

BOOST_AUTO_TEST_CASE(reconciliation_runs_once_a_night) {
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    fs::create_directories(home);
    write_legacy_export(db.dir() / "m365");
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    auto r = run_invhost(home, "connectors add legacy --adapter microsoft-365 --set directory=" +
                                   (db.dir() / "m365").string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    fsmsim::simulator_process fsm({"--org", "4242", "--seed", "11", "--apps", "8",
                                   "--licenses-per-app", "1", "--people", "60", "--users-per-app",
                                   "10", "--refresh-token", token, "--reference-date", as_of});
    r = run_invhost(home, add_fsm("fsm", fsm.base_url()));
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    for (int night = 1; night <= 3; ++night) {
      r = run_invhost(home, std::string("nightly --as-of ") + as_of);
      BOOST_TEST(r.code == 0, r.out << r.err);
      BOOST_TEST(invtest::scalar(db.sql(), "SELECT COUNT(*) FROM reconciliations") == night);
    }
  });
}

// FSM has licenses, none of Microsoft: retiring the five legacy Microsoft licenses would lose
// those seats from every total, so the nightly holds it, says why, fails, and an override applies
// it.
BOOST_AUTO_TEST_CASE(supersession_without_the_publishers_license_is_held_until_overridden) {
  ::setenv("SUPERSESSION_E2E_RT", token, 1);
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    fs::create_directories(home);
    write_legacy_export(db.dir() / "m365");
    write_organisation_without_microsoft_licenses(db.dir() / "org");
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    auto r = run_invhost(home, "connectors add legacy --adapter microsoft-365 --set directory=" +
                                   (db.dir() / "m365").string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    fsmsim::simulator_process fsm({"--tenant-dir", (db.dir() / "org").string(), "--org", "4242",
                                   "--refresh-token", token, "--reference-date", as_of});
    r = run_invhost(home, add_fsm("fsm", fsm.base_url()));
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);

    r = run_invhost(home, std::string("nightly --as-of ") + as_of);
    BOOST_TEST(r.code == 2, r.out << r.err);  // held, waiting for a person: not a failure
    BOOST_TEST(contains(r.out, "supersession of legacy by fsm: HELD, 0 licenses retired"), r.out);
    BOOST_TEST(contains(r.out, "holds no active license of Microsoft"), r.out);
    BOOST_TEST(contains(r.out, "--override-supersession legacy"), r.out);
    BOOST_TEST(m365_active(db) == 5);
    r = run_invhost(home, std::string("report --format json --as-of ") + as_of);
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    {
      const auto report = boost::json::parse(r.out).as_object();
      const auto& sup = report.at("supersession").as_array();
      BOOST_REQUIRE(sup.size() == 1U);
      BOOST_TEST(sup.at(0).at("state").as_string() == "held");
      BOOST_TEST(sup.at(0).at("licenses").as_int64() == 0);
      BOOST_TEST(legacy_active_in(report) == 5);
    }
    // The held supersession waits for a person: `invhost health` warns and names the override.
    r = run_invhost(home, "health --format json");
    BOOST_TEST(r.code == 1, r.out << r.err);
    {
      const auto health = boost::json::parse(r.out).as_object();
      BOOST_TEST(health.at("status").as_string() == "warning");
      const auto& findings = health.at("findings").as_array();
      BOOST_REQUIRE_MESSAGE(findings.size() == 1U, r.out);
      BOOST_TEST(findings[0].at("connection").as_string() == "legacy");
      BOOST_TEST(findings[0].at("check").as_string() == "held_supersession");
      BOOST_TEST(findings[0].at("severity").as_string() == "warning");
      BOOST_TEST(findings[0].at("hint").as_string() ==
                 "check the superseding import, then 'invhost nightly --override-supersession "
                 "legacy'");
    }

    r = run_invhost(home, std::string("nightly --override-supersession legacy --as-of ") + as_of);
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(contains(r.out,
                        "supersession of legacy by fsm: in force (override), 5 licenses "
                        "retired"),
               r.out);
    BOOST_TEST(m365_active(db) == 0);
    r = run_invhost(home, "health");
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(r.out == "INVHOST OK - 2 enabled connections healthy\n", r.out);
  });
}
