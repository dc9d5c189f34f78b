// The pure arithmetic of one license's position: terms in, numbers out. No database.
#ifndef INVHOST_INVENTORY_POSITION_HPP
#define INVHOST_INVENTORY_POSITION_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace invhost::inventory {

// One entitlement term (or, for a local-only license, one linked purchase) as stored.
struct term {
  std::string term_type;  // '' | perUser | perLogin | perNode | perLocation | perOrg
  std::int64_t items_allowed = 0;
  std::optional<bool> is_unlimited;
  std::optional<bool> is_active;
  std::optional<bool> hidden;
  std::string effective_at;
  std::string ends_at;
  std::string annual_cost;    // decimal text for the whole term, '' unknown
  std::string per_user_cost;  // decimal text, '' unknown
  std::string currency;
};

enum class compliance { compliant, non_compliant, not_applicable };
const char* to_string(compliance c);

struct position {
  bool unlimited = false;
  std::int64_t entitled = 0;
  std::int64_t consumed = 0;
  std::int64_t available = 0;
  std::int64_t shortfall = 0;
  std::int64_t inactive = 0;
  compliance state = compliance::compliant;
  std::optional<std::string> currency;        // known exactly when per_user_cost is
  std::optional<std::int64_t> per_user_cost;  // at stored_scale(*currency) (money.hpp)
  std::optional<std::int64_t> unused_cost;
  std::optional<std::int64_t> true_up_cost;
};

// True when the term counts on date D (YYYY-MM-DD): active, not hidden, started, not ended.
// A date that cannot be read keeps the term out: nothing is claimed without evidence.
bool in_effect(const term& t, const std::string& day);

// True for terms counted in users: perUser, perLogin or no type.
bool user_counted(const term& t);

// The position of a license with `terms` (in the source's order), `consumed` distinct users of
// whom `inactive` are inactive, on day D. fallback_currency: the agreement fees' currency.
// Sums and products are checked: std::overflow_error rather than a wrapped number.
position compute_position(const std::vector<term>& terms, const std::string& day,
                          std::int64_t consumed, std::int64_t inactive,
                          const std::string& fallback_currency);

}  // namespace invhost::inventory

#endif
