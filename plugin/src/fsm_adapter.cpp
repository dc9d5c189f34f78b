// The adapter: ABI glue between the host and the FSM client. Everything of substance lives in
// fsm_client; this file only wires settings, host services and the sink to it.
#include <fsm/api_client.hpp>
#include <fsm/importer.hpp>
#include <fsm/request_runner.hpp>
#include <fsm/settings.hpp>
#include <fsm/token_source.hpp>
#include <invsdk/adapter_base.hpp>
#include <memory>

namespace fsm {
namespace {

class fsm_connection final : public invsdk::connection {
 public:
  fsm_connection(settings s, const invsdk::host& host)
      : settings_(std::move(s)),
        host_(host),
        runner_(
            settings_, [this] { return cancel_requested() || host_.cancelled(); }, &host_),
        tokens_(settings_, runner_),
        api_(settings_, runner_, tokens_) {}

  std::string check() override {
    importer probe(settings_, runner_, api_, host_);
    return probe.check();
  }

  void import_data(invsdk::sink_writer& out) override {
    importer run(settings_, runner_, api_, host_);
    (void)run.run(out);
  }

 private:
  settings settings_;
  invsdk::host host_;
  request_runner runner_;
  token_source tokens_;
  api_client api_;
};

class fsm_adapter final : public invsdk::adapter {
 public:
  void validate_config(const invsdk::config& c) const override { (void)parse_settings(c); }

  std::unique_ptr<invsdk::connection> open(const invsdk::config& c,
                                           const invsdk::host& host) override {
    return std::make_unique<fsm_connection>(parse_settings(c), host);
  }
};

}  // namespace
}  // namespace fsm

INVSDK_DEFINE_ADAPTER(fsm::fsm_adapter)
