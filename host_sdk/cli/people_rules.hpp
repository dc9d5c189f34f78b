// The host settings that shape people, as the inventory reads them (one translation, in the
// pipeline library, for every caller).
#ifndef INVHOST_CLI_PEOPLE_RULES_HPP
#define INVHOST_CLI_PEOPLE_RULES_HPP

#include <invhost/pipeline/host.hpp>

namespace invhost::cli {

using pipeline::people_rules_of;

}  // namespace invhost::cli

#endif
