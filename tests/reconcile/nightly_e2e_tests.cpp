// The nightly cycle through the real invhost binary and the file-import adapter, against the
// hand-computed positions of adapters/file_import/examples/README.md (as of 2025-06-30).
#define BOOST_TEST_MODULE nightly_e2e
#include <sys/wait.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <invhost/inventory/merge.hpp>
#include <map>
#include <sstream>
#include <thread>

#include "each_backend.hpp"
#include "invhost_cli.hpp"
#include "license_users_tenant.hpp"

namespace fs = std::filesystem;

namespace {

using invtest::read_file;
using invtest::run_invhost;
using result = invtest::cli_result;

void copy_estate(const fs::path& to) {
  invtest::copy_example(ACME_EXAMPLE_DIR, to);
}

struct expected_position {
  std::string entitled;  // number or "unlimited"
  std::int64_t consumed, shortfall, inactive;
  std::string compliance;
  std::string per_user_cost;  // "" = null
  std::string unused, true_up;
};

std::string num(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.as_string());
  if (v.is_null()) return "";
  return boost::json::serialize(v);
}

}  // namespace

BOOST_AUTO_TEST_CASE(nightly_merges_reconciles_and_reports_the_example_estate) {
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    const fs::path estate = db.dir() / "estate";
    fs::create_directories(home);
    copy_estate(estate);
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n"
        << "[host.top_bar_link]\nenabled = true\nurl = \"https://app.flexera.com/orgs/7\"\n";
    auto r = run_invhost(
        home, "connectors add acme --adapter file-import --set directory=" + estate.string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);

    r = run_invhost(home, "nightly --as-of 2025-06-30");
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(r.out.find("acme") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("merged: 8 new") != std::string::npos, r.out);

    r = run_invhost(home, "report --as-of 2025-06-30 --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto report = boost::json::parse(r.out).as_object();
    BOOST_TEST(report.at("links").at("top_bar").as_string() == "https://app.flexera.com/orgs/7");
    const std::map<std::string, expected_position> want{
        {"lic-m365", {"20", 22, 2, 3, "non-compliant", "378.00", "1134.00", "756.00"}},
        {"lic-atlassian", {"15", 16, 1, 2, "non-compliant", "200.00", "400.00", "200.00"}},
        {"lic-slack", {"10", 12, 2, 2, "non-compliant", "150.00", "300.00", "300.00"}},
        {"lic-zoom", {"unlimited", 11, 0, 2, "compliant", "", "", ""}},
        {"lic-zoom-webinar", {"5", 3, 0, 1, "compliant", "690.00", "690.00", "0.00"}},
        {"lic-figma", {"unlimited", 6, 0, 1, "compliant", "", "", ""}},
        {"lic-figma-pro", {"0", 1, 1, 0, "non-compliant", "", "", ""}},
        {"lic-jira-dc", {"0", 2, 0, 1, "not-applicable", "", "", ""}},
    };
    BOOST_TEST(report.at("licenses").as_array().size() == want.size());
    for (const auto& v : report.at("licenses").as_array()) {
      const auto& l = v.as_object();
      const std::string id(l.at("external_id").as_string());
      BOOST_TEST_CONTEXT("license " << id) {
        BOOST_REQUIRE(want.contains(id));
        const auto& w = want.at(id);
        BOOST_TEST(num(l.at("entitled")) == w.entitled);
        BOOST_TEST(l.at("consumed").as_int64() == w.consumed);
        BOOST_TEST(l.at("shortfall").as_int64() == w.shortfall);
        BOOST_TEST(l.at("inactive").as_int64() == w.inactive);
        BOOST_TEST(num(l.at("compliance")) == w.compliance);
        BOOST_TEST(num(l.at("per_user_cost")) == w.per_user_cost);
        BOOST_TEST(num(l.at("unused_cost")) == w.unused);
        BOOST_TEST(num(l.at("true_up_cost")) == w.true_up);
      }
    }
    // The report renders the license list's rows: consumed / entitled in whole percent, half up,
    // and nothing where a percentage means nothing (unlimited, 0 entitled, another unit).
    const std::map<std::string, std::string> utilisation{
        {"lic-m365", "110"},       {"lic-atlassian", "107"},   {"lic-slack", "120"},
        {"lic-zoom", "null"},      {"lic-zoom-webinar", "60"}, {"lic-figma", "null"},
        {"lic-figma-pro", "null"}, {"lic-jira-dc", "null"}};
    for (const auto& v : report.at("licenses").as_array())
      BOOST_TEST(boost::json::serialize(v.at("utilisation_percent")) ==
                     utilisation.at(std::string(v.at("external_id").as_string())),
                 v.at("external_id"));
    std::map<std::string, std::int64_t> unallocated;
    std::map<std::string, std::string> names;
    for (const auto& u : report.at("unallocated").as_array()) {
      unallocated[std::string(u.at("application").as_string())] = u.at("users").as_int64();
      names[std::string(u.at("application").as_string())] = u.at("application_name").as_string();
    }
    BOOST_TEST((unallocated == std::map<std::string, std::int64_t>{
                                   {"app-jira", 2}, {"app-zoom", 1}, {"app-figma", 1}}));
    // The names of the example's applications.csv: people read names, not ids.
    BOOST_TEST((names == std::map<std::string, std::string>{{"app-jira", "Jira Software"},
                                                            {"app-zoom", "Zoom"},
                                                            {"app-figma", "Figma"}}));
    const auto table = run_invhost(home, "report --as-of 2025-06-30 --format table");
    BOOST_TEST(table.out.find("acme / Jira Software (app-jira): 2") != std::string::npos,
               table.out);
    const fs::path script = CHECK_REPORT_SCRIPT;
    if (fs::exists(script)) {
      std::ofstream(home / "report.json") << r.out;
      const std::string cmd = "python3 '" + script.string() + "' < '" +
                              (home / "report.json").string() + "' > /dev/null";
      BOOST_TEST(std::system(cmd.c_str()) == 0);
    }

    // Who consumes each license is exactly its consumed; the reclaim list exactly its inactive.
    for (const auto& v : report.at("licenses").as_array()) {
      const std::string ext(v.at("external_id").as_string());
      const std::string lid = std::to_string(v.at("id").as_int64());
      BOOST_TEST_CONTEXT("licenses users of " << ext) {
        auto users =
            run_invhost(home, "licenses users " + lid + " --as-of 2025-06-30 --format json");
        BOOST_REQUIRE_MESSAGE(users.code == 0, users.err);
        BOOST_TEST(static_cast<std::int64_t>(boost::json::parse(users.out).as_array().size()) ==
                   want.at(ext).consumed);
        users = run_invhost(
            home, "licenses users " + lid + " --inactive --as-of 2025-06-30 --format json");
        BOOST_REQUIRE_MESSAGE(users.code == 0, users.err);
        BOOST_TEST(static_cast<std::int64_t>(boost::json::parse(users.out).as_array().size()) ==
                   want.at(ext).inactive);
      }
    }

    // Local edits through the CLI; a source-owned field is refused naming the connection.
    long long m365 = 0;
    db.sql() << "SELECT id FROM licenses WHERE external_id = 'lic-m365'", soci::into(m365);
    const std::string id = std::to_string(m365);
    // The edit is recorded with the OS user who made it, old and new values.
    const std::string user_before = std::getenv("USER") != nullptr ? std::getenv("USER") : "";
    ::setenv("USER", "procurement-clerk", 1);
    r = run_invhost(home, "licenses edit " + id + " --owner Procurement --display-name M365-local");
    ::setenv("USER", user_before.c_str(), 1);
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(invtest::text(db.sql(),
                             "SELECT field || ':' || COALESCE(old_value, '-') || ':' || "
                             "new_value || ':' || actor FROM license_edits WHERE license_id = " +
                                 id + " AND field = 'owner'") ==
               "owner:-:Procurement:procurement-clerk");
    BOOST_TEST(invtest::scalar(db.sql(),
                               "SELECT COUNT(*) FROM license_edits WHERE license_id = " + id) == 2);
    r = run_invhost(home, "licenses edit " + id + " --name Other");
    BOOST_TEST(r.code != 0);
    BOOST_TEST(r.err.find("acme") != std::string::npos, r.err);
    r = run_invhost(home, "licenses show " + id);
    BOOST_TEST(r.out.find("M365-local") != std::string::npos, r.out);

    // A second nightly: same licenses, local edits kept.
    r = run_invhost(home, "nightly --as-of 2025-06-30");
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(invtest::text(db.sql(), "SELECT owner FROM licenses WHERE id = " + id) ==
               "Procurement");

    // Delete warns and needs --yes; the next import brings the license back.
    r = run_invhost(home, "licenses delete " + id);
    BOOST_TEST(r.code != 0);
    BOOST_TEST(r.err.find("comes back with the next import") != std::string::npos, r.err);
    r = run_invhost(home, "licenses delete " + id + " --yes");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(invtest::scalar(db.sql(),
                               "SELECT COUNT(*) FROM licenses WHERE external_id = "
                               "'lic-m365'") == 0);
    r = run_invhost(home, "run acme");
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(invtest::scalar(db.sql(),
                               "SELECT COUNT(*) FROM licenses WHERE external_id = "
                               "'lic-m365'") == 1);

    // The guard: consumption comes back empty → held; runs apply --override applies it.
    {
      std::ifstream in(estate / "consumption.csv");
      std::string header;
      std::getline(in, header);
      in.close();
      std::ofstream(estate / "consumption.csv") << header << "\n";
    }
    r = run_invhost(home, "run acme");
    BOOST_TEST(r.code == 2, r.out << r.err);  // held for a person: exit 2, as documented
    BOOST_TEST(r.out.find("held") != std::string::npos, r.out);
    BOOST_TEST(invtest::scalar(db.sql(), "SELECT COUNT(*) FROM consumption") > 0);
    const long long held = invtest::scalar(db.sql(), "SELECT MAX(id) FROM runs");
    r = run_invhost(home, "runs apply " + std::to_string(held) + " --override");
    BOOST_TEST(r.code == 0, r.out << r.err);
    BOOST_TEST(invtest::scalar(db.sql(), "SELECT COUNT(*) FROM consumption") == 0);
  });
}

