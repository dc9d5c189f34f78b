// The overview: the figures a license manager reads first, each one the count or sum of a
// license list filter, so that a page can link every figure to the licenses behind it.
#ifndef INVHOST_VIEWS_OVERVIEW_HPP
#define INVHOST_VIEWS_OVERVIEW_HPP

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "invhost/views/license_list.hpp"
#include "invhost/views/license_query.hpp"

namespace soci {
class session;
}

namespace invhost::views {

// A number and the list filter whose licenses make it.
struct figure {
  std::string value;  // a count, or money as decimal text at its currency's minor unit
  license_query licenses;
};

// Active licenses by currency (currency "" for those with no known cost: their costs are
// unknown, not zero, so they have no money figures).
struct currency_figures {
  std::string currency;
  figure active_licenses;
  figure non_compliant;
  std::optional<figure> true_up_exposure;  // sum of true-up costs; absent for currency ""
  std::optional<figure> unused_cost;       // sum of unused costs; absent for currency ""
};

struct renewal_window {
  std::int64_t days = 0;
  figure licenses;  // active licenses with a term in effect ending within `days` days
};

// The last import of a connection, and whether the positions shown predate one of its merges.
struct connection_import {
  std::string connection;
  std::int64_t run_id = 0;
  std::string started_at;
  std::string finished_at;   // '' while running
  std::string outcome;       // the run's outcome (staged, incomplete, failed...)
  std::string merge_status;  // '' when never merged (merged, held, ...)
  bool stale = false;        // a run of it was merged after the positions were computed
  std::optional<std::int64_t> newer_merged_run;
};

struct overview {
  std::string as_of;
  std::int64_t reconciliation_id = 0;
  std::optional<std::string> stale_reason;   // inventory::staleness
  std::vector<currency_figures> currencies;  // by currency code, "" last
  // Seats of active licenses: consumed, and of those inactive (the unused share).
  std::int64_t consumed_seats = 0;
  figure unused_seats;
  std::optional<std::string> unused_share_percent;  // one decimal, half up; none with no seat
  std::vector<renewal_window> renewals;             // 30, 60 and 90 days
  std::vector<connection_import> connections;       // by connection id
};

// The overview of the licenses in `set` (load_licenses): everything but `connections`. Every
// figure is computed from the list filter it carries; those filters carry `link_as_of` ('' for
// today), the date the overview was asked for. Reads nothing but `set`.
overview overview_figures(const license_set& set, const std::string& link_as_of = "");

// The last import of each connection that has run, against reconciliation `reconciliation_id`.
std::vector<connection_import> last_imports(soci::session& sql, std::int64_t reconciliation_id);

// overview_figures, and the last imports in `connections`.
overview build_overview(soci::session& sql, const license_set& set,
                        const std::string& link_as_of = "");

boost::json::object overview_json(const overview& o);

// One line per figure: figure, currency, value, and the list's query string.
std::string overview_csv(const overview& o);

}  // namespace invhost::views

#endif
