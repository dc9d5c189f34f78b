#include "output_table.hpp"

#include <locale.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <invhost/terminal_text.hpp>
#include <invhost/utf8.hpp>

namespace invhost::cli {

namespace {

// Columns a character takes on a terminal (2 for wide East Asian characters, 0 for combining
// marks), as the C library's Unicode tables say; 1 for what they do not know.
std::size_t char_width(char32_t c) {
  static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
  if (utf8 == nullptr || c < 0x80) return 1;
  const locale_t previous = uselocale(utf8);
  const int w = wcwidth(static_cast<wchar_t>(c));
  uselocale(previous);
  return w < 0 ? 1 : static_cast<std::size_t>(w);
}

// Decodes the next character of (valid, escaped) UTF-8 text at i; advances i.
char32_t next_char(std::string_view text, std::size_t& i) {
  const auto b = static_cast<unsigned char>(text[i]);
  const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  // The lead byte keeps 7, 5, 4 or 3 payload bits; each continuation byte 6.
  const char32_t lead_mask = n == 1 ? 0x7FU : (0x3FU >> (n - 1));
  char32_t c = static_cast<char32_t>(b) & lead_mask;
  for (std::size_t k = 1; k < n && i + k < text.size(); ++k)
    c = (c << 6U) | (static_cast<char32_t>(static_cast<unsigned char>(text[i + k])) & 0x3FU);
  i += n;
  return c;
}

}  // namespace

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) width += char_width(next_char(text, i));
  return width;
}

std::string fit_width(std::string_view text, std::size_t max_width) {
  if (display_width(text) <= max_width) return std::string(text);
  if (max_width == 0) return {};
  // Room for the ellipsis, then whole characters only.
  std::string out;
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const std::size_t w = char_width(next_char(text, i));
    if (width + w > max_width - 1) break;
    out.append(text.substr(start, i - start));
    width += w;
  }
  return out + "\u2026";
}

std::optional<std::size_t> terminal_columns() {
  // Read once per table from the CLI's single thread; nothing sets the environment meanwhile.
  if (const char* c = std::getenv("COLUMNS"); c != nullptr) {  // NOLINT(concurrency-mt-unsafe)
    char* end = nullptr;
    const long n = std::strtol(c, &end, 10);
    if (end != c && *end == '\0' && n >= 20 && n <= 10000) return static_cast<std::size_t>(n);
  }
  winsize ws{};
  if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
    return ws.ws_col;
  return std::nullopt;
}

std::string format_table(const std::vector<std::string>& headers,
                         const std::vector<std::vector<std::string>>& rows,
                         std::optional<std::size_t> max_width) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size() + 1);
  cells.push_back(headers);
  for (const auto& r : rows) {
    cells.emplace_back();
    for (const auto& c : r) cells.back().push_back(terminal_text(c));
  }
  std::vector<std::size_t> width(headers.size());
  for (const auto& r : cells)
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], display_width(r[i]));
  // Too wide for the terminal: the widest column gives way, one character at a time, down to
  // a floor that keeps every column readable.
  constexpr std::size_t gap = 2, floor = 6;
  if (max_width && !width.empty()) {
    const auto total = [&] {
      std::size_t t = gap * (width.size() - 1);
      for (const auto w : width) t += w;
      return t;
    };
    while (total() > *max_width) {
      auto widest = std::max_element(width.begin(), width.end());
      if (*widest <= floor) break;
      --*widest;
    }
  }
  std::string out;
  for (const auto& r : cells) {
    std::string l;
    for (std::size_t i = 0; i < width.size(); ++i) {
      const std::string c = fit_width(i < r.size() ? r[i] : std::string{}, width[i]);
      l += c;
      if (i + 1 < width.size()) l += std::string(width[i] - display_width(c) + gap, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  }
  return out;
}

boost::json::value terminal_values(const boost::json::value& v) {
  if (v.is_string()) return boost::json::value(terminal_text(v.as_string()));
  if (v.is_array()) {
    boost::json::array a;
    a.reserve(v.as_array().size());
    for (const auto& e : v.as_array()) a.push_back(terminal_values(e));
    return a;
  }
  if (v.is_object()) {
    boost::json::object o;
    for (const auto& [k, e] : v.as_object()) o.emplace(k, terminal_values(e));
    return o;
  }
  return v;
}

}  // namespace invhost::cli
