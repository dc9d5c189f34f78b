#include <invhost/adapter_status.hpp>
#include <invsdk/adapter_base.hpp>

namespace invhost {

std::string_view status_name(invsdk_status status) noexcept {
  return invsdk::status_name(status);
}

}  // namespace invhost
