// invsdk C++ helper for adapter authors.
//
// Derive from invsdk::adapter (and invsdk::connection), implement a few virtual functions in plain
// C++, and put INVSDK_DEFINE_ADAPTER(your_adapter) in one .cpp file. The macro exports the C entry
// point, negotiates the ABI version and fills the function table with trampolines that stop every
// exception at the boundary and turn it into a status and an error message.
//
// Header-only on purpose: an adapter built outside this tree needs only this directory.
#ifndef INVSDK_ADAPTER_BASE_HPP
#define INVSDK_ADAPTER_BASE_HPP

#include <invsdk/adapter.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <invsdk/record_kinds.hpp>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace invsdk {

// The adapter's manifest file, embedded at build time by invsdk_add_adapter().
std::string_view embedded_manifest() noexcept;

// ---------------------------------------------------------------------------------------------
// Small conversions
// ---------------------------------------------------------------------------------------------

inline invsdk_str to_c(std::string_view s) noexcept {
  return invsdk_str{s.data(), s.size()};
}
inline std::string_view from_c(invsdk_str s) noexcept {
  return s.data == nullptr ? std::string_view{}
                           : std::string_view{s.data, static_cast<size_t>(s.size)};
}
inline invsdk_tristate to_tristate(std::optional<bool> b) noexcept {
  if (!b) return INVSDK_UNKNOWN;
  return *b ? INVSDK_TRUE : INVSDK_FALSE;
}
inline std::optional<bool> from_tristate(invsdk_tristate t) noexcept {
  if (t == INVSDK_TRUE) return true;
  if (t == INVSDK_FALSE) return false;
  return std::nullopt;
}

// Copies a record that may come from an older or newer peer into the current layout:
// missing tail members stay zero, unknown tail members are ignored.
template <typename Record>
Record read_sized(const void* data, uint32_t available_size) noexcept {
  Record out{};
  const size_t n = available_size < sizeof(Record) ? available_size : sizeof(Record);
  std::memcpy(&out, data, n);
  out.struct_size = static_cast<uint32_t>(sizeof(Record));
  return out;
}

// Zero-initialised record with its size set.
template <typename Record>
Record make_record() noexcept {
  Record r{};
  r.struct_size = static_cast<uint32_t>(sizeof(Record));
  return r;
}

// The stream a record type belongs to (record_kinds.hpp describes each kind).
template <typename Record>
struct stream_of {
  static constexpr invsdk_stream_kind kind = record_kind<Record>::kind;
};

// ---------------------------------------------------------------------------------------------
// Status names
// ---------------------------------------------------------------------------------------------

// True when status is one of the ABI's closed set of codes.
constexpr bool is_known_status(invsdk_status status) noexcept {
  switch (status) {
    case INVSDK_STATUS_OK:
    case INVSDK_STATUS_NOT_IMPLEMENTED:
    case INVSDK_STATUS_CANCELLED:
    case INVSDK_STATUS_IO:
    case INVSDK_STATUS_TIMEOUT:
    case INVSDK_STATUS_RATE_LIMITED:
    case INVSDK_STATUS_UNAUTHENTICATED:
    case INVSDK_STATUS_INVALID_CONFIG:
    case INVSDK_STATUS_PERMISSION_DENIED:
    case INVSDK_STATUS_DATA:
    case INVSDK_STATUS_INVALID_ARGUMENT:
    case INVSDK_STATUS_INTERNAL:
      return true;
    default:
      return false;
  }
}

// The stable lower-case name of a status ("ok", "rate_limited", ...). Unknown values read as
// "internal", as the ABI tells hosts to treat them; check is_known_status() to tell them apart.
constexpr std::string_view status_name(invsdk_status status) noexcept {
  switch (status) {
    case INVSDK_STATUS_OK:
      return "ok";
    case INVSDK_STATUS_NOT_IMPLEMENTED:
      return "not_implemented";
    case INVSDK_STATUS_CANCELLED:
      return "cancelled";
    case INVSDK_STATUS_IO:
      return "io";
    case INVSDK_STATUS_TIMEOUT:
      return "timeout";
    case INVSDK_STATUS_RATE_LIMITED:
      return "rate_limited";
    case INVSDK_STATUS_UNAUTHENTICATED:
      return "unauthenticated";
    case INVSDK_STATUS_INVALID_CONFIG:
      return "invalid_config";
    case INVSDK_STATUS_PERMISSION_DENIED:
      return "permission_denied";
    case INVSDK_STATUS_DATA:
      return "data";
    case INVSDK_STATUS_INVALID_ARGUMENT:
      return "invalid_argument";
    default:
      return "internal";
  }
}

