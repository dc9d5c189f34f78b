// Who consumes a license, and who of them is external: the rows worked out by hand in
// license_users_tenant.hpp, and their agreement with the report's consumed, inactive and
// external_users.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/license_users.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/report.hpp>
#include <optional>
#include <string>
#include <vector>

#include "each_backend.hpp"
#include "license_users_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;

namespace {

long long license_id(soci::session& sql, const std::string& external_id) {
  long long id = 0;
  sql << "SELECT id FROM licenses WHERE external_id = :e", soci::use(external_id), soci::into(id);
  return id;
}

std::int64_t merged_and_reconciled(soci::session& sql) {
  BOOST_REQUIRE(
      to_string(
          merge_run(sql, invtest::stage(sql, "fsm", invtest::license_users_tenant())).status) ==
      "merged");
  invtest::give_uid_77_a_domain(sql);
  return reconcile(sql, invtest::users_day).reconciliation_id;
}

const boost::json::object& report_license(const boost::json::object& report,
                                          const std::string& external_id) {
  for (const auto& l : report.at("licenses").as_array())
    if (l.at("external_id") == boost::json::value(external_id)) return l.as_object();
  throw std::runtime_error("no license " + external_id + " in the report");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(license_users_of_a_crafted_tenant)

BOOST_AUTO_TEST_CASE(the_users_of_a_license_are_the_hand_worked_rows) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    const auto rid = merged_and_reconciled(sql);
    const auto rows = license_users(sql, rid, license_id(sql, "L1"), {"contoso.com"});
    struct want {
      std::string email, domain;
      bool external;
      std::optional<std::string> last;
      std::optional<std::int64_t> days;
      bool inactive;
    };
    const std::vector<want> expected{
        {"carl@partner.example", "partner.example", true, std::nullopt, std::nullopt, true},
        {"=cmd@x.com", "x.com", true, "2024-03-01", 106, true},
        {"bob@fabrikam.com", "fabrikam.com", true, "2024-05-01", 45, false},
        {"ann@contoso.com", "contoso.com", false, "2024-06-01", 14, false},
        {"", "contoso.com", false, "2024-06-14", 1, false},
    };
    BOOST_REQUIRE(rows.size() == expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      BOOST_TEST_CONTEXT("row " << i) {
        BOOST_TEST(rows[i].email == expected[i].email);
        BOOST_TEST(rows[i].domain == expected[i].domain);
        BOOST_TEST(rows[i].external == expected[i].external);
        BOOST_TEST((rows[i].last_activity == expected[i].last));
        BOOST_TEST((rows[i].days_inactive == expected[i].days));
        BOOST_TEST(rows[i].inactive == expected[i].inactive);
      }
    }
    BOOST_TEST(rows[4].user_id == "uid-77");
    // The unallocated row went to A3's only license; ann's L2 record is inactive there.
    const auto other = license_users(sql, rid, license_id(sql, "L2"), {"contoso.com"});
    BOOST_REQUIRE(other.size() == 2U);
    BOOST_TEST(other[0].email == "ann@contoso.com");
    BOOST_TEST((other[0].days_inactive == std::optional<std::int64_t>(531)));  // 2023-01-01..
    BOOST_TEST(other[0].inactive);
    BOOST_TEST(other[1].email == "fay@contoso.com");
    BOOST_TEST(!other[1].inactive);
    BOOST_CHECK_THROW(license_users(sql, rid, 999999, {}), refused);
  });
}

