// `invhost people ...` and the report's excluded accounts through the real binary, on a store
// filled by two connections' merges (SQLite and PostgreSQL).
#define BOOST_TEST_MODULE people_cli
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <invhost/inventory/merge.hpp>

#include "each_backend.hpp"
#include "invhost_cli.hpp"
#include "staged_tenant.hpp"

namespace fs = std::filesystem;
using invtest::run_invhost;

namespace {

invtest::use_row use(std::string id, std::string license, std::string app, std::string user,
                     std::string last) {
  return {std::move(id), std::move(license), std::move(app), std::move(user), std::move(last), ""};
}

bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

// fsm: alice and noreply use a Named User license of 3 seats at 36.00 EUR (threshold 90, D =
// 2024-06-15: cut-off 2024-03-17). m365: " Alice@Acme.Test" and bob use an Office 365 license.
void fill(soci::session& sql) {
  invtest::tenant fsm;
  fsm.apps = {{"A3", "Microsoft 365", "Microsoft", 90}};
  fsm.licenses = {{"L2", "Microsoft 365 E3", {"A3"}, "Named User", "EUR"}};
  fsm.terms.push_back({"T2", "L2", 3, "perUser", "36.00", "", "EUR"});
  fsm.uses = {use("M1", "L2", "A3", "alice@acme.test", "2024-06-01T10:00:00Z"),
              use("M2", "L2", "A3", "noreply@acme.test", "")};
  invtest::tenant m365;
  m365.apps = {{"X", "Microsoft 365", "Microsoft", 90}};
  m365.licenses = {{"E3", "Office 365 E3", {"X"}, "Named User", "USD"}};
  m365.emails["u-77"] = " Alice@Acme.Test";
  m365.uses = {use("U1", "E3", "X", "u-77", "2024-06-12T09:00:00Z"),
               use("U2", "E3", "X", "bob@acme.test", "2024-06-02T09:00:00Z")};
  for (const auto& [connection, t] : {std::pair{"fsm", fsm}, std::pair{"m365", m365}})
    BOOST_REQUIRE(
        to_string(invhost::inventory::merge_run(sql, invtest::stage(sql, connection, t)).status) ==
        "merged");
}

}  // namespace

BOOST_AUTO_TEST_CASE(people_commands_and_excluded_accounts) {
  invtest::on_each_backend([](invtest::database& db) {
    fill(db.sql());
    const fs::path home = db.dir() / "home";
    fs::create_directories(home);
    std::ofstream(home / "invhost.toml") << "[host]\ndatabase = \"" << db.connection_string()
                                         << "\"\nexclude_accounts = [\"noreply@*\"]\n";

    // alice, seen by both connections, is one person; noreply is excluded.
    auto r = run_invhost(home, "people list --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto people = boost::json::parse(r.out).as_array();
    BOOST_REQUIRE_EQUAL(people.size(), 2U);
    BOOST_TEST(people[0].at("email") == "alice@acme.test");
    BOOST_TEST(people[0].at("connections") == boost::json::parse(R"(["fsm","m365"])"));
    BOOST_TEST(people[0].at("licenses") == 2);
    BOOST_TEST(people[0].at("last_activity") == "2024-06-12");
    BOOST_TEST(people[1].at("email") == "bob@acme.test");
    r = run_invhost(home, "people list --format csv");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(
        r.out.rfind("email,account,domain,connections,licenses,last_activity,aliases", 0) == 0U,
        r.out);

    r = run_invhost(home, "people alias add Robert@Acme.test bob@acme.test");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(contains(r.out, "robert@acme.test is now an alias of bob@acme.test"), r.out);
    // A chain and an unknown alias are refused, saying what to do.
    r = run_invhost(home, "people alias add x@acme.test robert@acme.test");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.err, "robert@acme.test is an alias of bob@acme.test"), r.err);
    BOOST_TEST(contains(r.err, "hint: invhost people alias add x@acme.test bob@acme.test"), r.err);
    r = run_invhost(home, "people alias remove nobody@acme.test");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.err, "there is no alias nobody@acme.test"), r.err);
    BOOST_TEST(contains(r.err, "hint:"), r.err);

    // Shown by its alias: the person, its aliases, its accounts and licenses.
    r = run_invhost(home, "people show robert@acme.test --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto bob = boost::json::parse(r.out).as_object();
    BOOST_TEST(bob.at("email") == "bob@acme.test");
    BOOST_TEST(bob.at("aliases") == boost::json::parse(R"(["robert@acme.test"])"));
    BOOST_TEST(bob.at("accounts").as_array().size() == 1U);
    BOOST_TEST(bob.at("licenses").as_array().at(0).at("name") == "Office 365 E3");
    r = run_invhost(home, "people show alice@acme.test");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(contains(r.out, "Accounts:"), r.out);
    BOOST_TEST(contains(r.out, " Alice@Acme.Test"), r.out);
    r = run_invhost(home, "people show nobody@acme.test");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.err, "there is no person nobody@acme.test"), r.err);

    r = run_invhost(home, "people alias remove robert@acme.test");
    BOOST_TEST(r.code == 0, r.err);

    // The report: L2 counts alice alone (noreply excluded): consumed 1, inactive 0.
    r = run_invhost(home, "report --as-of 2024-06-15 --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto report = boost::json::parse(r.out).as_object();
    BOOST_TEST(report.at("excluded_accounts") ==
               boost::json::parse(R"([{"rule":"noreply@*","accounts":1}])"));
    for (const auto& l : report.at("licenses").as_array())
      if (l.at("external_id") == "L2") {
        BOOST_TEST(l.at("consumed") == 1);
        BOOST_TEST(l.at("inactive") == 0);
      }
    std::ofstream(db.dir() / "report.json") << r.out;
    const std::string check = "python3 '" CHECK_REPORT_SCRIPT "' < '" +
                              (db.dir() / "report.json").string() + "' > '" +
                              (db.dir() / "check.txt").string() + "' 2>&1";
    BOOST_TEST(std::system(check.c_str()) == 0, invtest::read_file(db.dir() / "check.txt"));
    r = run_invhost(home, "report --as-of 2024-06-15 --format table");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(contains(r.out, "Excluded accounts"), r.out);
    BOOST_TEST(contains(r.out, "  noreply@*: 1"), r.out);
  });
}
