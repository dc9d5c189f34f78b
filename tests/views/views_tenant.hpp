// A small inventory whose list, overview and application figures are worked out by hand in
// views_tenant.cpp from the rules of the positions (docs/data-mapping.md), on 2024-06-15.
#ifndef INVHOST_TESTS_VIEWS_TENANT_HPP
#define INVHOST_TESTS_VIEWS_TENANT_HPP

#include <soci/soci.h>

#include <cstdint>
#include <invhost/views/license_list.hpp>
#include <string>
#include <vector>

namespace viewstest {

inline const std::string D = "2024-06-15";

// Merges the tenant (a first import with L7, a second without it, so L7 is retired), adds the
// local license "Visio local", reconciles D and returns the reconciliation id.
std::int64_t build_inventory(soci::session& sql);

// Merges the second import again with one more consuming user of L1 (Zoom Business), active on
// 2024-06-01: a later import that changes one license's consumers and nothing else.
void merge_one_more_zoom_user(soci::session& sql, const std::string& email);

// The licenses of that reconciliation, as the views load them.
invhost::views::license_set load(soci::session& sql, std::int64_t reconciliation_id);

// The names of rows, in order ("name" field: display name else imported name).
std::vector<std::string> names(const std::vector<invhost::views::license_row>& rows);

}  // namespace viewstest

#endif
