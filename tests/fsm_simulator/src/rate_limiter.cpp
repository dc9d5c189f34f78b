#include "rate_limiter.hpp"

namespace fsmsim {

rate_decision rate_limiter::on_request(std::int64_t org) {
  rate_decision d;
  if (limit_ == 0) return d;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  if (windows_.size() > 10000) windows_.clear();  // bounded: orgs are few in practice
  auto& w = windows_[org];
  if (w.used == 0 || now - w.start >= std::chrono::minutes(1)) {
    w.start = now;
    w.used = 0;
  }
  if (w.used >= limit_) {
    d.allowed = false;
    const auto left = std::chrono::minutes(1) - (now - w.start);
    const auto secs = std::chrono::ceil<std::chrono::seconds>(left).count();
    d.retry_after = static_cast<std::uint64_t>(secs < 1 ? 1 : secs);
    return d;
  }
  ++w.used;
  d.remaining = limit_ - w.used;
  return d;
}

}  // namespace fsmsim
