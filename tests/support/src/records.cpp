#include "invsdk_test/records.hpp"

namespace invsdk {
namespace {

const char* tri(const std::optional<bool>& b) {
  if (!b) return "?";
  return *b ? "true" : "false";
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const owned_application& r) {
  return os << "application{" << r.external_id << ", name=" << r.name << ", product=" << r.product
            << ", publisher=" << r.publisher << ", threshold=" << r.activity_threshold_days
            << ", active=" << tri(r.is_active) << ", url=" << r.source_url << "}";
}

std::ostream& operator<<(std::ostream& os, const owned_license& r) {
  os << "license{" << r.external_id << ", name=" << r.name << ", type=" << r.type << ", apps=[";
  for (size_t i = 0; i < r.application_ids.size(); ++i)
    os << (i == 0 ? "" : ";") << r.application_ids[i];
  return os << "], currency=" << r.currency << ", created=" << r.created_at
            << ", modified=" << r.modified_at << ", notes=" << r.notes << ", url=" << r.source_url
            << "}";
}

std::ostream& operator<<(std::ostream& os, const owned_entitlement& r) {
  return os << "entitlement{" << r.external_id << ", license=" << r.license_external_id
            << ", pos=" << r.position << ", name=" << r.name << ", sku=" << r.sku
            << ", term=" << r.term_type << ", items=" << r.items_allowed
            << ", unlimited=" << tri(r.is_unlimited) << ", active=" << tri(r.is_active)
            << ", hidden=" << tri(r.hidden) << ", from=" << r.effective_at << ", to=" << r.ends_at
            << ", annual=" << r.annual_cost << ", per_user=" << r.per_user_cost
            << ", currency=" << r.currency << "}";
}

std::ostream& operator<<(std::ostream& os, const owned_accessing_user& r) {
  return os << "user{" << r.external_id << ", email=" << r.email << ", first=" << r.first_name
            << ", last=" << r.last_name << ", user=" << r.user_name << ", domain=" << r.domain
            << "}";
}

std::ostream& operator<<(std::ostream& os, const owned_consumption& r) {
  return os << "consumption{" << r.external_id << ", license=" << r.license_external_id
            << ", app=" << r.application_external_id << ", user=" << r.accessing_user_external_id
            << ", activated=" << r.activated_at << ", deactivated=" << r.deactivated_at
            << ", last=" << r.last_activity_at << "}";
}

}  // namespace invsdk

namespace invsdk_test {

std::string stream_name(invsdk_stream_kind kind) {
  switch (kind) {
    case INVSDK_STREAM_APPLICATIONS:
      return "applications";
    case INVSDK_STREAM_LICENSES:
      return "licenses";
    case INVSDK_STREAM_ENTITLEMENTS:
      return "entitlements";
    case INVSDK_STREAM_ACCESSING_USERS:
      return "accessing_users";
    case INVSDK_STREAM_CONSUMPTION:
      return "consumption";
    default:
      return "kind(" + std::to_string(kind) + ")";
  }
}

}  // namespace invsdk_test
