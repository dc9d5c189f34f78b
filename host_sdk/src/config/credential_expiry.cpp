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
    std::optional<std::chrono::sys_days> expires;
    const auto created_text = connection.secrets_created.find(key);
    const auto created = created_text != connection.secrets_created.end()
                             ? parse_calendar_date(created_text->second)
                             : std::nullopt;
    // The manifest's lifetime, for a secret created since it applies.
    if (const auto lifetime = adapter.secret_lifetimes.find(key);
        lifetime != adapter.secret_lifetimes.end() && created) {
      const auto from = parse_calendar_date(lifetime->second.applies_from);
      if (!from || *created >= *from) expires = *created + std::chrono::days{lifetime->second.days};
    }
    // A day the source fixed for this secret: whichever comes first.
    if (const auto fixed = connection.secrets_expire.find(key);
        fixed != connection.secrets_expire.end())
      if (const auto day = parse_calendar_date(fixed->second))
        expires = expires ? std::min(*expires, *day) : *day;
    if (!expires) continue;
    out.push_back({key, created ? created_text->second : std::string{},
                   format_calendar_date(*expires),
                   static_cast<int64_t>((*expires - today).count())});
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
