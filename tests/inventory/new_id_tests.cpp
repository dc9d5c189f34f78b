// New rows' ids come from the insert itself, never from MAX(id): under concurrent writers on
// PostgreSQL another session's committed row can carry the largest id.
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "each_backend.hpp"

using namespace invhost::inventory;
using invtest::database;
using invtest::text;

BOOST_AUTO_TEST_SUITE(new_ids)

BOOST_AUTO_TEST_CASE(two_writers_each_get_the_ids_of_their_own_rows) {
  invtest::on_each_backend([](database& db) {
    constexpr int rows_each = 150;
    std::map<std::string, std::vector<std::pair<int, std::int64_t>>> got;
    std::map<std::string, std::string> errors;
    std::vector<std::thread> writers;
    std::vector<std::unique_ptr<invhost::store>> stores;
    for (int i = 0; i < 2; ++i) stores.push_back(invhost::store::open(db.connection_string()));
    for (int w = 0; w < 2; ++w) {
      const std::string name = w == 0 ? "A" : "B";
      auto& out = got[name];
      auto& error = errors[name];
      writers.emplace_back([&, name, w] {
        try {
          for (int i = 0; i < rows_each; ++i) {
            purchase p;
            p.reference = name + "-" + std::to_string(i);
            p.quantity = 1;
            out.emplace_back(i, add_purchase(stores[static_cast<std::size_t>(w)]->sql(), p));
          }
        } catch (const std::exception& e) {
          error = e.what();
        }
      });
    }
    for (auto& t : writers) t.join();
    for (const auto& [name, error] : errors) BOOST_TEST(error.empty(), name << ": " << error);
    int wrong = 0;
    for (const auto& [name, ids] : got)
      for (const auto& [i, id] : ids)
        if (text(db.sql(), "SELECT reference FROM purchases WHERE id = " + std::to_string(id)) !=
            name + "-" + std::to_string(i))
          ++wrong;
    BOOST_TEST(wrong == 0);
  });
}

// A row whose id is above the sequence (restored from elsewhere) must not be taken for the new
// one.
BOOST_AUTO_TEST_CASE(the_new_id_is_the_inserted_rows_even_below_an_existing_larger_id) {
  invtest::on_each_backend([](database& db) {
    db.sql() << "INSERT INTO licenses (id, imported_name, license_type, status) VALUES "
                "(1000, 'Restored', 'SaaS User', 'active')";
    db.sql() << "INSERT INTO reconciliations (id, as_of, created_at) VALUES "
                "(1000, '2020-01-01', '2020-01-01T00:00:00Z')";
    const auto id = add_local_license(db.sql(), "New one", "SaaS User", "USD");
    BOOST_TEST(text(db.sql(), "SELECT imported_name FROM licenses WHERE id = " +
                                  std::to_string(id)) == "New one");
    const auto rec = reconcile(db.sql(), "2024-06-01");
    BOOST_TEST(text(db.sql(), "SELECT as_of FROM reconciliations WHERE id = " +
                                  std::to_string(rec.reconciliation_id)) == "2024-06-01");
  });
}

BOOST_AUTO_TEST_SUITE_END()
