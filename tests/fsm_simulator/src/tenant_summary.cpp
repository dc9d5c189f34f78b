#include <algorithm>
#include <boost/json/array.hpp>
#include <cctype>
#include <unordered_set>

#include "tenant_dir.hpp"

namespace fsmsim {

boost::json::object tenant_summary(const tenant& t) {
  std::size_t terms = 0;
  for (std::size_t i = 0; i < t.license_count(); ++i) {
    const auto l = t.license(i);
    if (const auto* a = l.if_contains("terms"); a != nullptr && a->is_array()) {
      terms += a->get_array().size();
    }
  }
  std::size_t included = 0;
  std::unordered_set<std::string> people;
  for (std::size_t i = 0; i < t.user_count(); ++i) {
    if (t.user_included_by_default(i)) ++included;
    const auto u = t.user(i);
    std::string key;
    if (const auto* e = u.if_contains("email"); e != nullptr && e->is_string()) {
      key = std::string(e->get_string());
      std::transform(key.begin(), key.end(), key.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    } else if (const auto* id = u.if_contains("uniqueId"); id != nullptr && id->is_string()) {
      key = "uniqueId:" + std::string(id->get_string());
    }
    if (!key.empty()) people.insert(std::move(key));
  }
  boost::json::object s;
  s["referenceDate"] = format_date(t.reference_date());
  s["apps"] = t.app_count();
  s["licenses"] = t.license_count();
  s["terms"] = terms;
  s["appUsers"] = t.user_count();
  s["appUsersIncludedByDefault"] = included;
  s["distinctPeople"] = people.size();
  return s;
}

}  // namespace fsmsim
