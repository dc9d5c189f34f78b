// Parsing secret references. Kept apart from resolving them so that reading invhost.toml can refuse
// a value that is not a reference without linking what reads the environment and files.
#include <invhost/secrets.hpp>

namespace invhost {
namespace {

bool valid_env_name(std::string_view n) {
  if (n.empty() || n.size() > 255) return false;
  for (char c : n)
    if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
      return false;
  return !(n[0] >= '0' && n[0] <= '9');
}
// A path with a control character is a pasted value or a hostile file, never a real reference;
// refusing it also keeps the reference printable and writable back to invhost.toml unchanged.
bool printable_path(std::string_view p) {
  for (const char c : p) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

}  // namespace

std::string secret_ref::text() const {
  return (from == source::env ? "env:" : "file:") + target;
}

std::optional<secret_ref> parse_secret_ref(std::string_view text) {
  if (text.starts_with("env:")) {
    const std::string_view name = text.substr(4);
    if (!valid_env_name(name)) return std::nullopt;
    return secret_ref{secret_ref::source::env, std::string(name)};
  }
  if (text.starts_with("file:")) {
    const std::string_view path = text.substr(5);
    if (path.empty() || path.size() > 4096 || !printable_path(path)) return std::nullopt;
    return secret_ref{secret_ref::source::file, std::string(path)};
  }
  return std::nullopt;
}

}  // namespace invhost
