/*
 * invsdk adapter ABI, version 1.
 *
 * The contract between an inventory host (such as `invhost`) and an adapter library that imports
 * license data from one kind of source. Pure C so that an adapter built with any compiler, any
 * C++ standard library and any version of its own dependencies can be loaded by any host.
 *
 * Rules that hold for everything below:
 *  - Text is UTF-8, passed as pointer + length (invsdk_str) and never assumed NUL-terminated.
 *    An absent optional text has size 0.
 *  - Dates are ISO 8601 text as the source gave them (e.g. "2019-10-15T16:05:36.1000Z").
 *  - Money is a decimal string ("1234.50") with its ISO 4217 currency, never a floating-point
 * number.
 *  - Values obey the grammars and limits of "Values and limits" below; a host refuses a record
 *    that breaks them with INVSDK_STATUS_DATA naming the stream, page, record and field.
 *  - Every struct that crosses the boundary starts with its own size (struct_size). A reader
 *    copies min(struct_size, sizeof(its own view)) bytes into a zeroed struct, so older peers
 *    ignore newer tails and newer peers see zero (= absent / default) for members they lack.
 *    Structs only ever grow at the end.
 *  - Memory belongs to the side that allocated it. Pointers handed into a call are valid for
 *    that call only; the receiver copies what it keeps. An error is released by calling its
 *    own release function, exactly once.
 *  - No function may let a C++ exception, longjmp or signal escape across this boundary.
 */
#ifndef INVSDK_ADAPTER_H
#define INVSDK_ADAPTER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Versions and the entry point
 * ------------------------------------------------------------------------------------------- */

/* A cast that C++ code compiled with -Wold-style-cast accepts as well as C. */
#ifdef __cplusplus
#define INVSDK_CAST_(type, value) (static_cast<type>(value))
#else
#define INVSDK_CAST_(type, value) ((type)(value))
#endif

#define INVSDK_ABI_MAJOR 1
#define INVSDK_ABI_MINOR 1
/* Packed version: major in the high 16 bits, minor in the low 16 bits. */
#define INVSDK_ABI_VERSION(major, minor) \
  INVSDK_CAST_(uint32_t, (INVSDK_CAST_(uint32_t, major) << 16) | INVSDK_CAST_(uint32_t, minor))
#define INVSDK_ABI_VERSION_CURRENT INVSDK_ABI_VERSION(INVSDK_ABI_MAJOR, INVSDK_ABI_MINOR)
#define INVSDK_ABI_VERSION_MAJOR_OF(v) (INVSDK_CAST_(uint32_t, v) >> 16)
#define INVSDK_ABI_VERSION_MINOR_OF(v) (INVSDK_CAST_(uint32_t, v) & 0xFFFFu)

/* The one symbol an adapter library exports. */
#define INVSDK_ENTRY_POINT_NAME "invsdk_adapter_init"

#if defined(_WIN32)
#define INVSDK_EXPORT __declspec(dllexport)
#else
#define INVSDK_EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------------------------
 * Status codes: a closed set. Hosts map any unknown value to INVSDK_STATUS_INTERNAL.
 * ------------------------------------------------------------------------------------------- */

typedef int32_t invsdk_status;

#define INVSDK_STATUS_OK 0
/* The call or ABI major version is not supported by this peer. */
#define INVSDK_STATUS_NOT_IMPLEMENTED 1
/* The host asked to stop (cancel() or is_cancelled()). */
#define INVSDK_STATUS_CANCELLED 2

/* Retryable classes: the same call may succeed later without anyone changing anything. */
#define INVSDK_STATUS_IO 10              /* connection refused/reset, DNS, TLS transport, disk */
#define INVSDK_STATUS_TIMEOUT 11         /* no answer in time */
#define INVSDK_STATUS_RATE_LIMITED 12    /* the source throttled us past the retry budget */
#define INVSDK_STATUS_UNAUTHENTICATED 13 /* credential expired or revoked: renew it */

