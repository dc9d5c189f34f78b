// People in the positions: a Named User license counts people (one normalised email, its aliases
// and, when the host strips it, its plus-addressing), a SaaS User license counts accounts of its
// own connection, and excluded accounts count nowhere. Expected values are worked out in the
// comments from semantics.md, on D = 2024-06-15.
#include <algorithm>
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <functional>
#include <invhost/inventory/license_users.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/people.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/report.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;

namespace {

const std::string D = "2024-06-15";
const std::string recent = "2024-06-01T10:00:00Z";  // active against any threshold
const std::string old = "2024-01-01T00:00:00Z";     // before every cut-off below

invtest::use_row use(std::string id, std::string license, std::string app, std::string user,
                     std::string last) {
  return {std::move(id), std::move(license), std::move(app), std::move(user), std::move(last), ""};
}

// Microsoft 365 (threshold 90: cut-off 2024-03-17) under a Named User license of 3 seats at
// 36.00 EUR each; Slack (threshold 60: cut-off 2024-04-16) under a SaaS User license of 10 seats
// at 5.00 USD each.
invtest::tenant two_licenses() {
  invtest::tenant t;
  t.apps = {{"A3", "Microsoft 365", "Microsoft", 90}, {"A4", "Slack", "Salesforce", 60}};
  t.licenses = {{"L2", "Microsoft 365 E3", {"A3"}, "Named User", "EUR"},
                {"L4", "Slack Pro", {"A4"}, "SaaS User", "USD"}};
  t.terms.push_back({"T2", "L2", 3, "perUser", "36.00", "", "EUR"});
  t.terms.push_back({"T4", "L4", 10, "perUser", "5.00", "", "USD"});
  return t;
}

void merge(soci::session& sql, const std::string& connection, const invtest::tenant& t) {
  BOOST_REQUIRE(to_string(merge_run(sql, invtest::stage(sql, connection, t)).status) == "merged");
}

const boost::json::object& license(const boost::json::object& report, const std::string& ext) {
  for (const auto& l : report.at("licenses").as_array())
    if (l.at("external_id") == ext.c_str()) return l.as_object();
  BOOST_FAIL("no license " + ext + " in the report");
  throw std::logic_error("unreachable");
}

struct expected {
  std::int64_t consumed, inactive, shortfall;
  const char* unused;
  const char* true_up;
};

void check(const boost::json::object& report, const std::string& ext, const expected& e) {
  BOOST_TEST_CONTEXT("license " << ext) {
    const auto& l = license(report, ext);
    BOOST_TEST(l.at("consumed").as_int64() == e.consumed);
    BOOST_TEST(l.at("inactive").as_int64() == e.inactive);
    BOOST_TEST(l.at("shortfall").as_int64() == e.shortfall);
    BOOST_TEST(l.at("unused_cost") == e.unused);
    BOOST_TEST(l.at("true_up_cost") == e.true_up);
  }
}

boost::json::object positions(soci::session& sql, const people_rules& rules) {
  return build_report(sql, reconcile(sql, D, rules).reconciliation_id, {});
}

// Twelve accounts use the Named User license:
//   alice (active), a.smith and alice.s (inactive), made one person by two aliases: active;
//   bob (inactive);
//   carol (active); carol+lic (inactive): one person only when plus-addressing is stripped;
//   dave (active) and " Dave@ACME.test " (inactive): one email once normalised: active;
//   erin (inactive) and e.r (inactive), made one person by an alias: inactive;
//   two accounts without email (inactive): a person each, never merged.
// Three accounts use the SaaS User license: alice and a.smith (active), the second dave (inactive).
invtest::tenant people_tenant() {
  auto t = two_licenses();
  t.emails["dave-2"] = " Dave@ACME.test ";
  t.uses = {use("M1", "L2", "A3", "alice@acme.test", recent),
            use("M2", "L2", "A3", "a.smith@acme.test", ""),
            use("M3", "L2", "A3", "bob@acme.test", old),
            use("M4", "L2", "A3", "carol@acme.test", recent),
            use("M5", "L2", "A3", "dave@acme.test", recent),
            use("M6", "L2", "A3", "dave-2", ""),
            use("M7", "L2", "A3", "erin@acme.test", ""),
            use("M8", "L2", "A3", "e.r@acme.test", old),
            use("M9", "L2", "A3", "uid-0009", ""),
            use("M10", "L2", "A3", "carol+lic@acme.test", old),
            use("M11", "L2", "A3", "uid-0010", ""),
            use("M12", "L2", "A3", "alice.s@acme.test", old),
            use("S1", "L4", "A4", "alice@acme.test", recent),
            use("S2", "L4", "A4", "a.smith@acme.test", recent),
            use("S3", "L4", "A4", "dave-2", "")};
  return t;
}

bool says(const people_error& e, const std::string& words) {
  BOOST_TEST_MESSAGE(e.what() << " / " << e.hint());
  return std::string(e.what()).find(words) != std::string::npos && !e.hint().empty();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(people)

BOOST_AUTO_TEST_CASE(normalising_an_email) {
  BOOST_TEST(normalise_email("  Alice@Acme.TEST\t", false) == "alice@acme.test");
  BOOST_TEST(normalise_email("a+tag@x.com", false) == "a+tag@x.com");
  BOOST_TEST(normalise_email("A+Tag@X.com", true) == "a@x.com");
  BOOST_TEST(normalise_email("a@x+y.com", true) == "a@x+y.com");  // a '+' in the domain stays
  BOOST_TEST(normalise_email("", true) == "");
  BOOST_TEST(glob_to_like("svc-*@*") == "svc-%@%");
  BOOST_TEST(glob_to_like("a_b%?\\") == "a\\_b\\%_\\\\");
}

BOOST_AUTO_TEST_CASE(named_user_counts_a_person_once_saas_user_counts_accounts) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    merge(sql, "fsm", people_tenant());
    const people_rules rules;
    // Before any alias the SaaS license counts its three accounts, one inactive: unused 5.00.
    check(positions(sql, rules), "L4", {3, 1, 0, "5.00", "0.00"});
    add_alias(sql, "a.smith@acme.test", "alice@acme.test", rules);
    add_alias(sql, "alice.s@acme.test", "alice@acme.test", rules);
    add_alias(sql, " E.R@Acme.test", "erin@acme.test", rules);
    const auto report = positions(sql, rules);
    // People: alice, bob, carol, carol+lic, dave, erin and the two without email: consumed 8;
    // inactive: bob, carol+lic, erin, uid-0009, uid-0010 = 5. Entitled 3: shortfall 5.
    // Unused 5 x 36.00 = 180.00; true-up 5 x 36.00 = 180.00.
    check(report, "L2", {8, 5, 5, "180.00", "180.00"});
    BOOST_TEST(license(report, "L2").at("compliance") == "non-compliant");
    // Aliases change nothing for the SaaS User license: still its three accounts.
    check(report, "L4", {3, 1, 0, "5.00", "0.00"});
  });
}