// A run whose process died (killed, crashed, database gone) stays `running` in the record; the
// next invocation that takes the host lock knows no one is running it and says it was abandoned.
BOOST_AUTO_TEST_CASE(a_run_left_running_by_a_dead_process_is_marked_abandoned) {
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    const fs::path estate = db.dir() / "estate";
    fs::create_directories(home);
    copy_estate(estate);
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    auto r = run_invhost(
        home, "connectors add acme --adapter file-import --set directory=" + estate.string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    db.sql() << "INSERT INTO runs (connection, adapter, adapter_version, started_at, outcome) "
                "VALUES ('acme', 'file-import', '1.0.0', '2025-06-29T18:00:00Z', 'running')";
    const long long ghost = invtest::scalar(db.sql(), "SELECT MAX(id) FROM runs");

    r = run_invhost(home, "nightly --as-of 2025-06-30");
    BOOST_TEST(r.code == 0, r.out << r.err);
    const std::string where = " FROM runs WHERE id = " + std::to_string(ghost);
    BOOST_TEST(invtest::text(db.sql(), "SELECT outcome" + where) == "failed");
    BOOST_TEST(invtest::text(db.sql(), "SELECT error_class" + where) == "abandoned");
    BOOST_TEST(invtest::text(db.sql(), "SELECT error_message" + where).find("abandoned") !=
               std::string::npos);
    BOOST_TEST(invtest::text(db.sql(), "SELECT finished_at" + where) != "<null>");
    BOOST_TEST(invtest::scalar(db.sql(), "SELECT COUNT(*) FROM runs WHERE outcome = 'running'") ==
               0);
    r = run_invhost(home, "runs --format json");
    BOOST_TEST(r.out.find("\"error_class\":\"abandoned\"") != std::string::npos, r.out);
  });
}

