// The license list: every license of a reconciliation with the report's fields, its connection,
// utilisation and days to renewal; filtered, sorted and paged as a license_query says. The page,
// its CSV and its JSON are renderings of the same rows.
#ifndef INVHOST_VIEWS_LICENSE_LIST_HPP
#define INVHOST_VIEWS_LICENSE_LIST_HPP

#include <boost/json/object.hpp>
#include <cstdint>
#include <invhost/inventory/report.hpp>
#include <optional>
#include <string>
#include <vector>

#include "invhost/views/license_query.hpp"

namespace soci {
class session;
}

namespace invhost::views {

// What the list's filters compare, read from a license's report once, when its set is loaded: the
// overview alone filters every license a dozen times per request.
struct license_filter_fields {
  std::string status;
  std::string compliance;
  std::optional<std::string> connection;       // none: a local license
  std::optional<std::string> currency_folded;  // ASCII lowercase; none: no cost known
  std::vector<std::string> publishers_folded;  // the publisher field split at ", ", lowercase
  std::vector<std::string> texts_folded;       // name, imported name, publisher, products
  std::int64_t inactive = 0;
};
license_filter_fields filter_fields_of(const boost::json::object& license);

struct license_row {
  // The license exactly as the JSON report has it (inventory::build_report): the one place its
  // position and costs are turned into fields.
  boost::json::object report;
  // consumed / entitled in whole percent, rounded half up; nullopt when it has no meaning: an
  // unlimited license, nothing entitled, or a license measured in another unit.
  std::optional<std::int64_t> utilisation_percent;
  // The next date a term in effect on the reconciliation's date ends (YYYY-MM-DD), and the days
  // from that date to it; nullopt when every term in effect is open-ended, or none is in effect.
  std::optional<std::string> renewal_date;
  std::optional<std::int64_t> days_to_renewal;
  license_filter_fields filters;  // from `report`
};

struct license_list_page {
  std::vector<license_row> rows;  // the page asked for (empty beyond the last page)
  std::int64_t total = 0;         // licenses the filters select, on every page together
  std::int64_t page = 1;
  std::int64_t per_page = default_per_page;
  std::int64_t pages = 0;  // at least 1 when total > 0
};

// The whole report of reconciliation `reconciliation_id` with the list's rows: the report's
// top-level fields (as_of, stale, unallocated, supersession, links...) and every license.
struct license_set {
  boost::json::object report;     // as build_report makes it, licenses included
  std::vector<license_row> rows;  // every license, in the report's order
};
license_set load_licenses(soci::session& sql, std::int64_t reconciliation_id,
                          const inventory::report_options& options = {});

// The licenses `query` selects, in its order (its page and per_page ignored), as pointers into
// `rows`: what pages, counts and sums read without copying a license's report. Stable: equal
// sort keys keep the report's order.
std::vector<const license_row*> select_rows(const std::vector<license_row>& rows,
                                            const license_query& query);

// The same licenses copied: what CSV and JSON export.
std::vector<license_row> filter_and_sort(const std::vector<license_row>& rows,
                                         const license_query& query);

// A license as JSON: the report's fields and the list's own (utilisation_percent, renewal_date,
// days_to_renewal).
boost::json::object license_json(const license_row& row);

// One page of the selection.
license_list_page license_list(const license_set& set, const license_query& query);
// The page `query` asks for of licenses already selected by it (select_rows).
license_list_page license_list(const std::vector<const license_row*>& selected,
                               const license_query& query);

// The report's JSON (the shape of `invhost report --format json`) cut down to the licenses
// `query` selects, in its order, each with the list's own fields added (utilisation_percent,
// renewal_date, days_to_renewal); totals and summary recomputed over those licenses only.
boost::json::object license_list_json(const license_set& set, const license_query& query);

// The selected licenses as CSV: the report's columns, then the list's own, then `stale`.
std::string license_list_csv(const license_set& set, const license_query& query);

}  // namespace invhost::views

#endif
