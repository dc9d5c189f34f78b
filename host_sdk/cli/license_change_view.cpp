#include "license_change_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace invhost::cli {

std::string license_changes_text(const std::vector<inventory::license_change>& changes,
                                 const std::string& indent, std::size_t per_group,
                                 const std::string& more_hint) {
  using inventory::license_change;
  std::vector<const license_change*> sorted;
  sorted.reserve(changes.size());
  for (const auto& c : changes) sorted.push_back(&c);
  const auto group_of = [](const license_change* c) {
    return std::tie(c->connection, c->kind, c->reason);
  };
  std::stable_sort(sorted.begin(), sorted.end(), [&](const auto* a, const auto* b) {
    return std::tie(a->connection, a->kind, a->reason, a->name, a->external_id) <
           std::tie(b->connection, b->kind, b->reason, b->name, b->external_id);
  });
  std::string out;
  for (auto first = sorted.begin(); first != sorted.end();) {
    const auto last = std::find_if(first, sorted.end(), [&](const license_change* c) {
      return group_of(c) != group_of(*first);
    });
    const license_change& head = **first;
    const auto n = static_cast<std::size_t>(last - first);
    out +=
        fmt::format("{}{}: {} {}{}\n", indent, head.connection, n, inventory::to_string(head.kind),
                    head.reason.empty() ? "" : " (" + head.reason + ")");
    std::size_t shown = 0;
    for (auto it = first; it != last && shown < per_group; ++it, ++shown)
      out += fmt::format("{}  {:>6}  {}  {}\n", indent, (*it)->license_id, (*it)->external_id,
                         (*it)->name);
    if (shown < n)
      out += fmt::format("{}  ... and {} more{}\n", indent, n - shown,
                         more_hint.empty() ? "" : ": " + more_hint);
    first = last;
  }
  return out;
}

}  // namespace invhost::cli
