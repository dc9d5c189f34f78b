// The shipped Acme example, imported from CSV and from JSON.
#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "file_adapter_fixture.hpp"

using namespace invsdk_test;

namespace {

template <typename Record>
const Record& find(const std::vector<Record>& records, const std::string& id) {
  auto it = std::find_if(records.begin(), records.end(),
                         [&](const Record& r) { return r.external_id == id; });
  BOOST_TEST_REQUIRE((it != records.end()), "no record " << id);
  return *it;
}

void require_all_complete(const import_run& run) {
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k) {
    BOOST_TEST(run.sink.stream(k).complete(), stream_name(k) << ": " << run.sink.stream(k).reason);
    BOOST_TEST(run.sink.stream(k).begin_calls == 1);
    BOOST_TEST(run.sink.stream(k).end_calls == 1);
  }
  BOOST_TEST(run.sink.violations().empty());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(example_import)

BOOST_AUTO_TEST_CASE(csv_example_has_exact_counts) {
  auto run = run_import(examples_dir("acme"), "csv");
  BOOST_TEST_REQUIRE(run->open.ok(), run->open);
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  require_all_complete(*run);
  BOOST_TEST(run->sink.applications.size() == 6u);
  BOOST_TEST(run->sink.licenses.size() == 8u);
  BOOST_TEST(run->sink.entitlements.size() == 12u);
  BOOST_TEST(run->sink.accessing_users.size() == 41u);
  BOOST_TEST(run->sink.consumption.size() == 91u);
}

BOOST_AUTO_TEST_CASE(csv_example_sampled_values) {
  auto run = run_import(examples_dir("acme"), "csv");
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  const auto& s = run->sink;

  const auto& m365app = find(s.applications, "app-m365");
  BOOST_TEST(m365app.publisher == "Microsoft");
  BOOST_TEST(m365app.activity_threshold_days == 0);  // empty: the host's default applies
  BOOST_TEST((m365app.is_active == std::optional<bool>(true)));
  BOOST_TEST(find(s.applications, "app-figma").product == "Figma");  // empty product -> name
  BOOST_TEST(find(s.applications, "app-figma").publisher == "Figma, Inc.");
  BOOST_TEST(find(s.applications, "app-slack").activity_threshold_days == 30);

  const auto& m365 = find(s.licenses, "lic-m365");
  BOOST_TEST(m365.type == INVSDK_LICENSE_TYPE_NAMED_USER);  // derived: covers Microsoft 365
  BOOST_TEST(m365.name == "Microsoft 365 E3, Enterprise Agreement");
  BOOST_TEST(m365.currency == "EUR");
  const auto& atl = find(s.licenses, "lic-atlassian");
  BOOST_TEST(atl.type == INVSDK_LICENSE_TYPE_SAAS_USER);
  BOOST_TEST((atl.application_ids == std::vector<std::string>{"app-jira", "app-confluence"}));
  BOOST_TEST(atl.notes == "Covers \"Jira\" and \"Confluence\"\nsame seats");
  BOOST_TEST(atl.created_at == "2023-01-10");
  BOOST_TEST(find(s.licenses, "lic-jira-dc").source_url ==
             "https://saas.example.com/custom/jira-dc");

  const auto& fy26 = find(s.entitlements, "ent-m365-fy26");
  BOOST_TEST(fy26.position == 1u);
  BOOST_TEST(fy26.license_external_id == "lic-m365");
  BOOST_TEST(fy26.items_allowed == 25);
  BOOST_TEST(fy26.term_type == INVSDK_TERM_TYPE_PER_USER);
  BOOST_TEST(fy26.currency == "EUR");  // from the license
  BOOST_TEST(fy26.per_user_cost == "378.00");
  const auto& extra = find(s.entitlements, "ent-slack-extra");
  BOOST_TEST(extra.position == 2u);
  BOOST_TEST((extra.hidden == std::optional<bool>(true)));
  const auto& unl = find(s.entitlements, "ent-zoom-unl");
  BOOST_TEST((unl.is_unlimited == std::optional<bool>(true)));
  BOOST_TEST(unl.term_type == INVSDK_TERM_TYPE_UNSPECIFIED);
  BOOST_TEST(unl.effective_at == "2025-01-01T00:00:00Z");
  BOOST_TEST(find(s.entitlements, "ent-figma-org").term_type == INVSDK_TERM_TYPE_PER_ORG);
  BOOST_TEST(find(s.entitlements, "ent-jira-dc").term_type == INVSDK_TERM_TYPE_PER_NODE);
  BOOST_TEST(find(s.entitlements, "ent-zoom-webinar").ends_at == "");
  BOOST_TEST(find(s.entitlements, "ent-zoom-webinar").annual_cost == "");
  BOOST_TEST((find(s.entitlements, "ent-figma-pro").is_active == std::optional<bool>(false)));

  const auto& jane = find(s.accessing_users, "jane.roe@acme.example.com");
  BOOST_TEST(jane.email == "Jane.Roe@Acme.Example.com");
  BOOST_TEST(jane.domain == "acme.example.com");
  const auto& kiosk = find(s.accessing_users, "kiosk-01");
  BOOST_TEST(kiosk.email == "");
  BOOST_TEST(kiosk.domain == "");
  BOOST_TEST(find(s.accessing_users, "quinn.oneil@acme.example.com").last_name == "O'Neil, Jr.");
  BOOST_TEST(find(s.accessing_users, "omar.aziz@acme.example.com").domain == "acme.example.com");
  BOOST_TEST(find(s.accessing_users, "pia.keller@partner.example.org").domain ==
             "partner.example.org");

  const auto& c = find(s.consumption, "c-m365-p23");
  BOOST_TEST(c.deactivated_at == "2025-06-30T18:00:00Z");
  BOOST_TEST(c.license_external_id == "");
  BOOST_TEST(c.application_external_id == "app-m365");
  BOOST_TEST(find(s.consumption, "c-zoom-kiosk-01").accessing_user_external_id == "kiosk-01");
  BOOST_TEST(find(s.consumption, "c-m365-p05").last_activity_at == "");
}

BOOST_AUTO_TEST_CASE(json_and_csv_examples_produce_identical_records) {
  auto csv = run_import(examples_dir("acme"), "csv");
  auto json = run_import(examples_dir("acme-json"), "json");
  BOOST_TEST_REQUIRE(csv->result.ok(), csv->result);
  BOOST_TEST_REQUIRE(json->result.ok(), json->result);
  require_all_complete(*json);
  BOOST_TEST(csv->sink.applications == json->sink.applications, boost::test_tools::per_element());
  BOOST_TEST(csv->sink.licenses == json->sink.licenses, boost::test_tools::per_element());
  BOOST_TEST(csv->sink.entitlements == json->sink.entitlements, boost::test_tools::per_element());
  BOOST_TEST(csv->sink.accessing_users == json->sink.accessing_users,
             boost::test_tools::per_element());
  BOOST_TEST(csv->sink.consumption == json->sink.consumption, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(auto_format_finds_either_kind) {
  auto run = run_import(examples_dir("acme-json"));  // format defaults to auto
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  BOOST_TEST(run->sink.consumption.size() == 91u);
}

BOOST_AUTO_TEST_CASE(streams_arrive_in_order_and_report_progress) {
  auto run = run_import(examples_dir("acme"), "csv");
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  std::vector<invsdk_stream_kind> begun;
  for (const auto& call : run->sink.calls())
    if (call.what == sink_call::op::begin) begun.push_back(call.kind);
  BOOST_TEST((begun == std::vector<invsdk_stream_kind>{1, 2, 3, 4, 5}));
  const auto events = run->host.progress_events();
  BOOST_TEST_REQUIRE(!events.empty());
  const auto& last = events.back();
  BOOST_TEST(last.stream == INVSDK_STREAM_CONSUMPTION);
  BOOST_TEST(last.records_done == 91u);
  BOOST_TEST(last.records_total == 91);
}

BOOST_AUTO_TEST_CASE(link_template_fills_license_links_left_empty) {
  auto run =
      run_import(config_of({{"directory", examples_dir("acme").string()},
                            {"link_template", "https://saas.example.com/licenses/{external_id}"}}));
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  BOOST_TEST(find(run->sink.licenses, "lic-m365").source_url ==
             "https://saas.example.com/licenses/lic-m365");
  // A link the file gives wins over the template.
  BOOST_TEST(find(run->sink.licenses, "lic-jira-dc").source_url ==
             "https://saas.example.com/custom/jira-dc");
}

BOOST_AUTO_TEST_SUITE_END()
