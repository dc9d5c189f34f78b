// Per-org request budget in fixed one-minute windows, like FSM's "N requests per minute per org".
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>

namespace fsmsim {

struct rate_decision {
  bool allowed = true;
  std::uint64_t remaining = 0;    // requests left in the current window after this one
  std::uint64_t retry_after = 0;  // seconds until the window resets (when refused)
};

class rate_limiter {
 public:
  // limit 0 disables limiting (every request allowed; remaining reports 0 then).
  explicit rate_limiter(std::uint64_t per_minute) : limit_(per_minute) {}
  bool enabled() const noexcept { return limit_ != 0; }
  rate_decision on_request(std::int64_t org);

 private:
  struct window {
    std::chrono::steady_clock::time_point start;
    std::uint64_t used = 0;
  };
  std::uint64_t limit_;
  std::mutex mutex_;
  std::map<std::int64_t, window> windows_;
};

}  // namespace fsmsim
