// The database: a SOCI session chosen from a connection string, with numbered migrations.
#ifndef INVHOST_STORE_HPP
#define INVHOST_STORE_HPP

#include <soci/soci.h>

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace invhost {

enum class db_backend { sqlite, postgresql };

// A connection string taken apart: which SOCI backend and its connect string.
struct db_location {
  db_backend backend = db_backend::sqlite;
  std::string connect;  // SQLite: the file path; PostgreSQL: the libpq keyword string
};

class store_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "sqlite:///abs/path", "sqlite://relative", "postgresql://<libpq keywords>" or a plain path
// (SQLite). Throws store_error for an unknown scheme or an empty path.
db_location parse_db_location(std::string_view connection_string);

// One migration file: NNN_name.sql.
struct migration {
  int version;
  std::string_view name;  // file name without .sql
  std::string_view sql;
};

// Every host_sdk/src/store/migrations/NNN_*.sql, embedded at build time, in version order.
const std::vector<migration>& embedded_migrations();

// Splits a migration into statements (';' at the end of a line ends one; '--' comment lines
// dropped) and replaces {{autoid}} for the backend.
std::vector<std::string> migration_statements(std::string_view sql, db_backend backend);

// An open database with its schema up to date.
class store {
 public:
  // Opens the database (SQLite: WAL, foreign keys, busy timeout; parent folder created) and
  // applies pending migrations, each in its own transaction. Throws store_error.
  static std::unique_ptr<store> open(std::string_view connection_string);

  // Opens a database only to read it: nothing is created, migrated or locked, so a monitoring
  // check never changes the database nor waits behind a nightly. nullptr when there is no
  // database yet (SQLite: no file). Throws store_error.
  static std::unique_ptr<store> open_for_reading(std::string_view connection_string);

  // Whether the host has created its tables here (a database opened for reading may be empty).
  bool has_schema();

  [[nodiscard]] soci::session& sql() noexcept { return session_; }
  [[nodiscard]] db_backend backend() const noexcept { return backend_; }

  // Versions recorded in schema_migrations, ascending.
  std::vector<int> applied_migrations();

  // Whether this connection has prepared the named statement (PostgreSQL's PREPARE, which lasts
  // as long as the session): a statement run on every request is then planned once.
  [[nodiscard]] bool is_prepared(std::string_view name) const { return prepared_.contains(name); }
  void mark_prepared(std::string_view name) { prepared_.emplace(name); }

 private:
  store(db_backend backend) : backend_(backend) {}
  void migrate();

  soci::session session_;
  db_backend backend_;
  std::set<std::string, std::less<>> prepared_;
};

}  // namespace invhost

#endif
