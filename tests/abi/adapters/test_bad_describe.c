/* describe() names another version than its manifest file. */
#define ADAPTER_ID "test-bad-describe"
#define ADAPTER_VERSION "9.9.9"
#include "c_adapter.h"

C_ADAPTER_ENTRY_POINT(NULL)
