// microsoft-365: the per-vendor connector the FSM connector supersedes. Reads the Microsoft 365
// admin center's "Active users" export and a subscriptions export from a directory.
#include <invsdk/adapter_base.hpp>
#include <stdexcept>

#include "export_directory.hpp"
#include "m365_export.hpp"
#include "m365_mapping.hpp"

namespace legacy_m365 {
namespace {

m365_export read_or_throw(const std::filesystem::path& dir) {
  file_import::require_directory(dir);
  try {
    return read_m365_export(dir);
  } catch (const std::runtime_error& e) {
    throw invsdk::error(INVSDK_STATUS_DATA, e.what());
  }
}

class m365_connection final : public invsdk::connection {
 public:
  m365_connection(std::filesystem::path dir, const invsdk::host& host)
      : dir_(std::move(dir)), host_(host) {}

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
    file_import::deliver_estate(out, host_, r,
                                [this] { return cancel_requested() || host_.cancelled(); });
  }

 private:
  std::filesystem::path dir_;
  invsdk::host host_;
};

class m365_adapter final : public invsdk::adapter {
 public:
  void validate_config(const invsdk::config& c) const override {
    (void)file_import::directory_setting(c);
  }
  std::unique_ptr<invsdk::connection> open(const invsdk::config& c,
                                           const invsdk::host& h) override {
    return std::make_unique<m365_connection>(file_import::directory_setting(c), h);
  }
};

}  // namespace
}  // namespace legacy_m365

INVSDK_DEFINE_ADAPTER(legacy_m365::m365_adapter)
