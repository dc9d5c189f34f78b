// Fuzzes invhost.toml parsing. A file may be refused only with config_error; one that is accepted
// must survive being written back and read again unchanged, and a change edited into it must read
// back as that change, as every CLI save does.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <invhost/config_edit.hpp>
#include <invhost/host_config.hpp>
#include <string>
#include <string_view>

namespace {

// A change a CLI command could make: edited into the accepted text, it must read back exactly.
invhost::host_config changed(invhost::host_config c) {
  c.stale_after_hours = c.stale_after_hours == 7 ? 8 : 7;
  if (!c.connectors.empty()) {
    auto& first = c.connectors.front();
    first.enabled = !first.enabled;
    first.settings["fuzz_added"] = "x\n\"y\"";
    if (!first.secrets.empty()) {
      first.secrets_created.erase(first.secrets.begin()->first);
      first.secrets_expire.erase(first.secrets.begin()->first);
      first.secrets.erase(first.secrets.begin());
    }
    if (c.connectors.size() > 1) c.connectors.pop_back();
  }
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  invhost::host_config first;
  try {
    first = invhost::parse_config(text, "invhost.toml");
  } catch (const invhost::config_error&) {
    return 0;
  }
  const std::string written = invhost::format_config(first);
  invhost::host_config again;
  try {
    again = invhost::parse_config(written, "invhost.toml (written back)");
  } catch (const invhost::config_error&) {
    std::abort();  // the host wrote a file it cannot read
  }
  if (!(first == again)) std::abort();
  const invhost::host_config after = changed(first);
  const invhost::edited_config edited = invhost::edit_config_text(text, first, after);
  try {
    if (!(invhost::parse_config(edited.text, "invhost.toml (edited)") == after)) std::abort();
  } catch (const invhost::config_error&) {
    std::abort();  // the host wrote a file it cannot read
  }
  return 0;
}
