// An adapter written the way a third party would: only the installed SDK headers, plain C++.
#include <invsdk/adapter_base.hpp>
#include <invsdk/owned_records.hpp>
#include <string>
#include <vector>

namespace {

int parse_count(const invsdk::config& settings) {
  const std::string text = settings.require("licenses");
  int n = 0;
  try {
    n = std::stoi(text);
  } catch (const std::exception&) {
    throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG, "setting 'licenses' must be a whole number");
  }
  if (n < 1 || n > 1000)
    throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG,
                        "setting 'licenses' must be between 1 and 1000");
  return n;
}

class sample_connection final : public invsdk::connection {
 public:
  explicit sample_connection(int licenses) : licenses_(licenses) {}

  std::string check() override {
    return "sample source ready with " + std::to_string(licenses_) + " licenses";
  }

  void import_data(invsdk::sink_writer& out) override {
    auto app = invsdk::make_record<invsdk_application>();
    app.external_id = invsdk::to_c("app-1");
    app.name = invsdk::to_c("Sample App");
    app.product = invsdk::to_c("Sample App");
    app.publisher = invsdk::to_c("Sample Vendor");
    out.begin(INVSDK_STREAM_APPLICATIONS);
    out.emit(std::span<const invsdk_application>(&app, 1));
    out.end(INVSDK_STREAM_APPLICATIONS, true);

    // Licenses as the SDK's owned records: emit_owned() sends their C views.
    std::vector<invsdk::owned_license> batch(static_cast<size_t>(licenses_));
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i].external_id = "lic-" + std::to_string(i + 1);
      batch[i].name = batch[i].external_id;
      batch[i].type = INVSDK_LICENSE_TYPE_SAAS_USER;
      batch[i].application_ids = {"app-1"};
    }
    out.begin(INVSDK_STREAM_LICENSES);
    invsdk::emit_owned(out, std::span<const invsdk::owned_license>(batch));
    out.end(INVSDK_STREAM_LICENSES, true);
  }

 private:
  int licenses_;
};

class sample_adapter final : public invsdk::adapter {
 public:
  void validate_config(const invsdk::config& settings) const override {
    (void)parse_count(settings);
  }
  std::unique_ptr<invsdk::connection> open(const invsdk::config& settings,
                                           const invsdk::host&) override {
    return std::make_unique<sample_connection>(parse_count(settings));
  }
};

}  // namespace

INVSDK_DEFINE_ADAPTER(sample_adapter)
