// One merge/nightly at a time per host: an exclusive flock on <home>/invhost.lock. The kernel
// drops it when the holder exits, even on SIGKILL, so a crash never leaves a stale lock.
#ifndef INVHOST_INVENTORY_RUN_LOCK_HPP
#define INVHOST_INVENTORY_RUN_LOCK_HPP

#include <filesystem>
#include <optional>
#include <string>

namespace invhost::inventory {

class run_lock {
 public:
  // Takes the lock without waiting; nullopt when another process holds it.
  static std::optional<run_lock> try_acquire(const std::filesystem::path& file,
                                             const std::string& purpose);
  // Waits until the lock is free.
  static run_lock acquire_waiting(const std::filesystem::path& file, const std::string& purpose);
  // Who holds it, as its holder wrote it ("pid 123 on host at 2024-... for nightly"), or "".
  static std::string holder(const std::filesystem::path& file);

  run_lock(run_lock&& other) noexcept;
  run_lock& operator=(run_lock&& other) noexcept;
  run_lock(const run_lock&) = delete;
  run_lock& operator=(const run_lock&) = delete;
  ~run_lock();

 private:
  explicit run_lock(int fd) : fd_(fd) {}
  static std::optional<run_lock> acquire(const std::filesystem::path& file,
                                         const std::string& purpose, bool wait);
  int fd_ = -1;
};

}  // namespace invhost::inventory

#endif
