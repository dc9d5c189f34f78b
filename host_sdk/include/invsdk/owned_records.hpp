// invsdk records that own their text, for code that builds records before sending them (an
// adapter) or keeps them after receiving them (a host, a test).
//
// Each owned_<kind> mirrors the C struct invsdk_<kind>: text is std::string (empty = absent),
// tristates are std::optional<bool> (nullopt = unknown), a license's application ids are a
// std::vector<std::string>. view() gives the C struct pointing into the owned strings; from_c()
// makes an owned copy of a C struct.
//
// Header-only on purpose: an adapter built outside this tree needs only this directory.
#ifndef INVSDK_OWNED_RECORDS_HPP
#define INVSDK_OWNED_RECORDS_HPP

#include <cstdint>
#include <invsdk/adapter_base.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace invsdk {

namespace detail {

// The C array of string views behind a view() of a list of strings. It belongs to exactly one
// object: a copy or a move starts empty (copied views would point into the other object's strings)
// and it never takes part in comparisons.
class str_array {
 public:
  str_array() = default;
  str_array(const str_array& /*other*/) noexcept {}
  str_array& operator=(const str_array& /*other*/) noexcept {
    items_.clear();
    return *this;
  }
  ~str_array() = default;
  bool operator==(const str_array& /*other*/) const noexcept { return true; }

  // Points the array at strings; returns its first element, or nullptr when strings is empty.
  const invsdk_str* point_at(const std::vector<std::string>& strings) const {
    items_.clear();
    items_.reserve(strings.size());
    for (const auto& s : strings) items_.push_back(to_c(s));
    return items_.empty() ? nullptr : items_.data();
  }

 private:
  mutable std::vector<invsdk_str> items_;
};

inline std::string text_of(invsdk_str s) {
  return std::string(from_c(s));
}

}  // namespace detail

// A view() points into the object it came from: it stays valid while that object lives, is not
// moved or assigned to, and its members are not changed.

struct owned_application {
  std::string external_id;
  std::string name;
  std::string product;
  std::string publisher;
  int32_t activity_threshold_days = 0;  // 0: the host's default (90)
  std::optional<bool> is_active;
  std::string source_url;

  [[nodiscard]] invsdk_application view() const noexcept {
    auto r = make_record<invsdk_application>();
    r.external_id = to_c(external_id);
    r.name = to_c(name);
    r.product = to_c(product);
    r.publisher = to_c(publisher);
    r.activity_threshold_days = activity_threshold_days;
    r.is_active = to_tristate(is_active);
    r.source_url = to_c(source_url);
    return r;
  }
  bool operator==(const owned_application&) const = default;
};

struct owned_license {
  std::string external_id;
  std::string name;
  invsdk_license_type type = INVSDK_LICENSE_TYPE_SAAS_USER;
  std::vector<std::string> application_ids;
  std::string currency;
  std::string created_at;
  std::string modified_at;
  std::string notes;
  std::string source_url;

  // Also refreshes the array of application id views this object keeps for the record, so two
  // threads must not call it on one object at once.
  [[nodiscard]] invsdk_license view() const {
    auto r = make_record<invsdk_license>();
    r.external_id = to_c(external_id);
    r.name = to_c(name);
    r.type = type;
    r.application_ids = id_views_.point_at(application_ids);
    r.application_count = application_ids.size();
    r.currency = to_c(currency);
    r.created_at = to_c(created_at);
    r.modified_at = to_c(modified_at);
    r.notes = to_c(notes);
    r.source_url = to_c(source_url);
    return r;
  }
  bool operator==(const owned_license&) const = default;

 private:
  detail::str_array id_views_;
};

struct owned_entitlement {
  std::string external_id;
  std::string license_external_id;
  uint32_t position = 0;
  std::string name;
  std::string sku;
  invsdk_term_type term_type = INVSDK_TERM_TYPE_UNSPECIFIED;
  int64_t items_allowed = 0;
  std::optional<bool> is_unlimited;
  std::optional<bool> is_active;
  std::optional<bool> hidden;
  std::string effective_at;
  std::string ends_at;
  std::string annual_cost;    // decimal text, empty = unknown
  std::string per_user_cost;  // decimal text, empty = unknown
  std::string currency;

  [[nodiscard]] invsdk_entitlement view() const noexcept {
    auto r = make_record<invsdk_entitlement>();
    r.external_id = to_c(external_id);
    r.license_external_id = to_c(license_external_id);
    r.position = position;
    r.name = to_c(name);
    r.sku = to_c(sku);
    r.term_type = term_type;
    r.items_allowed = items_allowed;
    r.is_unlimited = to_tristate(is_unlimited);
    r.is_active = to_tristate(is_active);
    r.hidden = to_tristate(hidden);
    r.effective_at = to_c(effective_at);
    r.ends_at = to_c(ends_at);
    r.annual_cost = to_c(annual_cost);
    r.per_user_cost = to_c(per_user_cost);
    r.currency = to_c(currency);
    return r;
  }
  bool operator==(const owned_entitlement&) const = default;
};