// A merge after the night's reconciliation (runs apply --override, a run by hand, a kill between
// merge and reconciliation): the report's positions predate the inventory, and every format says
// so until the positions are computed again.
BOOST_AUTO_TEST_CASE(a_report_older_than_the_last_merge_says_it_is_stale) {
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    const fs::path estate = db.dir() / "estate";
    fs::create_directories(home);
    copy_estate(estate);
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    auto r = run_invhost(
        home, "connectors add acme --adapter file-import --set directory=" + estate.string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, "nightly --as-of 2025-06-30");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
    r = run_invhost(home, "report --as-of 2025-06-30 --format json");
    BOOST_TEST(boost::json::parse(r.out).at("stale").as_bool() == false);

    r = run_invhost(home, "run acme");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
    r = run_invhost(home, "report --as-of 2025-06-30 --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto report = boost::json::parse(r.out).as_object();
    BOOST_TEST(report.at("stale").as_bool() == true);
    BOOST_TEST(std::string(report.at("stale_reason").as_string()).find("invhost reconcile") !=
               std::string::npos);
    const fs::path script = CHECK_REPORT_SCRIPT;
    if (fs::exists(script)) {
      std::ofstream(home / "report.json") << r.out;
      const std::string cmd = "python3 '" + script.string() + "' < '" +
                              (home / "report.json").string() + "' > /dev/null";
      BOOST_TEST(std::system(cmd.c_str()) == 0);
    }
    r = run_invhost(home, "report --as-of 2025-06-30 --format table");
    BOOST_TEST(r.out.find("STALE") != std::string::npos, r.out);
    r = run_invhost(home, "report --as-of 2025-06-30 --format csv");
    {
      std::istringstream lines(r.out);
      std::string header, first;
      std::getline(lines, header);
      std::getline(lines, first);
      BOOST_TEST(header.find(",stale") != std::string::npos, header);
      BOOST_TEST(first.find(",true") != std::string::npos, first);
    }

    r = run_invhost(home, "reconcile --as-of 2025-06-30");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, "report --as-of 2025-06-30 --format json");
    BOOST_TEST(boost::json::parse(r.out).at("stale").as_bool() == false);
  });
}