/* Not retryable: a person has to change something first. */
#define INVSDK_STATUS_INVALID_CONFIG 20    /* settings missing or malformed, bad certificate file */
#define INVSDK_STATUS_PERMISSION_DENIED 21 /* authenticated but not allowed (HTTP 403) */
#define INVSDK_STATUS_DATA 22              /* the source sent something that cannot be read */
#define INVSDK_STATUS_INVALID_ARGUMENT 23  /* a caller broke the ABI (null table, bad kind) */
#define INVSDK_STATUS_INTERNAL 24          /* a bug or an unexpected exception */

/* 1 when a status is worth retrying later unchanged, else 0. */
static inline int invsdk_status_is_retryable(invsdk_status s) {
  return s >= INVSDK_STATUS_IO && s <= INVSDK_STATUS_UNAUTHENTICATED;
}

/* ---------------------------------------------------------------------------------------------
 * Basic types
 * ------------------------------------------------------------------------------------------- */

typedef struct invsdk_str {
  const char* data; /* may be NULL when size is 0 */
  uint64_t size;
} invsdk_str;

/* Three-valued flag: zero means "the source did not say". */
typedef int8_t invsdk_tristate;
#define INVSDK_UNKNOWN 0
#define INVSDK_FALSE 1
#define INVSDK_TRUE 2

/*
 * An error filled in by the callee. The caller passes a zeroed struct; on failure the callee sets
 * status, message and release. The caller calls release(error) exactly once when release is not
 * NULL; release frees the message and sets release to NULL.
 */
typedef struct invsdk_error {
  uint32_t struct_size;
  invsdk_status status;
  int32_t http_status; /* the source's HTTP status when one caused this error, else 0 */
  char* message;       /* NUL-terminated UTF-8, never contains a secret */
  void (*release)(struct invsdk_error* error);
  void* private_data; /* the allocator's own */
} invsdk_error;

/* A string allocated by the callee; the receiver calls release exactly once. */
typedef struct invsdk_owned_str {
  char* data; /* NUL-terminated */
  uint64_t size;
  void (*release)(struct invsdk_owned_str* str);
  void* private_data;
} invsdk_owned_str;

/* One connector setting. Secret values are resolved by the host and appear only here. */
typedef struct invsdk_setting {
  invsdk_str key;
  invsdk_str value;
} invsdk_setting;

typedef struct invsdk_config {
  uint32_t struct_size;
  const invsdk_setting* settings;
  uint64_t count;
} invsdk_config;

/* ---------------------------------------------------------------------------------------------
 * Values and limits (the host sink enforces every rule below)
 *
 *  - Money (annual_cost, per_user_cost): a non-negative decimal, ASCII digits with at most one
 *    '.', a digit on each side of it: [0-9]{1,15}(\.[0-9]{1,9})? once leading zeros of the
 *    integer part are set aside (trailing zeros of the fraction beyond 9 digits are accepted).
 *    No sign, no exponent, no grouping; at most INVSDK_MAX_MONEY_TEXT_BYTES characters in all.
 *    Empty = unknown.
 *  - Currency: three capital ASCII letters, the ISO 4217 code ("USD", "KWD") or a source's own
 *    code of that shape; empty = not given. Hosts keep money at the ISO 4217 minor unit.
 *  - Date-time (created_at, modified_at, effective_at, ends_at, activated_at, deactivated_at,
 *    last_activity_at): ISO 8601 text as the source gave it, "YYYY-MM-DD" optionally followed
 *    by "Thh:mm:ss", a fraction and "Z" or a "+hh:mm" / "-hh:mm" offset; hosts read the date it
 *    names. Empty = not given.
 *  - Email (accessing_user.email): the address as the source gave it, a non-empty local part,
 *    '@' and a non-empty domain, with no space or control character; empty = not given.
 *    accessing_user.external_id is its lower-case form, domain the part after the last '@'.
 *  - Required (non-empty) keys: every record's external_id; an entitlement's
 *    license_external_id; a consumption's accessing_user_external_id; each id in a license's
 *    application_ids. Every other text may be empty (unknown).
 *  - A count (items_allowed) is an integer 0..INVSDK_MAX_ITEMS_ALLOWED.
 *  - A text is at most INVSDK_MAX_TEXT_BYTES bytes; an emit carries at most
 *    INVSDK_MAX_BATCH_RECORDS records.
 *  - Within one stream of one import an external id (for consumption: the pair external id,
 *    license) appears once. A repeat identical to the first is dropped; a repeat with other
 *    content is refused with INVSDK_STATUS_DATA naming both positions.
 * ------------------------------------------------------------------------------------------- */

