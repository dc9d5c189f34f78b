// An invsdk_error handed to an adapter call, released exactly once whatever happens next.
#ifndef INVHOST_LOADER_ERROR_SLOT_HPP
#define INVHOST_LOADER_ERROR_SLOT_HPP

#include <invsdk/adapter.h>

#include <invhost/adapter_status.hpp>
#include <invhost/secrets.hpp>
#include <string>

namespace invhost::detail {

class error_slot {
 public:
  error_slot() noexcept { err_.struct_size = sizeof(invsdk_error); }
  error_slot(const error_slot&) = delete;
  error_slot& operator=(const error_slot&) = delete;
  ~error_slot() { release(); }

  [[nodiscard]] invsdk_error* get() noexcept { return &err_; }

  // The error as a C++ exception (message redacted); releases the C error first.
  [[nodiscard]] adapter_error take(invsdk_status status, std::string_view fallback) {
    std::string message =
        err_.message != nullptr ? std::string(err_.message) : std::string(fallback);
    const int http = err_.http_status;
    release();
    if (message.size() > 4096) message.resize(4096);  // one line in a log, not a dump
    return adapter_error(status, process_redactor().apply(message), http);
  }

 private:
  void release() noexcept {
    if (err_.release != nullptr) {
      auto* fn = err_.release;
      err_.release = nullptr;  // never twice, even if the adapter's release forgets to clear it
      fn(&err_);
    }
    err_ = invsdk_error{};
    err_.struct_size = sizeof(invsdk_error);
  }
  invsdk_error err_{};
};

}  // namespace invhost::detail

#endif