// ---------------------------------------------------------------------------------------------
// Errors: what adapter code throws; the trampolines turn it into a status.
// ---------------------------------------------------------------------------------------------

class error : public std::runtime_error {
 public:
  error(invsdk_status status, const std::string& message, int http_status = 0)
      : std::runtime_error(message), status_(status), http_status_(http_status) {}
  [[nodiscard]] invsdk_status status() const noexcept { return status_; }
  [[nodiscard]] int http_status() const noexcept { return http_status_; }

 private:
  invsdk_status status_;
  int http_status_;
};

namespace detail {
inline void release_error(invsdk_error* e) noexcept {
  if (e == nullptr) return;
  std::free(e->message);
  e->message = nullptr;
  e->release = nullptr;
}
inline void release_owned_str(invsdk_owned_str* s) noexcept {
  if (s == nullptr) return;
  std::free(s->data);
  s->data = nullptr;
  s->size = 0;
  s->release = nullptr;
}
inline char* dup_cstr(std::string_view s) noexcept {
  auto* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p == nullptr) return nullptr;
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}
}  // namespace detail

// Fills a caller-provided error (any side may use this). Returns status for chaining.
inline invsdk_status set_error(invsdk_error* out, invsdk_status status, std::string_view message,
                               int http_status = 0) noexcept {
  if (out == nullptr) return status;
  if (out->release != nullptr) out->release(out);
  out->struct_size = sizeof(invsdk_error);
  out->status = status;
  out->http_status = http_status;
  out->message = detail::dup_cstr(message);
  out->release = &detail::release_error;
  out->private_data = nullptr;
  return status;
}

inline void fill_owned_str(invsdk_owned_str* out, std::string_view text) noexcept {
  if (out == nullptr) return;
  out->data = detail::dup_cstr(text);
  out->size = out->data != nullptr ? text.size() : 0;
  out->release = &detail::release_owned_str;
  out->private_data = nullptr;
}

