#include <charconv>
#include <cmath>
#include <fsm/decimal_text.hpp>
#include <fsm/json_fields.hpp>
#include <invsdk/adapter_base.hpp>
#include <invsdk/values.hpp>

namespace fsm {
namespace json = boost::json;
namespace {

[[noreturn]] void wrong(const json_where& path, std::string_view key, std::string_view expected) {
  throw invsdk::error(INVSDK_STATUS_DATA, "unexpected JSON: " + json_where(path, key).str() +
                                              " should be " + std::string(expected));
}

const json::value* find(const json::object& o, std::string_view key) {
  const auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

}  // namespace

std::string json_where::str() const {
  switch (step_) {
    case step::root:
      return std::string(text_);
    case step::key: {
      std::string parent = parent_->str();
      if (parent.empty()) return std::string(text_);
      return parent + "." + std::string(text_);
    }
    case step::index:
      return parent_->str() + "[" + std::to_string(index_) + "]";
  }
  return {};
}

std::string_view text_field(const json::object& o, std::string_view key, const json_where& path) {
  const auto* v = find(o, key);
  if (v == nullptr) return {};
  if (!v->is_string()) wrong(path, key, "a string");
  return v->get_string();
}

std::optional<int64_t> integer_field(const json::object& o, std::string_view key,
                                     const json_where& path) {
  const auto* v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64()) {
    if (v->get_uint64() > static_cast<uint64_t>(INT64_MAX)) wrong(path, key, "a smaller integer");
    return static_cast<int64_t>(v->get_uint64());
  }
  // A number written with a fraction or exponent ("10.0", "1e3") that is still whole.
  std::optional<std::string> text;
  if (v->is_string()) text = decimal_from_number_text(v->get_string());
  if (v->is_double()) text = decimal_from_double(v->get_double());
  if (text && text->find('.') == std::string::npos) {
    const std::string_view digits = *text;
    int64_t n = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (r.ec == std::errc{} && r.ptr == digits.data() + digits.size()) return n;
  }
  wrong(path, key, "an integer");
}

std::optional<bool> bool_field(const json::object& o, std::string_view key,
                               const json_where& path) {
  const auto* v = find(o, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_bool()) wrong(path, key, "true or false");
  return v->get_bool();
}

std::optional<std::string> money_field(const json::object& o, std::string_view key,
                                       const json_where& path) {
  const auto* v = find(o, key);
  if (v == nullptr) return std::nullopt;
  std::optional<std::string> text;
  if (v->is_int64()) text = decimal_from_integer(v->get_int64());
  if (v->is_uint64()) text = std::to_string(v->get_uint64());
  if (v->is_string()) text = decimal_from_number_text(v->get_string());
  if (v->is_double()) text = decimal_from_double(v->get_double());
  if (!text) wrong(path, key, "a number");
  // The ABI's bounds, checked where the value is read so the error names the JSON path. The
  // value is shown only when short: 1e308 would be 309 digits.
  if (const char* problem = invsdk::money_text_problem(*text))
    throw invsdk::error(INVSDK_STATUS_DATA, "unexpected JSON: " + json_where(path, key).str() +
                                                (text->size() <= 24 ? " " + *text : std::string()) +
                                                " " + problem);
  return text;
}

const json::array* array_field(const json::object& o, std::string_view key,
                               const json_where& path) {
  const auto* v = find(o, key);
  if (v == nullptr) return nullptr;
  if (!v->is_array()) wrong(path, key, "an array");
  return &v->get_array();
}

const json::object* object_field(const json::object& o, std::string_view key,
                                 const json_where& path) {
  const auto* v = find(o, key);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) wrong(path, key, "an object");
  return &v->get_object();
}

const json::object& as_object(const json::value& v, const json_where& path) {
  if (!v.is_object())
    throw invsdk::error(INVSDK_STATUS_DATA,
                        "unexpected JSON: " + path.str() + " should be an object");
  return v.get_object();
}

}  // namespace fsm
