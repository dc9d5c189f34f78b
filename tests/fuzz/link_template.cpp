// Fuzzes the link templates adapters expand into links back to a record's source: the FSM
// connector's {org_id}/{license_id} templates and the file-import connector's {external_id} one.
// Input: the template, a newline, then the value put in its placeholders.
//
// Beyond "no crash": a substituted value must arrive percent-encoded, so expanding adds no
// character that needs encoding beyond those the template itself holds, and a template the
// connector accepted leaves no brace behind.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fsm/link_template.hpp>
#include <import_settings.hpp>
#include <invsdk/adapter_base.hpp>
#include <string>
#include <string_view>

namespace {

bool needs_encoding(char c) {
  const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
  return !unreserved && c != '%';
}

std::size_t count_needing_encoding(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), needs_encoding));
}

void fsm_template(std::string_view tmpl, std::string_view value) {
  try {
    fsm::check_link_template(tmpl, "license_link_template", {"org_id", "license_id"});
  } catch (const invsdk::error& e) {
    if (e.status() != INVSDK_STATUS_INVALID_CONFIG) std::abort();
    return;
  }
  const std::string link = fsm::expand_link(tmpl, {{"org_id", value}, {"license_id", value}});
  if (count_needing_encoding(link) > count_needing_encoding(tmpl)) std::abort();
  if (link.find_first_of("{}") != std::string::npos) std::abort();
}

void file_import_template(std::string_view tmpl, std::string_view value) {
  const std::string link = file_import::expand_link(std::string(tmpl), value);
  if (count_needing_encoding(link) > count_needing_encoding(tmpl)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view tmpl = input.substr(0, newline);
  const std::string_view value =
      newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  fsm_template(tmpl, value);
  file_import_template(tmpl, value);
  return 0;
}
