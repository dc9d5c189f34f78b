// Names and C++ errors for invsdk status codes, as the host reports them.
#ifndef INVHOST_ADAPTER_STATUS_HPP
#define INVHOST_ADAPTER_STATUS_HPP

#include <invsdk/adapter.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace invhost {

// The lower-case name of a status ("unauthenticated", "rate_limited"); unknown values read as
// "internal", as the ABI requires.
std::string_view status_name(invsdk_status status) noexcept;

// An adapter call that failed: its status, its (already redacted) message, the source's HTTP
// status.
class adapter_error : public std::runtime_error {
 public:
  adapter_error(invsdk_status status, const std::string& message, int http_status = 0)
      : std::runtime_error(message), status_(status), http_status_(http_status) {}
  [[nodiscard]] invsdk_status status() const noexcept { return status_; }
  [[nodiscard]] int http_status() const noexcept { return http_status_; }
  [[nodiscard]] std::string_view status_name() const noexcept {
    return invhost::status_name(status_);
  }

 private:
  invsdk_status status_;
  int http_status_;
};

}  // namespace invhost

#endif
