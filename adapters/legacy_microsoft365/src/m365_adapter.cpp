// microsoft-365: the per-vendor connector the FSM connector supersedes. Reads the Microsoft 365
// admin center's "Active users" export and a subscriptions export from a directory.
#include "m365_export.hpp"
#include "m365_mapping.hpp"

#include <invsdk/adapter_base.hpp>

#include <system_error>

namespace legacy_m365 {
namespace {

std::filesystem::path directory_of(const invsdk::config& c) {
  const std::string dir = c.require("directory");
  if (dir.size() > 4096) throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG, "setting 'directory' is too long");
  return dir;
}

m365_export read_or_throw(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw invsdk::error(INVSDK_STATUS_IO, "directory '" + dir.string() + "' is not available");
  try {
    return read_m365_export(dir);
  } catch (const std::runtime_error& e) {
    throw invsdk::error(INVSDK_STATUS_DATA, e.what());
  }
}

class m365_connection final : public invsdk::connection {
 public:
  m365_connection(std::filesystem::path dir, const invsdk::host& host) : dir_(std::move(dir)), host_(host) {}

  std::string check() override {
    const m365_export e = read_or_throw(dir_);
    return std::to_string(e.users.size()) + " user(s), " + std::to_string(e.subscriptions.size()) +
           " subscription(s) in " + dir_.string();
  }

  void import_data(invsdk::sink_writer& out) override {
    // Both exports are read and checked whole before anything is sent, so a bad file delivers
    // nothing (and retires nothing) rather than half an estate.
    const m365_export e = read_or_throw(dir_);
    m365_records r = map_export(e);
    if (r.blocked_users > 0)
      host_.info(std::to_string(r.blocked_users) + " blocked user(s) still hold licenses");
    auto cancelled = [this] { return cancel_requested() || host_.cancelled(); };
    if (cancelled()) throw invsdk::error(INVSDK_STATUS_CANCELLED, "import cancelled");
    file_import::deliver_stream(out, host_, INVSDK_STREAM_APPLICATIONS, r.applications, cancelled);
    file_import::deliver_stream(out, host_, INVSDK_STREAM_LICENSES, r.licenses, cancelled);
    file_import::deliver_stream(out, host_, INVSDK_STREAM_ENTITLEMENTS, r.entitlements, cancelled);
    file_import::deliver_stream(out, host_, INVSDK_STREAM_ACCESSING_USERS, r.users, cancelled);
    file_import::deliver_stream(out, host_, INVSDK_STREAM_CONSUMPTION, r.consumption, cancelled);
  }

 private:
  std::filesystem::path dir_;
  invsdk::host host_;
};

class m365_adapter final : public invsdk::adapter {
 public:
  void validate_config(const invsdk::config& c) const override { (void)directory_of(c); }
  std::unique_ptr<invsdk::connection> open(const invsdk::config& c, const invsdk::host& h) override {
    return std::make_unique<m365_connection>(directory_of(c), h);
  }
};

}  // namespace
}  // namespace legacy_m365

INVSDK_DEFINE_ADAPTER(legacy_m365::m365_adapter)
