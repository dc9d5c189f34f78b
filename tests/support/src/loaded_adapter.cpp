#include "invsdk_test/loaded_adapter.hpp"

#include <algorithm>
#include <array>
#include <boost/dll/shared_library.hpp>
#include <cstring>
#include <invsdk/adapter_base.hpp>
#include <stdexcept>
#include <vector>

namespace invsdk_test {

struct negotiation_access {
  static loaded_adapter& fill(loaded_adapter& a, std::filesystem::path path,
                              std::shared_ptr<boost::dll::shared_library> lib,
                              const invsdk_adapter& table, bool wrote_past) {
    a.path_ = std::move(path);
    a.library_ = std::move(lib);
    a.table_ = table;
    a.wrote_past_ = wrote_past;
    return a;
  }
};

std::filesystem::path adapter_library(const std::filesystem::path& directory,
                                      std::string_view target) {
  return directory / ("lib" + std::string(target) + ".so");
}

// --- connection_handle ------------------------------------------------------------------------

connection_handle::connection_handle(std::shared_ptr<boost::dll::shared_library> library,
                                     const invsdk_adapter& table,
                                     invsdk_connection* connection) noexcept
    : library_(std::move(library)), table_(table), connection_(connection) {}

connection_handle::connection_handle(connection_handle&& other) noexcept
    : library_(std::move(other.library_)), table_(other.table_), connection_(other.connection_) {
  other.connection_ = nullptr;
}

connection_handle& connection_handle::operator=(connection_handle&& other) noexcept {
  if (this != &other) {
    close();
    library_ = std::move(other.library_);
    table_ = other.table_;
    connection_ = other.connection_;
    other.connection_ = nullptr;
  }
  return *this;
}

connection_handle::~connection_handle() {
  close();
}

void connection_handle::close() noexcept {
  if (connection_ != nullptr && table_.close != nullptr) table_.close(connection_);
  connection_ = nullptr;
}

call_result connection_handle::check(std::string* summary) const {
  if (table_.check == nullptr) return {INVSDK_STATUS_NOT_IMPLEMENTED, "no check()", 0};
  invsdk_owned_str text{};
  error_capture err;
  call_result r = err.finish(table_.check(connection_, &text, err.out()));
  if (text.data != nullptr && summary != nullptr) *summary = std::string(text.data, text.size);
  if (text.release != nullptr) text.release(&text);
  return r;
}

call_result connection_handle::import_data(const invsdk_sink* sink) const {
  if (table_.import_data == nullptr) return {INVSDK_STATUS_NOT_IMPLEMENTED, "no import_data()", 0};
  error_capture err;
  return err.finish(table_.import_data(connection_, sink, err.out()));
}

invsdk_status connection_handle::cancel() const {
  if (table_.cancel == nullptr) return INVSDK_STATUS_NOT_IMPLEMENTED;
  return table_.cancel(connection_);
}

// --- loaded_adapter ---------------------------------------------------------------------------

std::string loaded_adapter::describe() const {
  if (table_.describe == nullptr) return {};
  invsdk_str text{};
  if (table_.describe(&text) != INVSDK_STATUS_OK) return {};
  return std::string(invsdk::from_c(text));
}

call_result loaded_adapter::validate_config(const invsdk_config* config) const {
  if (table_.validate_config == nullptr)
    return {INVSDK_STATUS_NOT_IMPLEMENTED, "no validate_config()", 0};
  error_capture err;
  return err.finish(table_.validate_config(config, err.out()));
}

open_result loaded_adapter::open(const invsdk_config* config,
                                 const invsdk_host_services* services) const {
  open_result out;
  if (table_.open == nullptr) {
    out.result = {INVSDK_STATUS_NOT_IMPLEMENTED, "no open()", 0};
    return out;
  }
  invsdk_connection* c = nullptr;
  error_capture err;
  out.result = err.finish(table_.open(config, services, &c, err.out()));
  if (out.result.ok() && c == nullptr)
    out.result = {INVSDK_STATUS_INTERNAL, "open succeeded without a connection", 0};
  if (c != nullptr) {
    connection_handle h(library_, table_, c);
    // A connection handed out with a failure is still closed, never leaked.
    if (out.result.ok()) out.connection = std::move(h);
  }
  return out;
}

// --- negotiation ------------------------------------------------------------------------------

negotiation_result negotiate(const std::filesystem::path& library, negotiation_options options) {
  auto lib = std::make_shared<boost::dll::shared_library>(
      library, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (!lib->has(INVSDK_ENTRY_POINT_NAME))
    throw std::runtime_error(library.string() + " does not export " INVSDK_ENTRY_POINT_NAME);
  auto& init = lib->get<invsdk_status(uint32_t, uint32_t, invsdk_adapter*, invsdk_error*)>(
      INVSDK_ENTRY_POINT_NAME);

  // The table the adapter writes into, followed by guard bytes that must stay untouched.
  constexpr unsigned char guard = 0xA5;
  constexpr size_t slack = 64;
  const size_t area = std::max<size_t>(options.table_size, sizeof(invsdk_adapter)) + slack;
  std::vector<unsigned char> buffer(area, guard);

  negotiation_result out;
  error_capture err;
  out.init = err.finish(init(options.host_abi_version, options.table_size,
                             reinterpret_cast<invsdk_adapter*>(buffer.data()), err.out()));
  bool wrote_past = false;
  for (size_t i = options.table_size; i < area; ++i)
    if (buffer[i] != guard) wrote_past = true;

  invsdk_adapter table{};
  if (out.init.ok()) {
    uint32_t filled = 0;
    std::memcpy(&filled, buffer.data(), sizeof(filled));
    filled = std::min<uint32_t>(
        {filled, options.table_size, static_cast<uint32_t>(sizeof(invsdk_adapter))});
    std::memcpy(&table, buffer.data(), filled);
    table.struct_size = filled;
  }
  negotiation_access::fill(out.adapter, library, std::move(lib), table, wrote_past);
  return out;
}

loaded_adapter load_adapter(const std::filesystem::path& library) {
  auto n = negotiate(library);
  if (!n.init.ok())
    throw std::runtime_error(library.string() + " refused the current ABI: " + n.init.message);
  const invsdk_adapter& t = n.adapter.table();
  if (t.struct_size < INVSDK_ADAPTER_REQUIRED_SIZE_1_0 || t.describe == nullptr ||
      t.validate_config == nullptr || t.open == nullptr || t.check == nullptr ||
      t.import_data == nullptr || t.cancel == nullptr || t.close == nullptr)
    throw std::runtime_error(library.string() + " lacks a member the 1.0 table requires");
  return std::move(n.adapter);
}

}  // namespace invsdk_test
