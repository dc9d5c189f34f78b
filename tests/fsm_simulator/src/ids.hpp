// Deterministic identifiers and pseudo-random numbers for the generated tenant.
#pragma once

#include <cstdint>
#include <string>

namespace fsmsim {

// splitmix64 finaliser: a fast, well-mixed hash of one 64-bit value.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Hash of (seed, stream, index): independent streams of numbers per kind of object.
constexpr std::uint64_t hash3(std::uint64_t seed, std::uint64_t stream,
                              std::uint64_t index) noexcept {
  return mix64(mix64(seed ^ (stream * 0x632be59bd9b4e019ULL)) ^ index);
}

// Kinds of identifiers; the kind is part of the id so ids of different kinds never collide.
enum class id_kind : std::uint8_t {
  app = 0xa1,
  catalog_app = 0xa7,
  license = 0xb1,
  fee = 0xb7,
  term = 0xc1,
  payment = 0xd1,
  purchase = 0xd7,
  user = 0xe1,
  person = 0xf1,
};

// A 24-character lower-case hex id (the spec's `^[0-9a-f]+$`), unique per (kind, index) and
// different for different seeds.
std::string make_id(id_kind kind, std::uint64_t seed, std::uint64_t index);

}  // namespace fsmsim
