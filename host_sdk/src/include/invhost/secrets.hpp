// Secret references ("env:VAR", "file:PATH") and the redactor that keeps resolved values out of
// every log line, error message and database row.
#ifndef INVHOST_SECRETS_HPP
#define INVHOST_SECRETS_HPP

#include <cstddef>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace invhost {

struct secret_ref {
  enum class source { env, file };
  source from = source::env;
  std::string target;  // variable name or file path

  // The reference as written in the configuration ("env:VAR").
  [[nodiscard]] std::string text() const;
};

// The shortest secret accepted, in characters. A shorter value cannot be masked in messages
// without hiding ordinary text that happens to contain it (a one-letter secret would mask every
// such letter), and is too weak to be a credential anyway.
inline constexpr std::size_t min_secret_chars = 8;

// A secret that cannot be resolved or a reference that is not one. Never contains the value.
class secret_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The reference in text, or nullopt when text is not "env:NAME" or "file:/path" (e.g. a literal).
std::optional<secret_ref> parse_secret_ref(std::string_view text);

// Reads the value now: the environment variable (must be set and non-empty) or the file (must
// exist, be at most 64 KiB, and not be readable or writable by group or others; one trailing
// newline is dropped). The value must have at least min_secret_chars characters. Registers the
// value with process_redactor(). Throws secret_error.
std::string resolve_secret(const secret_ref& ref);

// Replaces every occurrence of a known secret value, whole, with "***". Thread-safe.
class redactor {
 public:
  // Remembers a value to hide. Values shorter than min_secret_chars are ignored: resolve_secret
  // refuses them, so none is in use, and masking one would garble unrelated text.
  void add(std::string value);
  // text with every remembered value replaced by "***", longest values first.
  [[nodiscard]] std::string apply(std::string_view text) const;

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> values_;
};

// The one redactor the logger, run records and CLI output go through.
redactor& process_redactor();

}  // namespace invhost

#endif
