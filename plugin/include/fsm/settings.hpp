// The connector's settings, parsed and checked without touching the network or the disk.
#ifndef FSM_SETTINGS_HPP
#define FSM_SETTINGS_HPP

#include <chrono>
#include <cstdint>
#include <fsm/endpoint.hpp>
#include <fsm/proxy.hpp>
#include <invsdk/adapter_base.hpp>
#include <string>
#include <string_view>

namespace fsm {

// Which OAuth grant the token endpoint is asked for.
enum class grant { refresh_token, client_credentials };

struct credential {
  grant kind = grant::refresh_token;
  std::string refresh_token;  // secret
  std::string client_id;
  std::string client_secret;  // secret
};

struct settings {
  int64_t org_id = 0;
  std::string region = "na";
  endpoint api;
  endpoint token;
  credential cred;
  std::string ca_file;  // empty: system trust store only
  proxy_plan proxies;   // from the proxy settings, else the environment
  std::chrono::seconds request_timeout{60};
  int requests_per_minute = 500;
  int max_retries = 6;
  int max_total_retries = 200;  // retry budget of one run, across all requests
  std::chrono::milliseconds retry_initial_delay{1000};
  std::chrono::milliseconds retry_max_delay{60000};
  // Pages read of one list at most: a server whose nextPage never ends cannot keep a run going
  // for ever. 20,000 pages of 100 is two million items, beyond any one organisation's list.
  uint64_t max_pages = 20000;
  std::string license_link_template;      // {org_id}, {license_id}
  std::string application_link_template;  // {org_id}, {application_id}
  std::string top_bar_link_template;      // {org_id}; empty = no top-bar link

  // "/saas/v1/orgs/<org>" under the API base path.
  [[nodiscard]] std::string org_path() const;
};

// INVALID_CONFIG naming the setting: "setting 'key' why".
[[noreturn]] void setting_error(std::string_view key, const std::string& why);

// A value taken from a reference (a secret, a credential) is checked for shape only, at most
// max_length characters and no control character; its value never appears in a message.
void check_referenced_value(const std::string& value, std::string_view key, std::size_t max_length);

// Parses and checks every setting. Throws invsdk::error(INVALID_CONFIG) with a message that names
// the setting (or proxy environment variable) at fault and never repeats a secret's value.
// env: where the proxy variables are read when no proxy setting is given.
settings parse_settings(const invsdk::config& config,
                        const environment_lookup& env = process_environment);

}  // namespace fsm

#endif  // FSM_SETTINGS_HPP