// `licenses users` lists whom the position counts: on the Named User license the eight people
// worked out above (five inactive), one row each whatever their accounts; on the SaaS User
// license its three accounts (one inactive).
BOOST_AUTO_TEST_CASE(the_users_of_a_named_user_license_are_its_people) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    merge(sql, "fsm", people_tenant());
    const people_rules rules;
    add_alias(sql, "a.smith@acme.test", "alice@acme.test", rules);
    add_alias(sql, "alice.s@acme.test", "alice@acme.test", rules);
    add_alias(sql, " E.R@Acme.test", "erin@acme.test", rules);
    const auto rid = reconcile(sql, D, rules).reconciliation_id;
    const auto count = [&](const std::string& ext, bool inactive_only) {
      const auto id =
          invtest::scalar(sql, "SELECT id FROM licenses WHERE external_id = '" + ext + "'");
      const auto users = license_users(sql, rid, id, {}, rules);
      return std::count_if(users.begin(), users.end(),
                           [&](const license_user& u) { return !inactive_only || u.inactive; });
    };
    BOOST_TEST(count("L2", false) == 8);
    BOOST_TEST(count("L2", true) == 5);
    BOOST_TEST(count("L4", false) == 3);
    BOOST_TEST(count("L4", true) == 1);
  });
}

