// When to retry a request and how long to wait first.
#ifndef FSM_RETRY_POLICY_HPP
#define FSM_RETRY_POLICY_HPP

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

namespace fsm {

// Parses a Retry-After value: delta-seconds ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00
// GMT", also the obsolete RFC 850 and asctime forms). A date in the past yields zero. nullopt
// when the value is neither.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now);

// 429 and the transient server statuses (500, 502, 503, 504).
bool is_retryable_http_status(int status);

// Capped exponential backoff with full jitter: a uniform wait in [0, min(max, initial * 2^n)]
// before retry number n (0-based).
class backoff {
 public:
  backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, uint64_t seed);
  // The upper bound of the wait before retry n.
  [[nodiscard]] std::chrono::milliseconds ceiling(int retry) const;
  // A random wait in [0, ceiling(retry)].
  std::chrono::milliseconds delay(int retry);

 private:
  std::chrono::milliseconds initial_;
  std::chrono::milliseconds max_;
  std::mt19937_64 rng_;
};

// How long to wait before retrying a throttled (429) or unavailable request: the server's
// Retry-After when given (never less), else the backoff delay. Capped at `cap` so one header
// cannot stall a run for hours.
std::chrono::milliseconds wait_before_retry(std::optional<std::chrono::milliseconds> retry_after,
                                            std::chrono::milliseconds jittered,
                                            std::chrono::milliseconds cap);

}  // namespace fsm

#endif  // FSM_RETRY_POLICY_HPP
