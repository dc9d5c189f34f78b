// Applying the embedded migrations in order, each in its own transaction.
#include <fmt/format.h>

#include <algorithm>
#include <invhost/run_history.hpp>
#include <invhost/store.hpp>

namespace invhost {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

}  // namespace

std::vector<std::string> migration_statements(std::string_view sql, db_backend backend) {
  std::vector<std::string> out;
  std::string current;
  while (!sql.empty()) {
    const auto nl = sql.find('\n');
    const std::string_view line = trim(sql.substr(0, nl));
    sql = nl == std::string_view::npos ? std::string_view{} : sql.substr(nl + 1);
    if (line.empty() || line.starts_with("--")) continue;
    current.append(line).push_back('\n');
    if (line.ends_with(';')) {
      current.resize(current.size() - 2);  // drop ";\n"
      out.push_back(std::move(current));
      current.clear();
    }
  }
  if (!trim(current).empty()) out.push_back(std::move(current));
  const std::string_view autoid =
      backend == db_backend::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
  for (auto& s : out) replace_all(s, "{{autoid}}", autoid);
  return out;
}

std::vector<int> store::applied_migrations() {
  std::vector<int> out;
  int v = 0;
  soci::statement st =
      (session_.prepare << "SELECT version FROM schema_migrations ORDER BY version", soci::into(v));
  st.execute();
  while (st.fetch()) out.push_back(v);
  return out;
}

namespace {

// Whether every embedded migration is applied, found by reading only: a reader opening the
// database while a nightly holds its write lock must not queue behind it for a lock it does not
// need. A missing schema_migrations table (a new database) reads as behind.
bool schema_is_current(store& db) {
  std::vector<int> applied;
  try {
    applied = db.applied_migrations();
  } catch (const soci::soci_error&) {
    return false;
  }
  for (const migration& m : embedded_migrations())
    if (std::find(applied.begin(), applied.end(), m.version) == applied.end()) return false;
  return true;
}

}  // namespace

bool store::has_schema() {
  try {
    (void)applied_migrations();
    return true;
  } catch (const soci::soci_error&) {
    return false;
  }
}

void store::migrate() {
  if (schema_is_current(*this)) return;
  try {
    session_ << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at TEXT NOT NULL)";
    for (const migration& m : embedded_migrations()) {
      // Two hosts starting together must not both apply a migration: take the write lock first,
      // then look again.
      if (backend_ == db_backend::sqlite) {
        session_ << "BEGIN IMMEDIATE";
      } else {
        session_.begin();
        session_ << "LOCK TABLE schema_migrations IN EXCLUSIVE MODE";
      }
      try {
        int present = 0;
        session_ << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v",
            soci::use(m.version), soci::into(present);
        if (present == 0) {
          for (const std::string& statement : migration_statements(m.sql, backend_))
            session_ << statement;
          const std::string name(m.name);
          const std::string now = utc_now_iso();
          session_
              << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
              soci::use(m.version), soci::use(name), soci::use(now);
        }
        session_.commit();
      } catch (...) {
        session_.rollback();
        throw;
      }
    }
  } catch (const soci::soci_error& e) {
    throw store_error(fmt::format("database migration failed: {}", e.get_error_message()));
  }
}

}  // namespace invhost
