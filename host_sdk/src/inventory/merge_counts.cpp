#include <fmt/format.h>
#include <soci/soci.h>

#include <array>
#include <invhost/inventory/merge_counts.hpp>

namespace invhost::inventory {

std::string counts_text(const merge_counts& counts) {
  std::string out;
  for (const auto& f : merge_count_fields)
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", counts.*f.value, f.name);
  return out;
}

void record_merge_counts(soci::session& sql, std::int64_t run_id, const merge_counts& counts) {
  const long long id = run_id, added = counts.licenses_new, updated = counts.licenses_updated,
                  retired = counts.licenses_retired, returned = counts.licenses_returned,
                  superseded = counts.superseded;
  sql << "UPDATE runs SET merge_new = :n, merge_updated = :u, merge_retired = :d, "
         "merge_returned = :b, merge_superseded = :s WHERE id = :r",
      soci::use(added), soci::use(updated), soci::use(retired), soci::use(returned),
      soci::use(superseded), soci::use(id);
}

std::optional<merge_counts> recorded_merge_counts(soci::session& sql, std::int64_t run_id) {
  const long long id = run_id;
  // In merge_count_fields order.
  std::array<long long, merge_count_fields.size()> values{};
  std::array<soci::indicator, merge_count_fields.size()> present{};
  sql << "SELECT merge_new, merge_updated, merge_retired, merge_returned, merge_superseded "
         "FROM runs WHERE id = :r",
      soci::into(values[0], present[0]), soci::into(values[1], present[1]),
      soci::into(values[2], present[2]), soci::into(values[3], present[3]),
      soci::into(values[4], present[4]), soci::use(id);
  // The merge writes all five at once: a NULL merge_new means none were recorded.
  if (!sql.got_data() || present[0] != soci::i_ok) return std::nullopt;
  merge_counts counts;
  for (std::size_t i = 0; i < values.size(); ++i)
    counts.*merge_count_fields[i].value = present[i] == soci::i_ok ? values[i] : 0;
  return counts;
}

}  // namespace invhost::inventory
