// Each record kind of adapter.h described once: its stream (kind number and name), its members
// in ABI order, and the kind of value each member holds.
//
// Everything that handles records member by member is derived from these lists: the owned
// records (owned_records.hpp), the host's process-isolation codec, the host's staging rows and
// the checks it makes on them, and the test harness's recording and printing. A member added to
// a struct of adapter.h is added to its list below and nowhere else; the layout check at the end
// of this file fails the build until it is.
//
// Header-only on purpose: an adapter built outside this tree needs only this directory.
#ifndef INVSDK_RECORD_KINDS_HPP
#define INVSDK_RECORD_KINDS_HPP

#include <invsdk/adapter.h>

#include <array>
#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace invsdk {

// What a member holds and which rule of adapter.h ("Values and limits") it obeys.
enum class value_kind {
  key,           // text, never empty: an external id
  text,          // text, empty = absent
  money,         // decimal text, non-negative and bounded; empty = unknown
  currency,      // ISO 4217 code (three capital letters); empty = unknown
  date_time,     // ISO 8601 date or date-time; empty = unknown
  email,         // an email address; empty = none
  flag,          // invsdk_tristate
  count,         // int64_t quantity, 0..INVSDK_MAX_ITEMS_ALLOWED
  position,      // uint32_t order within a parent, 0-based
  days,          // int32_t number of days, 0 = the host's default
  license_type,  // invsdk_license_type
  term_type,     // invsdk_term_type
  key_list,      // a list of keys: a pointer member and its count member
};

template <value_kind K>
using value_kind_c = std::integral_constant<value_kind, K>;

}  // namespace invsdk

// The member lists. Each takes two macros: FIELD(member, value_kind) for a single value and
// LIST(member, count_member) for a list of keys. The order is the ABI order.
// clang-format off
#define INVSDK_APPLICATION_FIELDS(FIELD, LIST) \
  FIELD(external_id, key)                      \
  FIELD(name, text)                            \
  FIELD(product, text)                         \
  FIELD(publisher, text)                       \
  FIELD(activity_threshold_days, days)         \
  FIELD(is_active, flag)                       \
  FIELD(source_url, text)

#define INVSDK_LICENSE_FIELDS(FIELD, LIST)   \
  FIELD(external_id, key)                    \
  FIELD(name, text)                          \
  FIELD(type, license_type)                  \
  LIST(application_ids, application_count)   \
  FIELD(currency, currency)                  \
  FIELD(created_at, date_time)               \
  FIELD(modified_at, date_time)              \
  FIELD(notes, text)                         \
  FIELD(source_url, text)

#define INVSDK_ENTITLEMENT_FIELDS(FIELD, LIST) \
  FIELD(external_id, key)                      \
  FIELD(license_external_id, key)              \
  FIELD(position, position)                    \
  FIELD(name, text)                            \
  FIELD(sku, text)                             \
  FIELD(term_type, term_type)                  \
  FIELD(items_allowed, count)                  \
  FIELD(is_unlimited, flag)                    \
  FIELD(is_active, flag)                       \
  FIELD(hidden, flag)                          \
  FIELD(effective_at, date_time)               \
  FIELD(ends_at, date_time)                    \
  FIELD(annual_cost, money)                    \
  FIELD(per_user_cost, money)                  \
  FIELD(currency, currency)

#define INVSDK_ACCESSING_USER_FIELDS(FIELD, LIST) \
  FIELD(external_id, key)                         \
  FIELD(email, email)                             \
  FIELD(first_name, text)                         \
  FIELD(last_name, text)                          \
  FIELD(user_name, text)                          \
  FIELD(domain, text)

#define INVSDK_CONSUMPTION_FIELDS(FIELD, LIST) \
  FIELD(external_id, key)                      \
  FIELD(license_external_id, text)             \
  FIELD(application_external_id, text)         \
  FIELD(accessing_user_external_id, key)       \
  FIELD(activated_at, date_time)               \
  FIELD(deactivated_at, date_time)             \
  FIELD(last_activity_at, date_time)

