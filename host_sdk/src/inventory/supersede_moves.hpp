// One move of a supersede plan: what it carries from a legacy license to its replacement, the
// sentence that says so, making it, and reversing it after checking nothing changed since.
#ifndef INVHOST_INVENTORY_SUPERSEDE_MOVES_HPP
#define INVHOST_INVENTORY_SUPERSEDE_MOVES_HPP

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace soci {
class session;
}

namespace invhost::inventory::detail {

// The local fields a plan moves, in the order it moves them. Notes come last: values that
// conflict are written into the replacement's notes first, then the legacy notes follow them.
// Column names come only from this list, never from input.
inline constexpr std::array<const char*, 5> moved_fields{"display_name", "owner", "cost_centre",
                                                         "location", "notes"};

struct plan_move {
  std::string kind;  // purchase | attachment | group | field
  std::int64_t from = 0, to = 0;
  std::string field;         // group: its name; field: the legacy field
  std::string target_field;  // field: where the value goes
  std::optional<std::int64_t> ref;
  std::optional<std::string> legacy_value, target_before, target_after;
  std::string effect;  // purchase, group: linked | already linked; else ""
  bool operator==(const plan_move&) const = default;
};

// NULL and '' are both "no value" for a local field.
bool no_value(const std::optional<std::string>& v);

// "owner 'alice': license 2 -> license 9 (it had none)".
std::string describe(const plan_move& m);

// Makes the move. Inside the caller's transaction.
void execute_move(soci::session& sql, const plan_move& m);

// Reverses the move after checking that what it left is still there; throws `refused` naming
// what changed. Inside the caller's transaction.
void reverse_move(soci::session& sql, std::int64_t plan_id, const plan_move& m);

// One row of the audit log for the move (action: apply | undo).
void audit_move(soci::session& sql, std::int64_t plan_id, const std::string& action,
                const std::string& who, const std::string& at, const plan_move& m);

}  // namespace invhost::inventory::detail

#endif
