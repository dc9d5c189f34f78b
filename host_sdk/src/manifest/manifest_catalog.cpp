// Finding manifests along the search path.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <invhost/manifest.hpp>
#include <optional>

namespace invhost {
namespace {
constexpr std::size_t max_manifests_per_dir = 10'000;

void split_into(std::string_view list, std::vector<std::filesystem::path>& out) {
  while (!list.empty()) {
    const auto colon = list.find(':');
    const std::string_view one = list.substr(0, colon);
    if (!one.empty()) out.emplace_back(std::string(one));
    if (colon == std::string_view::npos) break;
    list.remove_prefix(colon + 1);
  }
}

// <folder of the running executable>/INVHOST_ADAPTER_DIR_FROM_BINDIR: the installed adapters for
// an installed host (<prefix>/bin -> <prefix>/lib/invhost/adapters), and for the build tree's
// host the link the build puts at the same place. No folder of the machine that built the binary
// is baked in, so a package works wherever it is installed.
std::optional<std::filesystem::path> adapter_dir_beside_executable() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec || exe.empty()) return std::nullopt;
  return (exe.parent_path() / INVHOST_ADAPTER_DIR_FROM_BINDIR).lexically_normal();
}
}  // namespace

const manifest* manifest_catalog::find(std::string_view id) const {
  for (const auto& m : manifests)
    if (m.id == id) return &m;
  return nullptr;
}

std::vector<std::filesystem::path> manifest_search_path(
    const std::vector<std::filesystem::path>& config_paths) {
  std::vector<std::filesystem::path> dirs = config_paths;
  if (const char* env = std::getenv("INVHOST_ADAPTER_PATH")) split_into(env, dirs);  // NOLINT
  if (auto beside = adapter_dir_beside_executable()) dirs.push_back(std::move(*beside));
  return dirs;
}

manifest_catalog discover_manifests(const std::vector<std::filesystem::path>& dirs) {
  manifest_catalog cat;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
      if (e.path().extension() == ".json" && e.is_regular_file(ec)) files.push_back(e.path());
      if (files.size() > max_manifests_per_dir) break;
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      try {
        manifest m = load_manifest(f);
        if (const manifest* first = cat.find(m.id)) {
          cat.problems.push_back({f, fmt::format("{}: adapter id '{}' already found in {}; ignored",
                                                 f.string(), m.id, first->file.string())});
          continue;
        }
        cat.manifests.push_back(std::move(m));
      } catch (const manifest_error& e) {
        cat.problems.push_back({f, e.what()});
      }
    }
  }
  return cat;
}

}  // namespace invhost