// What `licenses list` and `show` display depends on the date their caller asks about (today by
// default), never on the last date anyone reconciled.
BOOST_AUTO_TEST_CASE(license_views_show_the_callers_date) {
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    const fs::path estate = db.dir() / "estate";
    fs::create_directories(home);
    copy_estate(estate);
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    auto r = run_invhost(
        home, "connectors add acme --adapter file-import --set directory=" + estate.string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, "nightly --as-of 2025-06-30");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
    // Someone asks about another date.
    r = run_invhost(home, "report --as-of 2024-01-01 --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const long long id =
        invtest::scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = 'lic-m365'");

    // Today (no positions computed for it): no position, and the view says which date it is.
    r = run_invhost(home, "licenses show " + std::to_string(id) + " --json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    auto shown = boost::json::parse(r.out).as_object();
    BOOST_TEST(shown.at("position").is_null(), r.out);
    r = run_invhost(home, "licenses list --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto today_list = boost::json::parse(r.out);
    for (const auto& l : today_list.as_array())
      BOOST_TEST(l.at("compliance").is_null(), boost::json::serialize(l));

    // The date asked for.
    r = run_invhost(home, "licenses show " + std::to_string(id) + " --json --as-of 2025-06-30");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    shown = boost::json::parse(r.out).as_object();
    BOOST_REQUIRE(shown.at("position").is_object());
    BOOST_TEST(shown.at("position").at("as_of").as_string() == "2025-06-30");
    BOOST_TEST(shown.at("position").at("entitled").as_int64() == 20);
    r = run_invhost(home, "licenses list --format json --as-of 2025-06-30");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    bool found = false;
    const auto dated_list = boost::json::parse(r.out);
    for (const auto& l : dated_list.as_array())
      if (l.at("external_id") == boost::json::value("lic-m365")) {
        found = true;
        BOOST_TEST(l.at("compliance").as_string() == "non-compliant");
        BOOST_TEST(l.at("entitled").as_int64() == 20);
      }
    BOOST_TEST(found);
  });
}

// While another process holds a write transaction (a nightly's merge): a report only reads, so it
// answers at once; an edit waits for the writer, up to a bound it states, and when the bound
// passes says why.
BOOST_AUTO_TEST_CASE(readers_do_not_wait_for_a_writer_and_an_edit_waits_a_stated_time) {
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    const fs::path estate = db.dir() / "estate";
    fs::create_directories(home);
    copy_estate(estate);
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    auto r = run_invhost(
        home, "connectors add acme --adapter file-import --set directory=" + estate.string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, "nightly --as-of 2025-06-30");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
    const std::string id = std::to_string(
        invtest::scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = 'lic-m365'"));

    auto writer = invhost::store::open(db.connection_string());
    const auto hold = [&] {
      if (db.backend() == "sqlite")
        writer->sql() << "BEGIN IMMEDIATE";
      else
        writer->sql().begin();
      writer->sql() << "UPDATE licenses SET notes = 'held by a writer' WHERE id = " + id;
    };
    hold();
    using clock = std::chrono::steady_clock;
    auto start = clock::now();
    r = run_invhost(home, "report --as-of 2025-06-30 --format json");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST((clock::now() - start < std::chrono::seconds(5)));
    r = run_invhost(home, "licenses show " + id + " --as-of 2025-06-30");
    BOOST_TEST(r.code == 0, r.err);

    start = clock::now();
    r = run_invhost(home, "licenses edit " + id + " --owner Finance --wait-seconds 2");
    const auto waited = clock::now() - start;
    BOOST_TEST(r.code == 75, r.err);  // busy: try again later
    BOOST_TEST(r.err.find("busy") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("2 s") != std::string::npos, r.err);
    BOOST_TEST((waited >= std::chrono::milliseconds(1500)));
    BOOST_TEST((waited < std::chrono::seconds(8)));

    // The writer finishes while the edit waits: the edit goes through.
    std::thread release([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      writer->sql().commit();
    });
    r = run_invhost(home, "licenses edit " + id + " --owner Finance");
    release.join();
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(invtest::text(db.sql(), "SELECT owner FROM licenses WHERE id = " + id) == "Finance");
  });
}

