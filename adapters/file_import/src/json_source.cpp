// JSON files as row sources. A SAX-style Boost.JSON parser is fed fixed-size chunks, and each
// completed object becomes a row, so memory stays bounded by one chunk's worth of rows.
#include <boost/json/basic_parser_impl.hpp>
#include <deque>
#include <fstream>
#include <set>

#include "row_source.hpp"

namespace file_import {
namespace {

namespace json = boost::json;
constexpr size_t chunk_bytes = 64 * 1024;

// Builds rows from parser events. Structure: [ {key: scalar | [strings], ...}, ... ].
class row_builder {
 public:
  static constexpr std::size_t max_array_size = max_rows;
  static constexpr std::size_t max_object_size = max_columns;
  static constexpr std::size_t max_string_size = max_field_bytes;
  static constexpr std::size_t max_key_size = 256;

  row_builder(const table_schema& schema, bool strict, warn_fn warn)
      : schema_(schema), strict_(strict), warn_(std::move(warn)) {}

  std::deque<row> ready;
  std::string fatal;   // set when the structure is not an array of objects
  uint64_t index = 0;  // index of the object being read

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }

  bool on_array_begin(json::error_code& ec) {
    if (skip_ > 0) return ++skip_, true;
    if (depth_ == 0) return ++depth_, true;  // the top-level array
    if (depth_ == 2 && column_ && schema_.columns[*column_].kind == value_kind::id_list &&
        !in_list_) {
      in_list_ = true;
      list_.clear();
      return true;
    }
    if (depth_ == 2) {
      problem(key_, "an array is not allowed here");
      skip_ = 1;
      return true;
    }
    return fail(ec, "expected an object");
  }
  bool on_array_end(std::size_t, json::error_code&) {
    if (skip_ > 0) return --skip_, true;
    if (in_list_) {
      in_list_ = false;
      finish_list();
      return true;
    }
    --depth_;  // the top-level array closed
    return true;
  }
  bool on_object_begin(json::error_code& ec) {
    if (skip_ > 0) return ++skip_, true;
    if (depth_ == 0) return fail(ec, "the file must hold a JSON array of objects");
    if (depth_ == 1) {
      current_ = row{};
      current_.values.assign(schema_.columns.size(), std::string());
      current_.location = "index " + std::to_string(index);
      keys_.clear();
      depth_ = 2;
      return true;
    }
    problem(key_, in_list_ ? "the id list must hold strings" : "an object is not allowed here");
    skip_ = 1;
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    if (skip_ > 0) return --skip_, true;
    depth_ = 1;
    ready.push_back(std::move(current_));
    ++index;
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    text_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    text_.append(s.data(), s.size());
    if (skip_ > 0) return text_.clear(), true;
    key_ = std::move(text_);
    text_.clear();
    column_ = schema_.index_of(key_);
    if (!keys_.insert(key_).second) problem(key_, "field appears twice in one object");
    if (!column_) {
      if (strict_) {
        problem(key_, "unknown field (set strict=false to ignore it)");
      } else if (warned_.insert(key_).second && warn_) {
        warn_("ignoring unknown field '" + key_ + "'");
      }
    }
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    text_.append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code& ec) {
    text_.append(s.data(), s.size());
    std::string v = std::move(text_);
    text_.clear();
    return scalar(std::move(v), scalar_type::string, ec);
  }
  bool on_number_part(json::string_view s, json::error_code&) {
    text_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t, json::string_view s, json::error_code& ec) { return number(s, ec); }
  bool on_uint64(std::uint64_t, json::string_view s, json::error_code& ec) { return number(s, ec); }
  bool on_double(double, json::string_view s, json::error_code& ec) { return number(s, ec); }
  bool on_bool(bool b, json::error_code& ec) {
    return scalar(b ? "true" : "false", scalar_type::boolean, ec);
  }
  bool on_null(json::error_code& ec) { return scalar("", scalar_type::null, ec); }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }

 private:
  enum class scalar_type { string, number, boolean, null };