BOOST_AUTO_TEST_CASE(plus_addressing_joins_a_person_only_when_stripped) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    merge(sql, "fsm", people_tenant());
    people_rules rules;
    rules.strip_plus_addressing = true;
    add_alias(sql, "a.smith@acme.test", "alice@acme.test", rules);
    add_alias(sql, "alice.s@acme.test", "alice@acme.test", rules);
    add_alias(sql, "e.r@acme.test", "erin@acme.test", rules);
    // carol+lic is carol (active): consumed 7, inactive 4 (bob, erin and the two without
    // email), shortfall 4; unused 4 x 36.00 = 144.00 = true-up.
    check(positions(sql, rules), "L2", {7, 4, 4, "144.00", "144.00"});
    // The people views follow the same rule: carol has both accounts.
    const auto carol = find_person(sql, "carol+other@acme.test", rules, D);
    BOOST_TEST(carol.email == "carol@acme.test");
    BOOST_TEST(carol.accounts.size() == 2U);
    BOOST_TEST(find_person(sql, "alice.s@acme.test", rules, D).aliases.size() == 2U);
    rules.strip_plus_addressing = false;
    BOOST_TEST(find_person(sql, "carol@acme.test", rules, D).accounts.size() == 1U);
    check(positions(sql, rules), "L2", {8, 5, 5, "180.00", "180.00"});
  });
}

BOOST_AUTO_TEST_CASE(a_person_seen_by_two_connections_is_one_person) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    auto fsm = two_licenses();
    fsm.uses = {use("M1", "L2", "A3", "alice@acme.test", recent),
                use("S1", "L4", "A4", "alice@acme.test", "2024-06-10T08:00:00Z")};
    merge(sql, "fsm", fsm);
    invtest::tenant m365;
    m365.apps = {{"X", "Microsoft 365", "Microsoft", 90}};
    m365.licenses = {{"E3", "Office 365 E3", {"X"}, "Named User", "USD"}};
    m365.emails["u-77"] = " Alice@Acme.Test";
    m365.uses = {use("U1", "E3", "X", "u-77", old), use("U2", "E3", "X", "bob@acme.test", old)};
    merge(sql, "m365", m365);
    const auto people = list_people(sql, {}, D);
    BOOST_REQUIRE_EQUAL(people.size(), 2U);
    const auto& alice = people[0];
    BOOST_TEST(alice.email == "alice@acme.test");
    BOOST_TEST(alice.domain == "acme.test");
    BOOST_TEST(alice.connections == (std::vector<std::string>{"fsm", "m365"}));
    BOOST_TEST(alice.accounts.size() == 2U);
    BOOST_TEST(alice.licenses.size() == 3U);  // L2, L4 and E3
    BOOST_TEST(alice.last_activity == "2024-06-10");
    BOOST_TEST(people[1].email == "bob@acme.test");
    BOOST_TEST(people[1].connections == (std::vector<std::string>{"m365"}));
    // Found by any spelling of the email.
    BOOST_TEST(find_person(sql, "ALICE@acme.test ", {}, D).accounts.size() == 2U);
  });
}

