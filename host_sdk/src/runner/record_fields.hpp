// Every member of every record kind, in ABI order, written down once for the runner's codec:
// the encoder (child) and the decoder (host) both walk these lists, so a member added to a record
// in adapter.h is added here and nowhere else in the runner.
#ifndef INVHOST_RUNNER_RECORD_FIELDS_HPP
#define INVHOST_RUNNER_RECORD_FIELDS_HPP

#include <invsdk/adapter.h>

#include <concepts>
#include <type_traits>

namespace invhost::runner {

template <typename R, typename Plain>
concept record_like = std::same_as<std::remove_const_t<R>, Plain>;

// Each for_each_field calls v(member) for a text or an integer member and v.list(items, count)
// for a list of texts. R may be const (encoding) or not (decoding).

template <record_like<invsdk_application> R, typename V>
void for_each_field(R& r, V& v) {
  v(r.external_id), v(r.name), v(r.product), v(r.publisher), v(r.activity_threshold_days),
      v(r.is_active), v(r.source_url);
}

template <record_like<invsdk_license> R, typename V>
void for_each_field(R& r, V& v) {
  v(r.external_id), v(r.name), v(r.type);
  v.list(r.application_ids, r.application_count);
  v(r.currency), v(r.created_at), v(r.modified_at), v(r.notes), v(r.source_url);
}

template <record_like<invsdk_entitlement> R, typename V>
void for_each_field(R& r, V& v) {
  v(r.external_id), v(r.license_external_id), v(r.position), v(r.name), v(r.sku), v(r.term_type),
      v(r.items_allowed), v(r.is_unlimited), v(r.is_active), v(r.hidden), v(r.effective_at),
      v(r.ends_at), v(r.annual_cost), v(r.per_user_cost), v(r.currency);
}

template <record_like<invsdk_accessing_user> R, typename V>
void for_each_field(R& r, V& v) {
  v(r.external_id), v(r.email), v(r.first_name), v(r.last_name), v(r.user_name), v(r.domain);
}

template <record_like<invsdk_consumption> R, typename V>
void for_each_field(R& r, V& v) {
  v(r.external_id), v(r.license_external_id), v(r.application_external_id),
      v(r.accessing_user_external_id), v(r.activated_at), v(r.deactivated_at),
      v(r.last_activity_at);
}

// A record that grows in adapter.h fails here until its members are listed above.
static_assert(sizeof(invsdk_application) == 96 && sizeof(invsdk_license) == 144 &&
                  sizeof(invsdk_entitlement) == 184 && sizeof(invsdk_accessing_user) == 104 &&
                  sizeof(invsdk_consumption) == 120,
              "a record of adapter.h changed: list its members in record_fields.hpp");

// The C struct of a stream kind, for code that switches on the kind once.
template <typename Fn>
decltype(auto) with_record_type(invsdk_stream_kind kind, Fn&& fn) {
  switch (kind) {
    case INVSDK_STREAM_APPLICATIONS:
      return fn(invsdk_application{});
    case INVSDK_STREAM_LICENSES:
      return fn(invsdk_license{});
    case INVSDK_STREAM_ENTITLEMENTS:
      return fn(invsdk_entitlement{});
    case INVSDK_STREAM_ACCESSING_USERS:
      return fn(invsdk_accessing_user{});
    default:
      return fn(invsdk_consumption{});
  }
}

}  // namespace invhost::runner

#endif
