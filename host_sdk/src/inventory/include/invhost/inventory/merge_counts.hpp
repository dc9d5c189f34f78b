// What one merge did to its connection's licenses: computed by the merge, recorded on its run
// (here, the only place that knows those columns), shown by `runs show`, its JSON and the console's
// run page.
#ifndef INVHOST_INVENTORY_MERGE_COUNTS_HPP
#define INVHOST_INVENTORY_MERGE_COUNTS_HPP

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soci {
class session;
}

namespace invhost::inventory {

struct merge_counts {
  std::int64_t licenses_new = 0;
  std::int64_t licenses_updated = 0;   // known before and not returning: written again from source
  std::int64_t licenses_retired = 0;   // removed from source by this run
  std::int64_t licenses_returned = 0;  // retired earlier, back in this run
  std::int64_t superseded = 0;         // retired because their adapter is superseded
};

// Every count once, in the order each rendering lists them: its name (the JSON key and the word
// in "1 new, 2 updated, ...") and where it is held.
struct merge_count_field {
  std::string_view name;
  std::int64_t merge_counts::*value;
};

inline constexpr std::array<merge_count_field, 5> merge_count_fields{{
    {"new", &merge_counts::licenses_new},
    {"updated", &merge_counts::licenses_updated},
    {"retired", &merge_counts::licenses_retired},
    {"returned", &merge_counts::licenses_returned},
    {"superseded", &merge_counts::superseded},
}};

// "1 new, 2 updated, 0 retired, 0 returned, 0 superseded": every count, in the order above.
std::string counts_text(const merge_counts& counts);

// Writes the counts on run `run_id` (runs.merge_new ... merge_superseded); the merge calls it in
// its own transaction.
void record_merge_counts(soci::session& sql, std::int64_t run_id, const merge_counts& counts);

// The counts recorded on run `run_id`; nullopt when none are (not merged, or merged before they
// were kept).
std::optional<merge_counts> recorded_merge_counts(soci::session& sql, std::int64_t run_id);

}  // namespace invhost::inventory

#endif
