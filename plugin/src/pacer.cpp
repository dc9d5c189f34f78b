#include <algorithm>
#include <fsm/pacer.hpp>
#include <thread>

namespace fsm {

bool interruptible_sleep(std::chrono::steady_clock::duration d,
                         const std::function<bool()>& cancelled) {
  const auto until = std::chrono::steady_clock::now() + d;
  for (;;) {
    if (cancelled && cancelled()) return false;
    const auto now = std::chrono::steady_clock::now();
    if (now >= until) return true;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(until - now, std::chrono::milliseconds(50)));
  }
}

pacer::pacer(int requests_per_minute, int burst)
    : interval_(std::chrono::duration_cast<clock::duration>(std::chrono::minutes(1)) /
                std::max(1, requests_per_minute)),
      capacity_(interval_ * std::max(1, burst)),
      full_at_(clock::now()) {}

std::chrono::steady_clock::duration pacer::wait_needed() const {
  // A token is free when the bucket is at least one token from empty: full_at_ - capacity_ +
  // interval_ <= now.
  const auto ready = full_at_ - capacity_ + interval_;
  const auto now = clock::now();
  return ready > now ? ready - now : clock::duration::zero();
}

bool pacer::acquire(const std::function<bool()>& cancelled) {
  const auto wait = wait_needed();
  if (wait > clock::duration::zero() && !interruptible_sleep(wait, cancelled)) return false;
  const auto now = clock::now();
  full_at_ = std::max(full_at_, now) + interval_;
  if (full_at_ - now > capacity_) full_at_ = now + capacity_;
  return true;
}

}  // namespace fsm
