#include "invhost/views/positions.hpp"

#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <stdexcept>

namespace invhost::views {

std::int64_t positions_of(soci::session& sql, const std::string& day,
                          const inventory::people_rules& rules,
                          const std::function<inventory::run_lock()>& take_lock) {
  if (!inventory::is_valid_date(day)) throw std::invalid_argument("not a date: " + day);
  if (auto rid = inventory::latest_reconciliation(sql, day)) return *rid;
  const auto lock = take_lock();
  // Another process may have reconciled the day while this one waited for the lock.
  if (auto rid = inventory::latest_reconciliation(sql, day)) return *rid;
  return inventory::reconcile(sql, day, rules).reconciliation_id;
}

}  // namespace invhost::views
