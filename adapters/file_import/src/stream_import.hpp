// Reads one import file and delivers it as one stream: begin, batches, end with completeness.
#ifndef FILE_IMPORT_STREAM_IMPORT_HPP
#define FILE_IMPORT_STREAM_IMPORT_HPP

#include <filesystem>
#include <functional>
#include <invsdk/adapter_base.hpp>
#include <optional>
#include <string>

#include "import_settings.hpp"
#include "row_completion.hpp"
#include "table_schema.hpp"

namespace file_import {

inline constexpr size_t batch_rows = 1000;

// Where a stream's data is: one file, or why there is none to read.
struct located_file {
  std::optional<std::filesystem::path> path;  // empty when the stream has no file
  file_format format = file_format::csv;
  std::string ambiguity;  // set when both .csv and .json exist under auto
};

// Looks for <base>.csv / <base>.json in the directory as the format setting allows.
located_file locate(const std::filesystem::path& directory, std::string_view base,
                    file_format format);

struct stream_result {
  bool complete = false;
  std::string problem;  // the first problem, with file and place; empty when complete
};

struct stream_context {
  const import_settings& settings;
  invsdk::sink_writer& sink;
  const invsdk::host& host;
  row_completion& completion;
  std::function<bool()> cancelled;  // checked between batches
};

// Delivers one begun-and-ended stream from the file. Throws invsdk::error when the sink fails
// (its status) or the import is cancelled (CANCELLED, after ending the stream incomplete).
stream_result import_stream(const table_schema& schema, const located_file& file,
                            stream_context& ctx);

}  // namespace file_import

#endif  // FILE_IMPORT_STREAM_IMPORT_HPP
