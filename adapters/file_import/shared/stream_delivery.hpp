// Delivery of records assembled in memory (the legacy adapters) as SDK owned records, a whole
// stream at a time in batches.
#ifndef FILE_IMPORT_STREAM_DELIVERY_HPP
#define FILE_IMPORT_STREAM_DELIVERY_HPP

#include <invsdk/adapter_base.hpp>
#include <invsdk/owned_records.hpp>

#include <algorithm>
#include <span>
#include <string>
#include <vector>

namespace file_import {

// Begins the stream, emits records in batches of 1000 (checking cancelled() between batches),
// and ends it complete. On cancellation ends it incomplete and throws CANCELLED.
template <typename Owned, typename Cancelled>
void deliver_stream(invsdk::sink_writer& sink, const invsdk::host& host, invsdk_stream_kind kind,
                    const std::vector<Owned>& records, Cancelled cancelled) {
  constexpr size_t batch = 1000;
  sink.begin(kind);
  uint64_t done = 0, batches = 0;
  for (size_t start = 0; start < records.size(); start += batch) {
    const size_t end = std::min(records.size(), start + batch);
    invsdk::emit_owned(sink, std::span<const Owned>(records).subspan(start, end - start));
    done += end - start;
    ++batches;
    host.progress(kind, done, static_cast<int64_t>(records.size()), batches, 0);
    if (cancelled()) {
      sink.end(kind, false, "cancelled");
      throw invsdk::error(INVSDK_STATUS_CANCELLED, "import cancelled");
    }
  }
  sink.end(kind, true);
}

}  // namespace file_import

#endif  // FILE_IMPORT_STREAM_DELIVERY_HPP
