#include "csv_tokenizer.hpp"

namespace file_import {
namespace {
constexpr int end_of_input = -1;
constexpr size_t chunk_bytes = 64 * 1024;
}  // namespace

csv_tokenizer::csv_tokenizer(std::istream& in, size_t max_field, size_t max_fields,
                             uint64_t max_bytes)
    : in_(in),
      max_field_(max_field),
      max_fields_(max_fields),
      max_bytes_(max_bytes),
      buffer_(chunk_bytes) {}

bool csv_tokenizer::refill() {
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  const auto got = in_.gcount();
  if (got <= 0) {
    if (in_.bad()) throw csv_syntax_error(line_, "read error");
    return false;
  }
  pos_ = 0;
  end_ = static_cast<size_t>(got);
  consumed_ += end_;
  if (consumed_ > max_bytes_) throw csv_syntax_error(line_, "file larger than the 1 GiB limit");
  if (!started_) {
    started_ = true;
    // A UTF-8 byte order mark some spreadsheet programs write.
    if (end_ >= 3 && static_cast<unsigned char>(buffer_[0]) == 0xEF &&
        static_cast<unsigned char>(buffer_[1]) == 0xBB &&
        static_cast<unsigned char>(buffer_[2]) == 0xBF)
      pos_ = 3;
  }
  return true;
}

int csv_tokenizer::peek() {
  if (pos_ == end_ && !refill()) return end_of_input;
  if (pos_ == end_) return end_of_input;
  return static_cast<unsigned char>(buffer_[pos_]);
}

int csv_tokenizer::get() {
  const int c = peek();
  if (c != end_of_input) ++pos_;
  return c;
}

void csv_tokenizer::append(std::string& field, char c) const {
  if (field.size() >= max_field_) throw csv_syntax_error(line_, "field longer than 64 KiB");
  field.push_back(c);
}

bool csv_tokenizer::next(std::vector<std::string>& fields, uint64_t& start_line) {
  fields.clear();
  // Blank lines between records carry nothing.
  for (;;) {
    const int c = peek();
    if (c == end_of_input) return false;
    if (c == '\n') {
      get();
      ++line_;
    } else if (c == '\r') {
      get();
      if (peek() == '\n') get();
      ++line_;
    } else {
      break;
    }
  }
  start_line = line_;
  std::string field;
  for (;;) {
    field.clear();
    int c = get();
    bool end_of_record = false;
    if (c == '"') {
      const uint64_t quote_line = line_;
      for (;;) {
        c = get();
        if (c == end_of_input)
          throw csv_syntax_error(quote_line, "unterminated quoted field (opened on line " +
                                                 std::to_string(quote_line) + ")");
        if (c == '"') {
          if (peek() == '"') {
            get();
            append(field, '"');
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        append(field, static_cast<char>(c));
      }
      c = get();
      if (c == ',') {
      } else if (c == '\n') {
        ++line_;
        end_of_record = true;
      } else if (c == '\r') {
        if (peek() == '\n') get();
        ++line_;
        end_of_record = true;
      } else if (c == end_of_input) {
        end_of_record = true;
      } else {
        throw csv_syntax_error(line_, "unexpected character after a closing quote");
      }
    } else {
      for (;;) {
        if (c == ',') break;
        if (c == '\n') {
          ++line_;
          end_of_record = true;
          break;
        }
        if (c == '\r') {
          if (peek() == '\n') get();
          ++line_;
          end_of_record = true;
          break;
        }
        if (c == end_of_input) {
          end_of_record = true;
          break;
        }
        if (c == '"') throw csv_syntax_error(line_, "quote inside an unquoted field");
        append(field, static_cast<char>(c));
        c = get();
      }
    }
    if (fields.size() == max_fields_)
      throw csv_syntax_error(start_line, "too many fields in a row");
    fields.push_back(field);
    if (end_of_record) return true;
  }
}

}  // namespace file_import
