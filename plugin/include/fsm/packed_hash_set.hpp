// A set of 64-bit hashes in about 6 bytes an entry. The connector keeps one entry per person it
// has emitted: the one part of its memory that grows with the organisation. hash_set64 needs about
// 10 bytes an entry there, plus the holes its growing arrays leave in the heap.
//
// How: 256 shards by the hash's top 8 bits. A shard keeps its entries sorted and Elias-Fano coded.
// Each 56-bit value is split into a high part (its top bit_width(n) bits), written in unary into a
// bit vector at about 2.5 bits an entry, and a low part of the remaining bits kept as is in a
// packed array. That is about 48 bits an entry in all, with no free slots. The coding is exact: two
// hashes share an entry only when all 64 bits are equal. New entries wait in a small unsorted
// buffer per shard and are merged in when it fills, so a shard is rewritten once every few inserts
// and the transient memory of a rewrite is one shard, 1/256 of the set.
#ifndef FSM_PACKED_HASH_SET_HPP
#define FSM_PACKED_HASH_SET_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fsm {

class packed_hash_set {
 public:
  // Adds h; true when it was not there yet.
  bool insert(uint64_t h);
  [[nodiscard]] bool contains(uint64_t h) const;
  [[nodiscard]] size_t size() const noexcept { return size_; }
  // Bytes held for entries (coded words and buffers), not counting the allocator's own overhead.
  [[nodiscard]] size_t memory_bytes() const noexcept;

 private:
  static constexpr unsigned shard_bits = 8;
  static constexpr unsigned value_bits = 64 - shard_bits;
  static constexpr size_t pending_limit = 16;

  struct shard {
    // The low parts (count * low_bits bits, packed), then the high parts' unary bit vector
    // (count + 2^(value_bits - low_bits) bits).
    std::vector<uint64_t> words;
    uint32_t count = 0;
    uint32_t low_words = 0;
    uint8_t low_bits = 0;
    uint8_t pending_count = 0;
    std::array<uint64_t, pending_limit> pending{};

    [[nodiscard]] bool coded_contains(uint64_t value) const;
    [[nodiscard]] bool pending_contains(uint64_t value) const;
  };

  // Decodes the shard, merges its pending values in and codes the result again.
  void merge_pending(shard& s);

  std::array<shard, size_t{1} << shard_bits> shards_{};
  std::vector<uint64_t> scratch_;  // reused by merge_pending: one shard's values, decoded
  size_t size_ = 0;
};

}  // namespace fsm

#endif  // FSM_PACKED_HASH_SET_HPP
