// What the license list shows, as a query string: the URL is the contract, so a page, its CSV and
// its JSON take the same parameters and a bookmark keeps meaning the same thing.
#ifndef INVHOST_VIEWS_LICENSE_QUERY_HPP
#define INVHOST_VIEWS_LICENSE_QUERY_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace invhost::views {

inline constexpr std::int64_t default_per_page = 50;
inline constexpr std::int64_t max_per_page = 500;
inline constexpr std::int64_t max_page = 1000000;
inline constexpr std::int64_t max_renewal_within_days = 3660;
inline constexpr std::size_t max_query_text = 200;
inline constexpr std::size_t max_query_string = 4096;

struct license_query {
  std::string status;      // '' any | active | retired
  std::string compliance;  // '' any | compliant | non-compliant | not-applicable
  std::string connection;  // '' any | a connection id | "local" (recorded locally)
  std::string publisher;   // '' any | one of the license's publishers (case-insensitive)
  std::string currency;    // '' any | a currency code | "none" (no known cost)
  std::string q;           // '' | text in name, imported name, publisher or products
  std::optional<std::int64_t> renewal_within;  // a term in effect ends within 0..N days
  bool unused = false;                         // only licenses with inactive consumers
  std::string sort = "name";  // a column of the list; '' keeps the report's order (by
                              // connection and external id), which no URL asks for
  bool descending = false;    // "-" before the column in the URL
  std::int64_t page = 1;
  std::int64_t per_page = default_per_page;
  std::string as_of;  // '' today
};

// A parameter that cannot be used, named as in the URL, with what would be accepted.
struct query_error {
  std::string parameter;
  std::string message;
};

struct parsed_license_query {
  license_query query;
  std::vector<query_error> errors;  // empty when the query can be run
  bool ok() const { return errors.empty(); }
};

// The columns the list can sort by: the report's license fields and the list's own.
const std::vector<std::string>& sortable_columns();

// Reads "status=active&sort=-shortfall&page=2" (percent-encoded, '+' a space). Parameters it does
// not know are ignored (a form's button may add one); a known one with a bad value is an error,
// never a guess. Repeated parameters: the last wins. Never throws on any input.
parsed_license_query parse_license_query(std::string_view query_string);

// The query string that reads back as `q`, listing only what differs from the defaults, in a
// fixed order; "" for the defaults.
std::string to_query_string(const license_query& q);

}  // namespace invhost::views

#endif
