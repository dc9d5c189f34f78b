/* Emits licenses and applications in an older (smaller) or, with NEWER_RECORDS, a newer (larger)
 * record layout, through the raw sink. */
#ifdef NEWER_RECORDS
#define ADAPTER_ID "test-new-records"
#else
#define ADAPTER_ID "test-old-records"
#endif
#include "c_adapter.h"

#ifdef NEWER_RECORDS
typedef struct {
  invsdk_license base;
  uint64_t future_a; /* members a later minor version might add */
  const char* future_b;
} license_record;
typedef struct {
  invsdk_application base;
  uint64_t future_a;
} application_record;
#define LICENSE_SIZE ((uint32_t)sizeof(license_record))
#define APPLICATION_SIZE ((uint32_t)sizeof(application_record))
#else
/* An older peer's layouts: licenses stop before application_ids, applications before
 * activity_threshold_days. */
typedef struct {
  invsdk_license base;
} license_record;
typedef struct {
  invsdk_application base;
} application_record;
#define LICENSE_SIZE ((uint32_t)offsetof(invsdk_license, application_ids))
#define APPLICATION_SIZE ((uint32_t)offsetof(invsdk_application, activity_threshold_days))
#endif

static invsdk_str s(const char* text) {
  invsdk_str out;
  out.data = text;
  out.size = strlen(text);
  return out;
}

/* Packs n records of size bytes each into one buffer, as an older/newer peer would lay them out. */
static invsdk_status sized_import(invsdk_connection* c, const invsdk_sink* sink,
                                  invsdk_error* error) {
  unsigned char apps[2 * sizeof(application_record)];
  unsigned char lics[2 * sizeof(license_record)];
  application_record a;
  license_record l;
  invsdk_status st;
  int i;
  (void)c;
  memset(apps, 0xEE, sizeof apps); /* garbage beyond each record's declared size */
  memset(lics, 0xEE, sizeof lics);
  for (i = 0; i < 2; ++i) {
    memset(&a, 0, sizeof a);
    a.base.struct_size = APPLICATION_SIZE;
    a.base.external_id = s(i == 0 ? "app-a" : "app-b");
    a.base.name = s("App");
    a.base.product = s("Product");
    a.base.publisher = s("Vendor");
#ifdef NEWER_RECORDS
    a.base.activity_threshold_days = 45;
    a.base.is_active = INVSDK_TRUE;
    a.future_a = 0xFFFFFFFFu;
#endif
    memcpy(apps + (size_t)i * APPLICATION_SIZE, &a, APPLICATION_SIZE);
    memset(&l, 0, sizeof l);
    l.base.struct_size = LICENSE_SIZE;
    l.base.external_id = s(i == 0 ? "lic-a" : "lic-b");
    l.base.name = s("License");
    l.base.type = INVSDK_LICENSE_TYPE_NAMED_USER;
#ifdef NEWER_RECORDS
    l.base.currency = s("EUR");
    l.future_b = "ignored";
#endif
    memcpy(lics + (size_t)i * LICENSE_SIZE, &l, LICENSE_SIZE);
  }
  if ((st = sink->begin_stream(sink->host_data, INVSDK_STREAM_APPLICATIONS, error)) != 0) return st;
  if ((st = sink->emit(sink->host_data, INVSDK_STREAM_APPLICATIONS, apps, 2, APPLICATION_SIZE,
                       error)) != 0)
    return st;
  if ((st = sink->end_stream(sink->host_data, INVSDK_STREAM_APPLICATIONS, INVSDK_STREAM_COMPLETE,
                             s(""), error)) != 0)
    return st;
  if ((st = sink->begin_stream(sink->host_data, INVSDK_STREAM_LICENSES, error)) != 0) return st;
  if ((st = sink->emit(sink->host_data, INVSDK_STREAM_LICENSES, lics, 2, LICENSE_SIZE, error)) != 0)
    return st;
  return sink->end_stream(sink->host_data, INVSDK_STREAM_LICENSES, INVSDK_STREAM_COMPLETE, s(""),
                          error);
}

static void customise(invsdk_adapter* table) {
  table->import_data = sized_import;
}

C_ADAPTER_ENTRY_POINT(customise)
