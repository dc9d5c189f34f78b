/* Counts the errors it hands out and the host's releases of them; check() reports both, so a test
 * can prove each error was released exactly once (a second release aborts). */
#define ADAPTER_ID "test-counting"
#include "c_adapter.h"

static invsdk_status counting_validate(const invsdk_config* config, invsdk_error* error) {
  (void)config;
  return fail(error, INVSDK_STATUS_INVALID_CONFIG, "validate always fails here");
}
static invsdk_status counting_check(invsdk_connection* c, invsdk_owned_str* summary,
                                    invsdk_error* error) {
  char text[96];
  (void)c;
  (void)error;
  snprintf(text, sizeof text, "made=%ld released=%ld", errors_made, errors_released);
  fill_summary(summary, text);
  return INVSDK_STATUS_OK;
}
static invsdk_status counting_import(invsdk_connection* c, const invsdk_sink* sink,
                                     invsdk_error* error) {
  (void)c;
  (void)sink;
  return fail(error, INVSDK_STATUS_TIMEOUT, "import always times out here");
}

static void customise(invsdk_adapter* table) {
  table->validate_config = counting_validate;
  table->check = counting_check;
  table->import_data = counting_import;
}

C_ADAPTER_ENTRY_POINT(customise)
