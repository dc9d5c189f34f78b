#include <toml++/toml.h>

#include <algorithm>
#include <invhost/config_edit.hpp>
#include <map>
#include <optional>

#include "config_layout.hpp"

namespace invhost {
namespace {

namespace layout = config_layout;

// The layout is one this does not edit in place; the caller writes the whole file instead.
struct unsupported {};

// Byte edits on the original text, applied together at the end.
class text_edits {
 public:
  explicit text_edits(std::string_view text) : text_(text) {
    line_start_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_start_.push_back(i + 1);
  }

  // The byte offset of a toml++ position (1-based line, column in code points).
  [[nodiscard]] std::size_t offset(const toml::source_position& p) const {
    if (p.line == 0 || p.line > line_start_.size()) throw unsupported{};
    std::size_t at = line_start_[p.line - 1];
    for (toml::source_index col = 1; col < p.column && at < text_.size(); ++col) {
      ++at;
      while (at < text_.size() && (static_cast<unsigned char>(text_[at]) & 0xC0U) == 0x80U) ++at;
    }
    return at;
  }
  [[nodiscard]] std::size_t line_begin(toml::source_index line) const {
    if (line == 0 || line > line_start_.size()) throw unsupported{};
    return line_start_[line - 1];
  }
  [[nodiscard]] std::size_t line_after(toml::source_index line) const {
    return line < line_start_.size() ? line_start_[line] : text_.size();
  }
  [[nodiscard]] std::string_view line_text(toml::source_index line) const {
    const std::size_t b = line_begin(line);
    std::size_t e = line_after(line);
    while (e > b && (text_[e - 1] == '\n' || text_[e - 1] == '\r')) --e;
    return text_.substr(b, e - b);
  }
  // invhost.toml is at most 4 MiB, so its line count fits.
  [[nodiscard]] toml::source_index lines() const {
    return static_cast<toml::source_index>(line_start_.size());
  }
  [[nodiscard]] char at(std::size_t offset) const {
    return offset < text_.size() ? text_[offset] : '\0';
  }
  [[nodiscard]] std::string_view between(std::size_t b, std::size_t e) const {
    return text_.substr(b, e - b);
  }

  void replace(std::size_t begin, std::size_t end, std::string with) {
    edits_.push_back({begin, end, std::move(with)});
  }
  // New lines placed after the given line (0: at the very start).
  void insert_after_line(toml::source_index line, std::string lines) {
    const std::size_t at = line == 0 ? 0 : line_after(line);
    if (at == text_.size() && !text_.empty() && text_.back() != '\n') lines.insert(0, "\n");
    edits_.push_back({at, at, std::move(lines)});
  }
  void erase_lines(toml::source_index first, toml::source_index last) {
    edits_.push_back({line_begin(first), line_after(last), {}});
  }

  [[nodiscard]] std::string apply() const {
    auto sorted = edits_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const edit& a, const edit& b) { return a.begin < b.begin; });
    std::string out;
    std::size_t done = 0;
    for (const auto& e : sorted) {
      if (e.begin < done) throw unsupported{};  // overlapping edits
      out.append(text_.substr(done, e.begin - done));
      out += e.with;
      done = e.end;
    }
    out.append(text_.substr(done));
    return out;
  }

 private:
  struct edit {
    std::size_t begin;
    std::size_t end;
    std::string with;
  };
  std::string_view text_;
  std::vector<std::size_t> line_start_;
  std::vector<edit> edits_;
};

// The last line a node occupies, its tables' and arrays' contents included.
toml::source_index last_line(const toml::node& n) {
  toml::source_index last = n.source().end.line;
  if (const auto* t = n.as_table())
    for (const auto& [k, v] : *t) last = std::max(last, last_line(v));
  if (const auto* a = n.as_array())
    for (const auto& v : *a) last = std::max(last, last_line(v));
  return last;
}

class editor {
 public:
  editor(std::string_view text, toml::table& root) : edits_(text), root_(root) {}

  // A table declared by its own [header] line (or [[header]] for an array element).
  [[nodiscard]] bool has_header(const toml::table& t) const {
    return !t.is_inline() && edits_.at(edits_.offset(t.source().begin)) == '[';
  }

