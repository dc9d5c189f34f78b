/* A minimal adapter written against the C ABI alone, for tests that need to break the rules on
 * purpose. Include once per adapter after defining ADAPTER_ID; override pieces with the macros. */
#ifndef TEST_C_ADAPTER_H
#define TEST_C_ADAPTER_H

#include <invsdk/adapter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ADAPTER_VERSION
#define ADAPTER_VERSION "1.0.0"
#endif

static long errors_made = 0;
static long errors_released = 0;

static void counting_release(invsdk_error* e) {
  if (e->message == NULL) abort(); /* a second release of the same error */
  free(e->message);
  e->message = NULL;
  e->release = NULL;
  ++errors_released;
}

static invsdk_status fail(invsdk_error* e, invsdk_status status, const char* message) {
  if (e == NULL) return status;
  e->status = status;
  e->message = strdup(message);
  e->release = counting_release;
  ++errors_made;
  return status;
}

static const char manifest_text[] =
    "{\"id\": \"" ADAPTER_ID "\", \"version\": \"" ADAPTER_VERSION "\"}";

static invsdk_status c_describe(invsdk_str* out) {
  out->data = manifest_text;
  out->size = sizeof manifest_text - 1;
  return INVSDK_STATUS_OK;
}
static invsdk_status c_validate(const invsdk_config* config, invsdk_error* error) {
  (void)config;
  (void)error;
  return INVSDK_STATUS_OK;
}
static int the_connection;
static invsdk_status c_open(const invsdk_config* config, const invsdk_host_services* services,
                            invsdk_connection** out, invsdk_error* error) {
  (void)config;
  (void)services;
  (void)error;
  *out = (invsdk_connection*)&the_connection;
  return INVSDK_STATUS_OK;
}
static void fill_summary(invsdk_owned_str* s, const char* text);
static invsdk_status c_check(invsdk_connection* c, invsdk_owned_str* summary, invsdk_error* error) {
  (void)c;
  (void)error;
  fill_summary(summary, "ok");
  return INVSDK_STATUS_OK;
}
static invsdk_status c_import(invsdk_connection* c, const invsdk_sink* sink, invsdk_error* error) {
  (void)c;
  (void)sink;
  (void)error;
  return INVSDK_STATUS_OK;
}
static invsdk_status c_cancel(invsdk_connection* c) {
  (void)c;
  return INVSDK_STATUS_OK;
}
static void c_close(invsdk_connection* c) {
  (void)c;
}

static void release_summary(invsdk_owned_str* s) {
  free(s->data);
  s->data = NULL;
  s->release = NULL;
}
static void fill_summary(invsdk_owned_str* s, const char* text) {
  s->data = strdup(text);
  s->size = strlen(text);
  s->release = release_summary;
}

/* A complete 1.0 table, changed by customise (may be NULL), as much of it as fits in table_size:
 * never a byte past what the host provided. */
static void fill_table(invsdk_adapter* table, uint32_t table_size,
                       void (*customise)(invsdk_adapter*)) {
  invsdk_adapter full;
  memset(&full, 0, sizeof full);
  full.abi_version = INVSDK_ABI_VERSION_CURRENT;
  full.describe = c_describe;
  full.validate_config = c_validate;
  full.open = c_open;
  full.check = c_check;
  full.import_data = c_import;
  full.cancel = c_cancel;
  full.close = c_close;
  if (customise != NULL) customise(&full);
  full.struct_size = table_size < sizeof full ? table_size : (uint32_t)sizeof full;
  memcpy(table, &full, full.struct_size);
}

/* The entry point of an adapter that accepts any host ABI and fills the table as fill_table does
 * with customise (may be NULL). */
#define C_ADAPTER_ENTRY_POINT(customise)                                                          \
  INVSDK_EXPORT invsdk_status invsdk_adapter_init(uint32_t host_abi_version, uint32_t table_size, \
                                                  invsdk_adapter* table, invsdk_error* error) {   \
    (void)host_abi_version;                                                                       \
    (void)error;                                                                                  \
    fill_table(table, table_size, customise);                                                     \
    return INVSDK_STATUS_OK;                                                                      \
  }

#endif
