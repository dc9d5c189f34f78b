// A position that no 64-bit amount can hold fails the reconciliation naming the license, on
// SQLite and PostgreSQL; it is never stored wrapped.
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <stdexcept>
#include <string>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;

BOOST_AUTO_TEST_SUITE(reconcile_bounds)

// 999,999,999,999,999.00 USD is within the bounds (15 integer digits): 99,999,999,999,999,900
// cents. 100 users on a term of 0 seats give a shortfall of 100, so the true-up cost is
// 9,999,999,999,999,990,000 cents, above 2^63 - 1 = 9,223,372,036,854,775,807.
BOOST_AUTO_TEST_CASE(a_true_up_beyond_64_bits_fails_naming_the_license) {
  invtest::on_each_backend([](database& db) {
    invtest::tenant t;
    t.apps.push_back({"A1", "Product"});
    t.licenses.push_back({"L-huge", "Huge cost", {"A1"}});
    t.terms.push_back({"T1", "L-huge", 0, "perUser", "999999999999999"});
    for (int i = 0; i < 100; ++i) {
      const std::string n = std::to_string(i);
      t.uses.push_back(
          {"U" + n, "L-huge", "A1", "user" + n + "@example.com", "2024-05-30T00:00:00Z", ""});
    }
    BOOST_TEST(to_string(merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t)).status) ==
               "merged");
    try {
      reconcile(db.sql(), "2024-06-01");
      BOOST_FAIL("a true-up beyond 64 bits was computed");
    } catch (const std::overflow_error& e) {
      const std::string what = e.what();
      BOOST_TEST(what.find("fsm L-huge") != std::string::npos, what);
    }
    BOOST_TEST(invtest::scalar(db.sql(), "SELECT COUNT(*) FROM license_positions") == 0);
  });
}

BOOST_AUTO_TEST_SUITE_END()
