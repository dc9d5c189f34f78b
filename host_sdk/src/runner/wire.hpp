// The byte layer under the runner's protocol: little frames of fixed-width integers and
// length-prefixed texts, written into one growing buffer and read back with every length checked.
// Both ends are the same build on the same machine, so integers travel in host byte order.
#ifndef INVHOST_RUNNER_WIRE_HPP
#define INVHOST_RUNNER_WIRE_HPP

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace invhost::runner {

// A frame that does not parse: the peer broke the protocol (or died half-way through a write).
class protocol_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Appends to a caller-owned buffer.
class wire_writer {
 public:
  explicit wire_writer(std::string& out) noexcept : out_(out) {}

  template <typename Int>
  requires std::is_integral_v<Int>
  void integer(Int v) {
    out_.append(reinterpret_cast<const char*>(&v),
                sizeof v);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
  }
  void text(std::string_view s) {
    integer(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  // Overwrites a uint32 written earlier at offset (a frame's length, once its payload is known).
  void patch_u32(std::size_t offset, uint32_t v) noexcept {
    std::memcpy(out_.data() + offset, &v, sizeof v);
  }
  [[nodiscard]] std::size_t size() const noexcept { return out_.size(); }

 private:
  std::string& out_;
};

// Reads a frame's payload; every read is bounds-checked and throws protocol_error past the end.
class wire_reader {
 public:
  explicit wire_reader(std::string_view in) noexcept : in_(in) {}

  template <typename Int>
  requires std::is_integral_v<Int> Int integer() {
    Int v{};
    need(sizeof v);
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return v;
  }
  // A view into the payload: valid while the payload is.
  std::string_view text() { return bytes(integer<uint32_t>()); }
  // The next n bytes.
  std::string_view bytes(std::size_t n) {
    need(n);
    const std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  [[nodiscard]] bool at_end() const noexcept { return pos_ == in_.size(); }

 private:
  void need(std::size_t n) const {
    if (in_.size() - pos_ < n) throw protocol_error("a frame ends before its content");
  }
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace invhost::runner

#endif
