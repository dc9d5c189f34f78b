#include <algorithm>
#include <bit>
#include <fsm/packed_hash_set.hpp>

namespace fsm {

namespace {

// Mixes every input bit into the high bits (shard, high part) as well as the low ones: callers may
// hand in hashes whose high bits vary little. A bijection, so no two hashes become one value.
uint64_t spread(uint64_t h) noexcept {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

uint64_t low_mask(unsigned bits) noexcept {
  return bits == 0 ? 0 : (~uint64_t{0} >> (64 - bits));
}

// The `bits`-wide field (bits <= 57) that starts at bit `at` of a packed array.
uint64_t read_field(const uint64_t* words, size_t at, unsigned bits) noexcept {
  if (bits == 0) return 0;
  const size_t word = at / 64;
  const unsigned offset = at % 64;
  uint64_t field = words[word] >> offset;
  if (offset + bits > 64) field |= words[word + 1] << (64 - offset);
  return field & low_mask(bits);
}

// Writes a field into zeroed bits.
void write_field(uint64_t* words, size_t at, unsigned bits, uint64_t field) noexcept {
  if (bits == 0) return;
  const size_t word = at / 64;
  const unsigned offset = at % 64;
  words[word] |= field << offset;
  if (offset + bits > 64) words[word + 1] |= field >> (64 - offset);
}

bool test_bit(const uint64_t* words, size_t at) noexcept {
  return (words[at / 64] >> (at % 64)) & 1U;
}

// The shape of a shard coding n values: the high part takes bit_width(n) bits, so there are
// between n and 2n buckets and the unary vector is under 3n bits long.
struct coding_shape {
  unsigned low_bits;
  size_t low_words;
  size_t high_length;  // in bits
  size_t high_words;
};

coding_shape shape_for(size_t n, unsigned value_bits) noexcept {
  const auto high_bits = static_cast<unsigned>(std::bit_width(n));
  coding_shape c{};
  c.low_bits = value_bits - high_bits;
  c.low_words = (n * c.low_bits + 63) / 64;
  c.high_length = n + (size_t{1} << high_bits);
  c.high_words = (c.high_length + 63) / 64;
  return c;
}

}  // namespace

bool packed_hash_set::shard::pending_contains(uint64_t value) const {
  const auto* end = pending.begin() + pending_count;
  return std::find(pending.begin(), end, value) != end;
}

bool packed_hash_set::shard::coded_contains(uint64_t value) const {
  if (count == 0) return false;
  const coding_shape c = shape_for(count, value_bits);
  const uint64_t* highs = words.data() + low_words;
  const uint64_t bucket = value >> low_bits;
  const uint64_t low = value & low_mask(low_bits);
  // Bucket b's entries are the ones that follow the b-th zero of the unary vector. There are as
  // many zeros as buckets before the padding, so the scan never reaches it.
  size_t position = 0;
  if (bucket > 0) {
    uint64_t zeros_left = bucket;
    size_t word = 0;
    for (;;) {
      const auto zeros = static_cast<uint64_t>(std::popcount(~highs[word]));
      if (zeros >= zeros_left) break;
      zeros_left -= zeros;
      ++word;
    }
    uint64_t zero_bits = ~highs[word];
    for (uint64_t k = 1; k < zeros_left; ++k) zero_bits &= zero_bits - 1;
    position = word * 64 + static_cast<size_t>(std::countr_zero(zero_bits)) + 1;
  }
  for (; position < c.high_length && test_bit(highs, position); ++position) {
    const size_t index = position - bucket;  // ones before it = entries before it
    const uint64_t entry_low = read_field(words.data(), index * low_bits, low_bits);
    if (entry_low == low) return true;
    if (entry_low > low) return false;  // a bucket's entries are sorted
  }
  return false;
}

void packed_hash_set::merge_pending(shard& s) {
  std::sort(s.pending.begin(), s.pending.begin() + s.pending_count);

  // Decode: the i-th one of the unary vector, at position p, is entry i with high part p - i.
  const size_t coded = s.count;
  const size_t total = coded + s.pending_count;
  scratch_.resize(total);
  if (coded > 0) {
    const uint64_t* highs = s.words.data() + s.low_words;
    const size_t high_words = s.words.size() - s.low_words;
    size_t index = 0;
    for (size_t word = 0; word < high_words; ++word) {
      for (uint64_t ones = highs[word]; ones != 0; ones &= ones - 1) {
        const size_t position = word * 64 + static_cast<size_t>(std::countr_zero(ones));
        const uint64_t high = position - index;
        scratch_[index] =
            (high << s.low_bits) | read_field(s.words.data(), index * s.low_bits, s.low_bits);
        ++index;
      }
    }
  }
  // Merge the sorted pending values in from the back, in place.
  size_t from_coded = coded;
  size_t from_pending = s.pending_count;
  for (size_t to = total; from_pending > 0; --to) {
    if (from_coded > 0 && scratch_[from_coded - 1] > s.pending[from_pending - 1])
      scratch_[to - 1] = scratch_[--from_coded];
    else
      scratch_[to - 1] = s.pending[--from_pending];
  }

  // Code again. Capacity grows by an eighth over the need, so a shard is reallocated only every
  // few merges and the heap keeps few holes of its size.
  const coding_shape c = shape_for(total, value_bits);
  const size_t needed = c.low_words + c.high_words;
  if (s.words.capacity() < needed) s.words.reserve(needed + needed / 8);
  s.words.assign(needed, 0);
  uint64_t* highs = s.words.data() + c.low_words;
  const uint64_t mask = low_mask(c.low_bits);
  for (size_t i = 0; i < total; ++i) {
    const uint64_t v = scratch_[i];
    write_field(s.words.data(), i * c.low_bits, c.low_bits, v & mask);
    const size_t position = static_cast<size_t>(v >> c.low_bits) + i;
    highs[position / 64] |= uint64_t{1} << (position % 64);
  }
  s.count = static_cast<uint32_t>(total);
  s.low_words = static_cast<uint32_t>(c.low_words);
  s.low_bits = static_cast<uint8_t>(c.low_bits);
  s.pending_count = 0;
}

bool packed_hash_set::insert(uint64_t h) {
  const uint64_t spread_hash = spread(h);
  shard& s = shards_[spread_hash >> value_bits];
  const uint64_t value = spread_hash & low_mask(value_bits);
  if (s.pending_contains(value) || s.coded_contains(value)) return false;
  s.pending[s.pending_count++] = value;
  if (s.pending_count == pending_limit) merge_pending(s);
  ++size_;
  return true;
}

bool packed_hash_set::contains(uint64_t h) const {
  const uint64_t spread_hash = spread(h);
  const shard& s = shards_[spread_hash >> value_bits];
  const uint64_t value = spread_hash & low_mask(value_bits);
  return s.pending_contains(value) || s.coded_contains(value);
}

size_t packed_hash_set::memory_bytes() const noexcept {
  size_t bytes = sizeof(*this) + scratch_.capacity() * sizeof(uint64_t);
  for (const auto& s : shards_) bytes += s.words.capacity() * sizeof(uint64_t);
  return bytes;
}

}  // namespace fsm
