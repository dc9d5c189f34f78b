// Adapter manifests: the JSON file read before an adapter library is loaded.
#ifndef INVHOST_MANIFEST_HPP
#define INVHOST_MANIFEST_HPP

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace invhost {

// One setting an adapter takes, from the manifest's config_schema.
struct setting_spec {
  std::string type;  // string | integer | boolean | url | path
  std::string description;
  bool secret = false;
  bool required = false;
  std::optional<std::string> default_value;
  std::vector<std::string> allowed;  // empty = any value
};

// How long a secret stays valid after it was created (the manifest's secret_lifetimes).
struct secret_lifetime {
  int64_t days = 0;          // from creation to expiry
  std::string applies_from;  // YYYY-MM-DD: secrets created before it do not expire; empty: all do
};

inline constexpr int64_t max_secret_lifetime_days = 36500;

struct manifest {
  std::filesystem::path file;  // the manifest file it came from
  std::string id;
  std::string name;
  std::string version;
  uint32_t abi_major = 0;
  uint32_t abi_minor = 0;
  std::filesystem::path library;  // absolute: the manifest's folder / its plain file name
  std::string description;
  std::string vendor;
  std::map<std::string, setting_spec> settings;
  std::vector<std::string> supersedes;
  // The settings that identify the source (see source_identity.hpp): per part, the settings of
  // which the first with a value counts. Empty: the adapter declares none.
  std::vector<std::vector<std::string>> source_identity;
  std::map<std::string, secret_lifetime> secret_lifetimes;  // by secret setting
  std::string text;                                         // the document as read
};

// A manifest that cannot be used; what() names the file and the JSON path of each problem.
class manifest_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// manifest/manifest.schema.json, embedded at build time.
std::string_view manifest_schema_text() noexcept;

// Parses and validates manifest text against the schema; file names it in errors and gives the
// folder of the library, which must be a plain file name. Throws manifest_error listing every
// violation.
manifest parse_manifest(std::string_view text, const std::filesystem::path& file);

// Reads and parses one manifest file (at most 1 MiB). Throws manifest_error.
manifest load_manifest(const std::filesystem::path& file);

struct manifest_problem {
  std::filesystem::path file;
  std::string message;
};

// What a search of the manifest folders found.
struct manifest_catalog {
  std::vector<manifest> manifests;  // first of each id in search order
  std::vector<manifest_problem> problems;

  // The manifest with this adapter id, or nullptr.
  [[nodiscard]] const manifest* find(std::string_view id) const;
};

// Reads <dir>/*.json of every folder in order; missing folders are skipped silently.
manifest_catalog discover_manifests(const std::vector<std::filesystem::path>& dirs);

// The folders searched: config_paths, then $INVHOST_ADAPTER_PATH (colon-separated), then the
// adapter folder beside the running executable (<prefix>/lib/invhost/adapters for
// <prefix>/bin/invhost; the build tree links the same relative place to its adapters).
std::vector<std::filesystem::path> manifest_search_path(
    const std::vector<std::filesystem::path>& config_paths);

}  // namespace invhost

#endif
