/* describe() names another version than its manifest file. */
#define ADAPTER_ID "test-bad-describe"
#define ADAPTER_VERSION "9.9.9"
#include "c_adapter.h"

INVSDK_EXPORT invsdk_status invsdk_adapter_init(uint32_t host_abi_version, uint32_t table_size,
                                                invsdk_adapter* table, invsdk_error* error) {
  (void)host_abi_version;
  (void)error;
  fill_table(table, table_size, NULL);
  return INVSDK_STATUS_OK;
}
