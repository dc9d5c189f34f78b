// A set of 64-bit hashes in one flat array (open addressing, linear probing). The connector keeps
// one entry per person it has emitted; std::unordered_set spends 40-50 bytes per entry on nodes
// and buckets, this spends about 10, so memory stays nearly flat as organisations grow.
#ifndef FSM_HASH_SET64_HPP
#define FSM_HASH_SET64_HPP

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fsm {

class hash_set64 {
 public:
  // Adds h; true when it was not there yet.
  bool insert(uint64_t h) {
    if (h == empty_slot) h = substitute_for_empty;  // 0 marks a free slot
    if ((size_ + 1) * 5 > slots_.size() * 4) grow();   // keep the load at or under 80 %
    if (place(slots_, h)) {
      ++size_;
      return true;
    }
    return false;
  }
  [[nodiscard]] bool contains(uint64_t h) const {
    if (h == empty_slot) h = substitute_for_empty;
    if (slots_.empty()) return false;
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == h) return true;
      if (slots_[i] == empty_slot) return false;
    }
  }
  [[nodiscard]] size_t size() const noexcept { return size_; }
  [[nodiscard]] size_t capacity() const noexcept { return slots_.size(); }

 private:
  static constexpr uint64_t empty_slot = 0;
  static constexpr uint64_t substitute_for_empty = 0x9e3779b97f4a7c15ULL;

  // Puts h into table (a power of two in size, never full); false when it was already there.
  static bool place(std::vector<uint64_t>& table, uint64_t h) {
    const size_t mask = table.size() - 1;
    for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
      if (table[i] == h) return false;
      if (table[i] == empty_slot) {
        table[i] = h;
        return true;
      }
    }
  }
  void grow() {
    std::vector<uint64_t> bigger(slots_.empty() ? 1024 : slots_.size() * 2, empty_slot);
    for (uint64_t h : slots_)
      if (h != empty_slot) place(bigger, h);
    slots_.swap(bigger);
  }

  std::vector<uint64_t> slots_;
  size_t size_ = 0;
};

}  // namespace fsm

#endif  // FSM_HASH_SET64_HPP