// Runs body and converts any exception into a status and an error. The one firewall every
// trampoline goes through.
template <typename Body>
invsdk_status guarded(invsdk_error* err, Body&& body) noexcept {
  try {
    return std::forward<Body>(body)();
  } catch (const error& e) {
    return set_error(err, e.status(), e.what(), e.http_status());
  } catch (const std::bad_alloc&) {
    return set_error(err, INVSDK_STATUS_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    return set_error(err, INVSDK_STATUS_INTERNAL, std::string("unexpected error: ") + e.what());
  } catch (...) {
    return set_error(err, INVSDK_STATUS_INTERNAL, "unexpected non-standard exception");
  }
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

class config {
 public:
  config() = default;
  explicit config(const invsdk_config* c) {
    if (c == nullptr) return;
    for (uint64_t i = 0; i < c->count; ++i)
      values_[std::string(from_c(c->settings[i].key))] = std::string(from_c(c->settings[i].value));
  }
  [[nodiscard]] bool has(const std::string& key) const { return values_.count(key) != 0; }
  [[nodiscard]] std::optional<std::string> get(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] std::string get_or(const std::string& key, std::string fallback) const {
    auto v = get(key);
    return v ? *v : std::move(fallback);
  }
  // Throws invsdk::error(INVALID_CONFIG) naming the key when it is absent or empty.
  [[nodiscard]] std::string require(const std::string& key) const {
    auto v = get(key);
    if (!v || v->empty())
      throw error(INVSDK_STATUS_INVALID_CONFIG, "setting '" + key + "' is required");
    return *v;
  }
  [[nodiscard]] const std::map<std::string, std::string>& all() const noexcept { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

// ---------------------------------------------------------------------------------------------
// Host services and the sink, as C++
// ---------------------------------------------------------------------------------------------

class host {
 public:
  host() = default;
  explicit host(const invsdk_host_services* s) {
    if (s != nullptr) services_ = read_sized<invsdk_host_services>(s, s->struct_size);
  }
  void log(invsdk_log_level level, std::string_view message) const noexcept {
    if (services_.log != nullptr) services_.log(services_.host_data, level, to_c(message));
  }
  void debug(std::string_view m) const noexcept { log(INVSDK_LOG_DEBUG, m); }
  void info(std::string_view m) const noexcept { log(INVSDK_LOG_INFO, m); }
  void warn(std::string_view m) const noexcept { log(INVSDK_LOG_WARN, m); }
  void progress(invsdk_stream_kind stream, uint64_t records_done, int64_t records_total,
                uint64_t pages_done, uint64_t requests_done, uint64_t retries_done = 0,
                uint64_t throttled_done = 0) const noexcept {
    if (services_.progress == nullptr) return;
    auto p = make_record<invsdk_progress>();
    p.stream = stream;
    p.records_done = records_done;
    p.records_total = records_total;
    p.pages_done = pages_done;
    p.requests_done = requests_done;
    p.retries_done = retries_done;
    p.throttled_done = throttled_done;
    services_.progress(services_.host_data, &p);
  }
  [[nodiscard]] bool cancelled() const noexcept {
    return services_.is_cancelled != nullptr && services_.is_cancelled(services_.host_data) != 0;
  }

 private:
  invsdk_host_services services_{};
};

// Wraps the host's sink; throws invsdk::error when the host refuses a call (e.g. a full disk),
// so adapter code stops at once with the host's status.
class sink_writer {
 public:
  explicit sink_writer(const invsdk_sink* s) {
    if (s == nullptr) throw error(INVSDK_STATUS_INVALID_ARGUMENT, "no sink");
    sink_ = read_sized<invsdk_sink>(s, s->struct_size);
    if (sink_.begin_stream == nullptr || sink_.emit == nullptr || sink_.end_stream == nullptr)
      throw error(INVSDK_STATUS_INVALID_ARGUMENT, "the host's sink lacks a required function");
  }
  void begin(invsdk_stream_kind kind) { check(sink_.begin_stream(sink_.host_data, kind, &err_)); }
  template <typename Record>
  void emit(std::span<const Record> records) {
    if (records.empty()) return;
    check(sink_.emit(sink_.host_data, stream_of<Record>::kind, records.data(), records.size(),
                     static_cast<uint32_t>(sizeof(Record)), &err_));
  }
  void end(invsdk_stream_kind kind, bool complete, std::string_view reason = {}) {
    check(sink_.end_stream(sink_.host_data, kind,
                           complete ? INVSDK_STREAM_COMPLETE : INVSDK_STREAM_INCOMPLETE,
                           to_c(reason), &err_));
  }

 private:
  void check(invsdk_status st) {
    if (st == INVSDK_STATUS_OK) return;
    std::string msg = err_.message != nullptr ? err_.message : "the host refused the data";
    const int http = err_.http_status;
    if (err_.release != nullptr) err_.release(&err_);
    err_ = invsdk_error{};
    throw error(st, msg, http);
  }
  invsdk_sink sink_{};
  invsdk_error err_{};
};

// ---------------------------------------------------------------------------------------------
// What an adapter implements
// ---------------------------------------------------------------------------------------------

class connection {
 public:
  connection() = default;
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  virtual ~connection() = default;

  // Reaches the source without producing data; returns a one-line summary of what it found.
  virtual std::string check() = 0;
  // Pushes every record into out; throws invsdk::error on failure.
  virtual void import_data(sink_writer& out) = 0;
  // Called from any thread; the default sets a flag that cancel_requested() reads.
  virtual void cancel() noexcept { cancelled_.store(true); }

 protected:
  [[nodiscard]] bool cancel_requested() const noexcept { return cancelled_.load(); }

 private:
  std::atomic<bool> cancelled_{false};
};

class adapter {
 public:
  virtual ~adapter() = default;
  // The manifest JSON, identical to the adapter's manifest file (embedded at build time).
  [[nodiscard]] virtual std::string_view manifest() const noexcept { return embedded_manifest(); }
  // Throws invsdk::error(INVALID_CONFIG, ...) naming the setting at fault. No network.
  virtual void validate_config(const config& settings) const = 0;
  virtual std::unique_ptr<connection> open(const config& settings, const host& services) = 0;
};

namespace detail {
// The version the host announced at init; one per adapter library.
inline std::atomic<uint32_t>& host_abi_version_slot() noexcept {
  static std::atomic<uint32_t> version{0};
  return version;
}
}  // namespace detail

// The ABI version the host announced when it loaded this adapter (0 before): an adapter checks
// host_abi_minor() before relying on anything a later minor version added.
inline uint32_t host_abi_version() noexcept {
  return detail::host_abi_version_slot().load();
}
inline uint32_t host_abi_minor() noexcept {
  return INVSDK_ABI_VERSION_MINOR_OF(host_abi_version());
}

namespace detail {

// The C handle wraps the C++ connection.
struct connection_box {
  std::unique_ptr<connection> impl;
};

template <typename Adapter>
Adapter& instance() {
  static Adapter a;  // constructed on first use, after the library is loaded
  return a;
}

template <typename Adapter>
struct trampolines {
  static invsdk_status describe(invsdk_str* out) noexcept {
    invsdk_error ignored{};
    const invsdk_status st = guarded(&ignored, [&] {
      if (out == nullptr) return INVSDK_STATUS_INVALID_ARGUMENT;
      *out = to_c(instance<Adapter>().manifest());
      return INVSDK_STATUS_OK;
    });
    if (ignored.release != nullptr) ignored.release(&ignored);
    return st;
  }
  static invsdk_status validate_config(const invsdk_config* c, invsdk_error* err) noexcept {
    return guarded(err, [&] {
      instance<Adapter>().validate_config(config(c));
      return INVSDK_STATUS_OK;
    });
  }
  static invsdk_status open(const invsdk_config* c, const invsdk_host_services* s,
                            invsdk_connection** out, invsdk_error* err) noexcept {
    return guarded(err, [&] {
      if (out == nullptr) throw error(INVSDK_STATUS_INVALID_ARGUMENT, "open: no output handle");
      *out = nullptr;
      const config settings(c);
      instance<Adapter>().validate_config(settings);
      auto box = std::make_unique<connection_box>();
      box->impl = instance<Adapter>().open(settings, host(s));
      if (!box->impl) throw error(INVSDK_STATUS_INTERNAL, "open returned no connection");
      *out = reinterpret_cast<invsdk_connection*>(box.release());
      return INVSDK_STATUS_OK;
    });
  }
  static connection& unbox(invsdk_connection* c) {
    if (c == nullptr) throw error(INVSDK_STATUS_INVALID_ARGUMENT, "no connection handle");
    return *reinterpret_cast<connection_box*>(c)->impl;
  }
  static invsdk_status check(invsdk_connection* c, invsdk_owned_str* summary,
                             invsdk_error* err) noexcept {
    return guarded(err, [&] {
      const std::string text = unbox(c).check();
      fill_owned_str(summary, text);
      return INVSDK_STATUS_OK;
    });
  }
  static invsdk_status import_data(invsdk_connection* c, const invsdk_sink* s,
                                   invsdk_error* err) noexcept {
    return guarded(err, [&] {
      sink_writer writer(s);
      unbox(c).import_data(writer);
      return INVSDK_STATUS_OK;
    });
  }
  static invsdk_status cancel(invsdk_connection* c) noexcept {
    if (c == nullptr) return INVSDK_STATUS_INVALID_ARGUMENT;
    reinterpret_cast<connection_box*>(c)->impl->cancel();
    return INVSDK_STATUS_OK;
  }
  static void close(invsdk_connection* c) noexcept {
    try {
      delete reinterpret_cast<connection_box*>(c);  // NOLINT(cppcoreguidelines-owning-memory)
    } catch (...) {  // a destructor that throws must not cross the boundary
    }
  }

  static invsdk_status init(uint32_t host_version, uint32_t table_size, invsdk_adapter* table,
                            invsdk_error* err) noexcept {
    if (table == nullptr) return set_error(err, INVSDK_STATUS_INVALID_ARGUMENT, "no table to fill");
    if (INVSDK_ABI_VERSION_MAJOR_OF(host_version) != INVSDK_ABI_MAJOR) {
      return set_error(err, INVSDK_STATUS_NOT_IMPLEMENTED,
                       "adapter speaks ABI major " + std::to_string(INVSDK_ABI_MAJOR) +
                           ", host speaks " +
                           std::to_string(INVSDK_ABI_VERSION_MAJOR_OF(host_version)));
    }
    host_abi_version_slot().store(host_version);
    invsdk_adapter full{};
    full.struct_size = sizeof(invsdk_adapter);
    full.abi_version = INVSDK_ABI_VERSION_CURRENT;
    full.describe = &describe;
    full.validate_config = &validate_config;
    full.open = &open;
    full.check = &check;
    full.import_data = &import_data;
    full.cancel = &cancel;
    full.close = &close;
    const uint32_t n = table_size < sizeof(invsdk_adapter)
                           ? table_size
                           : static_cast<uint32_t>(sizeof(invsdk_adapter));
    full.struct_size = n;
    std::memcpy(table, &full, n);
    return INVSDK_STATUS_OK;
  }
};

}  // namespace detail
}  // namespace invsdk

// Exports the entry point for adapter class T (default-constructible, derived from
// invsdk::adapter).
#define INVSDK_DEFINE_ADAPTER(T)                                                               \
  extern "C" INVSDK_EXPORT invsdk_status invsdk_adapter_init(                                  \
      uint32_t host_abi_version, uint32_t table_size, invsdk_adapter* table,                   \
      invsdk_error* error) {                                                                   \
    return ::invsdk::detail::trampolines<T>::init(host_abi_version, table_size, table, error); \
  }

#endif  // INVSDK_ADAPTER_BASE_HPP
