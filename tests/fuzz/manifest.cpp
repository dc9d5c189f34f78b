// Fuzzes manifest parsing: JSON syntax, the manifest schema check, then the fields the host reads.
// A manifest may be refused only with manifest_error; any other exception, crash or sanitizer
// report is a finding.
#include <cstddef>
#include <cstdint>
#include <invhost/manifest.hpp>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)invhost::parse_manifest(text, "/fuzz/adapters/fuzz.json");
  } catch (const invhost::manifest_error&) {
  }
  return 0;
}
