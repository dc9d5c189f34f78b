// What the Microsoft 365 admin center exports hold, read into plain structs.
#ifndef LEGACY_M365_EXPORT_HPP
#define LEGACY_M365_EXPORT_HPP

#include <filesystem>
#include <string>
#include <vector>

namespace legacy_m365 {

struct m365_user {
  std::string upn;           // User principal name
  std::string display_name;  // Display name
  std::string first_name;
  std::string last_name;
  std::vector<std::string> products;  // Licenses, split on '+'
  bool blocked = false;               // Block credential
  std::string created_at;             // When created, ISO 8601
  std::string last_activity;          // Last activity date, ISO 8601 ("" = never)
};

struct m365_subscription {
  std::string sku_name;     // SKU name: the product name users' Licenses lists use
  std::string part_number;  // SKU part number, may be empty
  long long total = 0;      // Total licenses
  std::string status;       // Status: Active | Warning | Suspended | Expired | Disabled | ""
  std::string expires;      // Expires, ISO 8601 or ""
  std::string price;        // Price per user (decimal) or ""
  std::string currency;     // Currency or ""
};

struct m365_export {
  std::vector<m365_user> users;
  std::vector<m365_subscription> subscriptions;
};

// Reads active_users.csv and subscriptions.csv from directory. Throws std::runtime_error naming
// file, line and column on any malformed value; at most 1,000,000 users and 10,000 subscriptions.
m365_export read_m365_export(const std::filesystem::path& directory);

}  // namespace legacy_m365

#endif  // LEGACY_M365_EXPORT_HPP
