// Opaque page tokens: an offset into one list, bound to that list (route, filter, includeAll)
// and to the simulator's salt, so a token forged, corrupted or taken from another list is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fsmsim {

class skip_token_codec {
 public:
  explicit skip_token_codec(std::uint64_t salt) : salt_(salt) {}
  // base64url text of the masked offset and a check value.
  std::string encode(std::uint64_t offset, std::uint64_t list_key) const;
  // nullopt when `token` was not made by encode() for this list.
  std::optional<std::uint64_t> decode(std::string_view token, std::uint64_t list_key) const;

 private:
  std::uint64_t salt_;
};

// A stable 64-bit key for a string (FNV-1a), used to name lists.
std::uint64_t list_key_of(std::string_view text);

}  // namespace fsmsim
