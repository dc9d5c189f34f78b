// invsdk_host_services that remember every log line and progress event and answer the
// cancellation check from a flag a test sets.
#ifndef INVSDK_TEST_RECORDING_HOST_HPP
#define INVSDK_TEST_RECORDING_HOST_HPP

#include <invsdk/adapter.h>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace invsdk_test {

struct log_line {
  invsdk_log_level level = INVSDK_LOG_INFO;
  std::string text;
};

class recording_host {
 public:
  recording_host();
  recording_host(const recording_host&) = delete;
  recording_host& operator=(const recording_host&) = delete;

  // The table to pass to open; points at this object, so keep it alive until close.
  [[nodiscard]] const invsdk_host_services* services() const noexcept { return &services_; }
  operator const invsdk_host_services*() const noexcept { return services(); }  // NOLINT

  // What is_cancelled() answers from now on. Thread-safe.
  void set_cancelled(bool value) noexcept { cancelled_.store(value); }
  // Sets the cancel flag when the nth progress event (1-based) arrives; 0 turns it off.
  void cancel_on_progress(uint64_t nth) noexcept { cancel_on_progress_ = nth; }

  // Copies, safe while an import runs on another thread.
  [[nodiscard]] std::vector<log_line> logs() const;
  [[nodiscard]] std::vector<invsdk_progress> progress_events() const;
  // True when some log line contains needle (any level).
  [[nodiscard]] bool logged(std::string_view needle) const;
  // How often the adapter asked is_cancelled().
  [[nodiscard]] uint64_t cancel_checks() const noexcept { return cancel_checks_.load(); }

 private:
  static void log_cb(void* self, invsdk_log_level level, invsdk_str message);
  static void progress_cb(void* self, const invsdk_progress* progress);
  static int32_t cancelled_cb(void* self);

  invsdk_host_services services_{};
  mutable std::mutex mutex_;
  std::vector<log_line> logs_;
  std::vector<invsdk_progress> progress_;
  std::atomic<bool> cancelled_{false};
  std::atomic<uint64_t> cancel_checks_{0};
  uint64_t cancel_on_progress_ = 0;
};

}  // namespace invsdk_test

#endif  // INVSDK_TEST_RECORDING_HOST_HPP
