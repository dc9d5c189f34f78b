// Records that own their text, for adapters that assemble records in memory before sending them
// (the legacy adapters), and a helper that delivers a whole stream in batches.
#ifndef FILE_IMPORT_OWNED_RECORDS_HPP
#define FILE_IMPORT_OWNED_RECORDS_HPP

#include <invsdk/adapter_base.hpp>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace file_import {

struct owned_application {
  std::string external_id, name, product, publisher, source_url;
  int32_t activity_threshold_days = 0;
  invsdk_tristate is_active = INVSDK_UNKNOWN;
  [[nodiscard]] invsdk_application view() const {
    auto r = invsdk::make_record<invsdk_application>();
    r.external_id = invsdk::to_c(external_id);
    r.name = invsdk::to_c(name);
    r.product = invsdk::to_c(product);
    r.publisher = invsdk::to_c(publisher);
    r.activity_threshold_days = activity_threshold_days;
    r.is_active = is_active;
    r.source_url = invsdk::to_c(source_url);
    return r;
  }
};

struct owned_license {
  std::string external_id, name, currency, created_at, modified_at, notes, source_url;
  invsdk_license_type type = INVSDK_LICENSE_TYPE_SAAS_USER;
  std::vector<std::string> application_ids;
  std::vector<invsdk_str> id_views;  // filled by view()
  [[nodiscard]] invsdk_license view() {
    id_views.clear();
    for (const auto& id : application_ids) id_views.push_back(invsdk::to_c(id));
    auto r = invsdk::make_record<invsdk_license>();
    r.external_id = invsdk::to_c(external_id);
    r.name = invsdk::to_c(name);
    r.type = type;
    r.application_ids = id_views.empty() ? nullptr : id_views.data();
    r.application_count = id_views.size();
    r.currency = invsdk::to_c(currency);
    r.created_at = invsdk::to_c(created_at);
    r.modified_at = invsdk::to_c(modified_at);
    r.notes = invsdk::to_c(notes);
    r.source_url = invsdk::to_c(source_url);
    return r;
  }
};

struct owned_entitlement {
  std::string external_id, license_external_id, name, sku, effective_at, ends_at, annual_cost,
      per_user_cost, currency;
  uint32_t position = 0;
  invsdk_term_type term_type = INVSDK_TERM_TYPE_UNSPECIFIED;
  int64_t items_allowed = 0;
  invsdk_tristate is_unlimited = INVSDK_UNKNOWN, is_active = INVSDK_UNKNOWN, hidden = INVSDK_UNKNOWN;
  [[nodiscard]] invsdk_entitlement view() const {
    auto r = invsdk::make_record<invsdk_entitlement>();
    r.external_id = invsdk::to_c(external_id);
    r.license_external_id = invsdk::to_c(license_external_id);
    r.position = position;
    r.name = invsdk::to_c(name);
    r.sku = invsdk::to_c(sku);
    r.term_type = term_type;
    r.items_allowed = items_allowed;
    r.is_unlimited = is_unlimited;
    r.is_active = is_active;
    r.hidden = hidden;
    r.effective_at = invsdk::to_c(effective_at);
    r.ends_at = invsdk::to_c(ends_at);
    r.annual_cost = invsdk::to_c(annual_cost);
    r.per_user_cost = invsdk::to_c(per_user_cost);
    r.currency = invsdk::to_c(currency);
    return r;
  }
};

struct owned_accessing_user {
  std::string external_id, email, first_name, last_name, user_name, domain;
  [[nodiscard]] invsdk_accessing_user view() const {
    auto r = invsdk::make_record<invsdk_accessing_user>();
    r.external_id = invsdk::to_c(external_id);
    r.email = invsdk::to_c(email);
    r.first_name = invsdk::to_c(first_name);
    r.last_name = invsdk::to_c(last_name);
    r.user_name = invsdk::to_c(user_name);
    r.domain = invsdk::to_c(domain);
    return r;
  }
};

struct owned_consumption {
  std::string external_id, license_external_id, application_external_id,
      accessing_user_external_id, activated_at, deactivated_at, last_activity_at;
  [[nodiscard]] invsdk_consumption view() const {
    auto r = invsdk::make_record<invsdk_consumption>();
    r.external_id = invsdk::to_c(external_id);
    r.license_external_id = invsdk::to_c(license_external_id);
    r.application_external_id = invsdk::to_c(application_external_id);
    r.accessing_user_external_id = invsdk::to_c(accessing_user_external_id);
    r.activated_at = invsdk::to_c(activated_at);
    r.deactivated_at = invsdk::to_c(deactivated_at);
    r.last_activity_at = invsdk::to_c(last_activity_at);
    return r;
  }
};

// Begins the stream, emits records in batches of 1000 (checking cancelled() between batches),
// and ends it complete. On cancellation ends it incomplete and throws CANCELLED.
template <typename Owned, typename Cancelled>
void deliver_stream(invsdk::sink_writer& sink, const invsdk::host& host, invsdk_stream_kind kind,
                    std::vector<Owned>& records, Cancelled cancelled) {
  constexpr size_t batch = 1000;
  sink.begin(kind);
  uint64_t done = 0, batches = 0;
  for (size_t start = 0; start < records.size(); start += batch) {
    const size_t end = std::min(records.size(), start + batch);
    using record = decltype(records[start].view());
    std::vector<record> views;
    views.reserve(end - start);
    for (size_t i = start; i < end; ++i) views.push_back(records[i].view());
    sink.emit(std::span<const record>(views));
    done += end - start;
    ++batches;
    host.progress(kind, done, static_cast<int64_t>(records.size()), batches, 0);
    if (cancelled()) {
      sink.end(kind, false, "cancelled");
      throw invsdk::error(INVSDK_STATUS_CANCELLED, "import cancelled");
    }
  }
  sink.end(kind, true);
}

}  // namespace file_import

#endif  // FILE_IMPORT_OWNED_RECORDS_HPP
