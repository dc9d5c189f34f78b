#include <fmt/format.h>

#include <algorithm>
#include <invhost/calendar.hpp>
#include <invhost/credential_expiry.hpp>

namespace invhost {

std::optional<int> notice_due(int64_t days_left) {
  if (days_left <= 0) return 0;
  for (const int ahead :
       {credential_critical_days, credential_reminder_days, credential_warning_days})
    if (days_left <= ahead) return ahead;
  return std::nullopt;
}

std::vector<credential_expiry> credential_expiries(const connector_entry& connection,
                                                   const manifest& adapter,
                                                   std::chrono::sys_days today) {
  std::vector<credential_expiry> out;
  for (const auto& [key, lifetime] : adapter.secret_lifetimes) {
    if (connection.secrets.count(key) == 0) continue;
    const auto created_text = connection.secrets_created.find(key);
    if (created_text == connection.secrets_created.end()) continue;
    const auto created = parse_calendar_date(created_text->second);
    if (!created) continue;  // the configuration reader refuses such a date
    if (!lifetime.applies_from.empty()) {
      const auto from = parse_calendar_date(lifetime.applies_from);
      if (from && *created < *from) continue;
    }
    const std::chrono::sys_days expires = *created + std::chrono::days{lifetime.days};
    out.push_back({key, created_text->second, format_calendar_date(expires),
                   static_cast<int64_t>((expires - today).count())});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.days_left != b.days_left ? a.days_left < b.days_left : a.secret < b.secret;
  });
  return out;
}

std::vector<std::string> secrets_of_unknown_age(const connector_entry& connection,
                                                const manifest& adapter) {
  std::vector<std::string> out;
  for (const auto& [key, lifetime] : adapter.secret_lifetimes)
    if (connection.secrets.count(key) != 0 && connection.secrets_created.count(key) == 0)
      out.push_back(key);
  return out;
}

std::string describe_expiry(const credential_expiry& e) {
  if (e.days_left > 0)
    return fmt::format("{} expires on {} (in {} day{})", e.secret, e.expires_on, e.days_left,
                       e.days_left == 1 ? "" : "s");
  if (e.days_left == 0) return fmt::format("{} expires today ({})", e.secret, e.expires_on);
  return fmt::format("{} expired on {} ({} day{} ago)", e.secret, e.expires_on, -e.days_left,
                     e.days_left == -1 ? "" : "s");
}

}  // namespace invhost
