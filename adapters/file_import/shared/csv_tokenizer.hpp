// RFC 4180 record splitter over a byte stream: quoted fields with doubled quotes and embedded
// commas, CR/LF and newlines; LF or CRLF line ends; a leading UTF-8 BOM skipped; blank lines
// skipped. Reads in fixed-size chunks, so memory is bounded by the longest record.
#ifndef FILE_IMPORT_CSV_TOKENIZER_HPP
#define FILE_IMPORT_CSV_TOKENIZER_HPP

#include <cstdint>
#include <istream>
#include <stdexcept>
#include <string>
#include <vector>

namespace file_import {

class csv_syntax_error : public std::runtime_error {
 public:
  csv_syntax_error(uint64_t line, const std::string& message)
      : std::runtime_error(message), line_(line) {}
  [[nodiscard]] uint64_t line() const noexcept { return line_; }

 private:
  uint64_t line_;
};

class csv_tokenizer {
 public:
  // max_field: bytes per field; max_fields: fields per record; max_bytes: bytes in the stream.
  csv_tokenizer(std::istream& in, size_t max_field, size_t max_fields, uint64_t max_bytes);

  // The next record's fields and the 1-based line it starts on. False at the end of the input.
  // Throws csv_syntax_error (unterminated quote, stray quote, limits exceeded).
  bool next(std::vector<std::string>& fields, uint64_t& start_line);

 private:
  int get();
  int peek();
  bool refill();
  void append(std::string& field, char c) const;

  std::istream& in_;
  size_t max_field_;
  size_t max_fields_;
  uint64_t max_bytes_;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  uint64_t consumed_ = 0;
  uint64_t line_ = 1;
  bool started_ = false;
};

}  // namespace file_import

#endif  // FILE_IMPORT_CSV_TOKENIZER_HPP