#define INVSDK_MAX_ITEMS_ALLOWED INT64_C(1000000000)
#define INVSDK_MAX_MONEY_INTEGER_DIGITS 15
#define INVSDK_MAX_MONEY_FRACTION_DIGITS 9
/* A money text, leading and trailing zeros included. */
#define INVSDK_MAX_MONEY_TEXT_BYTES 64u
#define INVSDK_MAX_TEXT_BYTES (64u * 1024u)
#define INVSDK_MAX_BATCH_RECORDS 100000u

/* ---------------------------------------------------------------------------------------------
 * Records. Each kind is a stream; a record is a struct starting with its size.
 * ------------------------------------------------------------------------------------------- */

typedef int32_t invsdk_stream_kind;
#define INVSDK_STREAM_APPLICATIONS 1
#define INVSDK_STREAM_LICENSES 2
#define INVSDK_STREAM_ENTITLEMENTS 3
#define INVSDK_STREAM_ACCESSING_USERS 4
#define INVSDK_STREAM_CONSUMPTION 5
#define INVSDK_STREAM_KIND_COUNT 5 /* highest kind in this version */

/* An application or product that licenses cover (an FSM managed app). */
typedef struct invsdk_application {
  uint32_t struct_size;
  invsdk_str external_id;          /* the source's id; key within the connection */
  invsdk_str name;                 /* the source's own name for it */
  invsdk_str product;              /* product name as shown to people */
  invsdk_str publisher;            /* vendor */
  int32_t activity_threshold_days; /* a user idle longer than this is inactive; 0 = default 90 */
  invsdk_tristate is_active;
  invsdk_str source_url; /* link to the record at its source, may be empty */
} invsdk_application;

typedef int32_t invsdk_license_type;
#define INVSDK_LICENSE_TYPE_SAAS_USER 1  /* consumption = distinct users of the application */
#define INVSDK_LICENSE_TYPE_NAMED_USER 2 /* per named person (e.g. Microsoft 365) */

/* A license agreement. */
typedef struct invsdk_license {
  uint32_t struct_size;
  invsdk_str external_id;
  invsdk_str name;
  invsdk_license_type type;          /* 0 is read as SAAS_USER */
  const invsdk_str* application_ids; /* external ids of the applications it covers */
  uint64_t application_count;
  invsdk_str currency; /* the agreement's fee currency: the fallback for its entitlements */
  invsdk_str created_at;
  invsdk_str modified_at;
  invsdk_str notes;
  invsdk_str source_url; /* link to this license at its source */
} invsdk_license;

typedef int32_t invsdk_term_type;
#define INVSDK_TERM_TYPE_UNSPECIFIED 0 /* counted in users, like per-user */
#define INVSDK_TERM_TYPE_PER_USER 1
#define INVSDK_TERM_TYPE_PER_LOGIN 2
#define INVSDK_TERM_TYPE_PER_NODE 3
#define INVSDK_TERM_TYPE_PER_LOCATION 4
#define INVSDK_TERM_TYPE_PER_ORG 5

