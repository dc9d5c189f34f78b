// Runs a test body on SQLite and, when INVHOST_TEST_PG is set, on PostgreSQL.
#ifndef INVHOST_TEST_BACKENDS_HPP
#define INVHOST_TEST_BACKENDS_HPP

#include <soci/postgresql/soci-postgresql.h>

#include <boost/test/unit_test.hpp>
#include <invhost/store.hpp>
#include <random>

#include "test_support.hpp"

namespace invhost::test {

// A private schema in the test database, dropped at the end: tests run in parallel without
// seeing each other's tables.
class pg_schema {
 public:
  explicit pg_schema(const std::string& keywords) : keywords_(keywords) {
    std::random_device rd;
    name_ = "t_" + std::to_string(::getpid()) + "_" + std::to_string(rd() % 1000000);
    soci::session admin(*soci::factory_postgresql(), keywords_);
    admin << "CREATE SCHEMA " + name_;
  }
  ~pg_schema() {
    try {
      soci::session admin(*soci::factory_postgresql(), keywords_);
      admin << "SET client_min_messages = warning";
      admin << "DROP SCHEMA " + name_ + " CASCADE";
    } catch (...) {
    }
  }
  pg_schema(const pg_schema&) = delete;
  pg_schema& operator=(const pg_schema&) = delete;
  // A connection string whose tables live in this schema.
  [[nodiscard]] std::string connection_string() const {
    return "postgresql://" + keywords_ + " options=-csearch_path=" + name_;
  }

 private:
  std::string keywords_;
  std::string name_;
};

template <typename Body>
void on_each_backend(Body&& body) {
  if (invhost_test::backend_chosen("sqlite")) {
    temp_dir dir;
    auto db = store::open("sqlite://" + (dir / "t.db").string());
    BOOST_TEST_CONTEXT("SQLite") {
      body(*db);
    }
  }
  if (const auto pg = pg_keywords()) {
    pg_schema schema(*pg);
    auto db = store::open(schema.connection_string());
    BOOST_TEST_CONTEXT("PostgreSQL") {
      body(*db);
    }
  } else {
    BOOST_TEST_MESSAGE(
        "INVHOST_TEST_PG is not set or SQLite alone was chosen: PostgreSQL part skipped");
  }
}

}  // namespace invhost::test

#endif
