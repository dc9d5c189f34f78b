// Reading soci::row columns the same way on every backend: SQLite and PostgreSQL report integer
// columns with different widths, and computed columns with whatever type the backend chose.
#ifndef INVHOST_INVENTORY_ROW_VALUES_HPP
#define INVHOST_INVENTORY_ROW_VALUES_HPP

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

namespace invhost::inventory::detail {

inline std::optional<std::int64_t> opt_int(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_long_long:
      return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_string:
      return std::stoll(r.get<std::string>(i));
    default:
      return static_cast<std::int64_t>(r.get<double>(i));  // never money: counts only
  }
}

inline std::int64_t as_int(const soci::row& r, std::size_t i) {
  return opt_int(r, i).value_or(0);
}

inline std::optional<std::string> opt_text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
  if (r.get_properties(i).get_data_type() != soci::dt_string) return std::to_string(as_int(r, i));
  return r.get<std::string>(i);
}

inline std::string as_text(const soci::row& r, std::size_t i) {
  return opt_text(r, i).value_or(std::string());
}

}  // namespace invhost::inventory::detail

#endif
