// Documents of the source tree the console shows, embedded at build time.
#ifndef INVHOST_CONSOLE_EMBEDDED_DOCUMENTS_HPP
#define INVHOST_CONSOLE_EMBEDDED_DOCUMENTS_HPP

#include <string_view>

namespace invhost::console {

// docs/data-mapping.md as built.
std::string_view data_mapping_markdown();

}  // namespace invhost::console

#endif
