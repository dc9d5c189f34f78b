// Resolving secret references. Messages name the reference, never the value.
#include <fmt/format.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <invhost/secrets.hpp>
#include <invhost/utf8.hpp>

namespace invhost {
namespace {
constexpr std::size_t max_secret_bytes = 64 * 1024;

}  // namespace

std::string resolve_secret(const secret_ref& ref) {
  std::string value;
  if (ref.from == secret_ref::source::env) {
    const char* v = std::getenv(ref.target.c_str());  // NOLINT(concurrency-mt-unsafe)
    if (v == nullptr || *v == '\0')
      throw secret_error(
          fmt::format("secret {}: environment variable {} is not set", ref.text(), ref.target));
    value = v;
  } else {
    struct stat st {};
    if (::stat(ref.target.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
      throw secret_error(fmt::format("secret {}: no such file", ref.text()));
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
      throw secret_error(
          fmt::format("secret {}: the file is accessible by group or others; run: chmod 600 {}",
                      ref.text(), ref.target));
    std::ifstream in(ref.target, std::ios::binary);
    if (!in) throw secret_error(fmt::format("secret {}: cannot be read", ref.text()));
    value.resize(max_secret_bytes + 1);
    in.read(value.data(), static_cast<std::streamsize>(value.size()));
    value.resize(static_cast<std::size_t>(in.gcount()));
    if (value.size() > max_secret_bytes)
      throw secret_error(fmt::format("secret {}: larger than 64 KiB", ref.text()));
    if (!value.empty() && value.back() == '\n') value.pop_back();
    if (!value.empty() && value.back() == '\r') value.pop_back();
    if (value.empty()) throw secret_error(fmt::format("secret {}: the file is empty", ref.text()));
  }
  if (utf8_length(value) < min_secret_chars)
    throw secret_error(
        fmt::format("secret {}: the value is too short; a secret must have at least {} characters",
                    ref.text(), min_secret_chars));
  process_redactor().add(value);
  return value;
}

}  // namespace invhost