struct owned_accessing_user {
  std::string external_id;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string user_name;
  std::string domain;

  [[nodiscard]] invsdk_accessing_user view() const noexcept {
    auto r = make_record<invsdk_accessing_user>();
    r.external_id = to_c(external_id);
    r.email = to_c(email);
    r.first_name = to_c(first_name);
    r.last_name = to_c(last_name);
    r.user_name = to_c(user_name);
    r.domain = to_c(domain);
    return r;
  }
  bool operator==(const owned_accessing_user&) const = default;
};

struct owned_consumption {
  std::string external_id;
  std::string license_external_id;  // empty: no known license allocated
  std::string application_external_id;
  std::string accessing_user_external_id;
  std::string activated_at;
  std::string deactivated_at;
  std::string last_activity_at;

  [[nodiscard]] invsdk_consumption view() const noexcept {
    auto r = make_record<invsdk_consumption>();
    r.external_id = to_c(external_id);
    r.license_external_id = to_c(license_external_id);
    r.application_external_id = to_c(application_external_id);
    r.accessing_user_external_id = to_c(accessing_user_external_id);
    r.activated_at = to_c(activated_at);
    r.deactivated_at = to_c(deactivated_at);
    r.last_activity_at = to_c(last_activity_at);
    return r;
  }
  bool operator==(const owned_consumption&) const = default;
};

// Deep copies of one C record, which must already have the current layout (see read_sized).

inline owned_application from_c(const invsdk_application& r) {
  using detail::text_of;
  owned_application out;
  out.external_id = text_of(r.external_id);
  out.name = text_of(r.name);
  out.product = text_of(r.product);
  out.publisher = text_of(r.publisher);
  out.activity_threshold_days = r.activity_threshold_days;
  out.is_active = from_tristate(r.is_active);
  out.source_url = text_of(r.source_url);
  return out;
}

// A null application id array reads as no ids, whatever application_count says.
inline owned_license from_c(const invsdk_license& r) {
  using detail::text_of;
  owned_license out;
  out.external_id = text_of(r.external_id);
  out.name = text_of(r.name);
  out.type = r.type;
  if (r.application_ids != nullptr) {
    for (uint64_t i = 0; i < r.application_count; ++i)
      out.application_ids.push_back(text_of(r.application_ids[i]));
  }
  out.currency = text_of(r.currency);
  out.created_at = text_of(r.created_at);
  out.modified_at = text_of(r.modified_at);
  out.notes = text_of(r.notes);
  out.source_url = text_of(r.source_url);
  return out;
}

inline owned_entitlement from_c(const invsdk_entitlement& r) {
  using detail::text_of;
  owned_entitlement out;
  out.external_id = text_of(r.external_id);
  out.license_external_id = text_of(r.license_external_id);
  out.position = r.position;
  out.name = text_of(r.name);
  out.sku = text_of(r.sku);
  out.term_type = r.term_type;
  out.items_allowed = r.items_allowed;
  out.is_unlimited = from_tristate(r.is_unlimited);
  out.is_active = from_tristate(r.is_active);
  out.hidden = from_tristate(r.hidden);
  out.effective_at = text_of(r.effective_at);
  out.ends_at = text_of(r.ends_at);
  out.annual_cost = text_of(r.annual_cost);
  out.per_user_cost = text_of(r.per_user_cost);
  out.currency = text_of(r.currency);
  return out;
}

inline owned_accessing_user from_c(const invsdk_accessing_user& r) {
  using detail::text_of;
  owned_accessing_user out;
  out.external_id = text_of(r.external_id);
  out.email = text_of(r.email);
  out.first_name = text_of(r.first_name);
  out.last_name = text_of(r.last_name);
  out.user_name = text_of(r.user_name);
  out.domain = text_of(r.domain);
  return out;
}

inline owned_consumption from_c(const invsdk_consumption& r) {
  using detail::text_of;
  owned_consumption out;
  out.external_id = text_of(r.external_id);
  out.license_external_id = text_of(r.license_external_id);
  out.application_external_id = text_of(r.application_external_id);
  out.accessing_user_external_id = text_of(r.accessing_user_external_id);
  out.activated_at = text_of(r.activated_at);
  out.deactivated_at = text_of(r.deactivated_at);
  out.last_activity_at = text_of(r.last_activity_at);
  return out;
}

// Emits a batch of owned records through the sink as their C views, in one emit call; the views
// live until it returns. Throws invsdk::error when the host refuses the batch.
template <typename Owned>
void emit_owned(sink_writer& out, std::span<const Owned> batch) {
  using record = decltype(batch.front().view());
  std::vector<record> views;
  views.reserve(batch.size());
  for (const Owned& r : batch) views.push_back(r.view());
  out.emit(std::span<const record>(views));
}

}  // namespace invsdk

#endif  // INVSDK_OWNED_RECORDS_HPP
