// invsdk records that own their text, for code that builds records before sending them (an
// adapter) or keeps them after receiving them (a host, a test).
//
// Each owned_<kind> mirrors the C struct invsdk_<kind>, member for member, as record_kinds.hpp
// lists them: text is std::string (empty = absent), tristates are std::optional<bool> (nullopt =
// unknown), a list of ids is a std::vector<std::string>. view() gives the C struct pointing into
// the owned strings; from_c() makes an owned copy of a C struct.
//
// Header-only on purpose: an adapter built outside this tree needs only this directory.
#ifndef INVSDK_OWNED_RECORDS_HPP
#define INVSDK_OWNED_RECORDS_HPP

#include <cstdint>
#include <invsdk/adapter_base.hpp>
#include <invsdk/record_kinds.hpp>
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

// The C++ type an owned record keeps for a member of each value kind, and its starting value.
template <value_kind K>
struct owned_value {
  using type = std::string;  // texts: empty = absent
};
template <>
struct owned_value<value_kind::flag> {
  using type = std::optional<bool>;  // nullopt = unknown
};
template <>
struct owned_value<value_kind::count> {
  using type = int64_t;
};
template <>
struct owned_value<value_kind::position> {
  using type = uint32_t;
};
template <>
struct owned_value<value_kind::days> {
  using type = int32_t;
};
template <>
struct owned_value<value_kind::license_type> {
  using type = invsdk_license_type;
};
template <>
struct owned_value<value_kind::term_type> {
  using type = invsdk_term_type;
};
template <>
struct owned_value<value_kind::key_list> {
  using type = std::vector<std::string>;
};
template <value_kind K>
using owned_value_t = typename owned_value<K>::type;

namespace detail {

template <value_kind K>
constexpr owned_value_t<K> initial_value() {
  if constexpr (K == value_kind::license_type)
    return INVSDK_LICENSE_TYPE_SAAS_USER;
  else
    return {};
}

// One member between its owned and its C form.
template <value_kind K, typename C>
auto c_value(value_kind_c<K> /*kind*/, const owned_value_t<K>& v) noexcept {
  if constexpr (K == value_kind::flag)
    return to_tristate(v);
  else if constexpr (std::is_same_v<owned_value_t<K>, std::string>)
    return to_c(v);
  else
    return static_cast<C>(v);
}
template <value_kind K, typename C>
owned_value_t<K> owned_copy(value_kind_c<K> /*kind*/, const C& v) {
  if constexpr (K == value_kind::flag)
    return from_tristate(v);
  else if constexpr (std::is_same_v<owned_value_t<K>, std::string>)
    return text_of(v);
  else
    return v;
}

// A null item array reads as no items, whatever the count says.
inline std::vector<std::string> owned_list(const invsdk_str* items, uint64_t count) {
  std::vector<std::string> out;
  if (items != nullptr) {
    out.reserve(count);
    for (uint64_t i = 0; i < count; ++i) out.push_back(text_of(items[i]));
  }
  return out;
}

}  // namespace detail

// owned_<record> for each record kind of record_kinds.hpp, with the same members in the same
// order. view() gives the C struct pointing into the owned strings; it points into the object it
// came from and stays valid while that object lives, is not moved or assigned to, and its members
// are not changed. A record with a list also refreshes the array of item views it keeps for the
// C struct, so two threads must not call view() on one such object at once.
// clang-format off
#define INVSDK_DETAIL_OWNED_FIELD(M, K) \
  owned_value_t<value_kind::K> M = detail::initial_value<value_kind::K>();
#define INVSDK_DETAIL_OWNED_LIST(M, N) std::vector<std::string> M;
#define INVSDK_DETAIL_NO_FIELD(M, K)
#define INVSDK_DETAIL_LIST_VIEWS(M, N) detail::str_array M##_views_;
#define INVSDK_DETAIL_VIEW_FIELD(M, K) \
  r.M = detail::c_value<value_kind::K, decltype(r.M)>(value_kind_c<value_kind::K>{}, M);