// The reclaim list of a crafted license (license_users_tenant.hpp) as a license manager opens it:
// CSV with the hand-worked rows, a formula-like email neutralised, the inactive ones alone.
BOOST_AUTO_TEST_CASE(licenses_users_lists_who_consumes_a_license) {
  invtest::on_each_backend([](invtest::database& db) {
    auto& sql = db.sql();
    BOOST_REQUIRE(to_string(invhost::inventory::merge_run(
                                sql, invtest::stage(sql, "fsm", invtest::license_users_tenant()))
                                .status) == "merged");
    invtest::give_uid_77_a_domain(sql);
    long long l1 = 0;
    sql << "SELECT id FROM licenses WHERE external_id = 'L1'", soci::into(l1);
    const fs::path home = db.dir() / "home";
    fs::create_directories(home);
    std::ofstream(home / "invhost.toml") << "[host]\ndatabase = \"" << db.connection_string()
                                         << "\"\ninternal_domains = [\"contoso.com\"]\n";
    const std::string cmd = "licenses users " + std::to_string(l1) + " --as-of 2024-06-15";
    auto r = run_invhost(home, cmd + " --format csv");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    BOOST_TEST(r.out ==
               "user,domain,external,last_activity,days_inactive,inactive\r\n"
               "carl@partner.example,partner.example,yes,,never,yes\r\n"
               "'=cmd@x.com,x.com,yes,2024-03-01,106,yes\r\n"
               "bob@fabrikam.com,fabrikam.com,yes,2024-05-01,45,no\r\n"
               "ann@contoso.com,contoso.com,no,2024-06-01,14,no\r\n"
               "uid-77,contoso.com,no,2024-06-14,1,no\r\n");
    r = run_invhost(home, cmd + " --inactive --format csv");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    BOOST_TEST(r.out ==
               "user,domain,external,last_activity,days_inactive,inactive\r\n"
               "carl@partner.example,partner.example,yes,,never,yes\r\n"
               "'=cmd@x.com,x.com,yes,2024-03-01,106,yes\r\n");
    // JSON keeps the types: a boolean external, null for no activity.
    r = run_invhost(home, cmd + " --inactive --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto rows = boost::json::parse(r.out).as_array();
    BOOST_REQUIRE(rows.size() == 2U);
    BOOST_TEST(rows[0].at("email").as_string() == "carl@partner.example");
    BOOST_TEST(rows[0].at("external").as_bool());
    BOOST_TEST(rows[0].at("days_inactive").is_null());
    BOOST_TEST(rows[0].at("last_activity").is_null());
    BOOST_TEST(rows[1].at("days_inactive").as_int64() == 106);
    // The report of the same date agrees, and flags the same external users.
    r = run_invhost(home, "report --as-of 2024-06-15 --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto report = boost::json::parse(r.out).as_object();
    const auto& first = report.at("licenses").as_array().at(0).as_object();
    BOOST_TEST(first.at("external_id").as_string() == "L1");
    BOOST_TEST(first.at("consumed").as_int64() == 5);
    BOOST_TEST(first.at("inactive").as_int64() == 2);
    BOOST_TEST(first.at("external_users").as_int64() == 3);
    r = run_invhost(home, "licenses users 999999");
    BOOST_TEST(r.code != 0);
  });
}
