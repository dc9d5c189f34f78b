#include "connection_registry.hpp"

#include <sys/socket.h>

namespace invhost::http::detail {

connection_registry::connection_registry() : watchdog_([this] { watch(); }) {}

connection_registry::~connection_registry() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  watchdog_.join();
}

void connection_registry::cut(int fd) {
  // shutdown, not close: the fd stays owned by its connection thread (no reuse race), and
  // its blocked recv/send returns at once.
  (void)::shutdown(fd, SHUT_RDWR);
}

std::uint64_t connection_registry::add(int fd, std::size_t limit) {
  std::lock_guard lock(mutex_);
  if (stopping_ || slots_.size() >= limit) return 0;
  const auto id = next_id_++;
  slots_.emplace(id, slot{fd, clock::time_point::max()});
  return id;
}

void connection_registry::remove(std::uint64_t id) {
  {
    std::lock_guard lock(mutex_);
    slots_.erase(id);
  }
  changed_.notify_all();
}

void connection_registry::arm(std::uint64_t id, std::chrono::milliseconds timeout) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = slots_.find(id); it != slots_.end()) it->second.deadline = clock::now() + timeout;
  }
  changed_.notify_all();
}

void connection_registry::disarm(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  if (auto it = slots_.find(id); it != slots_.end()) it->second.deadline = clock::time_point::max();
}

bool connection_registry::enter_idle(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  if (stopping_) return false;
  if (auto it = slots_.find(id); it != slots_.end()) it->second.idle = true;
  return true;
}

void connection_registry::leave_idle(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  if (auto it = slots_.find(id); it != slots_.end()) it->second.idle = false;
}

std::size_t connection_registry::live() const {
  std::lock_guard lock(mutex_);
  return slots_.size();
}

bool connection_registry::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void connection_registry::stop(std::chrono::milliseconds grace) {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  for (auto& [id, s] : slots_)
    if (s.idle) cut(s.fd);
  changed_.wait_for(lock, grace, [&] { return slots_.empty(); });
  for (auto& [id, s] : slots_) cut(s.fd);
  changed_.wait(lock, [&] { return slots_.empty(); });
}

void connection_registry::watch() {
  std::unique_lock lock(mutex_);
  while (!closing_) {
    auto next = clock::time_point::max();
    const auto now = clock::now();
    for (auto& [id, s] : slots_) {
      if (s.deadline <= now) {
        cut(s.fd);
        s.deadline = clock::time_point::max();
      } else {
        next = std::min(next, s.deadline);
      }
    }
    if (next == clock::time_point::max())
      changed_.wait(lock);
    else
      changed_.wait_until(lock, next);
  }
}

}  // namespace invhost::http::detail
