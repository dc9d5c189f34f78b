// Fixed windows per key: the first failure opens a window; max_failures within it lock the key
// until the window ends. Keys are prefixed so an address and a name never share a counter.
#include <algorithm>
#include <invhost/accounts/signin_limiter.hpp>

namespace invhost::accounts {
namespace {

// Keys are bounded: a name or address longer than this is cut, which at worst makes two very
// long inputs share a counter (stricter, never looser).
constexpr std::size_t max_key_bytes = 256;

std::string address_key(std::string_view address) {
  return "a:" + std::string(address.substr(0, max_key_bytes));
}
std::string name_key(std::string_view name) {
  return "n:" + std::string(name.substr(0, max_key_bytes));
}

}  // namespace

std::chrono::seconds signin_limiter::wait_before(std::string_view address, std::string_view name,
                                                 time_point now) {
  std::lock_guard lock(mutex_);
  return std::max(wait_for(address_key(address), now), wait_for(name_key(name), now));
}

void signin_limiter::record_failure(std::string_view address, std::string_view name,
                                    time_point now) {
  std::lock_guard lock(mutex_);
  count(address_key(address), now);
  count(name_key(name), now);
}

void signin_limiter::record_success(std::string_view name) {
  std::lock_guard lock(mutex_);
  counters_.erase(name_key(name));
}

std::chrono::seconds signin_limiter::wait_for(const std::string& key, time_point now) const {
  const auto it = counters_.find(key);
  if (it == counters_.end() || it->second.failures < policy_.max_failures)
    return std::chrono::seconds(0);
  const auto end = it->second.window_start + policy_.window;
  if (now >= end) return std::chrono::seconds(0);
  // Rounded up: waiting the number said is always enough.
  return std::chrono::ceil<std::chrono::seconds>(end - now);
}

void signin_limiter::count(const std::string& key, time_point now) {
  auto it = counters_.find(key);
  if (it == counters_.end()) {
    if (counters_.size() >= policy_.max_keys) forget_expired(now);
    it = counters_.emplace(key, counter{now, 0}).first;
  } else if (now >= it->second.window_start + policy_.window) {
    it->second = counter{now, 0};
  }
  ++it->second.failures;
}

void signin_limiter::forget_expired(time_point now) {
  std::erase_if(counters_,
                [&](const auto& kv) { return now >= kv.second.window_start + policy_.window; });
  // Still full: drop the oldest windows, which are the closest to ending anyway.
  while (counters_.size() >= policy_.max_keys) {
    auto oldest = std::min_element(
        counters_.begin(), counters_.end(),
        [](const auto& a, const auto& b) { return a.second.window_start < b.second.window_start; });
    counters_.erase(oldest);
  }
}

}  // namespace invhost::accounts
