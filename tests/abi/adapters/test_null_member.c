/* Fills a full-size table with one required member left NULL. */
#define ADAPTER_ID "test-null-member"
#include "c_adapter.h"

static void customise(invsdk_adapter* table) {
  table->import_data = NULL;
}

INVSDK_EXPORT invsdk_status invsdk_adapter_init(uint32_t host_abi_version, uint32_t table_size,
                                                invsdk_adapter* table, invsdk_error* error) {
  (void)host_abi_version;
  (void)error;
  fill_table(table, table_size, customise);
  return INVSDK_STATUS_OK;
}