/* One term of a license agreement: what was bought, for how many, for when. */
typedef struct invsdk_entitlement {
  uint32_t struct_size;
  invsdk_str external_id;
  invsdk_str license_external_id;
  uint32_t position; /* 0-based order of the term within its license, as the source lists it */
  invsdk_str name;
  invsdk_str sku;
  invsdk_term_type term_type;
  int64_t items_allowed; /* entitled quantity; 0 when absent */
  invsdk_tristate is_unlimited;
  invsdk_tristate is_active;
  invsdk_tristate hidden;
  invsdk_str effective_at;  /* empty = open start */
  invsdk_str ends_at;       /* empty = open end */
  invsdk_str annual_cost;   /* decimal string, empty = unknown */
  invsdk_str per_user_cost; /* decimal string, empty = unknown */
  invsdk_str currency;      /* ISO 4217; the term's payments' currency, else the agreement's */
} invsdk_entitlement;

/* A person who uses licensed software; may be external to the company. */
typedef struct invsdk_accessing_user {
  uint32_t struct_size;
  invsdk_str external_id; /* lower-cased email, or the source's unique id when there is none */
  invsdk_str email;
  invsdk_str first_name;
  invsdk_str last_name;
  invsdk_str user_name;
  invsdk_str domain; /* part of the email after '@' */
} invsdk_accessing_user;

/*
 * One use of an application by an accessing user (an FSM app user), and the license it consumes.
 * license_external_id is empty when the source allocates it to no known license; the host then
 * applies its own rule (an application with exactly one license consumes that one).
 * A host may receive the same accessing user more than once; it keeps one.
 */
typedef struct invsdk_consumption {
  uint32_t struct_size;
  invsdk_str external_id; /* the source's id of this use (app user) */
  invsdk_str license_external_id;
  invsdk_str application_external_id;
  invsdk_str accessing_user_external_id;
  invsdk_str activated_at;
  invsdk_str deactivated_at;   /* empty when still active */
  invsdk_str last_activity_at; /* empty when never seen active */
} invsdk_consumption;

/* ---------------------------------------------------------------------------------------------
 * Host services and the sink
 * ------------------------------------------------------------------------------------------- */

typedef int32_t invsdk_log_level;
#define INVSDK_LOG_DEBUG 0
#define INVSDK_LOG_INFO 1
#define INVSDK_LOG_WARN 2
#define INVSDK_LOG_ERROR 3

typedef struct invsdk_progress {
  uint32_t struct_size;
  invsdk_stream_kind stream;
  uint64_t records_done;
  int64_t records_total;  /* -1 when unknown */
  uint64_t pages_done;    /* pages or files read so far for this stream */
  uint64_t requests_done; /* requests made by the whole import so far, retries included */
  /* Since 1.1; an adapter built against 1.0 reports neither, and the host reads zero. */
  uint64_t retries_done;   /* requests sent again after a failure or a throttling answer */
  uint64_t throttled_done; /* answers that asked to slow down (HTTP 429) */
} invsdk_progress;

/* Services the host lends to an open connection. All may be called from the importing thread. */
typedef struct invsdk_host_services {
  uint32_t struct_size;
  void* host_data;
  /* A line for the host's log. Never pass a secret. */
  void (*log)(void* host_data, invsdk_log_level level, invsdk_str message);
  /* Where the import stands; cheap, call it per page. */
  void (*progress)(void* host_data, const invsdk_progress* progress);
  /* Nonzero when the host wants the import to stop; the adapter then returns CANCELLED. */
  int32_t (*is_cancelled)(void* host_data);
} invsdk_host_services;

typedef int32_t invsdk_completeness;
#define INVSDK_STREAM_COMPLETE 1   /* every record of the source arrived */
#define INVSDK_STREAM_INCOMPLETE 2 /* some did not: the host must not retire anything from it */

/*
 * Where an import pushes its records. Streams may interleave (a page of licenses may carry
 * entitlements too), but each is begun once before its first batch and ended once. A stream that
 * is begun and never ended counts as incomplete. When a sink call fails, the adapter stops and
 * returns that status.
 */