// Every kind: KIND(record, stream, stream constant, member list). The C struct is invsdk_<record>,
// its owned form owned_<record>, and the stream's name is <stream> as text.
#define INVSDK_RECORD_KINDS(KIND)                                                           \
  KIND(application, applications, INVSDK_STREAM_APPLICATIONS, INVSDK_APPLICATION_FIELDS)     \
  KIND(license, licenses, INVSDK_STREAM_LICENSES, INVSDK_LICENSE_FIELDS)                     \
  KIND(entitlement, entitlements, INVSDK_STREAM_ENTITLEMENTS, INVSDK_ENTITLEMENT_FIELDS)     \
  KIND(accessing_user, accessing_users, INVSDK_STREAM_ACCESSING_USERS,                       \
       INVSDK_ACCESSING_USER_FIELDS)                                                         \
  KIND(consumption, consumption, INVSDK_STREAM_CONSUMPTION, INVSDK_CONSUMPTION_FIELDS)
// clang-format on

namespace invsdk {

// record_kind<R>: the stream of the C record R.
template <typename Record>
struct record_kind;

#define INVSDK_DETAIL_KIND_TRAITS(R, STREAM, KIND, FIELDS) \
  template <>                                              \
  struct record_kind<invsdk_##R> {                         \
    static constexpr invsdk_stream_kind kind = KIND;       \
    static constexpr std::string_view stream = #STREAM;    \
  };
INVSDK_RECORD_KINDS(INVSDK_DETAIL_KIND_TRAITS)
#undef INVSDK_DETAIL_KIND_TRAITS

// The stream's name ("applications", "accessing_users"...), as logs, run records and reports
// show it; empty for a kind this version does not know.
constexpr std::string_view stream_name(invsdk_stream_kind kind) noexcept {
#define INVSDK_DETAIL_KIND_NAME(R, STREAM, KIND, FIELDS) \
  if (kind == (KIND)) return #STREAM;
  INVSDK_RECORD_KINDS(INVSDK_DETAIL_KIND_NAME)
#undef INVSDK_DETAIL_KIND_NAME
  return {};
}

constexpr bool is_known_stream(invsdk_stream_kind kind) noexcept {
  return !stream_name(kind).empty();
}

// Calls fn(R{}) with the C record type of a known kind and returns what it returns; the caller
// checks is_known_stream first (an unknown kind is given the last kind's type).
template <typename Fn>
decltype(auto) with_record_type(invsdk_stream_kind kind, Fn&& fn) {
#define INVSDK_DETAIL_KIND_DISPATCH(R, STREAM, KIND, FIELDS) \
  if (kind == (KIND)) return fn(invsdk_##R{});
  INVSDK_RECORD_KINDS(INVSDK_DETAIL_KIND_DISPATCH)
#undef INVSDK_DETAIL_KIND_DISPATCH
  return fn(invsdk_consumption{});
}

// Visits every member of a C record in ABI order: v(name, value_kind_c<K>{}, member) for a single
// value and v.list(name, items, count) for a list. R may be const.
#define INVSDK_DETAIL_VISIT_FIELD(M, K) v(std::string_view(#M), value_kind_c<value_kind::K>{}, r.M);
#define INVSDK_DETAIL_VISIT_LIST(M, N) v.list(std::string_view(#M), r.M, r.N);
#define INVSDK_DETAIL_KIND_VISIT(R, STREAM, KIND, FIELDS)                                        \
  template <typename Rec, typename V>                                                            \
  requires std::same_as<std::remove_const_t<Rec>, invsdk_##R> void visit_fields(Rec& r, V&& v) { \
    FIELDS(INVSDK_DETAIL_VISIT_FIELD, INVSDK_DETAIL_VISIT_LIST)                                  \
  }
INVSDK_RECORD_KINDS(INVSDK_DETAIL_KIND_VISIT)
#undef INVSDK_DETAIL_KIND_VISIT
#undef INVSDK_DETAIL_VISIT_LIST
#undef INVSDK_DETAIL_VISIT_FIELD

