// Slows down password guessing: failed sign-ins are counted per remote address and per account
// name, in memory. A key with max_failures failures within one window is locked for the rest of
// that window. A success clears the name's count but not the address's, so one address trying
// many names stays limited. Thread-safe; time is passed in so tests control it.
#ifndef INVHOST_ACCOUNTS_SIGNIN_LIMITER_HPP
#define INVHOST_ACCOUNTS_SIGNIN_LIMITER_HPP

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace invhost::accounts {

class signin_limiter {
 public:
  using time_point = std::chrono::system_clock::time_point;

  struct policy {
    int max_failures = 5;
    std::chrono::seconds window{std::chrono::minutes(15)};
    // Keys remembered at most; beyond it the oldest windows are forgotten first, so a flood of
    // addresses cannot exhaust memory.
    std::size_t max_keys = 100000;
  };

  signin_limiter() = default;
  explicit signin_limiter(policy p) : policy_(p) {}

  // How long the caller must wait before this sign-in may be attempted: zero when neither the
  // address nor the name is locked, else the longer of the two remaining locks. Check before
  // verifying the password.
  std::chrono::seconds wait_before(std::string_view address, std::string_view name, time_point now);

  void record_failure(std::string_view address, std::string_view name, time_point now);
  void record_success(std::string_view name);

 private:
  struct counter {
    time_point window_start;
    int failures = 0;
  };
  std::chrono::seconds wait_for(const std::string& key, time_point now) const;
  void count(const std::string& key, time_point now);
  void forget_expired(time_point now);

  policy policy_;
  mutable std::mutex mutex_;
  std::map<std::string, counter> counters_;
};

}  // namespace invhost::accounts

#endif
