#include <algorithm>
#include <fsm/link_template.hpp>
#include <invsdk/adapter_base.hpp>

namespace fsm {
namespace {

bool url_safe(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

std::string encode(std::string_view v) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : v) {
    if (url_safe(c)) {
      out += c;
    } else {
      const auto b = static_cast<unsigned char>(c);
      out += '%';
      out += hex[b >> 4];
      out += hex[b & 0xF];
    }
  }
  return out;
}

}  // namespace

void check_link_template(std::string_view tmpl, std::string_view setting,
                         std::initializer_list<std::string_view> allowed) {
  const auto fail = [&](const std::string& why) {
    throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG,
                        "setting '" + std::string(setting) + "' " + why);
  };
  if (tmpl.empty()) return;
  if (tmpl.size() > 2048) fail("is longer than 2048 characters");
  if (tmpl.substr(0, 8) != "https://" && tmpl.substr(0, 7) != "http://")
    fail("must start with https:// or http://");
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '}') fail("has a '}' without a matching '{'");
    if (tmpl[i] != '{') continue;
    const size_t close = tmpl.find('}', i);
    if (close == std::string_view::npos) fail("has a '{' without a matching '}'");
    const std::string_view name = tmpl.substr(i + 1, close - i - 1);
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "{" : ", {") + std::string(a) + "}";
      fail("uses an unknown placeholder {" + std::string(name) + "} (known: " + list + ")");
    }
    i = close;
  }
}

std::string expand_link(std::string_view tmpl, std::initializer_list<placeholder_value> values) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      const size_t close = tmpl.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = tmpl.substr(i + 1, close - i - 1);
        const auto it = std::find_if(values.begin(), values.end(),
                                     [&](const placeholder_value& p) { return p.first == name; });
        if (it != values.end()) {
          out += encode(it->second);
          i = close;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  return out;
}

}  // namespace fsm
