// Boost.DLL loading, ABI negotiation and the C++ face of the adapter's function table.
#include <fmt/format.h>

#include <boost/dll/shared_library.hpp>
#include <boost/json.hpp>
#include <invhost/adapter_loader.hpp>
#include <invhost/host_log.hpp>
#include <map>
#include <mutex>

#include "loader/error_slot.hpp"
#include "loader/library_safety.hpp"

namespace invhost {
namespace {

using detail::error_slot;

// Libraries are never unloaded: code and static data of an adapter may be referenced by
// anything it handed out, and unloading buys nothing in a short-lived host process.
struct registry {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<boost::dll::shared_library>> libraries;
  std::map<std::string, std::shared_ptr<const loaded_adapter>> adapters;  // by manifest file
};
registry& loaded() {
  static auto* r = new registry;  // NOLINT: deliberately leaked, see above
  return *r;
}

[[noreturn]] void refuse(const manifest& m, const std::string& why) {
  throw load_error(fmt::format("adapter '{}' ({}): {}", m.id, m.library.string(), why));
}

void check_required(const manifest& m, const invsdk_adapter& t) {
  const std::pair<const char*, bool> members[] = {{"describe", t.describe != nullptr},
                                                  {"validate_config", t.validate_config != nullptr},
                                                  {"open", t.open != nullptr},
                                                  {"check", t.check != nullptr},
                                                  {"import_data", t.import_data != nullptr},
                                                  {"cancel", t.cancel != nullptr},
                                                  {"close", t.close != nullptr}};
  for (const auto& [name, present] : members)
    if (!present) refuse(m, fmt::format("its function table lacks the required member '{}'", name));
}

void check_describe(const manifest& m, const invsdk_adapter& t) {
  invsdk_str text{};
  const invsdk_status st = t.describe(&text);
  if (st != INVSDK_STATUS_OK) refuse(m, fmt::format("describe() failed: {}", status_name(st)));
  if (text.data == nullptr || text.size == 0 || text.size > 1024 * 1024)
    refuse(m, "describe() returned no manifest");
  boost::json::error_code ec;
  const auto doc =
      boost::json::parse(std::string_view(text.data, static_cast<std::size_t>(text.size)), ec);
  const auto* o = ec ? nullptr : doc.if_object();
  const auto* id = o != nullptr ? o->if_contains("id") : nullptr;
  const auto* version = o != nullptr ? o->if_contains("version") : nullptr;
  if (id == nullptr || version == nullptr || !id->is_string() || !version->is_string())
    refuse(m, "describe() returned a manifest without id and version");
  if (id->get_string() != m.id || version->get_string() != m.version)
    refuse(m, fmt::format("describe() says {} {} but the manifest file {} says {} {}",
                          std::string(id->get_string()), std::string(version->get_string()),
                          m.file.string(), m.id, m.version));
}

}  // namespace

std::shared_ptr<const loaded_adapter> load_adapter(const manifest& info) {
  // The manifest decides first: an adapter of another ABI major is never mapped into memory.
  if (info.abi_major != INVSDK_ABI_MAJOR)
    refuse(info, fmt::format("speaks ABI major {} but this host speaks {}; install a build of the "
                             "adapter for ABI {}.x",
                             info.abi_major, INVSDK_ABI_MAJOR, INVSDK_ABI_MAJOR));

  auto& r = loaded();
  std::lock_guard lock(r.mutex);
  const std::string key = std::filesystem::absolute(info.file).string();
  if (auto it = r.adapters.find(key); it != r.adapters.end()) return it->second;

  std::error_code fec;
  if (!std::filesystem::is_regular_file(info.library, fec))
    refuse(info, fmt::format("library file not found (named in {})", info.file.string()));
  if (const std::string why = detail::unsafe_library_reason(info.library); !why.empty())
    refuse(info, fmt::format("refused before loading: {}", why));

  std::shared_ptr<boost::dll::shared_library> lib;
  const std::string lib_key = std::filesystem::canonical(info.library, fec).string();
  if (auto it = r.libraries.find(lib_key); it != r.libraries.end()) {
    lib = it->second;
  } else {
    try {
      lib = std::make_shared<boost::dll::shared_library>(
          info.library, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
      refuse(info, fmt::format("cannot be loaded: {}", e.what()));
    }
    r.libraries.emplace(lib_key, lib);
  }
  if (!lib->has(INVSDK_ENTRY_POINT_NAME))
    refuse(info, fmt::format("does not export the entry point {}", INVSDK_ENTRY_POINT_NAME));
  auto& init = lib->get<invsdk_status(uint32_t, uint32_t, invsdk_adapter*, invsdk_error*)>(
      INVSDK_ENTRY_POINT_NAME);

  invsdk_adapter table{};
  error_slot err;
  const invsdk_status st = init(INVSDK_ABI_VERSION_CURRENT,
                                static_cast<uint32_t>(sizeof(invsdk_adapter)), &table, err.get());
  if (st != INVSDK_STATUS_OK) {
    const adapter_error e = err.take(st, "no message");
    refuse(info, fmt::format("initialisation failed ({}): {}", e.status_name(), e.what()));
  }
  if (table.struct_size < INVSDK_ADAPTER_REQUIRED_SIZE_1_0)
    refuse(info,
           fmt::format("its function table has {} bytes, fewer than the {} that ABI 1.0 requires",
                       table.struct_size, INVSDK_ADAPTER_REQUIRED_SIZE_1_0));
  if (table.struct_size > sizeof(invsdk_adapter)) table.struct_size = sizeof(invsdk_adapter);
  if (INVSDK_ABI_VERSION_MAJOR_OF(table.abi_version) != INVSDK_ABI_MAJOR)
    refuse(info, fmt::format("its table says ABI major {}, the host speaks {}",
                             INVSDK_ABI_VERSION_MAJOR_OF(table.abi_version), INVSDK_ABI_MAJOR));
  check_required(info, table);
  check_describe(info, table);

  auto adapter = std::make_shared<const loaded_adapter>(info, table);
  r.adapters.emplace(key, adapter);
  host_log(log_level::debug, fmt::format("loaded adapter {} {} from {}", info.id, info.version,
                                         info.library.string()));
  return adapter;
}

void loaded_adapter::validate_config(const invsdk_config& config) const {
  error_slot err;
  const invsdk_status st = table_.validate_config(&config, err.get());
  if (st != INVSDK_STATUS_OK) throw err.take(st, "the settings were refused");
}

adapter_connection loaded_adapter::open(const invsdk_config& config,
                                        const invsdk_host_services& services) const {
  error_slot err;
  invsdk_connection* handle = nullptr;
  const invsdk_status st = table_.open(&config, &services, &handle, err.get());
  if (st != INVSDK_STATUS_OK) {
    if (handle != nullptr) table_.close(handle);
    throw err.take(st, "the connection could not be opened");
  }
  if (handle == nullptr)
    throw adapter_error(INVSDK_STATUS_INTERNAL, "open() succeeded but returned no connection");
  return {table_, handle};
}

adapter_connection::adapter_connection(adapter_connection&& other) noexcept
    : table_(other.table_), handle_(other.handle_) {
  other.handle_ = nullptr;
}

adapter_connection::~adapter_connection() {
  if (handle_ != nullptr) table_->close(handle_);
}

std::string adapter_connection::check() {
  invsdk_owned_str summary{};
  error_slot err;
  const invsdk_status st = table_->check(handle_, &summary, err.get());
  std::string text = summary.data != nullptr
                         ? std::string(summary.data, static_cast<std::size_t>(summary.size))
                         : "";
  if (summary.release != nullptr) summary.release(&summary);
  if (st != INVSDK_STATUS_OK) throw err.take(st, "the check failed");
  return process_redactor().apply(text);
}

void adapter_connection::import_data(const invsdk_sink& sink) {
  error_slot err;
  const invsdk_status st = table_->import_data(handle_, &sink, err.get());
  if (st != INVSDK_STATUS_OK) throw err.take(st, "the import failed");
}

bool adapter_connection::cancel() noexcept {
  return handle_ != nullptr && table_->cancel(handle_) == INVSDK_STATUS_OK;
}

}  // namespace invhost
