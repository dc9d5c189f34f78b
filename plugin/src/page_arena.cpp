#include <algorithm>
#include <boost/json/monotonic_resource.hpp>
#include <fsm/page_arena.hpp>
#include <memory>
#include <mutex>
#include <utility>

namespace fsm {
namespace {

namespace json = boost::json;

struct arena_buffer {
  std::unique_ptr<unsigned char[]> bytes;
  std::size_t size = 0;
};

// One spare buffer, and the largest tree seen so far. Pages are parsed one at a time, so one
// spare is enough; a second tree alive at once just gets a buffer of its own.
class arena_pool {
 public:
  arena_buffer take(std::size_t body_bytes) {
    const std::scoped_lock lock(mutex_);
    // A tree takes about twice its body; after the first pages the learned size decides.
    const std::size_t want = std::clamp(std::max(body_bytes * 2, learned_), smallest, largest);
    if (spare_.size >= want) return std::exchange(spare_, {});
    spare_ = {};
    return {std::make_unique_for_overwrite<unsigned char[]>(want), want};
  }
  void give_back(arena_buffer buffer, std::size_t used) {
    const std::scoped_lock lock(mutex_);
    learned_ = std::min(std::max(learned_, used + used / 8), largest);
    if (buffer.size > spare_.size) spare_ = std::move(buffer);
  }

 private:
  static constexpr std::size_t smallest = std::size_t{16} * 1024;
  // A page of 100 app users makes a tree of 200-300 KB, which fits; a page of licenses, with all
  // their terms, makes 1.7 MB. Such a tree spills into blocks that are freed with it, rather
  // than the pool keeping that much memory for the rest of the import.
  static constexpr std::size_t largest = std::size_t{512} * 1024;
  std::mutex mutex_;
  arena_buffer spare_;
  std::size_t learned_ = 0;
};

arena_pool& pool() {
  static arena_pool the_pool;
  return the_pool;
}

class page_arena final : public json::memory_resource {
 public:
  explicit page_arena(arena_buffer buffer)
      : buffer_(std::move(buffer)), bump_(buffer_.bytes.get(), buffer_.size) {}
  page_arena(const page_arena&) = delete;
  page_arena& operator=(const page_arena&) = delete;
  // bump_ never writes to the buffer on destruction (it frees only the blocks it spilled into),
  // so the buffer can go back to the pool first.
  ~page_arena() override { pool().give_back(std::move(buffer_), used_); }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    used_ += bytes + alignment - 1;
    return bump_.allocate(bytes, alignment);
  }
  void do_deallocate(void*, std::size_t, std::size_t) override {}
  [[nodiscard]] bool do_is_equal(const memory_resource& other) const noexcept override {
    return this == &other;
  }

  arena_buffer buffer_;
  json::monotonic_resource bump_;
  std::size_t used_ = 0;
};

}  // namespace
}  // namespace fsm

// Values in a page_arena need no destructor walk: their memory goes with the arena.
template <>
struct boost::json::is_deallocate_trivial<fsm::page_arena> : std::true_type {};

namespace fsm {

json::storage_ptr page_storage(std::size_t body_bytes) {
  return json::make_shared_resource<page_arena>(pool().take(body_bytes));
}

}  // namespace fsm