  bool fail(json::error_code& ec, std::string why) {
    fatal = std::move(why);
    ec = json::make_error_code(json::error::syntax);
    return false;
  }
  void problem(const std::string& column, std::string why) {
    if (depth_ >= 2 && !current_.problem) current_.problem = row_problem{column, std::move(why)};
  }
  bool number(json::string_view last, json::error_code& ec) {
    text_.append(last.data(), last.size());
    std::string v = std::move(text_);
    text_.clear();
    return scalar(std::move(v), scalar_type::number, ec);
  }
  bool scalar(std::string v, scalar_type type, json::error_code& ec) {
    if (skip_ > 0) return true;
    if (depth_ < 2)
      return fail(
          ec, depth_ == 0 ? "the file must hold a JSON array of objects" : "expected an object");
    if (in_list_) {
      if (type != scalar_type::string) {
        problem(key_, "the id list must hold strings");
      } else {
        list_.push_back(std::move(v));
      }
      return true;
    }
    if (!column_) return true;  // unknown field, already dealt with
    const column_spec& col = schema_.columns[*column_];
    if (type == scalar_type::boolean && col.kind != value_kind::boolean) {
      problem(key_, "a boolean is not allowed here");
    } else if (type == scalar_type::number &&
               (col.kind == value_kind::boolean || col.kind == value_kind::id_list)) {
      problem(key_, "a number is not allowed here");
    } else if (col.kind == value_kind::id_list) {
      // A string is read like the CSV form: ';'-separated ids.
      if (auto p = split_id_list(v, col.name, current_.ids)) problem(key_, p->message);
      current_.values[*column_] = std::move(v);
    } else {
      current_.values[*column_] = std::move(v);
    }
    return true;
  }
  void finish_list() {
    std::vector<std::string> ids;
    for (auto& id : list_) {
      if (id.empty()) continue;
      if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
        problem(key_, "id '" + id + "' listed twice");
        return;
      }
      if (ids.size() == max_application_ids) {
        problem(key_, "more than 1000 ids");
        return;
      }
      ids.push_back(std::move(id));
    }
    current_.ids = std::move(ids);
    // Kept as text too, so "required" and length checks see the same thing in both formats.
    std::string joined;
    for (const auto& id : current_.ids) joined += (joined.empty() ? "" : ";") + id;
    if (column_) current_.values[*column_] = std::move(joined);
  }

  const table_schema& schema_;
  bool strict_;
  warn_fn warn_;
  int depth_ = 0;  // 0 outside, 1 in the top array, 2 in an object
  int skip_ = 0;   // > 0 while skipping a value that is not allowed
  bool in_list_ = false;
  std::string text_;  // pieces of the current key, string or number
  std::string key_;
  std::optional<size_t> column_;
  std::set<std::string> keys_;
  std::set<std::string> warned_;
  std::vector<std::string> list_;
  row current_;
};

class json_source final : public row_source {
 public:
  json_source(const std::filesystem::path& file, const table_schema& schema, bool strict,
              warn_fn warn)
      : name_(file.filename().string()),
        in_(file, std::ios::binary),
        parser_(json::parse_options{}, schema, strict, std::move(warn)),
        buffer_(chunk_bytes) {
    if (!in_) throw file_error(name_ + ": cannot be opened");
  }

  bool next(row& out) override {
    auto& rows = parser_.handler().ready;
    while (rows.empty() && !finished_) feed();
    if (rows.empty()) return false;
    out = std::move(rows.front());
    rows.pop_front();
    return true;
  }

 private:
  void feed() {
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    const auto got = static_cast<size_t>(std::max<std::streamsize>(in_.gcount(), 0));
    if (got == 0 && in_.bad()) throw file_error(name_ + ": read error");
    const bool more = got > 0;
    size_t start = 0;
    if (!started_ && got >= 3 && static_cast<unsigned char>(buffer_[0]) == 0xEF &&
        static_cast<unsigned char>(buffer_[1]) == 0xBB &&
        static_cast<unsigned char>(buffer_[2]) == 0xBF)
      start = 3;  // a UTF-8 byte order mark
    started_ = true;
    if (offset_ + got > max_file_bytes)
      throw file_error(name_ + ": file larger than the 1 GiB limit");
    json::error_code ec;
    const size_t used = parser_.write_some(more, buffer_.data() + start, got - start, ec);
    if (ec) {
      auto& h = parser_.handler();
      const std::string why = !h.fatal.empty() ? h.fatal : ec.message();
      throw file_error(name_ + " index " + std::to_string(h.index) + " (byte " +
                       std::to_string(offset_ + start + used) + "): invalid JSON: " + why);
    }
    offset_ += got;
    if (!more) {
      if (!parser_.done()) throw file_error(name_ + ": invalid JSON: the document ends early");
      finished_ = true;
    }
  }

  std::string name_;
  std::ifstream in_;
  json::basic_parser<row_builder> parser_;
  std::vector<char> buffer_;
  uint64_t offset_ = 0;
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<row_source> open_json(const std::filesystem::path& file, const table_schema& schema,
                                      bool strict, warn_fn warn) {
  return std::make_unique<json_source>(file, schema, strict, std::move(warn));
}

}  // namespace file_import
