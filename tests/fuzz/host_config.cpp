// Fuzzes invhost.toml parsing. A file may be refused only with config_error; one that is accepted
// must survive being written back and read again unchanged, as `connectors add` and `edit` do.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <invhost/host_config.hpp>
#include <string>
#include <string_view>

namespace {

bool same(const invhost::host_config& a, const invhost::host_config& b) {
  if (a.database != b.database || a.adapter_paths != b.adapter_paths ||
      a.top_bar.enabled != b.top_bar.enabled || a.top_bar.url != b.top_bar.url ||
      a.stale_after_hours != b.stale_after_hours ||
      a.metrics_textfile_dir != b.metrics_textfile_dir ||
      a.connectors.size() != b.connectors.size())
    return false;
  for (std::size_t i = 0; i < a.connectors.size(); ++i) {
    const auto& x = a.connectors[i];
    const auto& y = b.connectors[i];
    if (x.id != y.id || x.adapter != y.adapter || x.enabled != y.enabled ||
        x.settings != y.settings || x.secrets != y.secrets ||
        x.secrets_created != y.secrets_created || x.secrets_expire != y.secrets_expire)
      return false;
  }
  return true;
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
  if (!same(first, again)) std::abort();
  return 0;
}