  // The last line of a table's own key = value lines (its header when it has none), so a new key
  // goes below them and above any comment or blank line that leads into the next table.
  [[nodiscard]] toml::source_index last_own_line(const toml::table& t) const {
    toml::source_index last = t.source().begin.line;
    for (const auto& [k, v] : t) {
      if (const auto* sub = v.as_table(); sub != nullptr && has_header(*sub)) continue;
      if (const auto* arr = v.as_array(); arr != nullptr && !arr->empty() &&
                                          arr->front().is_table() &&
                                          has_header(*arr->front().as_table()))
        continue;
      last = std::max(last, last_line(v));
    }
    return last;
  }

  // Sets keys to values (TOML text) in the table `names` below base, creating it as needed.
  // header_prefix: the header names of base itself ({"connector"} for a connector, {} for root).
  void set(toml::table& base, const std::vector<std::string>& header_prefix,
           const std::vector<std::string>& names,
           const std::vector<std::pair<std::string, std::string>>& values) {
    toml::table* t = &base;
    for (const auto& name : names) {
      toml::node* child = t->get(name);
      if (child == nullptr) {
        add_table(*t, header_prefix, names, values);
        return;
      }
      t = child->as_table();
      if (t == nullptr) throw unsupported{};
    }
    if (t == &root_ || !has_header(*t)) throw unsupported{};
    std::vector<std::pair<std::string, std::string>> added;
    for (const auto& [key, value] : values) {
      if (toml::node* existing = t->get(key))
        edits_.replace(edits_.offset(existing->source().begin),
                       edits_.offset(existing->source().end), value);
      else
        added.emplace_back(key, value);
    }
    if (!added.empty()) edits_.insert_after_line(last_own_line(*t), layout::table_text({}, added));
  }

  void remove(toml::table& base, const std::vector<std::string>& names, const std::string& key) {
    toml::table* t = &base;
    for (const auto& n : names) {
      toml::node* child = t->get(n);
      if (child == nullptr) return;
      t = child->as_table();
      if (t == nullptr) throw unsupported{};
    }
    if (t == &root_ || !has_header(*t)) throw unsupported{};
    for (const auto& [k, v] : *t) {
      if (k.str() != key) continue;
      const toml::source_index first = k.source().begin.line;
      const toml::source_index last = v.source().end.line;
      // Only a key alone on its line(s): what precedes it is indentation, what follows a comment.
      const std::size_t line_start = edits_.line_begin(first);
      const std::size_t key_start = edits_.offset(k.source().begin);
      if (edits_.between(line_start, key_start).find_first_not_of(" \t") != std::string_view::npos)
        throw unsupported{};
      const std::string_view rest =
          edits_.line_text(last).substr(edits_.offset(v.source().end) - edits_.line_begin(last));
      const auto tail = rest.find_first_not_of(" \t");
      if (tail != std::string_view::npos && rest[tail] != '#') throw unsupported{};
      edits_.erase_lines(first, last);
      return;
    }
  }

  // Removes the [header] line of a table whose every key this edit removes, so no empty section
  // is left behind; a table with a sub-table or inline layout stays as it is.
  void remove_header_if_emptied(toml::table& base, const std::vector<std::string>& names,
                                std::size_t removed_keys) {
    toml::table* t = &base;
    for (const auto& n : names) {
      toml::node* child = t->get(n);
      if (child == nullptr || child->as_table() == nullptr) return;
      t = child->as_table();
    }
    if (t == &base || !has_header(*t) || t->size() != removed_keys) return;
    const toml::source_index line = t->source().begin.line;
    edits_.erase_lines(line, line);
  }

  // Removes a [[connector]] element with the comment lines right above it.
  void remove_element(const toml::table& element) {
    if (!has_header(element)) throw unsupported{};
    toml::source_index first = element.source().begin.line;
    while (first > 1 && edits_.line_text(first - 1).find_first_not_of(" \t") != std::string::npos &&
           edits_.line_text(first - 1)[edits_.line_text(first - 1).find_first_not_of(" \t")] == '#')
      --first;
    edits_.erase_lines(first, last_line(element));
  }

  void append(const std::string& text) { edits_.insert_after_line(edits_.lines(), "\n" + text); }

  [[nodiscard]] std::string result() const { return edits_.apply(); }

