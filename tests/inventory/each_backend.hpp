// Runs a test body once per available database backend, naming the backend in failures.
#ifndef INVHOST_TESTS_EACH_BACKEND_HPP
#define INVHOST_TESTS_EACH_BACKEND_HPP

#include <boost/test/unit_test.hpp>
#include <functional>

#include "inventory_test_db.hpp"

namespace invtest {

inline void on_each_backend(const std::function<void(database&)>& body) {
  for (const std::string& backend : backends()) {
    BOOST_TEST_CONTEXT("backend " << backend) {
      database db(backend);
      body(db);
    }
  }
}

inline long long scalar(soci::session& sql, const std::string& query) {
  long long v = 0;
  soci::indicator ind = soci::i_null;
  sql << query, soci::into(v, ind);
  return ind == soci::i_ok ? v : -1;
}

inline std::string text(soci::session& sql, const std::string& query) {
  std::string v;
  soci::indicator ind = soci::i_null;
  sql << query, soci::into(v, ind);
  return ind == soci::i_ok ? v : "<null>";
}

}  // namespace invtest

#endif
