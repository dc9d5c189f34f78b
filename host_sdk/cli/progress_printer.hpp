// An import's progress as a person or a journal wants it: one updating line on a terminal; on
// anything else (a pipe, a file, the journal) or in JSON log format, one line per stream every
// 10 seconds and one for each stream when the import ends, so a night of 20,000 pages writes a few
// dozen lines, not 20,000.
#ifndef INVHOST_CLI_PROGRESS_PRINTER_HPP
#define INVHOST_CLI_PROGRESS_PRINTER_HPP

#include <invsdk/adapter.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <invhost/pipeline/pipeline.hpp>
#include <string>

namespace invhost::cli {

inline constexpr std::chrono::seconds progress_log_interval{10};

class progress_printer {
 public:
  progress_printer(std::string connection, bool json_log);
  progress_printer(const progress_printer&) = delete;
  progress_printer& operator=(const progress_printer&) = delete;

  void operator()(const invsdk_progress& p);
  // The last stream's closing line (or clears the terminal line); call when the import ends.
  void finish();

 private:
  void log_line(invsdk_stream_kind stream, const char* state);

  std::string connection_;
  bool updating_line_;
  std::chrono::steady_clock::time_point start_;
  // Streams interleave (one page of licenses carries their terms): each keeps its own count and
  // the time of its last line.
  struct stream_progress {
    bool seen = false;
    std::uint64_t pages = 0;
    std::uint64_t records = 0;
    std::chrono::steady_clock::time_point last_line;
  };
  std::array<stream_progress, INVSDK_STREAM_KIND_COUNT + 1> streams_{};
  bool dirty_ = false;
};

// The pipeline's hooks wired to a printer per connection: made when its import starts, finished
// when the import ends. Every command that imports shows progress through this one wiring.
pipeline::observer progress_observer(bool json_log);

}  // namespace invhost::cli

#endif