 private:
  // The table `names` is missing below t: a new [header] section with the values, after t.
  void add_table(const toml::table& t, const std::vector<std::string>& header_prefix,
                 const std::vector<std::string>& names,
                 const std::vector<std::pair<std::string, std::string>>& values) {
    if (&t != &root_ && !has_header(t)) throw unsupported{};
    std::vector<std::string> header = header_prefix;
    header.insert(header.end(), names.begin(), names.end());
    if (&t == &root_)
      append(layout::table_text(header, values));
    else
      edits_.insert_after_line(last_line(t), "\n" + layout::table_text(header, values));
  }

  text_edits edits_;
  toml::table& root_;
};

using value_map = std::map<std::string, std::string>;

value_map as_map(const layout::table_values& t) {
  return {t.values.begin(), t.values.end()};
}

// Per table of `before` and `after` (same paths in the same order): the keys to set, together,
// each key to remove, and the tables left empty that are not written when empty.
template <typename Set, typename Remove, typename Emptied>
void diff_tables(const std::vector<layout::table_values>& before,
                 const std::vector<layout::table_values>& after, Set set, Remove remove,
                 Emptied emptied) {
  for (std::size_t i = 0; i < after.size(); ++i) {
    const value_map old_values = as_map(before.at(i));
    const value_map new_values = as_map(after[i]);
    std::vector<std::pair<std::string, std::string>> changed;
    for (const auto& [key, value] : new_values) {
      const auto it = old_values.find(key);
      if (it == old_values.end() || it->second != value) changed.emplace_back(key, value);
    }
    if (!changed.empty()) set(after[i].path, changed);
    std::size_t removed = 0;
    for (const auto& [key, value] : old_values)
      if (new_values.count(key) == 0) {
        remove(after[i].path, key);
        ++removed;
      }
    if (removed > 0 && new_values.empty() && !after[i].written_when_empty)
      emptied(after[i].path, removed);
  }
}

toml::table* connector_element(toml::table& root, const std::string& id) {
  toml::array* all = root.get_as<toml::array>("connector");
  if (all == nullptr) return nullptr;
  for (auto& n : *all)
    if (auto* t = n.as_table(); t != nullptr && t->get_as<std::string>("id") != nullptr &&
                                t->get_as<std::string>("id")->get() == id)
      return t;
  return nullptr;
}

std::string edit_in_place(std::string_view original, const host_config& before,
                          const host_config& after) {
  toml::table root = toml::parse(original);
  editor ed(original, root);
  using values = std::vector<std::pair<std::string, std::string>>;
  diff_tables(
      layout::host_tables(before), layout::host_tables(after),
      [&](const std::vector<std::string>& path, const values& changed) {
        ed.set(root, {}, path, changed);
      },
      [&](const std::vector<std::string>& path, const std::string& key) {
        ed.remove(root, path, key);
      },
      [&](const std::vector<std::string>& path, std::size_t removed) {
        ed.remove_header_if_emptied(root, path, removed);
      });
  for (const auto& old : before.connectors)
    if (after.find(old.id) == nullptr) {
      toml::table* element = connector_element(root, old.id);
      if (element == nullptr) throw unsupported{};
      ed.remove_element(*element);
    }
  for (const auto& now : after.connectors) {
    const connector_entry* old = before.find(now.id);
    if (old == nullptr) {
      ed.append(layout::connector_text(now));
      continue;
    }
    toml::table* element = connector_element(root, now.id);
    if (element == nullptr) throw unsupported{};
    diff_tables(
        layout::connector_tables(*old), layout::connector_tables(now),
        [&](const std::vector<std::string>& path, const values& changed) {
          ed.set(*element, {"connector"}, path, changed);
        },
        [&](const std::vector<std::string>& path, const std::string& key) {
          ed.remove(*element, path, key);
        },
        [&](const std::vector<std::string>& path, std::size_t removed) {
          ed.remove_header_if_emptied(*element, path, removed);
        });
  }
  return ed.result();
}

}  // namespace

edited_config edit_config_text(std::string_view original, const host_config& before,
                               const host_config& after) {
  if (original.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return {format_config(after), true};
  try {
    std::string text = edit_in_place(original, before, after);
    if (parse_config(text, "invhost.toml") == after) return {std::move(text), true};
  } catch (const unsupported&) {
  } catch (const toml::parse_error&) {
  } catch (const config_error&) {
  }
  return {format_config(after), false};
}

}  // namespace invhost