// M and N are member names, used after `.`, where parentheses cannot go.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define INVSDK_DETAIL_VIEW_LIST(M, N) \
  r.M = M##_views_.point_at(M);       \
  r.N = M.size();
// NOLINTEND(bugprone-macro-parentheses)
#define INVSDK_DETAIL_COPY_FIELD(M, K) \
  out.M = detail::owned_copy(value_kind_c<value_kind::K>{}, r.M);
#define INVSDK_DETAIL_COPY_LIST(M, N) out.M = detail::owned_list(r.M, r.N);
#define INVSDK_DETAIL_OWNED_VISIT_FIELD(M, K) \
  v(std::string_view(#M), value_kind_c<value_kind::K>{}, o.M);
#define INVSDK_DETAIL_OWNED_VISIT_LIST(M, N) \
  v(std::string_view(#M), value_kind_c<value_kind::key_list>{}, o.M);
#define INVSDK_DETAIL_OWNED_RECORD(R, STREAM, KIND, FIELDS)                              \
  struct owned_##R {                                                                   \
    FIELDS(INVSDK_DETAIL_OWNED_FIELD, INVSDK_DETAIL_OWNED_LIST)                        \
    [[nodiscard]] invsdk_##R view() const {                                            \
      auto r = make_record<invsdk_##R>();                                              \
      FIELDS(INVSDK_DETAIL_VIEW_FIELD, INVSDK_DETAIL_VIEW_LIST)                        \
      return r;                                                                        \
    }                                                                                  \
    bool operator==(const owned_##R&) const = default;                                 \
                                                                                       \
   private:                                                                            \
    FIELDS(INVSDK_DETAIL_NO_FIELD, INVSDK_DETAIL_LIST_VIEWS)                           \
  };                                                                                   \
  /* A deep copy of one C record, which must already have the current layout (see   */ \
  /* read_sized).                                                                    */ \
  inline owned_##R from_c(const invsdk_##R& r) {                                       \
    owned_##R out;                                                                     \
    FIELDS(INVSDK_DETAIL_COPY_FIELD, INVSDK_DETAIL_COPY_LIST)                          \
    return out;                                                                        \
  }                                                                                    \
  /* Visits every member: v(name, value_kind_c<K>{}, member), lists included.       */ \
  template <typename O, typename V>                                                    \
  requires std::same_as<std::remove_const_t<O>, owned_##R>                             \
  void visit_fields(O& o, V&& v) {                                                     \
    FIELDS(INVSDK_DETAIL_OWNED_VISIT_FIELD, INVSDK_DETAIL_OWNED_VISIT_LIST)            \
  }                                                                                    \
  template <>                                                                          \
  struct record_kind<owned_##R> : record_kind<invsdk_##R> {                            \
    using c_record = invsdk_##R;                                                       \
  };
// clang-format on
INVSDK_RECORD_KINDS(INVSDK_DETAIL_OWNED_RECORD)
#undef INVSDK_DETAIL_OWNED_RECORD
#undef INVSDK_DETAIL_OWNED_VISIT_LIST
#undef INVSDK_DETAIL_OWNED_VISIT_FIELD
#undef INVSDK_DETAIL_COPY_LIST
#undef INVSDK_DETAIL_COPY_FIELD
#undef INVSDK_DETAIL_VIEW_LIST
#undef INVSDK_DETAIL_VIEW_FIELD
#undef INVSDK_DETAIL_LIST_VIEWS
#undef INVSDK_DETAIL_NO_FIELD
#undef INVSDK_DETAIL_OWNED_LIST
#undef INVSDK_DETAIL_OWNED_FIELD

// The owned form of a C record type.
template <typename C>
struct owned_of;
#define INVSDK_DETAIL_OWNED_OF(R, STREAM, KIND, FIELDS) \
  template <>                                           \
  struct owned_of<invsdk_##R> {                         \
    using type = owned_##R;                             \
  };
INVSDK_RECORD_KINDS(INVSDK_DETAIL_OWNED_OF)
#undef INVSDK_DETAIL_OWNED_OF
template <typename C>
using owned_of_t = typename owned_of<C>::type;

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
