#include "skip_token.hpp"

#include <array>

#include "ids.hpp"

namespace fsmsim {
namespace {

constexpr std::string_view alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::uint32_t check_of(std::uint64_t salt, std::uint64_t offset, std::uint64_t key) {
  return static_cast<std::uint32_t>(mix64(mix64(salt ^ key) + offset) >> 32);
}

}  // namespace

std::uint64_t list_key_of(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string skip_token_codec::encode(std::uint64_t offset, std::uint64_t list_key) const {
  std::array<std::uint8_t, 12> raw{};
  const std::uint64_t masked = offset ^ mix64(salt_ ^ list_key);
  const std::uint32_t check = check_of(salt_, offset, list_key);
  for (std::size_t i = 0; i < 8; ++i) raw[i] = static_cast<std::uint8_t>(masked >> (8 * i));
  for (std::size_t i = 0; i < 4; ++i) raw[8 + i] = static_cast<std::uint8_t>(check >> (8 * i));
  std::string out;
  for (std::size_t i = 0; i < raw.size(); i += 3) {  // 12 bytes: four whole groups, no padding
    const std::uint32_t v = (std::uint32_t{raw[i]} << 16) | (std::uint32_t{raw[i + 1]} << 8) |
                            std::uint32_t{raw[i + 2]};
    for (int s = 18; s >= 0; s -= 6) out += alphabet[(v >> s) & 63U];
  }
  return out;
}

std::optional<std::uint64_t> skip_token_codec::decode(std::string_view token,
                                                      std::uint64_t list_key) const {
  if (token.size() != 16) return std::nullopt;
  std::array<std::uint8_t, 12> raw{};
  for (std::size_t g = 0; g < 4; ++g) {
    std::uint32_t v = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const auto pos = alphabet.find(token[g * 4 + j]);
      if (pos == std::string_view::npos) return std::nullopt;
      v = (v << 6) | static_cast<std::uint32_t>(pos);
    }
    raw[g * 3] = static_cast<std::uint8_t>(v >> 16);
    raw[g * 3 + 1] = static_cast<std::uint8_t>(v >> 8);
    raw[g * 3 + 2] = static_cast<std::uint8_t>(v);
  }
  std::uint64_t masked = 0;
  std::uint32_t check = 0;
  for (std::size_t i = 0; i < 8; ++i) masked |= std::uint64_t{raw[i]} << (8 * i);
  for (std::size_t i = 0; i < 4; ++i) check |= std::uint32_t{raw[8 + i]} << (8 * i);
  const std::uint64_t offset = masked ^ mix64(salt_ ^ list_key);
  if (check != check_of(salt_, offset, list_key)) return std::nullopt;
  return offset;
}

}  // namespace fsmsim
