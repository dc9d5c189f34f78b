#include "invsdk_test/call_result.hpp"

namespace invsdk_test {

std::string status_name(invsdk_status status) {
  switch (status) {
    case INVSDK_STATUS_OK: return "ok";
    case INVSDK_STATUS_NOT_IMPLEMENTED: return "not_implemented";
    case INVSDK_STATUS_CANCELLED: return "cancelled";
    case INVSDK_STATUS_IO: return "io";
    case INVSDK_STATUS_TIMEOUT: return "timeout";
    case INVSDK_STATUS_RATE_LIMITED: return "rate_limited";
    case INVSDK_STATUS_UNAUTHENTICATED: return "unauthenticated";
    case INVSDK_STATUS_INVALID_CONFIG: return "invalid_config";
    case INVSDK_STATUS_PERMISSION_DENIED: return "permission_denied";
    case INVSDK_STATUS_DATA: return "data";
    case INVSDK_STATUS_INVALID_ARGUMENT: return "invalid_argument";
    case INVSDK_STATUS_INTERNAL: return "internal";
    default: return "unknown(" + std::to_string(status) + ")";
  }
}

std::ostream& operator<<(std::ostream& os, const call_result& r) {
  os << status_name(r.status);
  if (r.http_status != 0) os << " http=" << r.http_status;
  if (!r.message.empty()) os << ": " << r.message;
  return os;
}

error_capture::error_capture() noexcept { error_.struct_size = sizeof(invsdk_error); }

error_capture::~error_capture() { release(); }

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
