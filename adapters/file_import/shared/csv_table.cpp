#include "csv_table.hpp"

#include <cstdio>
#include <stdexcept>

#include "field_checks.hpp"

namespace file_import {
namespace {
constexpr size_t field_limit = 64 * 1024;
constexpr size_t column_limit = 256;
constexpr uint64_t byte_limit = 1ULL << 30;

std::string trimmed(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}
}  // namespace

csv_table::csv_table(const std::filesystem::path& file, const std::vector<std::string>& required)
    : name_(file.filename().string()),
      in_(file, std::ios::binary),
      tokenizer_(in_, field_limit, column_limit, byte_limit) {
  if (!in_) throw std::runtime_error(name_ + ": cannot be opened");
  std::vector<std::string> header;
  try {
    if (!tokenizer_.next(header, line_))
      throw std::runtime_error(name_ + ": empty file, no header row");
  } catch (const csv_syntax_error& e) {
    throw std::runtime_error(name_ + " line " + std::to_string(e.line()) + ": " + e.what());
  }
  for (size_t i = 0; i < header.size(); ++i) columns_.emplace(trimmed(header[i]), i);
  for (const auto& r : required)
    if (!has_column(r)) throw std::runtime_error(where(r) + ": required column is missing");
}

bool csv_table::next() {
  try {
    if (!tokenizer_.next(fields_, line_)) return false;
  } catch (const csv_syntax_error& e) {
    throw std::runtime_error(name_ + " line " + std::to_string(e.line()) + ": " + e.what());
  }
  if (fields_.size() != columns_.size())
    throw std::runtime_error(name_ + " line " + std::to_string(line_) + ": expected " +
                             std::to_string(columns_.size()) + " fields as in the header, found " +
                             std::to_string(fields_.size()));
  return true;
}

std::string csv_table::get(std::string_view name) const {
  auto it = columns_.find(name);
  if (it == columns_.end()) return {};
  return trimmed(fields_.at(it->second));
}

bool csv_table::has_column(std::string_view name) const {
  return columns_.find(name) != columns_.end();
}

std::string csv_table::where(std::string_view column) const {
  return name_ + " line " + std::to_string(line_) + ", column '" + std::string(column) + "'";
}

std::optional<std::string> normalise_date(std::string_view text) {
  if (!check_iso8601(text)) return std::string(text);
  // M/D/YYYY with an optional time, as US-locale admin exports write it.
  int month = 0, day = 0, year = 0, hour = 0, minute = 0, second = 0;
  char ampm[3] = {0, 0, 0};
  const std::string s(text);
  int used = 0;
  if (std::sscanf(s.c_str(), "%d/%d/%d%n", &month, &day, &year, &used) != 3) return std::nullopt;
  bool has_time = false;
  if (static_cast<size_t>(used) < s.size()) {
    int used2 = 0;
    const char* rest = s.c_str() + used;
    const int n = std::sscanf(rest, " %d:%d%n", &hour, &minute, &used2);
    if (n != 2) return std::nullopt;
    rest += used2;
    if (*rest == ':') {
      int used3 = 0;
      if (std::sscanf(rest, ":%d%n", &second, &used3) != 1) return std::nullopt;
      rest += used3;
    }
    if (std::sscanf(rest, " %2[APMapm]", ampm) == 1) {
      const bool pm = ampm[0] == 'P' || ampm[0] == 'p';
      if (hour < 1 || hour > 12) return std::nullopt;
      hour = hour % 12 + (pm ? 12 : 0);
    }
    has_time = true;
  }
  char buf[32];
  if (has_time)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute,
                  second);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  std::string out(buf);
  if (check_iso8601(out)) return std::nullopt;
  return out;
}

}  // namespace file_import
