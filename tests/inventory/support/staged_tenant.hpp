// A tenant written straight into the staging tables: the merge's input contract, without an
// adapter in between. Defaults keep each test's data down to what it is about.
#ifndef INVHOST_TESTS_INVENTORY_STAGED_TENANT_HPP
#define INVHOST_TESTS_INVENTORY_STAGED_TENANT_HPP

#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace invtest {

struct app_row {
  std::string id;
  std::string product;
  std::string publisher = "Acme";
  int threshold_days = 90;
};

struct license_row {
  std::string id;
  std::string name;
  std::vector<std::string> apps;
  std::string type = "SaaS User";
  std::string currency = "USD";
};

struct term_row {
  std::string id;
  std::string license;
  std::int64_t items = 0;
  std::string term_type = "perUser";
  std::string per_user_cost;
  std::string annual_cost;
  std::string currency;
  std::string effective_at;
  std::string ends_at;
  std::optional<bool> unlimited;
  std::optional<bool> active;
  std::optional<bool> hidden;
  std::string sku = "SKU";
};

struct use_row {
  std::string id;       // the app user's id
  std::string license;  // '' = no allocation
  std::string app;
  std::string user;  // accessing user id (lower-cased email or unique id)
  std::string last_activity_at;
  std::string deactivated_at;
};

struct tenant {
  std::vector<app_row> apps;
  std::vector<license_row> licenses;
  std::vector<term_row> terms;
  std::vector<use_row> uses;
  // An accessing user's email when it is not its id (by default an id with '@' is its email).
  std::map<std::string, std::string> emails;
  std::set<std::string> absent_streams;  // streams the run did not deliver at all
  std::string outcome = "staged";
};

// Writes a runs row, its run_streams and the staged rows; returns the run id.
std::int64_t stage(soci::session& sql, const std::string& connection, const tenant& t,
                   const std::string& adapter = "fsm-saas");

// n licenses L1..Ln on one app A1, each with 10 perUser seats.
tenant licenses_tenant(int n);

}  // namespace invtest

#endif
