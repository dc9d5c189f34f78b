// When the secrets of a connection expire: the date each was set (invhost.toml, secrets_created)
// plus the lifetime its adapter's manifest declares (secret_lifetimes), or the day the source
// fixed (secrets_expire), whichever comes first. Only keys and dates are handled here, never a
// secret's value.
#ifndef INVHOST_CREDENTIAL_EXPIRY_HPP
#define INVHOST_CREDENTIAL_EXPIRY_HPP

#include <chrono>
#include <cstdint>
#include <invhost/host_config.hpp>
#include <invhost/manifest.hpp>
#include <optional>
#include <string>
#include <vector>

namespace invhost {

// The host warns this many days ahead of an expiry, the last one (and after) as critical.
inline constexpr int credential_warning_days = 30;
inline constexpr int credential_reminder_days = 14;
inline constexpr int credential_critical_days = 7;

struct credential_expiry {
  std::string secret;      // the setting's key
  std::string created_on;  // YYYY-MM-DD; empty when unknown (an expiry day given alone)
  std::string expires_on;  // YYYY-MM-DD
  int64_t days_left = 0;   // expires_on - today: 0 expires today, negative expired
};

// Which notice is due: nullopt until 30 days ahead, then 30, 14 or 7 (days ahead), 0 once the
// day of expiry has come.
std::optional<int> notice_due(int64_t days_left);

// Each secret of the connection with a known expiry, earliest first. A secret created before its
// lifetime's applies_from has none from the manifest.
std::vector<credential_expiry> credential_expiries(const connector_entry& connection,
                                                   const manifest& adapter,
                                                   std::chrono::sys_days today);

// The secrets whose manifest declares a lifetime but whose creation date (and expiry day) the host
// does not know.
std::vector<std::string> secrets_of_unknown_age(const connector_entry& connection,
                                                const manifest& adapter);

// "refresh_token expires on 2027-03-18 (in 14 days)", "... expires today", "... expired on
// 2027-03-18 (3 days ago)".
std::string describe_expiry(const credential_expiry& e);

}  // namespace invhost

#endif
