// Runs a test body on SQLite and, when INVHOST_TEST_PG is set, on PostgreSQL.
#ifndef INVHOST_TEST_BACKENDS_HPP
#define INVHOST_TEST_BACKENDS_HPP

#include "test_support.hpp"

#include <invhost/store.hpp>

#include <boost/test/unit_test.hpp>

namespace invhost::test {

template <typename Body>
void on_each_backend(Body&& body) {
  {
    temp_dir dir;
    auto db = store::open("sqlite://" + (dir / "t.db").string());
    BOOST_TEST_CONTEXT("SQLite") { body(*db); }
  }
  if (const auto pg = pg_keywords()) {
    pg_schema schema(*pg);
    auto db = store::open(schema.connection_string());
    BOOST_TEST_CONTEXT("PostgreSQL") { body(*db); }
  } else {
    BOOST_TEST_MESSAGE("INVHOST_TEST_PG is not set: PostgreSQL part skipped");
  }
}

}  // namespace invhost::test

#endif
