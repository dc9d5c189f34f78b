// Saving a changed configuration into the invhost.toml a person wrote, keeping what they wrote.
#ifndef INVHOST_CONFIG_EDIT_HPP
#define INVHOST_CONFIG_EDIT_HPP

#include <invhost/host_config.hpp>
#include <string>
#include <string_view>

namespace invhost {

struct edited_config {
  std::string text;
  // False when the file's layout could not be edited in place (an inline table, dotted keys, a
  // static array of connectors) and text is the whole configuration written afresh.
  bool layout_kept = true;
};

// The text of `after` for a file that holds `original`, read as `before`. Only what differs is
// touched: a changed value is replaced where it stands, a new key goes below its table's last key,
// a new table or connector below its parent, a removed key's line and a removed connector's lines
// go (with the comment lines right above the connector). Every other byte stays: comments, blank
// lines, order, quoting. The result is read back and must give `after`; if it does not, or the
// layout is not one this edits, the whole file is written afresh instead.
edited_config edit_config_text(std::string_view original, const host_config& before,
                               const host_config& after);

}  // namespace invhost

#endif
