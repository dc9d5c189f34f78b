// Delivery of records assembled in memory (the legacy adapters) as SDK owned records: a whole
// stream, or a whole estate of five streams, in batches.
#ifndef FILE_IMPORT_STREAM_DELIVERY_HPP
#define FILE_IMPORT_STREAM_DELIVERY_HPP

#include <algorithm>
#include <invsdk/adapter_base.hpp>
#include <invsdk/owned_records.hpp>
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

// A whole estate read into memory, one vector per stream. Adapters that keep more about what they
// read derive from it.
struct owned_estate {
  std::vector<invsdk::owned_application> applications;
  std::vector<invsdk::owned_license> licenses;
  std::vector<invsdk::owned_entitlement> entitlements;
  std::vector<invsdk::owned_accessing_user> users;
  std::vector<invsdk::owned_consumption> consumption;
};

// Delivers the five streams in ABI order, each through deliver_stream(). Throws CANCELLED before
// sending anything when cancelled() is already true.
template <typename Cancelled>
void deliver_estate(invsdk::sink_writer& sink, const invsdk::host& host, const owned_estate& e,
                    Cancelled cancelled) {
  if (cancelled()) throw invsdk::error(INVSDK_STATUS_CANCELLED, "import cancelled");
  deliver_stream(sink, host, INVSDK_STREAM_APPLICATIONS, e.applications, cancelled);
  deliver_stream(sink, host, INVSDK_STREAM_LICENSES, e.licenses, cancelled);
  deliver_stream(sink, host, INVSDK_STREAM_ENTITLEMENTS, e.entitlements, cancelled);
  deliver_stream(sink, host, INVSDK_STREAM_ACCESSING_USERS, e.users, cancelled);
  deliver_stream(sink, host, INVSDK_STREAM_CONSUMPTION, e.consumption, cancelled);
}

}  // namespace file_import

#endif  // FILE_IMPORT_STREAM_DELIVERY_HPP
