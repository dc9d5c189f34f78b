// Client-side pacing: a token bucket so a healthy run stays under the API's per-minute limit
// and never meets a 429.
#ifndef FSM_PACER_HPP
#define FSM_PACER_HPP

#include <chrono>
#include <functional>

namespace fsm {

// Sleeps in short slices, returning false as soon as cancelled() says so; true after `d`.
bool interruptible_sleep(std::chrono::steady_clock::duration d,
                         const std::function<bool()>& cancelled);

class pacer {
 public:
  // requests_per_minute >= 1. burst: requests allowed back to back after an idle spell; kept
  // at 1 so that any 60-second window holds at most requests_per_minute + 1 requests.
  explicit pacer(int requests_per_minute, int burst = 1);

  // Takes one token, waiting until one is free. False when cancelled while waiting.
  bool acquire(const std::function<bool()>& cancelled);

  // The wait acquire() would need now (for tests and logs), without taking a token.
  [[nodiscard]] std::chrono::steady_clock::duration wait_needed() const;

 private:
  using clock = std::chrono::steady_clock;
  clock::duration interval_;   // one token every interval_
  clock::duration capacity_;   // burst * interval_
  clock::time_point full_at_;  // when the bucket is full again (the "virtual scheduling" form)
};

}  // namespace fsm

#endif  // FSM_PACER_HPP
