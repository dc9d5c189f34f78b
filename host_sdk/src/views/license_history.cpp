#include "invhost/views/license_history.hpp"

#include <algorithm>
#include <boost/json.hpp>

namespace invhost::views {
namespace {

const std::string& at_of(const license_history_entry& e) {
  return std::visit([](const auto& v) -> const std::string& { return v.at; }, e);
}

boost::json::value text_or_null(const std::optional<std::string>& v) {
  if (!v) return nullptr;
  return boost::json::string(*v);
}

}  // namespace

std::vector<license_history_entry> license_history(soci::session& sql, std::int64_t license_id) {
  std::vector<license_history_entry> out;
  for (auto& c : inventory::license_changes_of_license(sql, license_id)) out.emplace_back(c);
  for (auto& e : inventory::license_edits_of(sql, license_id)) out.emplace_back(e);
  // Both lists are oldest first and the timestamps are fixed-width ISO 8601 UTC, so comparing
  // them as text orders by time; the stable sort keeps imports before edits within one second.
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return at_of(a) < at_of(b); });
  return out;
}

boost::json::array license_history_json(const std::vector<license_history_entry>& history) {
  boost::json::array out;
  for (const auto& entry : history) {
    if (const auto* c = std::get_if<inventory::license_change>(&entry)) {
      out.push_back({{"at", c->at},
                     {"source", "import"},
                     {"kind", inventory::to_string(c->kind)},
                     {"reason", c->reason},
                     {"run_id", c->run_id ? boost::json::value(*c->run_id) : nullptr},
                     {"connection", c->connection},
                     {"external_id", c->external_id},
                     {"name", c->name}});
    } else {
      const auto& e = std::get<inventory::license_edit>(entry);
      out.push_back({{"at", e.at},
                     {"source", "edit"},
                     {"field", e.field},
                     {"old_value", text_or_null(e.old_value)},
                     {"new_value", text_or_null(e.new_value)},
                     {"actor", e.actor}});
    }
  }
  return out;
}

}  // namespace invhost::views
