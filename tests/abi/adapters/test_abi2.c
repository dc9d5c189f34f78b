/* Claims ABI major 2 in its manifest. Loading it at all kills the process, which proves the host
 * refused it from the manifest alone. */
#define ADAPTER_ID "test-abi2"
#include "c_adapter.h"

__attribute__((constructor)) static void refuse_to_be_loaded(void) {
  fputs("test-abi2 was loaded: the host should have refused it from its manifest\n", stderr);
  abort();
}

C_ADAPTER_ENTRY_POINT(NULL)
