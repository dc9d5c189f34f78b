// RFC 4180 corner cases and batching, each through a real import.
#include <boost/test/unit_test.hpp>

#include "file_adapter_fixture.hpp"

using namespace invsdk_test;

BOOST_AUTO_TEST_SUITE(csv_edges)

BOOST_AUTO_TEST_CASE(quoted_fields_bom_crlf_and_blank_lines) {
  scratch_dir dir;
  dir.write("applications.csv",
            "\xEF\xBB\xBF"
            "external_id,name,product,publisher\r\n"
            "a1,\"Comma, Inc. tool\",\"He said \"\"hi\"\"\",\"multi\r\nline\"\r\n"
            "\r\n"
            "a2,plain,,\n"
            "\"a3\",\"\",x,\"\"\n");  // a3: empty quoted name is missing -> but name is required
  auto run = run_import(dir.path());
  // a3 has an empty required name: the stream stops there, with a1 and a2 delivered.
  BOOST_TEST(run->result.status == INVSDK_STATUS_DATA);
  BOOST_TEST_REQUIRE(run->sink.applications.size() == 2u);
  const auto& a1 = run->sink.applications[0];
  BOOST_TEST(a1.external_id == "a1");  // the BOM is not part of the first column name
  BOOST_TEST(a1.name == "Comma, Inc. tool");
  BOOST_TEST(a1.product == "He said \"hi\"");
  BOOST_TEST(a1.publisher == "multi\r\nline");
  BOOST_TEST(run->sink.applications[1].product == "plain");  // empty product -> name
  // Line numbers count the newline inside the quoted field and the blank line.
  BOOST_TEST(
      run->result.message.find("applications.csv line 6, column 'name'") != std::string::npos,
      run->result.message);
}

BOOST_AUTO_TEST_CASE(header_only_file_is_a_complete_empty_stream) {
  scratch_dir dir;
  dir.write("licenses.csv", "external_id,name\n");
  auto run = run_import(dir.path());
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  BOOST_TEST(run->sink.stream(INVSDK_STREAM_LICENSES).complete());
  BOOST_TEST(run->sink.stream(INVSDK_STREAM_LICENSES).records == 0u);
  BOOST_TEST(!run->sink.stream(INVSDK_STREAM_APPLICATIONS).begun);
}

BOOST_AUTO_TEST_CASE(columns_in_any_order_and_last_line_without_newline) {
  scratch_dir dir;
  dir.write("licenses.csv",
            "application_ids,name, external_id ,currency\n"
            "\"x; y ;\",Lic One,L1,USD\n"
            ",Lic Two,L2,");
  auto run = run_import(dir.path());
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  BOOST_TEST_REQUIRE(run->sink.licenses.size() == 2u);
  BOOST_TEST((run->sink.licenses[0].application_ids == std::vector<std::string>{"x", "y"}));
  BOOST_TEST(run->sink.licenses[1].external_id == "L2");
  BOOST_TEST(run->sink.licenses[1].application_ids.empty());
  BOOST_TEST(run->sink.licenses[1].type == INVSDK_LICENSE_TYPE_SAAS_USER);
}

BOOST_AUTO_TEST_CASE(large_file_streams_in_batches_of_1000) {
  scratch_dir dir;
  std::string csv = "external_id,application_external_id,accessing_user_external_id\n";
  for (int i = 0; i < 2500; ++i)
    csv += "c" + std::to_string(i) + ",app,u" + std::to_string(i % 97) + "\n";
  dir.write("consumption.csv", csv);
  auto run = run_import(dir.path());
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  const auto& st = run->sink.stream(INVSDK_STREAM_CONSUMPTION);
  BOOST_TEST(st.records == 2500u);
  BOOST_TEST(st.batches == 3u);
  std::vector<uint64_t> sizes;
  for (const auto& c : run->sink.calls())
    if (c.what == sink_call::op::emit) sizes.push_back(c.count);
  BOOST_TEST((sizes == std::vector<uint64_t>{1000, 1000, 500}));
  BOOST_TEST(run->sink.consumption[2499].external_id == "c2499");
}

BOOST_AUTO_TEST_SUITE_END()
