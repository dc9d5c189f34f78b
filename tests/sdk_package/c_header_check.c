/* The ABI header must stay valid C: an adapter may be written in C, or built by a C compiler. */
#include <invsdk/adapter.h>

uint32_t invsdk_c_header_check(uint32_t host_version);

uint32_t invsdk_c_header_check(uint32_t host_version) {
  invsdk_adapter table = {0};
  table.struct_size = INVSDK_ADAPTER_REQUIRED_SIZE_1_0;
  return INVSDK_ABI_VERSION_MAJOR_OF(host_version) == INVSDK_ABI_MAJOR ? table.struct_size : 0u;
}
