#include "import_settings.hpp"

namespace file_import {
namespace {
constexpr std::string_view placeholder = "{external_id}";

[[noreturn]] void bad(const std::string& message) {
  throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG, message);
}
}  // namespace

import_settings parse_settings(const invsdk::config& config) {
  import_settings s;
  const std::string dir = config.require("directory");
  if (dir.size() > 4096) bad("setting 'directory' is longer than 4096 bytes");
  if (dir.find('\0') != std::string::npos) bad("setting 'directory' contains a NUL byte");
  s.directory = dir;

  const std::string format = config.get_or("format", "auto");
  if (format == "csv") {
    s.format = file_format::csv;
  } else if (format == "json") {
    s.format = file_format::json;
  } else if (format == "auto" || format.empty()) {
    s.format = file_format::automatic;
  } else {
    bad("setting 'format' must be csv, json or auto");
  }

  const std::string strict = config.get_or("strict", "true");
  if (strict == "true" || strict.empty()) {
    s.strict = true;
  } else if (strict == "false") {
    s.strict = false;
  } else {
    bad("setting 'strict' must be true or false");
  }

  if (auto link = config.get("link_template"); link && !link->empty()) {
    if (link->size() > 2048) bad("setting 'link_template' is longer than 2048 bytes");
    if (link->rfind("https://", 0) != 0 && link->rfind("http://", 0) != 0)
      bad("setting 'link_template' must start with https:// or http://");
    if (link->find(placeholder) == std::string::npos)
      bad("setting 'link_template' must contain {external_id}");
    s.link_template = *link;
  }
  return s;
}

std::string expand_link(const std::string& link_template, std::string_view external_id) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string encoded;
  for (char ch : external_id) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      encoded.push_back(ch);
    } else {
      encoded.push_back('%');
      encoded.push_back(hex[c >> 4]);
      encoded.push_back(hex[c & 0x0F]);
    }
  }
  std::string out;
  size_t pos = 0;
  for (;;) {
    const auto at = link_template.find(placeholder, pos);
    out.append(link_template, pos, at == std::string::npos ? std::string::npos : at - pos);
    if (at == std::string::npos) break;
    out += encoded;
    pos = at + placeholder.size();
  }
  return out;
}

}  // namespace file_import
