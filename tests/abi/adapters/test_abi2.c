/* Claims ABI major 2 in its manifest. Loading it at all kills the process, which proves the host
 * refused it from the manifest alone. */
#define ADAPTER_ID "test-abi2"
#include "c_adapter.h"

__attribute__((constructor)) static void refuse_to_be_loaded(void) {
  fputs("test-abi2 was loaded: the host should have refused it from its manifest\n", stderr);
  abort();
}

INVSDK_EXPORT invsdk_status invsdk_adapter_init(uint32_t host_abi_version, uint32_t table_size,
                                                invsdk_adapter* table, invsdk_error* error) {
  (void)host_abi_version;
  (void)error;
  fill_table(table, table_size, NULL);
  return INVSDK_STATUS_OK;
}
