// A tenant read from a directory of JSON files in the API's own shapes, and the writer of that
// format (`--dump-tenant`).
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "tenant.hpp"

namespace fsmsim {

// Reads managed-apps.json, licenses.json and app-users.json (each a JSON array of default-view
// API objects) from `dir`. The reference date is `reference`, else summary.json's
// "referenceDate", else today. Throws std::runtime_error with the file name on any problem.
std::unique_ptr<tenant> load_tenant_dir(const std::filesystem::path& dir, std::int64_t org,
                                        std::optional<days_t> reference);

// Writes `t` to `dir` (created if needed) in the format above plus summary.json.
void dump_tenant_dir(const tenant& t, const std::filesystem::path& dir);

// {"referenceDate", "apps", "licenses", "terms", "appUsers", "appUsersIncludedByDefault",
//  "distinctPeople"}; people are keyed by lower-cased email, else uniqueId.
boost::json::object tenant_summary(const tenant& t);

}  // namespace fsmsim
