// What `invhost health` finds wrong, read from the configuration, the manifests and the database
// without changing any of them. Each finding names the connection, how bad it is, what is wrong
// and what a person does about it.
#ifndef INVHOST_CLI_HEALTH_CHECKS_HPP
#define INVHOST_CLI_HEALTH_CHECKS_HPP

#include <invhost/calendar.hpp>
#include <invhost/host_config.hpp>
#include <invhost/manifest.hpp>
#include <invhost/store.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace invhost::cli {

// Ordered as the exit codes of a Nagios/Icinga check: 0 ok, 1 warning, 2 critical.
enum class health_severity { ok = 0, warning = 1, critical = 2 };
std::string_view to_string(health_severity s);

struct health_finding {
  std::string connection;  // empty: the host itself
  health_severity severity = health_severity::warning;
  std::string check;  // stale | never_imported | failing | held_run | held_supersession |
                      // credential | host
  std::string what;
  std::string hint;
};

// Every finding for the enabled connections of config as of now. db is nullptr when there is no
// database yet. A database that cannot be read is a critical finding, not an exception.
std::vector<health_finding> check_health(const host_config& config, const manifest_catalog& catalog,
                                         store* db, utc_instant now);

// The worst severity among the findings (ok when there are none).
health_severity overall(const std::vector<health_finding>& findings);

}  // namespace invhost::cli

#endif
