// Connection strings and numbered migrations on SQLite and PostgreSQL.
#include <soci/sqlite3/soci-sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <invhost/store.hpp>

#include "backends.hpp"

using namespace invhost;

BOOST_AUTO_TEST_SUITE(store_suite)

BOOST_AUTO_TEST_CASE(connection_strings) {
  BOOST_TEST(parse_db_location("sqlite:///abs/x.db").connect == "/abs/x.db");
  BOOST_TEST(parse_db_location("sqlite://rel/x.db").connect == "rel/x.db");
  BOOST_TEST(parse_db_location("/plain/path.db").connect == "/plain/path.db");
  const auto pg = parse_db_location("postgresql://dbname=a user=b");
  BOOST_TEST((pg.backend == db_backend::postgresql));
  BOOST_TEST(pg.connect == "dbname=a user=b");
  BOOST_CHECK_THROW(parse_db_location("mysql://x"), store_error);
  BOOST_CHECK_THROW(parse_db_location("sqlite://"), store_error);
}

BOOST_AUTO_TEST_CASE(statements_split_at_line_end_semicolons) {
  const auto s = migration_statements(
      "-- a comment;\nCREATE TABLE t (\n  id {{autoid}}, -- inline; comment\n  x TEXT\n);\nCREATE "
      "INDEX i ON t (x);\n",
      db_backend::postgresql);
  BOOST_REQUIRE(s.size() == 2U);
  BOOST_TEST(s[0].find("BIGSERIAL PRIMARY KEY") != std::string::npos);
  BOOST_TEST(s[1] == "CREATE INDEX i ON t (x)");
  BOOST_TEST(migration_statements("CREATE TABLE t (id {{autoid}});", db_backend::sqlite)[0].find(
                 "INTEGER PRIMARY KEY AUTOINCREMENT") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(embedded_migrations_are_ordered_and_start_with_staging) {
  const auto& all = embedded_migrations();
  BOOST_REQUIRE(!all.empty());
  BOOST_TEST(all.front().version == 1);
  BOOST_TEST(all.front().name == "001_staging");
  for (std::size_t i = 1; i < all.size(); ++i) BOOST_TEST(all[i - 1].version < all[i].version);
}

BOOST_AUTO_TEST_CASE(migrations_apply_once_on_each_backend) {
  test::on_each_backend([](store& db) {
    std::vector<int> expected;
    for (const auto& m : embedded_migrations()) expected.push_back(m.version);
    BOOST_TEST(db.applied_migrations() == expected, boost::test_tools::per_element());
    int runs = -1;
    db.sql() << "SELECT COUNT(*) FROM runs", soci::into(runs);
    BOOST_TEST(runs == 0);
    std::string name;
    db.sql() << "SELECT name FROM schema_migrations WHERE version = 1", soci::into(name);
    BOOST_TEST(name == "001_staging");
  });
}

BOOST_AUTO_TEST_CASE(reopening_applies_nothing_again_and_sqlite_uses_wal) {
  test::temp_dir dir;
  const std::string cs = "sqlite://" + (dir / "t.db").string();
  std::string first_applied, again;
  {
    auto db = store::open(cs);
    db->sql() << "SELECT applied_at FROM schema_migrations WHERE version = 1",
        soci::into(first_applied);
    std::string mode;
    db->sql() << "PRAGMA journal_mode", soci::into(mode);
    BOOST_TEST(mode == "wal");
    int fk = 0;
    db->sql() << "PRAGMA foreign_keys", soci::into(fk);
    BOOST_TEST(fk == 1);
  }
  auto db = store::open(cs);
  db->sql() << "SELECT applied_at FROM schema_migrations WHERE version = 1", soci::into(again);
  BOOST_TEST(first_applied == again);
  int count = 0;
  db->sql() << "SELECT COUNT(*) FROM schema_migrations", soci::into(count);
  BOOST_TEST(count == static_cast<int>(embedded_migrations().size()));
}

BOOST_AUTO_TEST_CASE(a_new_sqlite_database_gets_16_kib_pages_an_existing_one_keeps_its_own) {
  test::temp_dir dir;
  {
    auto db = store::open("sqlite://" + (dir / "new.db").string());
    int page_size = 0;
    db->sql() << "PRAGMA page_size", soci::into(page_size);
    BOOST_TEST(page_size == 16384);
  }
  // A database made with SQLite's default pages (an older host, or another tool) opens, migrates
  // and keeps its layout: the size only applies before the first table exists.
  const std::string old_file = (dir / "old.db").string();
  {
    soci::session raw(*soci::factory_sqlite3(), old_file);
    raw << "PRAGMA page_size = 4096";
    raw << "PRAGMA journal_mode = WAL";
    raw << "CREATE TABLE kept (x INTEGER)";
    raw << "INSERT INTO kept VALUES (7)";
  }
  auto db = store::open("sqlite://" + old_file);
  int page_size = 0;
  int kept = 0;
  int runs = -1;
  db->sql() << "PRAGMA page_size", soci::into(page_size);
  db->sql() << "SELECT x FROM kept", soci::into(kept);
  db->sql() << "SELECT COUNT(*) FROM runs", soci::into(runs);
  BOOST_TEST(page_size == 4096);
  BOOST_TEST(kept == 7);
  BOOST_TEST(runs == 0);
}

BOOST_AUTO_TEST_CASE(unreachable_database_is_a_clear_error_without_password) {
  try {
    (void)store::open(
        "postgresql://host=127.0.0.1 port=1 dbname=x user=u password=pw-should-not-show "
        "connect_timeout=2");
    BOOST_FAIL("opened an unreachable database");
  } catch (const store_error& e) {
    const std::string msg = e.what();
    BOOST_TEST(msg.find("cannot open the PostgreSQL database") != std::string::npos, msg);
    BOOST_TEST(msg.find("pw-should-not-show") == std::string::npos, msg);
  }
}

BOOST_AUTO_TEST_SUITE_END()
