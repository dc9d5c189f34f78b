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
  for (const auto& [key, reference] : connection.secrets) {
    // Days and flags rather than optionals: GCC's -O3 flow analysis reads an optional's payload
    // as possibly uninitialised in the arithmetic below (-Wmaybe-uninitialized).
    std::chrono::sys_days created{}, expires{};
    bool has_created = false, has_expiry = false;
    const auto created_text = connection.secrets_created.find(key);
    if (created_text != connection.secrets_created.end()) {
      const auto day = parse_calendar_date(created_text->second);
      has_created = day.has_value();
      created = day.value_or(std::chrono::sys_days{});
    }
    // The manifest's lifetime, for a secret created since it applies.
    if (const auto lifetime = adapter.secret_lifetimes.find(key);
        lifetime != adapter.secret_lifetimes.end() && has_created) {
      const auto from = parse_calendar_date(lifetime->second.applies_from);
      if (created >= from.value_or(std::chrono::sys_days::min())) {
        expires = created + std::chrono::days{lifetime->second.days};
        has_expiry = true;
      }
    }
    // A day the source fixed for this secret: whichever comes first.
    if (const auto fixed = connection.secrets_expire.find(key);
        fixed != connection.secrets_expire.end()) {
      const auto day = parse_calendar_date(fixed->second);
      if (day.has_value()) {
        const auto fixed_day = day.value_or(std::chrono::sys_days{});
        expires = has_expiry ? std::min(expires, fixed_day) : fixed_day;
        has_expiry = true;
      }
    }
    if (!has_expiry) continue;
    out.push_back({key, has_created ? created_text->second : std::string{},
                   format_calendar_date(expires), static_cast<int64_t>((expires - today).count())});
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
    if (connection.secrets.count(key) != 0 && connection.secrets_created.count(key) == 0 &&
        connection.secrets_expire.count(key) == 0)
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
