#include <invhost/adapter_status.hpp>

namespace invhost {

std::string_view status_name(invsdk_status status) noexcept {
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
    default: return "internal";
  }
}

}  // namespace invhost
