/* Answers NOT_IMPLEMENTED for every host ABI: as an adapter for another major would. */
#define ADAPTER_ID "test-not-implemented"
#include "c_adapter.h"

INVSDK_EXPORT invsdk_status invsdk_adapter_init(uint32_t host_abi_version, uint32_t table_size,
                                                invsdk_adapter* table, invsdk_error* error) {
  (void)host_abi_version;
  (void)table_size;
  (void)table;
  return fail(error, INVSDK_STATUS_NOT_IMPLEMENTED, "this adapter speaks ABI major 7 only");
}
