#include "progress_printer.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <invhost/host_log.hpp>
#include <invsdk/record_kinds.hpp>
#include <memory>
#include <optional>

namespace invhost::cli {

progress_printer::progress_printer(std::string connection, bool json_log)
    : connection_(std::move(connection)),
      updating_line_(!json_log && isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()) {}

void progress_printer::log_line(invsdk_stream_kind stream, const char* state) {
  auto& s = streams_[static_cast<std::size_t>(stream)];
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(s.records) / seconds : 0.0;
  host_progress(invsdk::stream_name(stream), fmt::format("{} pages {} records ({:.0f} records/s){}",
                                                         s.pages, s.records, rate, state));
  s.last_line = std::chrono::steady_clock::now();
}

void progress_printer::operator()(const invsdk_progress& p) {
  if (!invsdk::is_known_stream(p.stream)) return;
  if (updating_line_) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(p.records_done) / seconds : 0.0;
    std::fputs(fmt::format("\r\x1b[K{}: {}: {} pages {} records ({:.0f} records/s)", connection_,
                           invsdk::stream_name(p.stream), p.pages_done, p.records_done, rate)
                   .c_str(),
               stderr);
    dirty_ = true;
    return;
  }
  auto& s = streams_[static_cast<std::size_t>(p.stream)];
  if (!s.seen) {
    s.seen = true;
    s.last_line = std::chrono::steady_clock::now();  // its first line comes 10 s in, or at the end
  }
  s.pages = p.pages_done;
  s.records = p.records_done;
  if (std::chrono::steady_clock::now() - s.last_line >= progress_log_interval)
    log_line(p.stream, "");
}

void progress_printer::finish() {
  if (dirty_) std::fputs("\r\x1b[K", stderr);
  dirty_ = false;
  if (updating_line_) return;
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k) {
    if (!streams_[static_cast<std::size_t>(k)].seen) continue;
    log_line(k, ", done");
    streams_[static_cast<std::size_t>(k)] = {};
  }
}

pipeline::observer progress_observer(bool json_log) {
  // The hooks are copied into the pipeline's options: they share the one current printer.
  auto current = std::make_shared<std::optional<progress_printer>>();
  pipeline::observer watch;
  watch.connection_started = [current, json_log](const connector_entry& c) {
    current->emplace(c.id, json_log);
  };
  watch.progress = [current](const invsdk_progress& p) {
    if (*current) (**current)(p);
  };
  watch.connection_staged = [current](const connector_entry&, std::int64_t) {
    if (*current) (*current)->finish();
  };
  return watch;
}

}  // namespace invhost::cli
