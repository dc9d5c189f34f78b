// Frame splitting and the names of phases.
#include "runner/protocol.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace invhost::runner {

std::string_view phase_name(phase p) noexcept {
  switch (p) {
    case phase::starting:
      return "start-up";
    case phase::load:
      return "load";
    case phase::validate:
      return "validate_config";
    case phase::open:
      return "open";
    case phase::check:
      return "check";
    case phase::import:
      return "import";
    case phase::close:
      return "close";
  }
  return "start-up";
}

long frame_splitter::read_from(int fd, std::size_t max) {
  // Consumed bytes are dropped before reading more, so the buffer holds at most one partial
  // frame plus one read.
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() < end_ + max) buf_.resize(end_ + max);
  ssize_t n = 0;
  do {
    n = ::read(fd, buf_.data() + end_, max);
  } while (n < 0 && errno == EINTR);
  if (n > 0) end_ += static_cast<std::size_t>(n);
  return static_cast<long>(n);
}

bool frame_splitter::next(uint8_t& type, std::string_view& payload) {
  const std::string_view rest(buf_.data() + begin_, end_ - begin_);
  if (rest.size() < frame_header_bytes) return false;
  wire_reader header(rest);
  const auto length = header.integer<uint32_t>();
  if (length > max_frame_bytes) throw protocol_error("a frame larger than the protocol allows");
  if (rest.size() - frame_header_bytes < length) return false;
  type = header.integer<uint8_t>();
  payload = rest.substr(frame_header_bytes, length);
  begin_ += frame_header_bytes + length;
  return true;
}

}  // namespace invhost::runner