BOOST_AUTO_TEST_CASE(external_users_follow_the_internal_domains) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    const auto rid = merged_and_reconciled(sql);
    const std::vector<std::pair<std::vector<std::string>, std::pair<long long, long long>>> cases{
        {{}, {0, 0}},  // no domain known: nobody is flagged
        {{"contoso.com"}, {3, 0}},
        {{"contoso.com", "fabrikam.com"}, {2, 0}},
    };
    for (const auto& [domains, external] : cases) {
      report_options options;
      options.internal_domains = domains;
      const auto report = build_report(sql, rid, options);
      BOOST_TEST(report_license(report, "L1").at("external_users").as_int64() == external.first);
      BOOST_TEST(report_license(report, "L2").at("external_users").as_int64() == external.second);
      // The list a license manager reclaims from is the report's numbers, person by person.
      for (const char* lic : {"L1", "L2"}) {
        const auto rows = license_users(sql, rid, license_id(sql, lic), domains);
        const auto& l = report_license(report, lic);
        long long inactive = 0, outside = 0;
        for (const auto& r : rows) {
          inactive += r.inactive ? 1 : 0;
          outside += r.external ? 1 : 0;
        }
        BOOST_TEST(static_cast<long long>(rows.size()) == l.at("consumed").as_int64());
        BOOST_TEST(inactive == l.at("inactive").as_int64());
        BOOST_TEST(outside == l.at("external_users").as_int64());
      }
    }
  });
}

BOOST_AUTO_TEST_CASE(days_inactive_tie_after_the_date_and_emails_order_byte_by_byte) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    const auto rid = merged_and_reconciled(sql);
    // bob becomes Zed, last active after D (06-20: 0 days, not -5); ann's last activity is on D
    // (0 days). Tied on days, "Zed@..." comes before "ann@..." ('Z' is 0x5A, 'a' 0x61), whatever
    // a database's collation would say.
    sql << "UPDATE accessing_users SET email = 'Zed@fabrikam.com' WHERE email = "
           "'bob@fabrikam.com'";
    sql << "UPDATE consumption SET last_activity_at = '2024-06-20T10:00:00Z' WHERE external_id "
           "= 'Z2'";
    sql << "UPDATE consumption SET last_activity_at = '2024-06-15T10:00:00Z' WHERE external_id "
           "= 'Z1'";
    const std::vector<std::pair<std::string, std::optional<std::int64_t>>> expected{
        {"carl@partner.example", std::nullopt},
        {"=cmd@x.com", 106},
        {"", 1},  // uid-77
        {"Zed@fabrikam.com", 0},
        {"ann@contoso.com", 0},
    };
    const auto lid = license_id(sql, "L1");
    const auto rows = license_users(sql, rid, lid, {"contoso.com"});
    BOOST_REQUIRE(rows.size() == expected.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      BOOST_TEST_CONTEXT("row " << i) {
        BOOST_TEST(rows[i].email == expected[i].first);
        BOOST_TEST((rows[i].days_inactive == expected[i].second));
      }
    }
    BOOST_TEST((rows[3].last_activity == std::optional<std::string>("2024-06-20")));
    // Streamed, the same users come in the same order, and the stream stops when asked.
    std::vector<std::string> seen;
    for_each_license_user(sql, rid, lid, {"contoso.com"}, {}, [&seen](const license_user& u) {
      seen.push_back(u.email);
      return seen.size() < 2U;
    });
    BOOST_TEST((seen == std::vector<std::string>{"carl@partner.example", "=cmd@x.com"}));
  });
}

BOOST_AUTO_TEST_CASE(an_email_domain_decides_and_the_domain_field_stands_in_without_one) {
  const std::vector<std::string> ours{"contoso.com"};
  BOOST_TEST(!is_external("Ann@Contoso.COM", "", ours));
  BOOST_TEST(is_external("ann@contoso.com.evil.example", "contoso.com", ours));
  BOOST_TEST(is_external("ann@sub.contoso.com", "", ours));  // a subdomain is listed on its own
  BOOST_TEST(!is_external("uid-77", "Contoso.com", ours));
  BOOST_TEST(is_external("uid-78", "", ours));           // a domain nobody knows is not ours
  BOOST_TEST(!is_external("bob@fabrikam.com", "", {}));  // no list: nobody is external
}

BOOST_AUTO_TEST_SUITE_END()
