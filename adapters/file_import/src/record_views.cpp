#include "record_views.hpp"

#include <invsdk/adapter_base.hpp>

#include "field_checks.hpp"
#include "table_schema.hpp"

namespace file_import {
namespace {

invsdk_str str(const row& r, size_t column) {
  return invsdk::to_c(r.values.at(column));
}
invsdk_tristate tri(const row& r, size_t column) {
  return parse_tristate(r.values.at(column)).value_or(INVSDK_UNKNOWN);
}
int64_t count(const row& r, size_t column) {
  const auto& v = r.values.at(column);
  return v.empty() ? 0 : parse_count(v, INT64_MAX).value_or(0);
}

}  // namespace

invsdk_application application_view(const row& r) {
  auto a = invsdk::make_record<invsdk_application>();
  a.external_id = str(r, app_col::external_id);
  a.name = str(r, app_col::name);
  a.product = str(r, app_col::product);
  a.publisher = str(r, app_col::publisher);
  a.activity_threshold_days = static_cast<int32_t>(count(r, app_col::activity_threshold_days));
  a.is_active = tri(r, app_col::is_active);
  a.source_url = str(r, app_col::source_url);
  return a;
}

invsdk_license license_view(const row& r, std::vector<invsdk_str>& ids) {
  ids.clear();
  for (const auto& id : r.ids) ids.push_back(invsdk::to_c(id));
  auto l = invsdk::make_record<invsdk_license>();
  l.external_id = str(r, lic_col::external_id);
  l.name = str(r, lic_col::name);
  l.type = parse_license_type(r.values.at(lic_col::type)).value_or(0);
  l.application_ids = ids.empty() ? nullptr : ids.data();
  l.application_count = ids.size();
  l.currency = str(r, lic_col::currency);
  l.created_at = str(r, lic_col::created_at);
  l.modified_at = str(r, lic_col::modified_at);
  l.notes = str(r, lic_col::notes);
  l.source_url = str(r, lic_col::source_url);
  return l;
}

invsdk_entitlement entitlement_view(const row& r) {
  auto e = invsdk::make_record<invsdk_entitlement>();
  e.external_id = str(r, ent_col::external_id);
  e.license_external_id = str(r, ent_col::license_external_id);
  e.position = static_cast<uint32_t>(count(r, ent_col::position));
  e.name = str(r, ent_col::name);
  e.sku = str(r, ent_col::sku);
  e.term_type = parse_term_type(r.values.at(ent_col::term_type)).value_or(0);
  e.items_allowed = count(r, ent_col::items_allowed);
  e.is_unlimited = tri(r, ent_col::is_unlimited);
  e.is_active = tri(r, ent_col::is_active);
  e.hidden = tri(r, ent_col::hidden);
  e.effective_at = str(r, ent_col::effective_at);
  e.ends_at = str(r, ent_col::ends_at);
  e.annual_cost = str(r, ent_col::annual_cost);
  e.per_user_cost = str(r, ent_col::per_user_cost);
  e.currency = str(r, ent_col::currency);
  return e;
}

invsdk_accessing_user accessing_user_view(const row& r) {
  auto u = invsdk::make_record<invsdk_accessing_user>();
  u.external_id = str(r, user_col::external_id);
  u.email = str(r, user_col::email);
  u.first_name = str(r, user_col::first_name);
  u.last_name = str(r, user_col::last_name);
  u.user_name = str(r, user_col::user_name);
  u.domain = str(r, user_col::domain);
  return u;
}

invsdk_consumption consumption_view(const row& r) {
  auto c = invsdk::make_record<invsdk_consumption>();
  c.external_id = str(r, cons_col::external_id);
  c.license_external_id = str(r, cons_col::license_external_id);
  c.application_external_id = str(r, cons_col::application_external_id);
  c.accessing_user_external_id = str(r, cons_col::accessing_user_external_id);
  c.activated_at = str(r, cons_col::activated_at);
  c.deactivated_at = str(r, cons_col::deactivated_at);
  c.last_activity_at = str(r, cons_col::last_activity_at);
  return c;
}

}  // namespace file_import
