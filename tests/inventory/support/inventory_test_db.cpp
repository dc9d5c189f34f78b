#include "inventory_test_db.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <sstream>

#include "../../support/include/invhost_test/backend_choice.hpp"

namespace invtest {
namespace {

// A plain session on the server's default schema, for creating and dropping test schemas only.
void admin(const std::string& statement) {
  std::string connect = std::getenv("INVHOST_TEST_PG");
  connect = connect.substr(connect.find("://") + 3);
  soci::session sql(*soci::factory_postgresql(), connect);
  sql << "SET client_min_messages TO warning";
  sql << statement;
}

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  std::ostringstream s;
  s << getpid() << "_" << counter++ << "_" << (rd() % 1000000U);
  return s.str();
}

}  // namespace

std::vector<std::string> backends() {
  std::vector<std::string> out;
  if (invhost_test::backend_chosen("sqlite")) out.emplace_back("sqlite");
  if (!invhost_test::backend_chosen("postgresql")) return out;
  const char* pg = std::getenv("INVHOST_TEST_PG");
  if (pg != nullptr && *pg != '\0') {
    out.emplace_back("postgresql");
  } else {
    static bool said = false;
    if (!said) std::cout << "INVHOST_TEST_PG is not set: PostgreSQL cases skipped\n";
    said = true;
  }
  return out;
}

database::database(const std::string& backend) : backend_(backend) {
  const std::string suffix = unique_suffix();
  dir_ = std::filesystem::temp_directory_path() / ("invhost_inventory_test_" + suffix);
  std::filesystem::create_directories(dir_);
  if (backend == "sqlite") {
    connection_string_ = "sqlite://" + (dir_ / "inventory.db").string();
  } else {
    const std::string base = std::getenv("INVHOST_TEST_PG");
    schema_ = "inv_test_" + suffix;
    admin("CREATE SCHEMA " + schema_);  // a generated name, not input
    connection_string_ =
        base + " options='-csearch_path=" + schema_ + " -cclient_min_messages=warning'";
  }
  store_ = invhost::store::open(connection_string_);
}

void database::reopen() {
  store_.reset();
  store_ = invhost::store::open(connection_string_);
}

database::~database() {
  store_.reset();
  if (!schema_.empty()) {
    try {
      admin("DROP SCHEMA " + schema_ + " CASCADE");
    } catch (...) {
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string dump_inventory(soci::session& sql) {
  const char* queries[] = {
      "SELECT id, connection, external_id, imported_name, license_type, currency, source_url, "
      "status, retired_reason, superseded_by, display_name, owner, cost_centre, location, notes "
      "FROM licenses ORDER BY id",
      "SELECT connection, external_id, name, product, publisher, activity_threshold_days, status "
      "FROM applications ORDER BY connection, external_id",
      "SELECT connection, license_external_id, application_external_id FROM license_applications "
      "ORDER BY 1, 2, 3",
      "SELECT connection, external_id, license_external_id, term_type, items_allowed, annual_cost "
      "FROM entitlements ORDER BY 1, 2",
      "SELECT connection, external_id, email FROM accessing_users ORDER BY 1, 2",
      "SELECT connection, external_id, license_external_id, application_external_id, "
      "accessing_user_external_id, last_activity_at FROM consumption ORDER BY 1, 2, 3",
      "SELECT license_id, group_name FROM license_groups ORDER BY 1, 2",
      "SELECT license_id, purchase_id FROM license_purchases ORDER BY 1, 2",
      "SELECT id, license_id, name, location FROM attachments ORDER BY 1",
  };
  std::ostringstream out;
  for (const char* q : queries) {
    out << "## " << q << "\n";
    soci::rowset<soci::row> rows = sql.prepare << q;
    for (const soci::row& r : rows) {
      for (std::size_t i = 0; i < r.size(); ++i) {
        if (r.get_indicator(i) != soci::i_ok) {
          out << "NULL|";
          continue;
        }
        switch (r.get_properties(i).get_data_type()) {
          case soci::dt_string:
            out << r.get<std::string>(i) << "|";
            break;
          case soci::dt_integer:
            out << r.get<int>(i) << "|";
            break;
          case soci::dt_long_long:
            out << r.get<long long>(i) << "|";
            break;
          default:
            out << "?|";
        }
      }
      out << "\n";
    }
  }
  return out.str();
}

std::string dump_every_table(soci::session& sql) {
  const char* tables[] = {
      "licenses",          "applications", "license_applications",   "entitlements",
      "accessing_users",   "consumption",  "license_groups",         "purchases",
      "license_purchases", "attachments",  "superseded_connections", "supersede_matches"};
  std::string out;
  for (const char* t : tables) {
    std::vector<std::string> lines;
    soci::rowset<soci::row> rows = sql.prepare << std::string("SELECT * FROM ") + t;
    for (const soci::row& r : rows) {
      std::string line;
      for (std::size_t i = 0; i < r.size(); ++i) {
        if (r.get_indicator(i) != soci::i_ok) {
          line += "NULL|";
          continue;
        }
        switch (r.get_properties(i).get_data_type()) {
          case soci::dt_string:
            line += r.get<std::string>(i) + "|";
            break;
          case soci::dt_integer:
            line += std::to_string(r.get<int>(i)) + "|";
            break;
          case soci::dt_long_long:
            line += std::to_string(r.get<long long>(i)) + "|";
            break;
          default:
            line += "?|";
        }
      }
      lines.push_back(std::move(line));
    }
    std::sort(lines.begin(), lines.end());
    out += std::string("## ") + t + "\n";
    for (const auto& l : lines) out += l + "\n";
  }
  return out;
}

}  // namespace invtest
