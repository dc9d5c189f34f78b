// Test databases for the inventory suites: a fresh SQLite file, and a fresh PostgreSQL schema
// when INVHOST_TEST_PG is set. Both carry every migration, applied by the host's own store.
#ifndef INVHOST_TESTS_INVENTORY_TEST_DB_HPP
#define INVHOST_TESTS_INVENTORY_TEST_DB_HPP

#include <filesystem>
#include <invhost/store.hpp>
#include <memory>
#include <string>
#include <vector>

namespace invtest {

class database {
 public:
  // backend: "sqlite" or "postgresql".
  explicit database(const std::string& backend);
  ~database();
  database(const database&) = delete;
  database& operator=(const database&) = delete;

  soci::session& sql() { return store_->sql(); }
  const std::string& backend() const { return backend_; }
  // The connection string another process (or a reopened store) uses.
  const std::string& connection_string() const { return connection_string_; }
  const std::filesystem::path& dir() const { return dir_; }
  // Closes and opens the store again (e.g. after a child process died mid-transaction).
  void reopen();

 private:
  std::string backend_;
  std::filesystem::path dir_;
  std::string schema_;
  std::string connection_string_;
  std::unique_ptr<invhost::store> store_;
};

// "sqlite", plus "postgresql" when INVHOST_TEST_PG is set (says once when it is not); only the
// one INVHOST_TEST_BACKENDS names, when it names one (invhost_test/backend_choice.hpp).
std::vector<std::string> backends();

// Every row of the inventory tables, as text, in a stable order: equal dumps = equal state.
std::string dump_inventory(soci::session& sql);

// Every column of every row of the inventory's and people's tables (licenses, applications,
// terms, users, consumption, groups, purchases and their links, attachments, supersessions,
// replacements chosen by hand), rows sorted: equal texts, equal stores.
std::string dump_every_table(soci::session& sql);

}  // namespace invtest

#endif
