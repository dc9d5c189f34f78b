// Loads a built adapter library with Boost.DLL and calls it through the C ABI exactly as a host
// does: find INVSDK_ENTRY_POINT_NAME, negotiate version and table size, then describe /
// validate_config / open / check / import_data / cancel / close.
//
// Typical test:
//   auto adapter = invsdk_test::load_adapter(invsdk_test::adapter_library(dir, "file_import"));
//   invsdk_test::recording_host host;
//   auto cfg = invsdk_test::config_of({{"directory", "/data"}});
//   auto opened = adapter.open(cfg, host);
//   BOOST_TEST_REQUIRE(opened.result.ok(), opened.result);
//   invsdk_test::recording_sink sink;
//   auto r = opened.connection.import_data(sink);
#ifndef INVSDK_TEST_LOADED_ADAPTER_HPP
#define INVSDK_TEST_LOADED_ADAPTER_HPP

#include <invsdk/adapter.h>

#include <cstdint>
#include <filesystem>
#include <invsdk_test/call_result.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace boost::dll {
class shared_library;
}

namespace invsdk_test {

// <directory>/lib<target>.so (the name invsdk_add_adapter gives a target's library).
std::filesystem::path adapter_library(const std::filesystem::path& directory,
                                      std::string_view target);

// An open connection; closes itself (once) when destroyed and keeps its library loaded until then.
class connection_handle {
 public:
  connection_handle() = default;
  connection_handle(std::shared_ptr<boost::dll::shared_library> library,
                    const invsdk_adapter& table, invsdk_connection* connection) noexcept;
  connection_handle(connection_handle&& other) noexcept;
  connection_handle& operator=(connection_handle&& other) noexcept;
  connection_handle(const connection_handle&) = delete;
  connection_handle& operator=(const connection_handle&) = delete;
  ~connection_handle();

  [[nodiscard]] invsdk_connection* get() const noexcept { return connection_; }
  explicit operator bool() const noexcept { return connection_ != nullptr; }

  // check(); the summary (released exactly once) goes to *summary when given.
  call_result check(std::string* summary = nullptr) const;
  // import_data() into sink; blocks until the adapter returns.
  call_result import_data(const invsdk_sink* sink) const;
  // cancel(); safe from another thread while import_data runs.
  invsdk_status cancel() const;
  // close() now; later calls do nothing.
  void close() noexcept;

 private:
  std::shared_ptr<boost::dll::shared_library> library_;
  invsdk_adapter table_{};
  invsdk_connection* connection_ = nullptr;
};

struct open_result {
  call_result result;
  connection_handle connection;  // empty unless result.ok()
};

// What the host claims when it calls the entry point.
struct negotiation_options {
  uint32_t host_abi_version = INVSDK_ABI_VERSION_CURRENT;
  uint32_t table_size = sizeof(invsdk_adapter);
};

class loaded_adapter {
 public:
  // The table as the adapter filled it, widened to the current layout: members past the
  // negotiated size are null.
  [[nodiscard]] const invsdk_adapter& table() const noexcept { return table_; }
  // The adapter's manifest JSON from describe() ("" when describe is missing or fails).
  [[nodiscard]] std::string describe() const;
  [[nodiscard]] call_result validate_config(const invsdk_config* config) const;
  // open(); config and services must outlive the returned connection.
  [[nodiscard]] open_result open(const invsdk_config* config,
                                 const invsdk_host_services* services) const;
  // True when the entry point wrote any byte past the table_size the host gave it.
  [[nodiscard]] bool wrote_past_table_size() const noexcept { return wrote_past_; }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  friend struct negotiation_access;
  std::filesystem::path path_;
  std::shared_ptr<boost::dll::shared_library> library_;
  invsdk_adapter table_{};
  bool wrote_past_ = false;
};

struct negotiation_result {
  call_result init;        // what the entry point returned
  loaded_adapter adapter;  // usable when init.ok()
};

// Loads the library and calls its entry point with the given version and table size. Throws
// std::runtime_error only when the library or its entry point cannot be found; a refusal by the
// entry point is returned in init.
negotiation_result negotiate(const std::filesystem::path& library,
                             negotiation_options options = {});

// negotiate() with the current version and table; throws std::runtime_error unless the adapter
// accepted and filled every member a 1.0 host requires.
loaded_adapter load_adapter(const std::filesystem::path& library);

}  // namespace invsdk_test

#endif  // INVSDK_TEST_LOADED_ADAPTER_HPP
