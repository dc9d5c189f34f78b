// The host settings that shape people, as the inventory reads them: one translation for every
// command that counts licenses or lists people.
#ifndef INVHOST_CLI_PEOPLE_RULES_HPP
#define INVHOST_CLI_PEOPLE_RULES_HPP

#include <invhost/host_config.hpp>
#include <invhost/inventory/people.hpp>

namespace invhost::cli {

inline inventory::people_rules people_rules_of(const host_config& config) {
  return {config.people_strip_plus_addressing, config.exclude_accounts};
}

}  // namespace invhost::cli

#endif
