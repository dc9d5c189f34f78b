// Opening the database from a connection string.
#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <invhost/private_files.hpp>
#include <invhost/store.hpp>

namespace invhost {

db_location parse_db_location(std::string_view cs) {
  constexpr std::string_view sqlite = "sqlite://";
  constexpr std::string_view sqlite3 = "sqlite3://";
  constexpr std::string_view pg = "postgresql://";
  constexpr std::string_view pg_short = "postgres://";
  db_location loc;
  if (cs.starts_with(pg) || cs.starts_with(pg_short)) {
    loc.backend = db_backend::postgresql;
    loc.connect = std::string(cs.substr(cs.starts_with(pg) ? pg.size() : pg_short.size()));
    return loc;
  }
  std::string_view path = cs;
  if (cs.starts_with(sqlite))
    path = cs.substr(sqlite.size());
  else if (cs.starts_with(sqlite3))
    path = cs.substr(sqlite3.size());
  else if (cs.find("://") != std::string_view::npos)
    throw store_error(fmt::format(
        "database '{}': unknown scheme; use sqlite:///path or postgresql://<keywords>", cs));
  if (path.empty())
    throw store_error("database: empty SQLite path; use sqlite:///absolute/path.db");
  // SOCI's SQLite backend reads a connect string without '=' as the file name itself.
  if (path.find('=') != std::string_view::npos)
    throw store_error(fmt::format("database '{}': a SQLite path must not contain '='", cs));
  loc.backend = db_backend::sqlite;
  loc.connect = std::string(path);
  return loc;
}

std::unique_ptr<store> store::open(std::string_view connection_string) {
  const db_location loc = parse_db_location(connection_string);
  std::unique_ptr<store> db(new store(loc.backend));
  try {
    if (loc.backend == db_backend::sqlite) {
      const std::filesystem::path file(loc.connect);
      if (loc.connect != ":memory:" && !loc.connect.starts_with("file:")) {
        // The database holds people's e-mail addresses. SQLite gives its -wal, -shm and -journal
        // files the database file's mode, so a private database file keeps them private too;
        // ones left by an older version are tightened here.
        if (file.has_parent_path()) create_private_dir(file.parent_path(), existing_mode::keep);
        create_private_file(file);
        for (const char* companion : {"-wal", "-shm", "-journal"})
          tighten_private_file(std::filesystem::path(loc.connect + companion));
      }
      db->session_.open(*soci::factory_sqlite3(), loc.connect);
      db->session_ << "PRAGMA busy_timeout = 10000";
      // 16 KiB pages for a new database (an existing one keeps its size): an import writes and a
      // merge copies a million rows, and every page is a read or write call and a WAL frame. On
      // the large benchmark tenant the merge takes a third less time than with 4 KiB pages. The
      // page cache keeps its budget in bytes, so memory is unchanged. Must precede WAL mode.
      db->session_ << "PRAGMA page_size = 16384";
      db->session_ << "PRAGMA journal_mode = WAL";
      db->session_ << "PRAGMA foreign_keys = ON";
    } else {
      db->session_.open(*soci::factory_postgresql(), loc.connect);
    }
  } catch (const std::filesystem::filesystem_error& e) {
    throw store_error(
        fmt::format("cannot open the SQLite database {}: {}", loc.connect, e.code().message()));
  } catch (const soci::soci_error& e) {
    // The libpq string may carry a password: name only the backend.
    throw store_error(fmt::format("cannot open the {} database: {}",
                                  loc.backend == db_backend::sqlite ? loc.connect : "PostgreSQL",
                                  e.get_error_message()));
  }
  db->migrate();
  return db;
}

std::unique_ptr<store> store::open_for_reading(std::string_view connection_string) {
  const db_location loc = parse_db_location(connection_string);
  std::unique_ptr<store> db(new store(loc.backend));
  try {
    if (loc.backend == db_backend::sqlite) {
      std::error_code ec;
      if (!loc.connect.starts_with("file:") && loc.connect != ":memory:" &&
          !std::filesystem::exists(std::filesystem::path(loc.connect), ec))
        return nullptr;
      db->session_.open(*soci::factory_sqlite3(), loc.connect);
      db->session_ << "PRAGMA busy_timeout = 10000";
    } else {
      db->session_.open(*soci::factory_postgresql(), loc.connect);
    }
  } catch (const soci::soci_error& e) {
    throw store_error(fmt::format("cannot open the {} database: {}",
                                  loc.backend == db_backend::sqlite ? loc.connect : "PostgreSQL",
                                  e.get_error_message()));
  }
  return db;
}

}  // namespace invhost
