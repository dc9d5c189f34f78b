// Every class of malformed input: the file and the place in it are named, the stream ends
// incomplete, the import returns DATA, and the other streams are unaffected.
#include <boost/test/unit_test.hpp>

#include "file_adapter_fixture.hpp"

using namespace invsdk_test;

namespace {

const std::string ent_header =
    "external_id,license_external_id,term_type,items_allowed,is_unlimited,effective_at,ends_at,"
    "annual_cost,currency\n";
const std::string ent_good = "e1,lic-m365,perUser,5,false,2025-01-01,2025-12-31,100.00,EUR\n";

// Replaces the example's entitlements file with body and imports the directory.
std::unique_ptr<import_run> import_with_entitlements(const std::string& file,
                                                     const std::string& body) {
  scratch_dir dir(examples_dir("acme"));
  dir.remove("entitlements.csv");
  dir.write(file, body);
  return run_import(dir.path());
}

void expect_entitlements_rejected(const import_run& run, const std::string& where) {
  BOOST_TEST(run.result.status == INVSDK_STATUS_DATA, run.result);
  BOOST_TEST(run.result.message.find(where) != std::string::npos,
             "message '" << run.result.message << "' lacks '" << where << "'");
  const auto& st = run.sink.stream(INVSDK_STREAM_ENTITLEMENTS);
  BOOST_TEST(st.incomplete());
  BOOST_TEST(st.reason.find(where) != std::string::npos, st.reason);
  for (invsdk_stream_kind k : {INVSDK_STREAM_APPLICATIONS, INVSDK_STREAM_LICENSES,
                               INVSDK_STREAM_ACCESSING_USERS, INVSDK_STREAM_CONSUMPTION})
    BOOST_TEST(run.sink.stream(k).complete(), stream_name(k));
  BOOST_TEST(run.sink.consumption.size() == 91u);
  BOOST_TEST(run.sink.violations().empty());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(malformed_input)

BOOST_AUTO_TEST_CASE(bad_date) {
  auto run = import_with_entitlements(
      "entitlements.csv",
      ent_header + ent_good + "e2,lic-m365,perUser,5,false,2025-02-30,2025-12-31,100.00,EUR\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 3, column 'effective_at'");
  BOOST_TEST(run->sink.entitlements.size() == 1u);  // the good row before it arrived
}

BOOST_AUTO_TEST_CASE(bad_money) {
  auto run = import_with_entitlements(
      "entitlements.csv",
      ent_header + ent_good + "e2,lic-m365,perUser,5,false,2025-01-01,2025-12-31,1.234.5,EUR\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 3, column 'annual_cost'");
}

BOOST_AUTO_TEST_CASE(too_many_decimals_and_bad_currency) {
  auto run = import_with_entitlements("entitlements.csv",
                                      ent_header + "e2,lic-m365,perUser,5,false,,,1.1234567,EUR\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 2, column 'annual_cost'");
  auto run2 = import_with_entitlements("entitlements.csv",
                                       ent_header + "e2,lic-m365,perUser,5,false,,,1.50,eur\n");
  expect_entitlements_rejected(*run2, "entitlements.csv line 2, column 'currency'");
}

BOOST_AUTO_TEST_CASE(bad_boolean) {
  auto run = import_with_entitlements(
      "entitlements.csv", ent_header + "e2,lic-m365,perUser,5,yes,2025-01-01,,1.00,EUR\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 2, column 'is_unlimited'");
}

BOOST_AUTO_TEST_CASE(unknown_term_type) {
  auto run = import_with_entitlements(
      "entitlements.csv",
      ent_header + ent_good + "e2,lic-m365,perSeat,5,false,2025-01-01,,1.00,EUR\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 3, column 'term_type'");
}

BOOST_AUTO_TEST_CASE(wrong_column_count) {
  auto run = import_with_entitlements("entitlements.csv",
                                      ent_header + ent_good + "e2,lic-m365,perUser,5\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 3: expected 9 fields");
}

BOOST_AUTO_TEST_CASE(unterminated_quote) {
  auto run = import_with_entitlements(
      "entitlements.csv", ent_header + ent_good + "e2,\"lic-m365,perUser,5,false,,,1.00,EUR\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 3: unterminated quoted field");
}

BOOST_AUTO_TEST_CASE(quote_inside_unquoted_field) {
  auto run = import_with_entitlements("entitlements.csv",
                                      ent_header + "e2,lic\"m365,perUser,5,false,,,1.00,EUR\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 2: quote inside an unquoted field");
}

BOOST_AUTO_TEST_CASE(missing_required_column) {
  auto run = import_with_entitlements("entitlements.csv", "external_id,term_type\ne1,perUser\n");
  expect_entitlements_rejected(
      *run, "entitlements.csv line 1, column 'license_external_id': required column is missing");
  BOOST_TEST(run->sink.entitlements.empty());
}

BOOST_AUTO_TEST_CASE(missing_required_value) {
  auto run = import_with_entitlements("entitlements.csv", ent_header + ",lic-m365,,,,,,,\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 2, column 'external_id'");
}

BOOST_AUTO_TEST_CASE(unknown_column_when_strict) {
  auto run = import_with_entitlements("entitlements.csv",
                                      "external_id,license_external_id,seats\ne1,l1,4\n");
  expect_entitlements_rejected(*run, "entitlements.csv line 1, column 'seats': unknown column");
}

BOOST_AUTO_TEST_CASE(duplicate_id) {
  auto run = import_with_entitlements("entitlements.csv", ent_header + ent_good + ent_good);
  expect_entitlements_rejected(*run, "entitlements.csv line 3, column 'external_id'");
}

BOOST_AUTO_TEST_CASE(invalid_json) {
  auto run = import_with_entitlements(
      "entitlements.json",
      R"([{"external_id": "e1", "license_external_id": "l1"}, {"external_id": "e2",]))");
  expect_entitlements_rejected(*run, "entitlements.json index 1");
  BOOST_TEST(run->result.message.find("invalid JSON") != std::string::npos, run->result.message);
}

BOOST_AUTO_TEST_CASE(json_not_an_array) {
  auto run = import_with_entitlements("entitlements.json", R"({"external_id": "e1"})");
  expect_entitlements_rejected(*run, "entitlements.json");
  BOOST_TEST(run->result.message.find("array of objects") != std::string::npos,
             run->result.message);
}

BOOST_AUTO_TEST_CASE(json_bad_values_name_index_and_field) {
  auto bad_date = import_with_entitlements("entitlements.json",
                                           R"([{"external_id": "e1", "license_external_id": "l1"},
          {"external_id": "e2", "license_external_id": "l1", "ends_at": "31/12/2025"}])");
  expect_entitlements_rejected(*bad_date, "entitlements.json index 1, column 'ends_at'");
  auto bad_bool = import_with_entitlements(
      "entitlements.json", R"([{"external_id": "e1", "license_external_id": "l1", "hidden": 1}])");
  expect_entitlements_rejected(*bad_bool, "entitlements.json index 0, column 'hidden'");
  auto missing = import_with_entitlements("entitlements.json", R"([{"external_id": "e1"}])");
  expect_entitlements_rejected(*missing, "entitlements.json index 0, column 'license_external_id'");
  auto money = import_with_entitlements(
      "entitlements.json",
      R"([{"external_id": "e1", "license_external_id": "l1", "annual_cost": 1e3}])");
  expect_entitlements_rejected(*money, "entitlements.json index 0, column 'annual_cost'");
}

BOOST_AUTO_TEST_CASE(json_numbers_keep_their_exact_text) {
  scratch_dir dir;
  dir.write("entitlements.json",
            R"([{"external_id": "e1", "license_external_id": "l1", "items_allowed": 12,
                 "annual_cost": 1200.50, "per_user_cost": "100.041667", "is_unlimited": null}])");
  auto run = run_import(dir.path());
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  BOOST_TEST_REQUIRE(run->sink.entitlements.size() == 1u);
  BOOST_TEST(run->sink.entitlements[0].items_allowed == 12);
  BOOST_TEST(run->sink.entitlements[0].annual_cost == "1200.50");
  BOOST_TEST(run->sink.entitlements[0].per_user_cost == "100.041667");
  BOOST_TEST(!run->sink.entitlements[0].is_unlimited.has_value());
}

