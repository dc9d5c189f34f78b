// An adapter that fails the way foreign code does, chosen by its "mode" setting; the host must
// survive each. In import it first emits one license, "lic-1" renamed, so a host that merged a
// broken run would show it:
//   ok              imports lic-1 and lic-2 (complete streams)
//   segv            writes through a wild pointer (SIGSEGV)
//   abort           calls abort() (SIGABRT)
//   hang            sleeps for ever, deaf to is_cancelled() and cancel()
//   hog             allocates and touches memory without bound
//   stop_on_cancel  waits until the host calls the adapter's cancel() (is_cancelled() is not read)
// check() crashes in mode segv too, so a check is shown to run in the child.
#pragma GCC diagnostic ignored "-Wold-style-cast"  // adapter.h's version macros
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <invsdk/adapter_base.hpp>
#include <memory>
#include <thread>
#include <vector>

namespace {

using invsdk::to_c;

[[noreturn]] void wild_write() {
  volatile std::uintptr_t address = 16;  // opaque to the optimiser: a real fault, not a trap
  *reinterpret_cast<volatile int*>(address) = 1;
  std::abort();
}

void emit_licenses(invsdk::sink_writer& out, bool both) {
  std::vector<invsdk_license> lic(both ? 2 : 1, invsdk::make_record<invsdk_license>());
  lic[0].external_id = to_c("lic-1");
  lic[0].name = to_c(both ? "Design tool" : "Design tool, renamed by a broken run");
  if (both) {
    lic[1].external_id = to_c("lic-2");
    lic[1].name = to_c("Drawing tool");
  }
  out.emit<invsdk_license>(lic);
}

class misbehaving_connection final : public invsdk::connection {
 public:
  misbehaving_connection(std::string mode, invsdk::host host)
      : mode_(std::move(mode)), host_(host) {}

  std::string check() override {
    if (mode_ == "segv") wild_write();
    return "mode " + mode_;
  }

  void import_data(invsdk::sink_writer& out) override {
    out.begin(INVSDK_STREAM_LICENSES);
    if (mode_ == "ok") {
      emit_licenses(out, true);
      out.end(INVSDK_STREAM_LICENSES, true);
      return;
    }
    emit_licenses(out, false);
    host_.warn("misbehaving now: " + mode_);
    if (mode_ == "segv") wild_write();
    if (mode_ == "abort") std::abort();
    if (mode_ == "hang")
      for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
    if (mode_ == "hog") {
      std::vector<std::unique_ptr<char[]>> kept;
      for (;;) {
        auto block = std::make_unique<char[]>(1024 * 1024);
        std::memset(block.get(), 1, 1024 * 1024);
        kept.push_back(std::move(block));
      }
    }
    if (mode_ == "stop_on_cancel") {
      while (!cancel_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      throw invsdk::error(INVSDK_STATUS_CANCELLED, "stopped: the host called cancel()");
    }
    throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG, "unknown mode " + mode_);
  }

 private:
  std::string mode_;
  invsdk::host host_;
};

class misbehaving_adapter final : public invsdk::adapter {
 public:
  void validate_config(const invsdk::config& /*settings*/) const override {}
  std::unique_ptr<invsdk::connection> open(const invsdk::config& settings,
                                           const invsdk::host& services) override {
    return std::make_unique<misbehaving_connection>(settings.get_or("mode", "ok"), services);
  }
};

}  // namespace

INVSDK_DEFINE_ADAPTER(misbehaving_adapter)
