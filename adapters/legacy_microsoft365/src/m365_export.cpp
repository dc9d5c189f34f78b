#include "m365_export.hpp"

#include <stdexcept>

#include "csv_table.hpp"
#include "field_checks.hpp"

namespace legacy_m365 {
namespace {

using file_import::csv_table;

std::string date_of(const csv_table& t, std::string_view column) {
  const std::string v = t.get(column);
  if (v.empty()) return v;
  auto iso = file_import::normalise_date(v);
  if (!iso) throw std::runtime_error(t.where(column) + ": not a date (got \"" + v + "\")");
  return *iso;
}

std::vector<std::string> split_products(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const auto plus = text.find('+', start);
    std::string piece =
        text.substr(start, plus == std::string::npos ? std::string::npos : plus - start);
    while (!piece.empty() && piece.front() == ' ') piece.erase(0, 1);
    while (!piece.empty() && piece.back() == ' ') piece.pop_back();
    if (!piece.empty() && piece != "Unlicensed") out.push_back(piece);
    if (plus == std::string::npos) break;
    start = plus + 1;
  }
  return out;
}

}  // namespace

m365_export read_m365_export(const std::filesystem::path& directory) {
  m365_export out;
  {
    csv_table t(directory / "active_users.csv", {"User principal name", "Licenses"});
    while (t.next()) {
      if (out.users.size() == 1'000'000)
        throw std::runtime_error("active_users.csv: more than 1,000,000 users");
      m365_user u;
      u.upn = t.get("User principal name");
      if (auto bad = file_import::check_email(u.upn))
        throw std::runtime_error(t.where("User principal name") + ": " + *bad);
      u.display_name = t.get("Display name");
      u.first_name = t.get("First name");
      u.last_name = t.get("Last name");
      u.products = split_products(t.get("Licenses"));
      const std::string blocked = file_import::ascii_lower(t.get("Block credential"));
      if (blocked != "" && blocked != "true" && blocked != "false")
        throw std::runtime_error(t.where("Block credential") + ": expected True or False");
      u.blocked = blocked == "true";
      u.created_at = date_of(t, "When created");
      u.last_activity = date_of(t, "Last activity date");
      out.users.push_back(std::move(u));
    }
  }
  {
    csv_table t(directory / "subscriptions.csv", {"SKU name", "Total licenses"});
    while (t.next()) {
      if (out.subscriptions.size() == 10'000)
        throw std::runtime_error("subscriptions.csv: more than 10,000 rows");
      m365_subscription s;
      s.sku_name = t.get("SKU name");
      if (s.sku_name.empty())
        throw std::runtime_error(t.where("SKU name") + ": required value is missing");
      s.part_number = t.get("SKU part number");
      const auto total = file_import::parse_count(t.get("Total licenses"), 100'000'000);
      if (!total)
        throw std::runtime_error(t.where("Total licenses") + ": expected a whole number >= 0");
      s.total = *total;
      s.status = t.get("Status");
      s.expires = date_of(t, "Expires");
      s.price = t.get("Price per user");
      if (!s.price.empty())
        if (auto bad = file_import::check_money(s.price))
          throw std::runtime_error(t.where("Price per user") + ": " + *bad);
      s.currency = t.get("Currency");
      if (!s.currency.empty())
        if (auto bad = file_import::check_currency(s.currency))
          throw std::runtime_error(t.where("Currency") + ": " + *bad);
      out.subscriptions.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace legacy_m365
