// How the licenses a run added, retired or returned read in `runs show` and the nightly summary:
// one text for both (the JSON shape is views::license_changes_json).
#ifndef INVHOST_CLI_LICENSE_CHANGE_VIEW_HPP
#define INVHOST_CLI_LICENSE_CHANGE_VIEW_HPP

#include <cstddef>
#include <invhost/inventory/license_changes.hpp>
#include <limits>
#include <string>
#include <vector>

namespace invhost::cli {

// Per connection, then per kind of change (and reason), a count and the licenses by host id,
// source id and name:
//     legacy-m365: 4 retired (superseded by fsm)
//           12  sku-e3  Microsoft 365 E3
// At most `per_group` licenses are named in each group; the rest are counted, with `more_hint`.
std::string license_changes_text(const std::vector<inventory::license_change>& changes,
                                 const std::string& indent,
                                 std::size_t per_group = std::numeric_limits<std::size_t>::max(),
                                 const std::string& more_hint = "");

}  // namespace invhost::cli

#endif