BOOST_AUTO_TEST_CASE(excluded_accounts_count_nowhere_and_are_reported_per_rule) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    auto fsm = two_licenses();
    fsm.emails["svc3"] = "SVC-Backup@Acme.Test";
    fsm.uses = {use("M1", "L2", "A3", "alice@acme.test", recent),
                use("M2", "L2", "A3", "noreply@acme.test", ""),
                use("M3", "L2", "A3", "svc-build@acme.test", ""),
                use("M4", "L2", "A3", "svc-deploy@acme.test", recent),
                use("M5", "L2", "A3", "svc3", ""),
                use("S1", "L4", "A4", "svc-build@acme.test", recent),
                use("S2", "L4", "A4", "bob@acme.test", recent),
                use("S3", "L4", "A4", "svc_ops@acme.test", old)};
    merge(sql, "fsm", fsm);
    invtest::tenant m365;
    m365.apps = {{"X", "Microsoft 365", "Microsoft", 90}};
    m365.licenses = {{"E3", "Office 365 E3", {"X"}, "Named User", "USD"}};
    m365.uses = {use("U1", "E3", "X", "alice@acme.test", recent),
                 use("U2", "E3", "X", "svc-build@acme.test", recent)};
    merge(sql, "m365", m365);
    people_rules rules;
    rules.exclude_accounts = {"noreply@*", "svc-*@*"};
    const auto report = positions(sql, rules);
    // L2 keeps alice alone: consumed 1, inactive 0, entitled 3: no shortfall, nothing unused.
    check(report, "L2", {1, 0, 0, "0.00", "0.00"});
    // L4 keeps bob and svc_ops ('-' in the rule is no '_'): svc_ops is inactive (cut-off
    // 2024-04-16): unused 5.00.
    check(report, "L4", {2, 1, 0, "5.00", "0.00"});
    BOOST_TEST(license(report, "E3").at("consumed").as_int64() == 1);
    // noreply once; svc-build (seen twice, one email), svc-deploy and svc-backup.
    const auto expected_rules = boost::json::parse(
        R"([{"rule":"noreply@*","accounts":1},{"rule":"svc-*@*","accounts":3}])");
    BOOST_TEST(report.at("excluded_accounts") == expected_rules);
    // No excluded account is a person: alice, bob and svc_ops remain.
    const auto people = list_people(sql, rules, D);
    BOOST_REQUIRE_EQUAL(people.size(), 3U);
    BOOST_TEST(people[0].email == "alice@acme.test");
    BOOST_TEST(people[1].email == "bob@acme.test");
    BOOST_TEST(people[2].email == "svc_ops@acme.test");
    // Without rules every account counts again: L2 has five, three never active (noreply,
    // svc-build, svc-backup): shortfall 2; unused 3 x 36.00 = 108.00, true-up 2 x 36.00 = 72.00.
    const auto all = positions(sql, {});
    check(all, "L2", {5, 3, 2, "108.00", "72.00"});
    BOOST_TEST(all.at("excluded_accounts").as_array().empty());
  });
}

BOOST_AUTO_TEST_CASE(alias_mistakes_are_refused_with_what_to_do) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    const people_rules rules;
    BOOST_CHECK_EXCEPTION(add_alias(sql, "a@x.test", "A@x.test ", rules), people_error,
                          [](const people_error& e) { return says(e, "itself"); });
    const auto added = add_alias(sql, "B@x.test", "a@x.test", rules);
    BOOST_TEST(added.alias == "b@x.test");
    BOOST_TEST(added.person == "a@x.test");
    BOOST_TEST(!added.person_seen);
    // A chain: c would be an alias of b, itself an alias of a.
    BOOST_CHECK_EXCEPTION(add_alias(sql, "c@x.test", "b@x.test", rules), people_error,
                          [](const people_error& e) { return says(e, "is an alias of a@x.test"); });
    // a has an alias of its own, so it cannot become someone's alias.
    BOOST_CHECK_EXCEPTION(add_alias(sql, "a@x.test", "d@x.test", rules), people_error,
                          [](const people_error& e) { return says(e, "has aliases of its own"); });
    BOOST_CHECK_EXCEPTION(add_alias(sql, "b@x.test", "d@x.test", rules), people_error,
                          [](const people_error& e) { return says(e, "already an alias"); });
    BOOST_CHECK_EXCEPTION(remove_alias(sql, "zzz@x.test", rules), people_error,
                          [](const people_error& e) { return says(e, "no alias"); });
    BOOST_CHECK_EXCEPTION(find_person(sql, "nobody@x.test", rules, D), people_error,
                          [](const people_error& e) { return says(e, "no person"); });
    BOOST_CHECK_THROW(add_alias(sql, "not-an-email", "a@x.test", rules), people_error);
    BOOST_CHECK_THROW(add_alias(sql, std::string(321, 'a') + "@x", "a@x.test", rules),
                      people_error);
    BOOST_CHECK_THROW(add_alias(sql, "e\x1b@x.test", "a@x.test", rules), people_error);
    BOOST_TEST(remove_alias(sql, " B@X.test", rules) == "b@x.test");
    BOOST_TEST(invtest::scalar(sql, "SELECT COUNT(*) FROM person_aliases") == 0);
    // With b gone, a may now be someone's alias.
    BOOST_CHECK_NO_THROW(add_alias(sql, "a@x.test", "d@x.test", rules));
  });
}

BOOST_AUTO_TEST_SUITE_END()
