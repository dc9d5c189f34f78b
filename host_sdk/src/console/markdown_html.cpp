#include "markdown_html.hpp"

#include <fmt/format.h>

#include <vector>

#include "layout.hpp"

namespace invhost::console {

namespace {

bool linkable(std::string_view target) {
  return target.starts_with("https://") || target.starts_with("http://") ||
         (target.starts_with("/") && !target.starts_with("//"));
}

// `code`, **bold** and [text](target) inside one line.
std::string inline_html(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '`') {
      const auto end = text.find('`', i + 1);
      if (end != std::string_view::npos) {
        out += "<code>" + esc(text.substr(i + 1, end - i - 1)) + "</code>";
        i = end + 1;
        continue;
      }
    }
    if (text.substr(i, 2) == "**") {
      const auto end = text.find("**", i + 2);
      if (end != std::string_view::npos) {
        out += "<strong>" + inline_html(text.substr(i + 2, end - i - 2)) + "</strong>";
        i = end + 2;
        continue;
      }
    }
    if (text[i] == '[') {
      const auto close = text.find("](", i);
      const auto end = close == std::string_view::npos ? close : text.find(')', close);
      if (end != std::string_view::npos) {
        const auto label = text.substr(i + 1, close - i - 1);
        const auto target = text.substr(close + 2, end - close - 2);
        out += linkable(target)
                   ? fmt::format(R"(<a href="{}">{}</a>)", esc(target), inline_html(label))
                   : inline_html(label);
        i = end + 1;
        continue;
      }
    }
    const auto next = text.find_first_of("`*[", i + 1);
    const auto stop = next == std::string_view::npos ? text.size() : next;
    out += esc(text.substr(i, stop - i));
    i = stop;
  }
  return out;
}

std::vector<std::string_view> cells(std::string_view row) {
  std::vector<std::string_view> out;
  if (row.starts_with('|')) row.remove_prefix(1);
  if (row.ends_with('|')) row.remove_suffix(1);
  std::size_t start = 0;
  bool in_code = false;
  for (std::size_t i = 0; i <= row.size(); ++i) {
    if (i < row.size() && row[i] == '`') in_code = !in_code;
    if (i == row.size() || (row[i] == '|' && !in_code)) {
      auto cell = row.substr(start, i - start);
      while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
      while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
      out.push_back(cell);
      start = i + 1;
    }
  }
  return out;
}

}  // namespace

std::string markdown_html(std::string_view markdown) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < markdown.size();) {
    const auto end = markdown.find('\n', start);
    lines.push_back(markdown.substr(start, end == std::string_view::npos ? end : end - start));
    start = end == std::string_view::npos ? markdown.size() : end + 1;
  }
  std::string out;
  std::string paragraph;
  const auto flush = [&] {
    if (!paragraph.empty()) out += "<p>" + inline_html(paragraph) + "</p>\n";
    paragraph.clear();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = lines[i];
    if (line.starts_with("```")) {
      flush();
      std::string code;
      for (++i; i < lines.size() && !lines[i].starts_with("```"); ++i)
        code += std::string(lines[i]) + "\n";
      out += "<pre><code>" + esc(code) + "</code></pre>\n";
    } else if (line.starts_with('#')) {
      flush();
      std::size_t level = 0;
      while (level < line.size() && line[level] == '#') ++level;
      // The document's title is the page's h1; its sections follow from h2.
      const auto tag = std::min<std::size_t>(level + 1, 6);
      out += fmt::format("<h{}>{}</h{}>\n", tag, inline_html(line.substr(level + 1)), tag);
    } else if (line.starts_with('|')) {
      flush();
      out += "<div class=\"table-scroll\"><table>\n<thead><tr>";
      for (const auto c : cells(line)) out += "<th scope=\"col\">" + inline_html(c) + "</th>";
      out += "</tr></thead>\n<tbody>\n";
      for (i += 2; i < lines.size() && lines[i].starts_with('|'); ++i) {
        out += "<tr>";
        for (const auto c : cells(lines[i])) out += "<td>" + inline_html(c) + "</td>";
        out += "</tr>\n";
      }
      --i;
      out += "</tbody></table></div>\n";
    } else if (line.starts_with("- ")) {
      flush();
      out += "<ul>\n";
      std::string item;
      for (; i < lines.size() && (lines[i].starts_with("- ") || lines[i].starts_with("  ")); ++i) {
        if (lines[i].starts_with("- ")) {
          if (!item.empty()) out += "<li>" + inline_html(item) + "</li>\n";
          item = lines[i].substr(2);
        } else {
          auto more = lines[i];
          while (!more.empty() && more.front() == ' ') more.remove_prefix(1);
          item += ' ';
          item += more.starts_with("- ") ? more.substr(2) : more;
        }
      }
      if (!item.empty()) out += "<li>" + inline_html(item) + "</li>\n";
      --i;
      out += "</ul>\n";
    } else if (line.empty()) {
      flush();
    } else {
      if (!paragraph.empty()) paragraph += ' ';
      paragraph += line;
    }
  }
  flush();
  return out;
}

}  // namespace invhost::console
