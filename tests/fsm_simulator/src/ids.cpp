#include "ids.hpp"

#include <fmt/format.h>

namespace fsmsim {

std::string make_id(id_kind kind, std::uint64_t seed, std::uint64_t index) {
  const auto tag = static_cast<unsigned>(mix64(seed) & 0xffffffU);
  return fmt::format("{:02x}{:06x}{:016x}", static_cast<unsigned>(kind), tag, index);
}

}  // namespace fsmsim
