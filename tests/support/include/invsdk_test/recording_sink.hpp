// An invsdk_sink that records everything an adapter pushes, as a host's staging would, and checks
// the stream protocol (begin once before the first batch, end once, nothing after the end).
#ifndef INVSDK_TEST_RECORDING_SINK_HPP
#define INVSDK_TEST_RECORDING_SINK_HPP

#include <invsdk/adapter.h>

#include <array>
#include <cstdint>
#include <functional>
#include <invsdk/record_kinds.hpp>
#include <invsdk_test/records.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

namespace invsdk_test {

// What happened to one stream.
struct stream_state {
  bool begun = false;
  bool ended = false;
  std::optional<invsdk_completeness> completeness;  // set by end_stream
  std::string reason;                               // end_stream's reason
  uint64_t batches = 0;                             // accepted emit calls
  uint64_t records = 0;                             // records in accepted emit calls
  int begin_calls = 0;
  int end_calls = 0;

  [[nodiscard]] bool complete() const noexcept {
    return ended && completeness == INVSDK_STREAM_COMPLETE;
  }
  [[nodiscard]] bool incomplete() const noexcept {
    return ended && completeness == INVSDK_STREAM_INCOMPLETE;
  }
};

// One call the adapter made, in order.
struct sink_call {
  enum class op { begin, emit, end };
  op what = op::begin;
  invsdk_stream_kind kind = 0;
  uint64_t count = 0;  // records in an emit
};

// "begin" / "emit" / "end", so BOOST_TEST can print a call.
std::ostream& operator<<(std::ostream& os, sink_call::op what);

class recording_sink {
 public:
  recording_sink();
  recording_sink(const recording_sink&) = delete;
  recording_sink& operator=(const recording_sink&) = delete;

  // The table to pass to import_data; points at this object, so keep it alive and in place.
  [[nodiscard]] const invsdk_sink* sink() const noexcept { return &sink_; }
  operator const invsdk_sink*() const noexcept { return sink(); }  // NOLINT: ABI convenience

  // Makes the nth emit call (1-based, counted over all streams) fail with status and message,
  // recording nothing from it, e.g. fail_on_emit(3, INVSDK_STATUS_IO, "disk full").
  // Later emits succeed again (an adapter is expected to stop at the first failure).
  void fail_on_emit(uint64_t nth, invsdk_status status, std::string message);
  // Called after every accepted emit with its kind and 1-based emit number; lets a test cancel
  // the import (recording_host::set_cancelled or the adapter's cancel) at a precise point.
  std::function<void(invsdk_stream_kind kind, uint64_t emit_number)> on_emit;

  // Per stream; kind must be 1..INVSDK_STREAM_KIND_COUNT.
  [[nodiscard]] const stream_state& stream(invsdk_stream_kind kind) const;
  [[nodiscard]] const std::vector<sink_call>& calls() const noexcept { return calls_; }
  // Every breach of the sink protocol seen (emit before begin, double begin or end, unknown kind,
  // record_size smaller than the 1.0 struct's first field, ...). Empty for a well-behaved adapter.
  [[nodiscard]] const std::vector<std::string>& violations() const noexcept { return violations_; }
  // Emit calls seen, failed ones included.
  [[nodiscard]] uint64_t emit_calls() const noexcept { return emit_calls_; }

  // The records of each stream, named after it (applications, licenses, entitlements,
  // accessing_users, consumption), as record_kinds.hpp lists the kinds.
#define INVSDK_TEST_RECORDS_OF(R, STREAM, KIND, FIELDS) std::vector<invsdk::owned_##R> STREAM;
  INVSDK_RECORD_KINDS(INVSDK_TEST_RECORDS_OF)
#undef INVSDK_TEST_RECORDS_OF

  // The records of the stream of C record type C.
  template <typename C>
  std::vector<invsdk::owned_of_t<C>>& records_of() {
#define INVSDK_TEST_PICK(R, STREAM, KIND, FIELDS) \
  if constexpr (std::is_same_v<C, invsdk_##R>)    \
    return STREAM;                                \
  else
    INVSDK_RECORD_KINDS(INVSDK_TEST_PICK) {
      static_assert(sizeof(C) == 0, "not a record type");
    }
#undef INVSDK_TEST_PICK
  }

 private:
  static invsdk_status begin_cb(void* self, invsdk_stream_kind kind, invsdk_error* error);
  static invsdk_status emit_cb(void* self, invsdk_stream_kind kind, const void* records,
                               uint64_t count, uint32_t record_size, invsdk_error* error);
  static invsdk_status end_cb(void* self, invsdk_stream_kind kind, invsdk_completeness c,
                              invsdk_str reason, invsdk_error* error);
  invsdk_status on_begin(invsdk_stream_kind kind, invsdk_error* error);
  invsdk_status on_emit_call(invsdk_stream_kind kind, const void* records, uint64_t count,
                             uint32_t record_size, invsdk_error* error);
  invsdk_status on_end(invsdk_stream_kind kind, invsdk_completeness c, invsdk_str reason,
                       invsdk_error* error);
  stream_state* state_of(invsdk_stream_kind kind);

  invsdk_sink sink_{};
  std::array<stream_state, INVSDK_STREAM_KIND_COUNT> streams_{};
  std::vector<sink_call> calls_;
  std::vector<std::string> violations_;
  uint64_t emit_calls_ = 0;
  uint64_t fail_nth_ = 0;
  invsdk_status fail_status_ = INVSDK_STATUS_OK;
  std::string fail_message_;
};

}  // namespace invsdk_test

#endif  // INVSDK_TEST_RECORDING_SINK_HPP
