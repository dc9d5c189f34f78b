// Loads adapter libraries with Boost.DLL and wraps their C function table.
#ifndef INVHOST_ADAPTER_LOADER_HPP
#define INVHOST_ADAPTER_LOADER_HPP

#include <invsdk/adapter.h>

#include <invhost/adapter_status.hpp>
#include <invhost/manifest.hpp>
#include <memory>
#include <stdexcept>
#include <string>

namespace invhost {

// An adapter the host refuses to use (ABI, library, entry point, table, describe mismatch);
// what() is one line naming the file.
class load_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An open connection; closed by the destructor. Every failure is thrown as adapter_error after
// the adapter's invsdk_error has been released exactly once.
class adapter_connection {
 public:
  adapter_connection(const invsdk_adapter& table, invsdk_connection* handle) noexcept
      : table_(&table), handle_(handle) {}
  adapter_connection(adapter_connection&& other) noexcept;
  adapter_connection& operator=(adapter_connection&&) = delete;
  adapter_connection(const adapter_connection&) = delete;
  adapter_connection& operator=(const adapter_connection&) = delete;
  ~adapter_connection();

  // The adapter's probe; returns its one-line summary.
  std::string check();
  // Runs the import into sink; returns when the adapter is done.
  void import_data(const invsdk_sink& sink);
  // Asks a running import to stop (any thread). Returns false if the adapter refused.
  bool cancel() noexcept;

 private:
  const invsdk_adapter* table_;
  invsdk_connection* handle_;
};

// A loaded, negotiated adapter. Its library stays loaded for the life of the process.
class loaded_adapter {
 public:
  loaded_adapter(manifest info, const invsdk_adapter& table)
      : info_(std::move(info)), table_(table) {}

  [[nodiscard]] const manifest& info() const noexcept { return info_; }
  [[nodiscard]] const invsdk_adapter& table() const noexcept { return table_; }

  // Settings check without network. Throws adapter_error.
  void validate_config(const invsdk_config& config) const;
  // Opens a connection; services must outlive it. Throws adapter_error.
  [[nodiscard]] adapter_connection open(const invsdk_config& config,
                                        const invsdk_host_services& services) const;

 private:
  manifest info_;
  invsdk_adapter table_;
};

// Refuses an ABI major other than the host's before touching the library, then loads it, calls
// its entry point, checks the table (size, required members) and that describe() returns the same
// id and version as the manifest. Throws load_error. Loading the same library twice reuses it.
std::shared_ptr<const loaded_adapter> load_adapter(const manifest& info);

}  // namespace invhost

#endif
