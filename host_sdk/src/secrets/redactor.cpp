#include <algorithm>
#include <invhost/secrets.hpp>
#include <invhost/utf8.hpp>

namespace invhost {

void redactor::add(std::string value) {
  if (utf8_length(value) < min_secret_chars) return;
  std::lock_guard lock(mutex_);
  if (std::find(values_.begin(), values_.end(), value) != values_.end()) return;
  values_.push_back(std::move(value));
  // Longest first, so a secret containing another is hidden whole.
  std::sort(values_.begin(), values_.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string redactor::apply(std::string_view text) const {
  std::string out(text);
  std::lock_guard lock(mutex_);
  for (const auto& v : values_) {
    std::size_t pos = 0;
    while ((pos = out.find(v, pos)) != std::string::npos) {
      out.replace(pos, v.size(), "***");
      pos += 3;
    }
  }
  return out;
}

redactor& process_redactor() {
  static redactor r;
  return r;
}

}  // namespace invhost