// The text a host stores for a license type or a term type, and back. A license type of 0 reads
// as SaaS User; a type outside the ABI's set has no text (nullptr), and a text outside the set has
// no type (-1).
constexpr const char* license_type_text(invsdk_license_type t) noexcept {
  switch (t) {
    case 0:
    case INVSDK_LICENSE_TYPE_SAAS_USER:
      return "SaaS User";
    case INVSDK_LICENSE_TYPE_NAMED_USER:
      return "Named User";
    default:
      return nullptr;
  }
}
constexpr const char* term_type_text(invsdk_term_type t) noexcept {
  switch (t) {
    case INVSDK_TERM_TYPE_UNSPECIFIED:
      return "";
    case INVSDK_TERM_TYPE_PER_USER:
      return "perUser";
    case INVSDK_TERM_TYPE_PER_LOGIN:
      return "perLogin";
    case INVSDK_TERM_TYPE_PER_NODE:
      return "perNode";
    case INVSDK_TERM_TYPE_PER_LOCATION:
      return "perLocation";
    case INVSDK_TERM_TYPE_PER_ORG:
      return "perOrg";
    default:
      return nullptr;
  }
}
constexpr invsdk_term_type term_type_of(std::string_view text) noexcept {
  for (invsdk_term_type t = INVSDK_TERM_TYPE_UNSPECIFIED; t <= INVSDK_TERM_TYPE_PER_ORG; ++t)
    if (text == term_type_text(t)) return t;
  return -1;
}
constexpr invsdk_license_type license_type_of(std::string_view text) noexcept {
  for (invsdk_license_type t = INVSDK_LICENSE_TYPE_SAAS_USER; t <= INVSDK_LICENSE_TYPE_NAMED_USER;
       ++t)
    if (text == license_type_text(t)) return t;
  return -1;
}

namespace detail {

// Where a listed member sits, for the layout check below.
struct member_place {
  std::size_t offset;
  std::size_t size;
  std::size_t align;
};

// True when the listed members, after struct_size, tile the struct exactly: each starts where the
// previous one ends (rounded up to its alignment) and the last one ends the struct. A member of
// the struct missing from its list leaves a gap and fails this.
template <typename C, std::size_t N>
constexpr bool lists_every_member(const std::array<member_place, N>& places) {
  std::size_t end = offsetof(C, struct_size) + sizeof(uint32_t);
  for (const member_place& p : places) {
    const std::size_t start = (end + p.align - 1) / p.align * p.align;
    if (p.offset != start) return false;
    end = p.offset + p.size;
  }
  return (end + alignof(C) - 1) / alignof(C) * alignof(C) == sizeof(C);
}

}  // namespace detail

#define INVSDK_DETAIL_PLACE_FIELD(M, K) \
  detail::member_place{offsetof(C_, M), sizeof(C_::M), alignof(decltype(C_::M))},
#define INVSDK_DETAIL_PLACE_LIST(M, N)                                            \
  detail::member_place{offsetof(C_, M), sizeof(C_::M), alignof(decltype(C_::M))}, \
      detail::member_place{offsetof(C_, N), sizeof(C_::N), alignof(decltype(C_::N))},
#define INVSDK_DETAIL_KIND_LAYOUT(R, STREAM, KIND, FIELDS)                         \
  static_assert(                                                                   \
      [] {                                                                         \
        using C_ = invsdk_##R;                                                     \
        return detail::lists_every_member<C_>(std::to_array<detail::member_place>( \
            {FIELDS(INVSDK_DETAIL_PLACE_FIELD, INVSDK_DETAIL_PLACE_LIST)}));       \
      }(),                                                                         \
      "invsdk_" #R " changed in adapter.h: list its members in record_kinds.hpp");
// A list member is a pointer: its own size is the one the layout needs.
INVSDK_RECORD_KINDS(INVSDK_DETAIL_KIND_LAYOUT)  // NOLINT(bugprone-sizeof-expression)
#undef INVSDK_DETAIL_KIND_LAYOUT
#undef INVSDK_DETAIL_PLACE_LIST
#undef INVSDK_DETAIL_PLACE_FIELD

}  // namespace invsdk

#endif  // INVSDK_RECORD_KINDS_HPP
