#include "invsdk_test/records.hpp"

#include <invsdk/adapter_base.hpp>

namespace invsdk_test {
namespace {

std::string text(invsdk_str s) { return std::string(invsdk::from_c(s)); }

const char* tri(const std::optional<bool>& b) {
  if (!b) return "?";
  return *b ? "true" : "false";
}

}  // namespace

application_record copy_record(const invsdk_application& r) {
  return {text(r.external_id), text(r.name),         text(r.product),
          text(r.publisher),   r.activity_threshold_days, invsdk::from_tristate(r.is_active),
          text(r.source_url)};
}

license_record copy_record(const invsdk_license& r) {
  license_record out;
  out.external_id = text(r.external_id);
  out.name = text(r.name);
  out.type = r.type;
  if (r.application_ids != nullptr) {
    for (uint64_t i = 0; i < r.application_count; ++i)
      out.application_ids.push_back(text(r.application_ids[i]));
  }
  out.currency = text(r.currency);
  out.created_at = text(r.created_at);
  out.modified_at = text(r.modified_at);
  out.notes = text(r.notes);
  out.source_url = text(r.source_url);
  return out;
}

entitlement_record copy_record(const invsdk_entitlement& r) {
  entitlement_record out;
  out.external_id = text(r.external_id);
  out.license_external_id = text(r.license_external_id);
  out.position = r.position;
  out.name = text(r.name);
  out.sku = text(r.sku);
  out.term_type = r.term_type;
  out.items_allowed = r.items_allowed;
  out.is_unlimited = invsdk::from_tristate(r.is_unlimited);
  out.is_active = invsdk::from_tristate(r.is_active);
  out.hidden = invsdk::from_tristate(r.hidden);
  out.effective_at = text(r.effective_at);
  out.ends_at = text(r.ends_at);
  out.annual_cost = text(r.annual_cost);
  out.per_user_cost = text(r.per_user_cost);
  out.currency = text(r.currency);
  return out;
}

accessing_user_record copy_record(const invsdk_accessing_user& r) {
  return {text(r.external_id), text(r.email),     text(r.first_name),
          text(r.last_name),   text(r.user_name), text(r.domain)};
}

consumption_record copy_record(const invsdk_consumption& r) {
  return {text(r.external_id),  text(r.license_external_id), text(r.application_external_id),
          text(r.accessing_user_external_id), text(r.activated_at), text(r.deactivated_at),
          text(r.last_activity_at)};
}

std::ostream& operator<<(std::ostream& os, const application_record& r) {
  return os << "application{" << r.external_id << ", name=" << r.name << ", product=" << r.product
            << ", publisher=" << r.publisher << ", threshold=" << r.activity_threshold_days
            << ", active=" << tri(r.is_active) << ", url=" << r.source_url << "}";
}

std::ostream& operator<<(std::ostream& os, const license_record& r) {
  os << "license{" << r.external_id << ", name=" << r.name << ", type=" << r.type << ", apps=[";
  for (size_t i = 0; i < r.application_ids.size(); ++i)
    os << (i == 0 ? "" : ";") << r.application_ids[i];
  return os << "], currency=" << r.currency << ", created=" << r.created_at
            << ", modified=" << r.modified_at << ", notes=" << r.notes << ", url=" << r.source_url
            << "}";
}

std::ostream& operator<<(std::ostream& os, const entitlement_record& r) {
  return os << "entitlement{" << r.external_id << ", license=" << r.license_external_id
            << ", pos=" << r.position << ", name=" << r.name << ", sku=" << r.sku
            << ", term=" << r.term_type << ", items=" << r.items_allowed
            << ", unlimited=" << tri(r.is_unlimited) << ", active=" << tri(r.is_active)
            << ", hidden=" << tri(r.hidden) << ", from=" << r.effective_at << ", to=" << r.ends_at
            << ", annual=" << r.annual_cost << ", per_user=" << r.per_user_cost
            << ", currency=" << r.currency << "}";
}

std::ostream& operator<<(std::ostream& os, const accessing_user_record& r) {
  return os << "user{" << r.external_id << ", email=" << r.email << ", first=" << r.first_name
            << ", last=" << r.last_name << ", user=" << r.user_name << ", domain=" << r.domain
            << "}";
}

std::ostream& operator<<(std::ostream& os, const consumption_record& r) {
  return os << "consumption{" << r.external_id << ", license=" << r.license_external_id
            << ", app=" << r.application_external_id << ", user=" << r.accessing_user_external_id
            << ", activated=" << r.activated_at << ", deactivated=" << r.deactivated_at
            << ", last=" << r.last_activity_at << "}";
}

std::string stream_name(invsdk_stream_kind kind) {
  switch (kind) {
    case INVSDK_STREAM_APPLICATIONS: return "applications";
    case INVSDK_STREAM_LICENSES: return "licenses";
    case INVSDK_STREAM_ENTITLEMENTS: return "entitlements";
    case INVSDK_STREAM_ACCESSING_USERS: return "accessing_users";
    case INVSDK_STREAM_CONSUMPTION: return "consumption";
    default: return "kind(" + std::to_string(kind) + ")";
  }
}

}  // namespace invsdk_test
