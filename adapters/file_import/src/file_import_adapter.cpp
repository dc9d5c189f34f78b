// The generic file-import adapter: reads applications, licenses, entitlements, accessing users and
// consumption from CSV or JSON files in one directory, for sources without an API and for sites
// without outbound network.
#include <invsdk/adapter_base.hpp>
#include <system_error>

#include "import_settings.hpp"
#include "row_completion.hpp"
#include "stream_import.hpp"
#include "table_schema.hpp"

namespace file_import {
namespace {

void require_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    // Retryable: the usual cause is a share that is not mounted yet.
    throw invsdk::error(INVSDK_STATUS_IO, "directory '" + dir.string() + "' is not available");
}

class file_import_connection final : public invsdk::connection {
 public:
  file_import_connection(import_settings settings, const invsdk::host& host)
      : settings_(std::move(settings)), host_(host) {}

  std::string check() override {
    require_directory(settings_.directory);
    std::string summary = "directory " + settings_.directory.string() + ":";
    int found = 0;
    for (const auto& schema : all_schemas()) {
      const located_file f = locate(settings_.directory, schema.base_name, settings_.format);
      summary += " ";
      if (!f.ambiguity.empty()) {
        summary += std::string(schema.base_name) + " ambiguous (" + f.ambiguity + ");";
        continue;
      }
      if (!f.path) {
        summary += std::string(schema.base_name) + " absent;";
        continue;
      }
      std::error_code ec;
      const auto size = std::filesystem::file_size(*f.path, ec);
      summary += f.path->filename().string() + " (" +
                 (ec ? "unreadable" : std::to_string(size) + " bytes") + ");";
      ++found;
    }
    summary += " " + std::to_string(found) + " of 5 files found";
    return summary;
  }

  void import_data(invsdk::sink_writer& out) override {
    require_directory(settings_.directory);
    row_completion completion(settings_);
    stream_context ctx{settings_, out, host_, completion,
                       [this] { return cancel_requested() || host_.cancelled(); }};
    std::string first_problem;
    int failed = 0;
    for (const auto& schema : all_schemas()) {
      if (ctx.cancelled()) throw invsdk::error(INVSDK_STATUS_CANCELLED, "import cancelled");
      const located_file f = locate(settings_.directory, schema.base_name, settings_.format);
      if (!f.path && f.ambiguity.empty()) {
        // Not begun: the host treats the stream as absent and retires nothing because of it.
        host_.info(std::string(schema.base_name) + ": no file, stream not delivered");
        continue;
      }
      const stream_result r = import_stream(schema, f, ctx);
      if (!r.complete) {
        host_.log(INVSDK_LOG_ERROR, r.problem);
        if (failed++ == 0) first_problem = r.problem;
      }
    }
    if (failed > 0) {
      std::string msg = first_problem;
      if (failed > 1) msg += " (and " + std::to_string(failed - 1) + " more stream(s) incomplete)";
      throw invsdk::error(INVSDK_STATUS_DATA, msg);
    }
  }

 private:
  import_settings settings_;
  invsdk::host host_;
};

class file_import_adapter final : public invsdk::adapter {
 public:
  void validate_config(const invsdk::config& settings) const override {
    (void)parse_settings(settings);
  }
  std::unique_ptr<invsdk::connection> open(const invsdk::config& settings,
                                           const invsdk::host& services) override {
    return std::make_unique<file_import_connection>(parse_settings(settings), services);
  }
};

}  // namespace
}  // namespace file_import

INVSDK_DEFINE_ADAPTER(file_import::file_import_adapter)