typedef struct invsdk_sink {
  uint32_t struct_size;
  void* host_data;
  invsdk_status (*begin_stream)(void* host_data, invsdk_stream_kind kind, invsdk_error* error);
  /* records points at count structs of the kind's type, each record_size bytes apart. */
  invsdk_status (*emit)(void* host_data, invsdk_stream_kind kind, const void* records,
                        uint64_t count, uint32_t record_size, invsdk_error* error);
  /* reason says why a stream is incomplete (empty when complete). */
  invsdk_status (*end_stream)(void* host_data, invsdk_stream_kind kind,
                              invsdk_completeness completeness, invsdk_str reason,
                              invsdk_error* error);
} invsdk_sink;

/* ---------------------------------------------------------------------------------------------
 * Threading (since 1.0)
 *
 *  - init and describe may be called from any thread, before or between connections.
 *  - A connection is used by one thread at a time: validate_config, open, check, import_data and
 *    close never overlap for one connection. Several connections may be open at once, each on
 *    its own thread.
 *  - cancel may be called from any thread at any time while the connection is open, concurrently
 *    with import_data; it returns at once.
 *  - Sink and host-service functions are called by the adapter from the thread running
 *    import_data (or open/check for services), one call at a time; they are not reentrant.
 *    An adapter that reads on worker threads hands its records to that thread to emit them.
 * ------------------------------------------------------------------------------------------- */

/* ---------------------------------------------------------------------------------------------
 * The adapter's function table
 * ------------------------------------------------------------------------------------------- */

typedef struct invsdk_connection invsdk_connection; /* opaque, the adapter's */

typedef struct invsdk_adapter {
  uint32_t struct_size; /* bytes the adapter filled in: min(host's table size, its own) */
  uint32_t abi_version; /* the version the adapter was built against */

  /* Required since 1.0 ----------------------------------------------------------------------- */

  /* Its manifest as JSON (the same document as its manifest file). Static; valid while loaded. */
  invsdk_status (*describe)(invsdk_str* manifest_json);

  /* Checks settings without touching the network or the disk beyond reading them. */
  invsdk_status (*validate_config)(const invsdk_config* config, invsdk_error* error);

  /* Opens a connection. services stays valid until close(). On success *out is non-NULL. */
  invsdk_status (*open)(const invsdk_config* config, const invsdk_host_services* services,
                        invsdk_connection** out, invsdk_error* error);

  /* A probe that reaches the source and produces no data; summary says what it found. */
  invsdk_status (*check)(invsdk_connection* connection, invsdk_owned_str* summary,
                         invsdk_error* error);

  /* Reads everything from the source and pushes it into sink. Blocks until done. */
  invsdk_status (*import_data)(invsdk_connection* connection, const invsdk_sink* sink,
                               invsdk_error* error);

  /* Asks a running import to stop soon. Safe to call from any thread. */
  invsdk_status (*cancel)(invsdk_connection* connection);

  /* Frees the connection. Never fails; connection may be NULL. */
  void (*close)(invsdk_connection* connection);

  /* Members added by later minor versions go here, each with the version that added it. */
} invsdk_adapter;

/* Size of the table a host of version 1.0 requires: everything up to and including close. */
#define INVSDK_ADAPTER_REQUIRED_SIZE_1_0 \
  INVSDK_CAST_(uint32_t, offsetof(invsdk_adapter, close) + sizeof(void (*)(invsdk_connection*)))

/*
 * The entry point, exported as INVSDK_ENTRY_POINT_NAME.
 *
 * host_abi_version: the version the host speaks. When its major differs from the adapter's, the
 *   adapter returns INVSDK_STATUS_NOT_IMPLEMENTED and fills nothing but the error.
 * table_size: sizeof(invsdk_adapter) as the host knows it. The adapter fills
 *   min(table_size, its own size) bytes and sets struct_size to that.
 * Returns OK when the table is usable. Must be cheap and free of side effects.
 */
typedef invsdk_status (*invsdk_adapter_init_fn)(uint32_t host_abi_version, uint32_t table_size,
                                                invsdk_adapter* table, invsdk_error* error);

#ifdef __cplusplus
}
#endif

#endif /* INVSDK_ADAPTER_H */
