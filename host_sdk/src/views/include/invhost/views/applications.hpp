// Applications by name: the licenses that cover each, and its users no license counts
// (unallocated, as the reconciliation found them).
#ifndef INVHOST_VIEWS_APPLICATIONS_HPP
#define INVHOST_VIEWS_APPLICATIONS_HPP

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "invhost/views/license_list.hpp"

namespace soci {
class session;
}

namespace invhost::views {

// The same name under several connections (or twice in one) is one application to a license
// manager; its records stay listed so that nothing is merged silently.
struct application_record {
  std::string connection;
  std::string external_id;
  std::string publisher;
  std::int64_t unallocated_users = 0;  // distinct people, as the reconciliation counted them
};

struct application_row {
  std::string name;
  std::vector<std::string> publishers;      // distinct, sorted
  std::vector<std::int64_t> license_ids;    // licenses covering one of its records, by id
  std::int64_t unallocated_users = 0;       // sum over its records
  std::vector<application_record> records;  // by connection, then external id
};

// Every application of the inventory, by name, with the licenses of `set` that cover it.
std::vector<application_row> applications(soci::session& sql, const license_set& set);

struct application_detail {
  application_row application;
  std::vector<license_row> licenses;  // in the report's order
};

// The application called `name` (exactly), or nothing.
std::optional<application_detail> find_application(soci::session& sql, const license_set& set,
                                                   const std::string& name);

boost::json::object applications_json(const license_set& set,
                                      const std::vector<application_row>& rows);
boost::json::object application_detail_json(const license_set& set, const application_detail& d);

// One line per application: name, publishers, licenses, unallocated_users.
std::string applications_csv(const std::vector<application_row>& rows);

}  // namespace invhost::views

#endif
