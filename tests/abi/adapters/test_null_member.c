/* Fills a full-size table with one required member left NULL. */
#define ADAPTER_ID "test-null-member"
#include "c_adapter.h"

static void customise(invsdk_adapter* table) {
  table->import_data = NULL;
}

C_ADAPTER_ENTRY_POINT(customise)
