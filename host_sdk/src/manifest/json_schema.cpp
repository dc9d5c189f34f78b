// A JSON-Schema subset, enough for manifest.schema.json; honest about what it checks (see header).
#include <fmt/format.h>

#include <boost/json.hpp>
#include <cmath>
#include <invhost/json_schema.hpp>
#include <regex>
#include <stdexcept>

namespace invhost {
namespace {

namespace json = boost::json;

std::string type_of(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "integer";
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "unknown";
}

bool has_type(const json::value& v, std::string_view type) {
  const std::string actual = type_of(v);
  if (type == actual) return true;
  if (type == "number") return actual == "integer";
  if (type == "integer" && actual == "number") {
    // JSON Schema: a number without a fractional part is an integer, however large. (A cast to
    // an integer type would be undefined for 1e300.)
    const double d = v.as_double();
    return std::isfinite(d) && std::trunc(d) == d;
  }
  return false;
}

// Length in Unicode code points, as JSON Schema counts it.
std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  return n;
}

std::string child(const std::string& path, std::string_view key) {
  return path + "." + std::string(key);
}
std::string child(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

class validator {
 public:
  std::vector<schema_violation> out;

  void check(const json::value& schema, const json::value& v, const std::string& path) {
    if (schema.is_bool()) {
      if (!schema.get_bool()) add(path, "is not allowed here");
      return;
    }
    if (!schema.is_object())
      throw std::invalid_argument("schema at " + path + " is neither object nor boolean");
    const json::object& s = schema.get_object();

    if (const auto* t = s.if_contains("type")) {
      bool ok = false;
      std::string expected;
      if (t->is_string()) {
        ok = has_type(v, t->get_string());
        expected = t->get_string();
      } else if (t->is_array()) {
        for (const auto& one : t->get_array()) {
          if (one.is_string() && has_type(v, one.get_string())) ok = true;
          expected += (expected.empty() ? "" : " or ") + std::string(one.as_string());
        }
      }
      if (!ok) {
        add(path, fmt::format("must be {} (found {})", expected, type_of(v)));
        return;  // the other keywords would only repeat the same problem
      }
    }
    if (const auto* e = s.if_contains("enum")) {
      bool found = false;
      for (const auto& option : e->as_array()) found = found || option == v;
      if (!found) add(path, fmt::format("must be one of {}", json::serialize(*e)));
    }
    if (v.is_string()) check_string(s, v.get_string(), path);
    if (v.is_object()) check_object(s, v.get_object(), path);
    if (v.is_array()) {
      if (const auto* items = s.if_contains("items")) {
        const auto& arr = v.get_array();
        for (std::size_t i = 0; i < arr.size(); ++i) check(*items, arr[i], child(path, i));
      }
    }
  }

 private:
  void add(const std::string& path, std::string message) {
    out.push_back({path, std::move(message)});
  }

  void check_string(const json::object& s, const json::string& str, const std::string& path) {
    const std::string_view text(str.data(), str.size());
    if (const auto* mn = s.if_contains("minLength");
        mn != nullptr && code_points(text) < mn->to_number<std::size_t>())
      add(path, fmt::format("must be at least {} characters long", mn->to_number<std::size_t>()));
    if (const auto* mx = s.if_contains("maxLength");
        mx != nullptr && code_points(text) > mx->to_number<std::size_t>())
      add(path, fmt::format("must be at most {} characters long", mx->to_number<std::size_t>()));
    if (const auto* p = s.if_contains("pattern")) {
      // libstdc++'s std::regex recurses once per character matched: a long enough value
      // overflows the stack. No value a pattern checks here is anywhere near this long.
      constexpr std::size_t max_pattern_checked_bytes = 4096;
      if (text.size() > max_pattern_checked_bytes) {
        add(path, fmt::format("is longer than {} bytes, too long to check against the pattern {}",
                              max_pattern_checked_bytes, p->as_string().c_str()));
        return;
      }
      const std::string pattern(p->as_string());
      std::regex re;
      try {
        re = std::regex(pattern, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        throw std::invalid_argument("schema pattern at " + path +
                                    " is not a valid regular expression");
      }
      // JSON Schema patterns are unanchored: search, not match.
      if (!std::regex_search(text.begin(), text.end(), re))
        add(path, fmt::format("does not match the pattern {}", pattern));
    }
  }

  void check_object(const json::object& s, const json::object& obj, const std::string& path) {
    if (const auto* req = s.if_contains("required")) {
      for (const auto& name : req->as_array())
        if (!obj.contains(name.as_string())) add(child(path, name.as_string()), "is required");
    }
    const json::object* props = nullptr;
    if (const auto* p = s.if_contains("properties")) props = &p->as_object();
    const json::value* additional = s.if_contains("additionalProperties");
    for (const auto& [key, value] : obj) {
      const std::string at = child(path, key);
      if (props != nullptr) {
        if (const auto* sub = props->if_contains(key)) {
          check(*sub, value, at);
          continue;
        }
      }
      if (additional == nullptr) continue;
      if (additional->is_bool()) {
        if (!additional->get_bool()) add(at, "is not an allowed property");
      } else {
        check(*additional, value, at);
      }
    }
  }
};

}  // namespace

std::vector<schema_violation> validate_json(const boost::json::value& schema,
                                            const boost::json::value& instance) {
  validator v;
  v.check(schema, instance, "$");
  return std::move(v.out);
}

}  // namespace invhost
