// A set of 64-bit hashes in flat arrays (open addressing, linear probing). The pager keeps one
// entry per page it has followed; std::unordered_set spends 40-50 bytes per entry on nodes and
// buckets (more with the string itself), this spends about 10. The set of people, which is larger
// by far, is a packed_hash_set: slower to query, but about 6 bytes an entry.
#ifndef FSM_HASH_SET64_HPP
#define FSM_HASH_SET64_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace fsm {

// FNV-1a: a stable 64-bit hash of a text. Two texts sharing a hash would take one entry; at
// 2^-64 per pair that is out of reach of any organisation's size.
inline uint64_t hash64(std::string_view s) noexcept {
  uint64_t h = 1469598103934665603ULL;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

class hash_set64 {
 public:
  // Adds h; true when it was not there yet.
  bool insert(uint64_t h) {
    h = spread(h);
    auto& s = shard_of(h);
    if ((s.size + 1) * 10 > s.slots.size() * 9) grow(s);  // keep the load at or under 90 %
    if (place(s.slots, h)) {
      ++s.size;
      ++size_;
      return true;
    }
    return false;
  }
  [[nodiscard]] bool contains(uint64_t h) const {
    h = spread(h);
    const auto& slots = shards_[shard_index(h)].slots;
    if (slots.empty()) return false;
    for (size_t i = home_slot(h, slots.size());; i = next_slot(i, slots.size())) {
      if (slots[i] == h) return true;
      if (slots[i] == empty_slot) return false;
    }
  }
  [[nodiscard]] size_t size() const noexcept { return size_; }
  // Slots in all shards: the memory held is capacity() * 8 bytes.
  [[nodiscard]] size_t capacity() const noexcept {
    size_t n = 0;
    for (const auto& s : shards_) n += s.slots.size();
    return n;
  }

 private:
  // The table is cut into shards that grow one at a time: doubling one big table would hold the
  // old and the new array at once (3x the set's size at the peak), a shard only 1/64 of that.
  // A shard grows by a quarter, not twofold, so the load stays between 72 and 90 %; linear probing
  // at 90 % still finds an entry in a handful of steps.
  static constexpr size_t shard_bits = 6;
  static constexpr size_t first_shard_slots = 64;
  static constexpr uint64_t empty_slot = 0;
  static constexpr uint64_t substitute_for_empty = 0x9e3779b97f4a7c15ULL;

  struct shard {
    std::vector<uint64_t> slots;
    size_t size = 0;
  };

  // Mixes every input bit into the high bits (shard) and the low bits (slot): callers may hand in
  // hashes whose high bits vary little. 0 marks a free slot, so it stands in for another value.
  static uint64_t spread(uint64_t h) noexcept {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h == empty_slot ? substitute_for_empty : h;
  }
  static size_t shard_index(uint64_t h) noexcept {
    return static_cast<size_t>(h >> (64 - shard_bits));
  }
  shard& shard_of(uint64_t h) noexcept { return shards_[shard_index(h)]; }

  // Where h is first looked for in a shard of n slots (n < 2^32): the 32 bits below the shard's,
  // scaled to n (multiply and keep the high half: no division, any n).
  static size_t home_slot(uint64_t h, size_t n) noexcept {
    const uint64_t below_shard = (h >> (32 - shard_bits)) & 0xffffffffULL;
    return static_cast<size_t>((below_shard * n) >> 32);
  }
  static size_t next_slot(size_t i, size_t n) noexcept { return i + 1 == n ? 0 : i + 1; }

  // Puts h into table (never full); false when it was already there.
  static bool place(std::vector<uint64_t>& table, uint64_t h) {
    for (size_t i = home_slot(h, table.size());; i = next_slot(i, table.size())) {
      if (table[i] == h) return false;
      if (table[i] == empty_slot) {
        table[i] = h;
        return true;
      }
    }
  }
  static void grow(shard& s) {
    std::vector<uint64_t> bigger(
        s.slots.empty() ? first_shard_slots : s.slots.size() + s.slots.size() / 4, empty_slot);
    for (uint64_t h : s.slots)
      if (h != empty_slot) place(bigger, h);
    s.slots.swap(bigger);
  }

  std::array<shard, size_t{1} << shard_bits> shards_{};
  size_t size_ = 0;
};

}  // namespace fsm

#endif  // FSM_HASH_SET64_HPP
