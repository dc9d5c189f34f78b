// Test adapters on the C++ helper. BEHAVIOUR picks one: 0 good, 1 import throws
// std::runtime_error, 2 import throws a non-std exception.
#pragma GCC diagnostic ignored "-Wold-style-cast"  // adapter.h's version macros
#include <sys/prctl.h>

#include <invsdk/adapter_base.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#ifndef BEHAVIOUR
#define BEHAVIOUR 0
#endif

namespace {

using invsdk::to_c;

class test_connection final : public invsdk::connection {
 public:
  test_connection(invsdk::config settings, invsdk::host services)
      : settings_(std::move(settings)), host_(services) {}

  std::string check() override {
    const std::string token = settings_.get_or("token", "");
    if (settings_.get_or("mode", "") == "leak_secret") return "connected with token " + token;
    // What the host process allows: 0 keeps its memory (and the secrets in it) out of core dumps.
    if (settings_.get_or("mode", "") == "report_dumpable")
      return "dumpable=" + std::to_string(::prctl(PR_GET_DUMPABLE));
    return "test source reachable; " + std::to_string(token.size()) +
           "-byte token; host speaks ABI " + std::to_string(INVSDK_ABI_MAJOR) + "." +
           std::to_string(invsdk::host_abi_minor());
  }

  void import_data(invsdk::sink_writer& out) override {
    const std::string mode = settings_.get_or("mode", "");
    if (BEHAVIOUR == 1) throw std::runtime_error("boom from std");
    if (BEHAVIOUR == 2) throw 42;  // NOLINT: the point of this test adapter
    if (mode == "leak_secret") {
      const std::string token = settings_.get_or("token", "");
      host_.warn("about to use token " + token);
      throw invsdk::error(INVSDK_STATUS_UNAUTHENTICATED, "token " + token + " was refused", 401);
    }
    if (mode == "wait_cancel") {
      // Polls the host until it asks to stop (a test sets the flag before the run).
      for (int i = 0; i < 1000000 && !host_.cancelled(); ++i) {
      }
      if (host_.cancelled()) throw invsdk::error(INVSDK_STATUS_CANCELLED, "stopped as asked");
    }
    host_.info("import starting");

    out.begin(INVSDK_STREAM_APPLICATIONS);
    std::vector<invsdk_application> apps(2, invsdk::make_record<invsdk_application>());
    apps[0].external_id = to_c("app-1");
    apps[0].name = to_c("Slack");
    apps[0].product = to_c("Slack");
    apps[0].publisher = to_c("Slack Technologies");
    apps[0].activity_threshold_days = 0;
    apps[0].is_active = INVSDK_TRUE;
    apps[1].external_id = to_c("app-2");
    apps[1].name = to_c("Office");
    apps[1].product = to_c("Microsoft 365");
    apps[1].publisher = to_c("Microsoft");
    apps[1].activity_threshold_days = 30;
    apps[1].is_active = INVSDK_UNKNOWN;
    out.emit<invsdk_application>(apps);

    // Streams may interleave: licenses and entitlements open together.
    out.begin(INVSDK_STREAM_LICENSES);
    out.begin(INVSDK_STREAM_ENTITLEMENTS);
    const invsdk_str l1_apps[] = {to_c("app-1")};
    const invsdk_str l2_apps[] = {to_c("app-2"), to_c("app-1")};
    std::vector<invsdk_license> lic(2, invsdk::make_record<invsdk_license>());
    lic[0].external_id = to_c("lic-1");
    lic[0].name = to_c("Slack Enterprise");
    lic[0].type = INVSDK_LICENSE_TYPE_SAAS_USER;
    lic[0].application_ids = l1_apps;
    lic[0].application_count = 1;
    lic[0].currency = to_c("USD");
    lic[1].external_id = to_c("lic-2");
    lic[1].name = to_c("M365 E3");
    lic[1].type = INVSDK_LICENSE_TYPE_NAMED_USER;
    lic[1].application_ids = l2_apps;
    lic[1].application_count = 2;
    out.emit<invsdk_license>(lic);
    std::vector<invsdk_entitlement> ent(2, invsdk::make_record<invsdk_entitlement>());
    ent[0].external_id = to_c("term-1");
    ent[0].license_external_id = to_c("lic-1");
    ent[0].term_type = INVSDK_TERM_TYPE_PER_USER;
    ent[0].items_allowed = 100;
    ent[0].is_unlimited = INVSDK_FALSE;
    ent[0].annual_cost = to_c("1200.00");
    ent[0].currency = to_c("USD");
    ent[1].external_id = to_c("term-2");
    ent[1].license_external_id = to_c("lic-2");
    ent[1].position = 0;
    ent[1].term_type = INVSDK_TERM_TYPE_PER_ORG;
    out.emit<invsdk_entitlement>(ent);
    out.end(INVSDK_STREAM_LICENSES, true);
    out.end(INVSDK_STREAM_ENTITLEMENTS, true);
    out.end(INVSDK_STREAM_APPLICATIONS, true);

    out.begin(INVSDK_STREAM_ACCESSING_USERS);
    std::vector<invsdk_accessing_user> users(3, invsdk::make_record<invsdk_accessing_user>());
    users[0].external_id = to_c("ann@example.com");
    users[0].first_name = to_c("Ann");
    users[1].external_id = to_c("bob@example.com");
    users[2] = users[0];  // the same person again, identical: dropped
    out.emit<invsdk_accessing_user>(users);
    out.end(INVSDK_STREAM_ACCESSING_USERS, true);

    out.begin(INVSDK_STREAM_CONSUMPTION);
    std::vector<invsdk_consumption> use(2, invsdk::make_record<invsdk_consumption>());
    use[0].external_id = to_c("au-1");
    use[0].license_external_id = to_c("lic-1");
    use[0].application_external_id = to_c("app-1");
    use[0].accessing_user_external_id = to_c("ann@example.com");
    use[1].external_id = to_c("au-2");
    use[1].application_external_id = to_c("app-2");
    use[1].accessing_user_external_id = to_c("bob@example.com");
    out.emit<invsdk_consumption>(use);
    if (mode == "never_end") return;
    if (mode == "incomplete")
      out.end(INVSDK_STREAM_CONSUMPTION, false, "page 3 could not be read");
    else
      out.end(INVSDK_STREAM_CONSUMPTION, true);
  }

 private:
  invsdk::config settings_;
  invsdk::host host_;
};

class test_adapter final : public invsdk::adapter {
 public:
  void validate_config(const invsdk::config& settings) const override {
    const std::string mode = settings.get_or("mode", "");
    if (mode == "bad")
      throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG, "setting 'mode' must not be 'bad'");
  }
  std::unique_ptr<invsdk::connection> open(const invsdk::config& settings,
                                           const invsdk::host& services) override {
    return std::make_unique<test_connection>(settings, services);
  }
};

}  // namespace

INVSDK_DEFINE_ADAPTER(test_adapter)
