#define BOOST_TEST_MODULE legacy_adapter_tests
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <invsdk_test/harness.hpp>
#include <map>

using namespace invsdk_test;
namespace fs = std::filesystem;

namespace {

struct run_result {
  recording_host host;
  recording_sink sink;
  call_result result;
};

std::unique_ptr<run_result> import_from(const std::string& target, const fs::path& dir) {
  static std::map<std::string, loaded_adapter> loaded;
  auto it = loaded.find(target);
  if (it == loaded.end())
    it = loaded.emplace(target, load_adapter(adapter_library(INVHOST_ADAPTER_DIR, target))).first;
  auto run = std::make_unique<run_result>();
  auto opened = it->second.open(config_of({{"directory", dir.string()}}), run->host);
  run->result = opened.result;
  if (opened.result.ok()) run->result = opened.connection.import_data(run->sink);
  return run;
}

template <typename Record>
const Record& find(const std::vector<Record>& records, const std::string& id) {
  auto it = std::find_if(records.begin(), records.end(),
                         [&](const Record& r) { return r.external_id == id; });
  BOOST_TEST_REQUIRE((it != records.end()), "no record " << id);
  return *it;
}

// A copy of an example directory with one file replaced.
struct patched_dir {
  fs::path path;
  patched_dir(const fs::path& from, const std::string& file, const std::string& content) {
    static std::atomic<int> n{0};
    path = fs::temp_directory_path() /
           ("invhost-legacy-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    fs::create_directories(path);
    for (const auto& e : fs::directory_iterator(from))
      fs::copy_file(e.path(), path / e.path().filename());
    std::ofstream(path / file, std::ios::trunc) << content;
  }
  ~patched_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void all_complete(const run_result& r) {
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k)
    BOOST_TEST(r.sink.stream(k).complete(), stream_name(k));
  BOOST_TEST(r.sink.violations().empty());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(microsoft_365)

BOOST_AUTO_TEST_CASE(example_counts_and_mapping) {
  auto r = import_from("invsdk_legacy_microsoft365", M365_EXAMPLE_DIR);
  BOOST_TEST_REQUIRE(r->result.ok(), r->result);
  all_complete(*r);
  const auto& s = r->sink;
  BOOST_TEST(s.applications.size() == 5u);
  BOOST_TEST(s.licenses.size() == 4u);
  BOOST_TEST(s.entitlements.size() == 4u);
  BOOST_TEST(s.accessing_users.size() == 6u);
  BOOST_TEST(s.consumption.size() == 8u);

  const auto& e3 = find(s.licenses, "subscription:SPE_E3");
  BOOST_TEST(e3.type == INVSDK_LICENSE_TYPE_NAMED_USER);
  BOOST_TEST(e3.name == "Microsoft 365 E3");
  BOOST_TEST((e3.application_ids == std::vector<std::string>{"product:Microsoft 365 E3"}));
  const auto& term = find(s.entitlements, "subscription:SPE_E3/term");
  BOOST_TEST(term.items_allowed == 3);
  BOOST_TEST(term.term_type == INVSDK_TERM_TYPE_PER_USER);
  BOOST_TEST(term.per_user_cost == "432.00");
  BOOST_TEST(term.currency == "EUR");
  BOOST_TEST(term.ends_at == "2026-01-31");
  BOOST_TEST((find(s.entitlements, "subscription:POWER_BI_PRO/term").is_active ==
              std::optional<bool>(false)));

  const auto& app = find(s.applications, "product:Microsoft Teams Rooms Standard");
  BOOST_TEST(app.publisher == "Microsoft");
  const auto& diego = find(s.accessing_users, "diegos@contoso.example.com");
  BOOST_TEST(diego.email == "DiegoS@contoso.example.com");
  BOOST_TEST(diego.user_name == "Diego Siciliani");
  BOOST_TEST(diego.domain == "contoso.example.com");

  const auto& c = find(s.consumption, "diegos@contoso.example.com|Microsoft 365 E3");
  BOOST_TEST(c.license_external_id == "subscription:SPE_E3");
  BOOST_TEST(c.activated_at == "2022-03-02T10:05:00");  // US-locale date normalised
  BOOST_TEST(c.last_activity_at == "2025-06-18");
  BOOST_TEST(find(s.consumption, "room1@contoso.example.com|Microsoft Teams Rooms Standard")
                 .license_external_id == "");
  BOOST_TEST(find(s.consumption, "meganb@contoso.example.com|Visio Plan 2").last_activity_at == "");
  BOOST_TEST(r->host.logged("1 blocked user(s) still hold licenses"));
}

BOOST_AUTO_TEST_CASE(bad_export_delivers_nothing) {
  patched_dir dir(M365_EXAMPLE_DIR, "subscriptions.csv",
                  "SKU name,Total licenses\nMicrosoft 365 E3,three\n");
  auto r = import_from("invsdk_legacy_microsoft365", dir.path);
  BOOST_TEST(r->result.status == INVSDK_STATUS_DATA);
  BOOST_TEST(r->result.message.find("subscriptions.csv line 2, column 'Total licenses'") !=
                 std::string::npos,
             r->result.message);
  BOOST_TEST(r->sink.calls().empty());
}

BOOST_AUTO_TEST_CASE(manifest_has_no_supersedes) {
  auto a = load_adapter(adapter_library(INVHOST_ADAPTER_DIR, "invsdk_legacy_microsoft365"));
  const std::string m = a.describe();
  BOOST_TEST(m.find("\"id\": \"microsoft-365\"") != std::string::npos);
  BOOST_TEST(m.find("supersedes") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(salesforce)

BOOST_AUTO_TEST_CASE(example_counts_and_mapping) {
  auto r = import_from("invsdk_legacy_salesforce", SALESFORCE_EXAMPLE_DIR);
  BOOST_TEST_REQUIRE(r->result.ok(), r->result);
  all_complete(*r);
  const auto& s = r->sink;
  BOOST_TEST(s.applications.size() == 4u);
  BOOST_TEST(s.licenses.size() == 4u);
  BOOST_TEST(s.entitlements.size() == 4u);
  BOOST_TEST(s.accessing_users.size() == 7u);
  BOOST_TEST(s.consumption.size() == 6u);

  const auto& app = find(s.applications, "component:Salesforce Platform");
  BOOST_TEST(app.product == "Salesforce Salesforce Platform");
  BOOST_TEST(app.publisher == "Salesforce");
  BOOST_TEST((find(s.applications, "component:Customer Community Login").is_active ==
              std::optional<bool>(false)));
  const auto& lic = find(s.licenses, "user-license:Salesforce");
  BOOST_TEST(lic.type == INVSDK_LICENSE_TYPE_SAAS_USER);
  BOOST_TEST((lic.application_ids == std::vector<std::string>{"component:Salesforce"}));
  BOOST_TEST(find(s.entitlements, "user-license:Chatter Free/term").items_allowed == 5000);

  BOOST_TEST(find(s.accessing_users, "ben.okafor@acme.example.com").email ==
             "Ben.Okafor@acme.example.com");
  BOOST_TEST(find(s.accessing_users, "pia.keller@partner.example.org").last_name == "Keller, ext.");
  const auto& c = find(s.consumption, "005A4");
  BOOST_TEST(c.license_external_id == "user-license:Salesforce Platform");
  BOOST_TEST(c.application_external_id == "component:Salesforce Platform");
  BOOST_TEST(c.accessing_user_external_id == "dev.patel@acme.example.com");
  BOOST_TEST(c.last_activity_at == "");
  BOOST_TEST(find(s.consumption, "005A1").last_activity_at == "2025-06-20T09:15:00.000Z");
  // Deactivated users consume nothing.
  BOOST_TEST(std::none_of(s.consumption.begin(), s.consumption.end(),
                          [](const auto& x) { return x.external_id == "005A3"; }));
  BOOST_TEST(!r->host.logged("export says"));
}

BOOST_AUTO_TEST_CASE(used_count_mismatch_is_logged) {
  patched_dir dir(SALESFORCE_EXAMPLE_DIR, "user_licenses.csv",
                  "Name,Status,TotalLicenses,UsedLicenses\nSalesforce,Active,5,4\n");
  auto r = import_from("invsdk_legacy_salesforce", dir.path);
  BOOST_TEST_REQUIRE(r->result.ok(), r->result);
  BOOST_TEST(r->host.logged("user license 'Salesforce': export says 4 used, users.csv has 3"));
  // Users of licenses the export does not list consume with no license named.
  BOOST_TEST(find(r->sink.consumption, "005A4").license_external_id == "");
}

BOOST_AUTO_TEST_CASE(missing_column_is_a_data_error) {
  patched_dir dir(SALESFORCE_EXAMPLE_DIR, "users.csv", "Username,Email,IsActive\nx,x@y.z,true\n");
  auto r = import_from("invsdk_legacy_salesforce", dir.path);
  BOOST_TEST(r->result.status == INVSDK_STATUS_DATA);
  BOOST_TEST(r->result.message.find("users.csv line 1, column 'Profile.UserLicense.Name'") !=
                 std::string::npos,
             r->result.message);
  BOOST_TEST(r->sink.calls().empty());
}

BOOST_AUTO_TEST_SUITE_END()
