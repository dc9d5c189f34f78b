// The license position report: one JSON document (the public contract), and the table and CSV
// renderings of it.
#ifndef INVHOST_INVENTORY_REPORT_HPP
#define INVHOST_INVENTORY_REPORT_HPP

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "invhost/inventory/people.hpp"

namespace soci {
class session;
}

namespace invhost::inventory {

struct report_options {
  // The host's optional top-bar link; shown as links.top_bar when set.
  std::optional<std::string> top_bar_link;
  // The host's internal_domains: each license's external_users counts consuming users of any
  // other domain (0 everywhere when the list is empty).
  std::vector<std::string> internal_domains;
  // The host's people rules, so that external users are counted as the positions count consumers.
  people_rules people;
};

// The report of reconciliation `reconciliation_id`: {as_of, licenses[], unallocated[], totals{}}
// with the fields docs/data-mapping.md lists. Money is decimal text with two decimals or null.
boost::json::object build_report(soci::session& sql, std::int64_t reconciliation_id,
                                 const report_options& options = {});

// The report's totals (per currency: active licenses with a known cost, their unused and true-up
// costs) and its summary (active, retired, non-compliant), added up one license at a time.
// Retired licenses count in no total.
class report_totals {
 public:
  // A license as the report has it.
  void add(const boost::json::object& license);
  // The report's "totals" object, currencies in order.
  [[nodiscard]] boost::json::object totals_json() const;
  // The report's "summary" object.
  [[nodiscard]] boost::json::object summary_json() const;

 private:
  struct currency_total {
    std::int64_t licenses = 0;
    std::int64_t unused_cost = 0;   // in the currency's stored units
    std::int64_t true_up_cost = 0;  // the same
  };
  std::map<std::string, currency_total> by_currency_;
  std::int64_t active_ = 0;
  std::int64_t retired_ = 0;
  std::int64_t non_compliant_ = 0;
};

// Sets report.totals and report.summary from report.licenses, so that a report cut down to some of
// its licenses keeps totals that add up.
void set_report_totals(boost::json::object& report);

// One line per license, header first, RFC 4180 quoting. `extra_columns` name fields a caller added
// to each license; they follow the report's own columns (a missing one is an empty cell).
std::string report_csv(const boost::json::object& report,
                       const std::vector<std::string>& extra_columns = {});

// A fixed-width table for a terminal, then unallocated users and totals.
std::string report_table(const boost::json::object& report);

}  // namespace invhost::inventory

#endif
