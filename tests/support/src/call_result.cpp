#include "invsdk_test/call_result.hpp"

#include <invsdk/adapter_base.hpp>

namespace invsdk_test {

std::string status_name(invsdk_status status) {
  if (!invsdk::is_known_status(status)) return "unknown(" + std::to_string(status) + ")";
  return std::string(invsdk::status_name(status));
}

std::ostream& operator<<(std::ostream& os, const call_result& r) {
  os << status_name(r.status);
  if (r.http_status != 0) os << " http=" << r.http_status;
  if (!r.message.empty()) os << ": " << r.message;
  return os;
}

error_capture::error_capture() noexcept {
  error_.struct_size = sizeof(invsdk_error);
}

error_capture::~error_capture() {
  release();
}

void error_capture::release() noexcept {
  if (error_.release != nullptr) {
    error_.release(&error_);
    ++releases_;
    // A release that forgot to clear itself must still never run twice.
    error_.release = nullptr;
  }
  error_.message = nullptr;
}

call_result error_capture::finish(invsdk_status returned) {
  call_result r;
  r.status = returned;
  if (error_.message != nullptr) r.message = error_.message;
  r.http_status = error_.http_status;
  release();
  return r;
}

}  // namespace invsdk_test
