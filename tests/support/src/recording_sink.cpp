#include "invsdk_test/recording_sink.hpp"

#include <invsdk/adapter_base.hpp>
#include <stdexcept>

namespace invsdk_test {
namespace {

// Widens each record of a batch to the current layout and appends its deep copy.
template <typename Record, typename Out>
void copy_batch(const void* records, uint64_t count, uint32_t record_size, std::vector<Out>& out) {
  const auto* bytes = static_cast<const unsigned char*>(records);
  for (uint64_t i = 0; i < count; ++i) {
    const auto rec = invsdk::read_sized<Record>(bytes + i * record_size, record_size);
    out.push_back(invsdk::from_c(rec));
  }
}

}  // namespace

std::ostream& operator<<(std::ostream& os, sink_call::op what) {
  switch (what) {
    case sink_call::op::begin:
      return os << "begin";
    case sink_call::op::emit:
      return os << "emit";
    case sink_call::op::end:
      return os << "end";
  }
  return os << "?";
}

recording_sink::recording_sink() {
  sink_.struct_size = sizeof(invsdk_sink);
  sink_.host_data = this;
  sink_.begin_stream = &begin_cb;
  sink_.emit = &emit_cb;
  sink_.end_stream = &end_cb;
}

void recording_sink::fail_on_emit(uint64_t nth, invsdk_status status, std::string message) {
  fail_nth_ = nth;
  fail_status_ = status;
  fail_message_ = std::move(message);
}

const stream_state& recording_sink::stream(invsdk_stream_kind kind) const {
  if (kind < 1 || kind > INVSDK_STREAM_KIND_COUNT)
    throw std::out_of_range("no such stream kind " + std::to_string(kind));
  return streams_.at(static_cast<size_t>(kind - 1));
}

stream_state* recording_sink::state_of(invsdk_stream_kind kind) {
  if (kind < 1 || kind > INVSDK_STREAM_KIND_COUNT) return nullptr;
  return &streams_.at(static_cast<size_t>(kind - 1));
}

invsdk_status recording_sink::begin_cb(void* self, invsdk_stream_kind kind, invsdk_error* error) {
  try {
    return static_cast<recording_sink*>(self)->on_begin(kind, error);
  } catch (...) {
    return invsdk::set_error(error, INVSDK_STATUS_INTERNAL, "recording sink failed");
  }
}

invsdk_status recording_sink::emit_cb(void* self, invsdk_stream_kind kind, const void* records,
                                      uint64_t count, uint32_t record_size, invsdk_error* error) {
  try {
    return static_cast<recording_sink*>(self)->on_emit_call(kind, records, count, record_size,
                                                            error);
  } catch (...) {
    return invsdk::set_error(error, INVSDK_STATUS_INTERNAL, "recording sink failed");
  }
}

invsdk_status recording_sink::end_cb(void* self, invsdk_stream_kind kind, invsdk_completeness c,
                                     invsdk_str reason, invsdk_error* error) {
  try {
    return static_cast<recording_sink*>(self)->on_end(kind, c, reason, error);
  } catch (...) {
    return invsdk::set_error(error, INVSDK_STATUS_INTERNAL, "recording sink failed");
  }
}

invsdk_status recording_sink::on_begin(invsdk_stream_kind kind, invsdk_error* error) {
  calls_.push_back({sink_call::op::begin, kind, 0});
  stream_state* s = state_of(kind);
  if (s == nullptr) {
    violations_.push_back("begin of unknown " + stream_name(kind));
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT, "unknown stream kind");
  }
  ++s->begin_calls;
  if (s->begun) violations_.push_back("second begin of " + stream_name(kind));
  s->begun = true;
  return INVSDK_STATUS_OK;
}

invsdk_status recording_sink::on_emit_call(invsdk_stream_kind kind, const void* records,
                                           uint64_t count, uint32_t record_size,
                                           invsdk_error* error) {
  ++emit_calls_;
  calls_.push_back({sink_call::op::emit, kind, count});
  stream_state* s = state_of(kind);
  if (s == nullptr) {
    violations_.push_back("emit to unknown " + stream_name(kind));
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT, "unknown stream kind");
  }
  if (!s->begun) violations_.push_back("emit before begin of " + stream_name(kind));
  if (s->ended) violations_.push_back("emit after end of " + stream_name(kind));
  if (count == 0) violations_.push_back("empty batch for " + stream_name(kind));
  if (count > 0 && records == nullptr) {
    violations_.push_back("null records for " + stream_name(kind));
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT, "null records");
  }
  if (record_size < sizeof(uint32_t) + sizeof(invsdk_str)) {
    violations_.push_back("record_size too small for " + stream_name(kind));
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT, "record_size too small");
  }
  if (fail_nth_ != 0 && emit_calls_ == fail_nth_)
    return invsdk::set_error(error, fail_status_, fail_message_);

  invsdk::with_record_type(kind, [&](auto tag) {
    using record = decltype(tag);
    copy_batch<record>(records, count, record_size, records_of<record>());
  });
  ++s->batches;
  s->records += count;
  if (on_emit) on_emit(kind, emit_calls_);
  return INVSDK_STATUS_OK;
}

invsdk_status recording_sink::on_end(invsdk_stream_kind kind, invsdk_completeness c,
                                     invsdk_str reason, invsdk_error* error) {
  calls_.push_back({sink_call::op::end, kind, 0});
  stream_state* s = state_of(kind);
  if (s == nullptr) {
    violations_.push_back("end of unknown " + stream_name(kind));
    return invsdk::set_error(error, INVSDK_STATUS_INVALID_ARGUMENT, "unknown stream kind");
  }
  ++s->end_calls;
  if (!s->begun) violations_.push_back("end before begin of " + stream_name(kind));
  if (s->ended) violations_.push_back("second end of " + stream_name(kind));
  if (c != INVSDK_STREAM_COMPLETE && c != INVSDK_STREAM_INCOMPLETE)
    violations_.push_back("bad completeness for " + stream_name(kind));
  s->ended = true;
  s->completeness = c;
  s->reason = std::string(invsdk::from_c(reason));
  return INVSDK_STATUS_OK;
}

}  // namespace invsdk_test
