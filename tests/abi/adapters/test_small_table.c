/* Fills a table that stops before the members ABI 1.0 requires. */
#define ADAPTER_ID "test-small-table"
#include "c_adapter.h"

INVSDK_EXPORT invsdk_status invsdk_adapter_init(uint32_t host_abi_version, uint32_t table_size,
                                                invsdk_adapter* table, invsdk_error* error) {
  (void)host_abi_version;
  (void)error;
  fill_table(table, table_size, NULL);
  table->struct_size = (uint32_t)offsetof(invsdk_adapter, check);
  return INVSDK_STATUS_OK;
}
