#include "invhost/inventory/position.hpp"

#include <algorithm>
#include <stdexcept>

#include "invhost/inventory/dates.hpp"
#include "invhost/inventory/money.hpp"

namespace invhost::inventory {

const char* to_string(compliance c) {
  switch (c) {
    case compliance::compliant:
      return "compliant";
    case compliance::non_compliant:
      return "non-compliant";
    case compliance::not_applicable:
      return "not-applicable";
  }
  return "non-compliant";
}

bool in_effect(const term& t, const std::string& day) {
  if (t.is_active == false) return false;
  if (t.hidden == true) return false;
  if (!t.effective_at.empty()) {
    auto d = utc_date_of(t.effective_at);
    if (!d || *d > day) return false;
  }
  if (!t.ends_at.empty()) {
    auto d = utc_date_of(t.ends_at);
    if (!d || *d < day) return false;
  }
  return true;
}

bool user_counted(const term& t) {
  return t.term_type.empty() || t.term_type == "perUser" || t.term_type == "perLogin";
}

namespace {

// The per-user cost of the chosen term, kept at stored_scale(currency), when it carries one.
// Rounded half away from zero at the currency's minor unit; a code outside ISO 4217 is rounded
// at the scale the source gave (at most 4).
std::optional<std::int64_t> per_user_cost_of(const term& t, const std::string& currency) {
  std::optional<decimal> value;
  std::int64_t divisor = 1;
  if (auto puc = parse_decimal(t.per_user_cost)) {
    value = puc;
  } else if (t.items_allowed > 0) {
    value = parse_decimal(t.annual_cost);
    divisor = t.items_allowed;
  }
  if (!value) return std::nullopt;
  const int kept = stored_scale(currency);
  const int scale = iso_minor_unit(currency).value_or(std::min(value->scale, kept));
  return rescale(to_minor_divided(*value, divisor, scale), scale, kept);
}

}  // namespace

position compute_position(const std::vector<term>& terms, const std::string& day,
                          std::int64_t consumed, std::int64_t inactive,
                          const std::string& fallback_currency) {
  position p;
  p.consumed = consumed;
  p.inactive = inactive;
  bool any_in_effect = false;
  const term* cost_term = nullptr;
  for (const term& t : terms) {
    if (!in_effect(t, day)) continue;
    any_in_effect = true;
    if (t.term_type == "perOrg" || t.is_unlimited == true) p.unlimited = true;
    if (!user_counted(t)) continue;
    p.entitled = checked_add(p.entitled, t.items_allowed);
    if (cost_term == nullptr || t.items_allowed > cost_term->items_allowed) cost_term = &t;
  }
  // A license whose terms in effect all count nodes or locations is measured in another unit,
  // even when one of those terms says it is unlimited.
  bool only_node_or_location = any_in_effect;
  for (const term& t : terms)
    if (in_effect(t, day) && t.term_type != "perNode" && t.term_type != "perLocation")
      only_node_or_location = false;
  if (only_node_or_location) {
    p.unlimited = false;
    p.entitled = 0;
    p.state = compliance::not_applicable;
    return p;
  }
  if (p.unlimited) {
    p.state = compliance::compliant;
  } else {
    p.available = p.entitled >= consumed ? p.entitled - consumed : 0;
    p.shortfall = consumed > p.entitled ? consumed - p.entitled : 0;
    p.state = consumed <= p.entitled ? compliance::compliant : compliance::non_compliant;
  }
  if (cost_term != nullptr) {
    const std::string& currency =
        cost_term->currency.empty() ? fallback_currency : cost_term->currency;
    auto cost = currency.empty() ? std::nullopt : per_user_cost_of(*cost_term, currency);
    if (cost) {
      p.currency = currency;
      p.per_user_cost = *cost;
      p.unused_cost = checked_multiply(*cost, p.inactive);
      p.true_up_cost = checked_multiply(*cost, p.shortfall);
    }
  }
  return p;
}

}  // namespace invhost::inventory
