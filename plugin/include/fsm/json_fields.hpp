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

// Where in a response a value sits, for error messages.
std::string json_path(std::string_view parent, std::string_view key);
std::string json_path(std::string_view parent, std::size_t index);

// All throw invsdk::error(DATA) naming path + key when the value has another type.
std::string_view text_field(const boost::json::object& o, std::string_view key,
                            std::string_view path);
std::optional<int64_t> integer_field(const boost::json::object& o, std::string_view key,
                                     std::string_view path);
std::optional<bool> bool_field(const boost::json::object& o, std::string_view key,
                               std::string_view path);
// A number as exact decimal text; accepts integers, numbers kept as text by parse_json_page,
// and doubles (shortest round-trip text). Rounded to money_fraction_digits.
std::optional<std::string> money_field(const boost::json::object& o, std::string_view key,
                                       std::string_view path);
// nullptr when absent or null.
const boost::json::array* array_field(const boost::json::object& o, std::string_view key,
                                      std::string_view path);
const boost::json::object* object_field(const boost::json::object& o, std::string_view key,
                                        std::string_view path);
// The element as an object; throws DATA otherwise.
const boost::json::object& as_object(const boost::json::value& v, std::string_view path);

}  // namespace fsm

#endif  // FSM_JSON_FIELDS_HPP
