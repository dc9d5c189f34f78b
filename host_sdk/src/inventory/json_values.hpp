// Database values as JSON values, one rule for every JSON document the inventory writes.
#ifndef INVHOST_INVENTORY_JSON_VALUES_HPP
#define INVHOST_INVENTORY_JSON_VALUES_HPP

#include <boost/json/value.hpp>
#include <optional>
#include <string>

namespace invhost::inventory::detail {

// A missing value is JSON null; an empty text stays an empty string.
inline boost::json::value text_or_null(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

}  // namespace invhost::inventory::detail

#endif  // INVHOST_INVENTORY_JSON_VALUES_HPP
