#include <fsm/record_views.hpp>

namespace fsm {
namespace {

using invsdk::to_c;
using invsdk::to_tristate;

template <typename C, typename Owned, typename Fill>
void emit_as(invsdk::sink_writer& out, const std::vector<Owned>& batch, Fill fill) {
  std::vector<C> views;
  views.reserve(batch.size());
  for (const auto& r : batch) {
    C c = invsdk::make_record<C>();
    fill(c, r);
    views.push_back(c);
  }
  out.emit<C>(views);
}

}  // namespace

void emit_batch(invsdk::sink_writer& out, const std::vector<application_record>& batch) {
  emit_as<invsdk_application>(out, batch, [](invsdk_application& c, const application_record& r) {
    c.external_id = to_c(r.external_id);
    c.name = to_c(r.name);
    c.product = to_c(r.product);
    c.publisher = to_c(r.publisher);
    c.activity_threshold_days = r.activity_threshold_days;
    c.is_active = to_tristate(r.is_active);
    c.source_url = to_c(r.source_url);
  });
}

void emit_batch(invsdk::sink_writer& out, const std::vector<license_record>& batch) {
  // The application id arrays must live until the emit returns.
  std::vector<std::vector<invsdk_str>> app_ids;
  app_ids.reserve(batch.size());
  for (const auto& r : batch) {
    auto& ids = app_ids.emplace_back();
    for (const auto& id : r.application_ids) ids.push_back(to_c(id));
  }
  std::size_t i = 0;
  emit_as<invsdk_license>(out, batch, [&](invsdk_license& c, const license_record& r) {
    c.external_id = to_c(r.external_id);
    c.name = to_c(r.name);
    c.type = r.type;
    c.application_ids = app_ids[i].empty() ? nullptr : app_ids[i].data();
    c.application_count = app_ids[i].size();
    ++i;
    c.currency = to_c(r.currency);
    c.created_at = to_c(r.created_at);
    c.modified_at = to_c(r.modified_at);
    c.notes = to_c(r.notes);
    c.source_url = to_c(r.source_url);
  });
}

void emit_batch(invsdk::sink_writer& out, const std::vector<entitlement_record>& batch) {
  emit_as<invsdk_entitlement>(out, batch, [](invsdk_entitlement& c, const entitlement_record& r) {
    c.external_id = to_c(r.external_id);
    c.license_external_id = to_c(r.license_external_id);
    c.position = r.position;
    c.name = to_c(r.name);
    c.sku = to_c(r.sku);
    c.term_type = r.term_type;
    c.items_allowed = r.items_allowed;
    c.is_unlimited = to_tristate(r.is_unlimited);
    c.is_active = to_tristate(r.is_active);
    c.hidden = to_tristate(r.hidden);
    c.effective_at = to_c(r.effective_at);
    c.ends_at = to_c(r.ends_at);
    c.annual_cost = to_c(r.annual_cost);
    c.per_user_cost = to_c(r.per_user_cost);
    c.currency = to_c(r.currency);
  });
}

void emit_batch(invsdk::sink_writer& out, const std::vector<accessing_user_record>& batch) {
  emit_as<invsdk_accessing_user>(out, batch,
                                 [](invsdk_accessing_user& c, const accessing_user_record& r) {
                                   c.external_id = to_c(r.external_id);
                                   c.email = to_c(r.email);
                                   c.first_name = to_c(r.first_name);
                                   c.last_name = to_c(r.last_name);
                                   c.user_name = to_c(r.user_name);
                                   c.domain = to_c(r.domain);
                                 });
}

void emit_batch(invsdk::sink_writer& out, const std::vector<consumption_record>& batch) {
  emit_as<invsdk_consumption>(out, batch, [](invsdk_consumption& c, const consumption_record& r) {
    c.external_id = to_c(r.external_id);
    c.license_external_id = to_c(r.license_external_id);
    c.application_external_id = to_c(r.application_external_id);
    c.accessing_user_external_id = to_c(r.accessing_user_external_id);
    c.activated_at = to_c(r.activated_at);
    c.deactivated_at = to_c(r.deactivated_at);
    c.last_activity_at = to_c(r.last_activity_at);
  });
}

}  // namespace fsm
