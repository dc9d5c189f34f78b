#include "invsdk_test/records.hpp"

#include <invsdk/record_kinds.hpp>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

namespace invsdk {
namespace {

// Prints every member of an owned record, in the order record_kinds.hpp lists them:
// license{L1, name=..., application_ids=[a;b], is_active=?, ...}.
struct member_printer {
  std::ostream& os;
  bool first = true;

  template <typename Kind, typename Value>
  void operator()(std::string_view name, Kind /*kind*/, const Value& v) {
    if (first)
      first = false;  // the key, unlabelled
    else
      os << ", " << name << '=';
    if constexpr (std::is_same_v<Value, std::optional<bool>>) {
      os << (!v ? "?" : (*v ? "true" : "false"));
    } else if constexpr (std::is_same_v<Value, std::vector<std::string>>) {
      os << '[';
      for (std::size_t i = 0; i < v.size(); ++i) os << (i == 0 ? "" : ";") << v[i];
      os << ']';
    } else {
      os << v;
    }
  }
};

template <typename Owned>
std::ostream& print(std::ostream& os, const Owned& r) {
  using kind = record_kind<typename record_kind<Owned>::c_record>;
  os << kind::stream << '{';
  visit_fields(r, member_printer{os});
  return os << '}';
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const owned_application& r) {
  return print(os, r);
}
std::ostream& operator<<(std::ostream& os, const owned_license& r) {
  return print(os, r);
}
std::ostream& operator<<(std::ostream& os, const owned_entitlement& r) {
  return print(os, r);
}
std::ostream& operator<<(std::ostream& os, const owned_accessing_user& r) {
  return print(os, r);
}
std::ostream& operator<<(std::ostream& os, const owned_consumption& r) {
  return print(os, r);
}

}  // namespace invsdk

namespace invsdk_test {

std::string stream_name(invsdk_stream_kind kind) {
  const std::string_view name = invsdk::stream_name(kind);
  return name.empty() ? "kind(" + std::to_string(kind) + ")" : std::string(name);
}

}  // namespace invsdk_test