BOOST_AUTO_TEST_CASE(lenient_mode_skips_bad_rows_but_still_ends_incomplete) {
  scratch_dir dir(examples_dir("acme"));
  dir.remove("entitlements.csv");
  dir.write("entitlements.csv", ent_header.substr(0, ent_header.size() - 1) + ",comment\n" +
                                    "e1,l1,perUser,5,false,,,1.00,EUR,ok\n"
                                    "e2,l1,perUser,5,maybe,,,1.00,EUR,bad\n"
                                    "e3,l1,perUser,5,true,,,1.00,EUR,ok\n");
  auto run = run_import(dir.path(), "csv", "false");
  BOOST_TEST(run->result.status == INVSDK_STATUS_DATA, run->result);
  BOOST_TEST_REQUIRE(run->sink.entitlements.size() == 2u);
  BOOST_TEST(run->sink.entitlements[1].external_id == "e3");
  BOOST_TEST(run->sink.entitlements[1].position == 1u);
  const auto& st = run->sink.stream(INVSDK_STREAM_ENTITLEMENTS);
  BOOST_TEST(st.incomplete());
  BOOST_TEST(
      st.reason.find("1 row(s) skipped; first: entitlements.csv line 3, column 'is_unlimited'") !=
          std::string::npos,
      st.reason);
  BOOST_TEST(run->host.logged("ignoring unknown column 'comment'"));
  BOOST_TEST(run->sink.stream(INVSDK_STREAM_LICENSES).complete());
}

BOOST_AUTO_TEST_CASE(csv_and_json_for_one_stream_is_ambiguous) {
  scratch_dir dir(examples_dir("acme"));
  dir.write("licenses.json", "[]");
  auto run = run_import(dir.path());
  BOOST_TEST(run->result.status == INVSDK_STATUS_DATA);
  BOOST_TEST(run->sink.stream(INVSDK_STREAM_LICENSES).incomplete());
  BOOST_TEST(run->sink.stream(INVSDK_STREAM_LICENSES).reason.find("both exist") !=
             std::string::npos);
  BOOST_TEST(run->sink.stream(INVSDK_STREAM_CONSUMPTION).complete());
  // An explicit format settles it.
  auto csv_only = run_import(dir.path(), "csv");
  BOOST_TEST(csv_only->result.ok(), csv_only->result);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(input_bounds)

BOOST_AUTO_TEST_CASE(field_over_64_kib_is_refused_in_both_formats) {
  const std::string big(64 * 1024 + 1, 'x');
  auto csv = import_with_entitlements("entitlements.csv",
                                      "external_id,license_external_id,name\ne1,l1," + big + "\n");
  expect_entitlements_rejected(*csv, "entitlements.csv line 2: field longer than 64 KiB");
  auto json = import_with_entitlements(
      "entitlements.json",
      R"([{"external_id": "e1", "license_external_id": "l1", "name": ")" + big + "\"}]");
  expect_entitlements_rejected(*json, "entitlements.json index 0");
}

BOOST_AUTO_TEST_SUITE_END()
