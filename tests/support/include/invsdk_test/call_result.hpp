// The outcome of one ABI call, as plain C++ values, and the capture that produces it.
#ifndef INVSDK_TEST_CALL_RESULT_HPP
#define INVSDK_TEST_CALL_RESULT_HPP

#include <invsdk/adapter.h>

#include <ostream>
#include <string>

namespace invsdk_test {

// Status + message + HTTP status copied out of an invsdk_error. ok() when status is OK.
struct call_result {
  invsdk_status status = INVSDK_STATUS_OK;
  std::string message;
  int http_status = 0;

  [[nodiscard]] bool ok() const noexcept { return status == INVSDK_STATUS_OK; }
};

// Stable name of a status ("ok", "io", "data", ...), for messages; "unknown(<n>)" otherwise.
std::string status_name(invsdk_status status);

std::ostream& operator<<(std::ostream& os, const call_result& r);

// Owns one zeroed invsdk_error for one call. finish() copies it into a call_result and releases it
// (calls its release exactly once when the callee set one); the destructor releases it when
// finish() was never called. Not copyable: the error must have exactly one owner.
//
//   error_capture err;
//   call_result r = err.finish(table.validate_config(&cfg, err.out()));
class error_capture {
 public:
  error_capture() noexcept;
  error_capture(const error_capture&) = delete;
  error_capture& operator=(const error_capture&) = delete;
  ~error_capture();

  // The struct to pass to the callee.
  [[nodiscard]] invsdk_error* out() noexcept { return &error_; }
  // Copies status (the returned one), message and http_status, then releases the error.
  call_result finish(invsdk_status returned);
  // How many times a release function was called through this capture (0 or 1).
  [[nodiscard]] int releases() const noexcept { return releases_; }

 private:
  void release() noexcept;
  invsdk_error error_{};
  int releases_ = 0;
};

}  // namespace invsdk_test

#endif  // INVSDK_TEST_CALL_RESULT_HPP
