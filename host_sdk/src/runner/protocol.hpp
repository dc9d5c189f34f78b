// What crosses between the host and an adapter's child process.
//
// Child → host, on the data pipe: frames of [uint32 payload length][uint8 frame_type][payload],
// written in big buffered writes. Host → child, on the control socket: the same framing with a
// control_type. The host never answers the child synchronously: a sink refusal travels back as
// a "refused" control frame and the child's next sink call returns it.
#ifndef INVHOST_RUNNER_PROTOCOL_HPP
#define INVHOST_RUNNER_PROTOCOL_HPP

#include <invsdk/adapter.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runner/wire.hpp"

namespace invhost::runner {

enum class frame_type : uint8_t {
  phase = 1,  // uint8 phase: the adapter call starting now
  log,        // int32 level, text (at most 4 KiB)
  progress,   // int32 stream, uint64 records, int64 total, uint64 pages, uint64 requests
  begin,      // int32 kind
  emit,       // int32 kind, uint64 count, uint32 record_size, uint8 encoded, then the records when
              // encoded
  end,        // int32 kind, int32 completeness, text reason (record_codec's text rule)
  done,       // text error_class (empty: success), text message, int32 http, text summary
};

enum class control_type : uint8_t {
  cancel = 1,  // no payload: call the adapter's cancel() and answer is_cancelled() with 1
  refused,     // int32 status, text message: the sink refused a call; the adapter must stop
};

enum class phase : uint8_t { starting = 0, load, validate, open, check, import, close };
std::string_view phase_name(phase p) noexcept;

// The largest frame either side accepts; an emit that would encode larger is refused by the child.
inline constexpr uint32_t max_frame_bytes = 256U * 1024 * 1024;
inline constexpr std::size_t frame_header_bytes = sizeof(uint32_t) + sizeof(uint8_t);

// Starts a frame in buf; finish_frame() writes its length once the payload is appended.
inline std::size_t start_frame(std::string& buf, uint8_t type) {
  const std::size_t at = buf.size();
  wire_writer w(buf);
  w.integer(uint32_t{0});
  w.integer(type);
  return at;
}
// False when the payload is larger than max_frame_bytes (the caller drops the frame).
inline bool finish_frame(std::string& buf, std::size_t at) {
  const std::size_t payload = buf.size() - at - frame_header_bytes;
  if (payload > max_frame_bytes) return false;
  wire_writer(buf).patch_u32(at, static_cast<uint32_t>(payload));
  return true;
}

// Splits received bytes into whole frames.
class frame_splitter {
 public:
  // Appends up to max bytes read from fd; returns bytes read, 0 at end of file, -1 with errno.
  long read_from(int fd, std::size_t max);
  // The next whole frame, if one is buffered: its type byte and payload (valid until the next
  // call to read_from or next). Throws protocol_error for an oversized frame.
  bool next(uint8_t& type, std::string_view& payload);

 private:
  std::vector<char> buf_;  // only grows: no zero-filling per read
  std::size_t begin_ = 0;  // first byte not yet consumed
  std::size_t end_ = 0;    // one past the last byte read
};

// Texts of text-typed fields outside records (a stream's reason): the record codec's rule.
void encode_text(wire_writer& out, invsdk_str s);
invsdk_str decode_text(wire_reader& in);

}  // namespace invhost::runner

#endif
