// A batch of C records as compact bytes (child side) and back as C records pointing into those
// bytes (host side), field by field as record_kinds.hpp lists them.
#ifndef INVHOST_RUNNER_RECORD_CODEC_HPP
#define INVHOST_RUNNER_RECORD_CODEC_HPP

#include <invsdk/adapter.h>

#include <cstdint>
#include <string>
#include <vector>

#include "runner/wire.hpp"

namespace invhost::runner {

// Writes count records of a known kind, each record_size bytes apart and read as far as its own
// struct_size says (older and newer layouts alike). A text or list the sink would refuse for its
// size or a NULL pointer is sent as its size alone, never read, so the host's sink refuses it
// with its usual message. The caller checked kind, records != NULL and record_size.
void encode_batch(wire_writer& out, invsdk_stream_kind kind, const void* records, uint64_t count,
                  uint32_t record_size);

// The records of one frame in the current layout; texts point into the frame's bytes, which
// must outlive this object's use.
class decoded_batch {
 public:
  // Reads count records of kind from in. Throws protocol_error.
  void decode(wire_reader& in, invsdk_stream_kind kind, uint64_t count);

  [[nodiscard]] const void* records() const noexcept { return records_.data(); }
  [[nodiscard]] uint64_t count() const noexcept { return count_; }
  [[nodiscard]] uint32_t record_size() const noexcept { return record_size_; }

 private:
  std::vector<unsigned char> records_;  // count_ structs of the kind, suitably aligned (see decode)
  std::vector<invsdk_str> lists_;       // the texts of every list, in order
  uint64_t count_ = 0;
  uint32_t record_size_ = 0;
};

}  // namespace invhost::runner

#endif
