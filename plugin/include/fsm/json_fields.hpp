// Typed reads of FSM JSON fields. Absent and null read as "not given"; a value of the wrong type
// is a data error that names where it was (e.g. "values[3].terms[0].itemsAllowed").
#ifndef FSM_JSON_FIELDS_HPP
#define FSM_JSON_FIELDS_HPP

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fsm {

// Where in a response a value sits ("app users page 3 values[7].associatedManagedApp"), spelled
// out only when an error names it. Building that text for every record and field cost millions of
// allocations on a large tenant, all for messages that are almost never written. A json_where
// refers to its parent without owning it: make them on the stack, each child below its parent.
class json_where {
 public:
  // The root: a plain text such as "licenses page 2 values", which must outlive the json_where.
  // Implicit, so that a text can be passed where a path is asked for.
  json_where(std::string_view root) noexcept  // NOLINT(google-explicit-constructor)
      : text_(root) {}
  json_where(const char* root) noexcept  // NOLINT(google-explicit-constructor)
      : text_(root) {}
  json_where(const std::string& root) noexcept  // NOLINT(google-explicit-constructor)
      : text_(root) {}
  json_where(std::string&&) = delete;  // a temporary text would be gone before it is read
  json_where(const json_where& parent, std::string_view key) noexcept
      : parent_(&parent), text_(key), step_(step::key) {}
  json_where(const json_where& parent, std::size_t index) noexcept
      : parent_(&parent), index_(index), step_(step::index) {}

  [[nodiscard]] std::string str() const;

 private:
  enum class step : unsigned char { root, key, index };
  const json_where* parent_ = nullptr;
  std::string_view text_;
  std::size_t index_ = 0;
  step step_ = step::root;
};

// All throw invsdk::error(DATA) naming path + key when the value has another type.
std::string_view text_field(const boost::json::object& o, std::string_view key,
                            const json_where& path);
std::optional<int64_t> integer_field(const boost::json::object& o, std::string_view key,
                                     const json_where& path);
std::optional<bool> bool_field(const boost::json::object& o, std::string_view key,
                               const json_where& path);
// A number as exact decimal text; accepts integers, numbers kept as text by parse_json_page,
// and doubles (shortest round-trip text). Rounded to money_fraction_digits.
std::optional<std::string> money_field(const boost::json::object& o, std::string_view key,
                                       const json_where& path);
// nullptr when absent or null.
const boost::json::array* array_field(const boost::json::object& o, std::string_view key,
                                      const json_where& path);
const boost::json::object* object_field(const boost::json::object& o, std::string_view key,
                                        const json_where& path);
// The element as an object; throws DATA otherwise.
const boost::json::object& as_object(const boost::json::value& v, const json_where& path);

}  // namespace fsm

#endif  // FSM_JSON_FIELDS_HPP
