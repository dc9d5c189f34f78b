// Settings, check, missing files, a failing sink, cancellation and ABI negotiation.
#include <boost/test/unit_test.hpp>
#include <cstddef>

#include "file_adapter_fixture.hpp"

using namespace invsdk_test;

namespace {

// A consumption file big enough for several batches.
void write_big_consumption(const scratch_dir& dir, int rows) {
  std::string csv = "external_id,application_external_id,accessing_user_external_id\n";
  for (int i = 0; i < rows; ++i)
    csv += "c" + std::to_string(i) + ",app,u" + std::to_string(i) + "\n";
  dir.write("consumption.csv", csv);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(settings_and_check)

BOOST_AUTO_TEST_CASE(validate_config_checks_shapes) {
  const auto& a = file_adapter();
  BOOST_TEST(a.validate_config(config_of({{"directory", "/nowhere/at/all"}})).ok());
  BOOST_TEST(a.validate_config(config_of({})).status == INVSDK_STATUS_INVALID_CONFIG);
  auto r = a.validate_config(config_of({{"directory", "/d"}, {"format", "xml"}}));
  BOOST_TEST(r.status == INVSDK_STATUS_INVALID_CONFIG);
  BOOST_TEST(r.message.find("format") != std::string::npos);
  BOOST_TEST(a.validate_config(config_of({{"directory", "/d"}, {"strict", "yes"}})).status ==
             INVSDK_STATUS_INVALID_CONFIG);
  BOOST_TEST(
      a.validate_config(config_of({{"directory", "/d"}, {"link_template", "https://x/{id}"}}))
          .status == INVSDK_STATUS_INVALID_CONFIG);
  BOOST_TEST(a.validate_config(
                  config_of({{"directory", "/d"}, {"link_template", "ftp://x/{external_id}"}}))
                 .status == INVSDK_STATUS_INVALID_CONFIG);
  BOOST_TEST(a.validate_config(config_of({{"directory", "/d"},
                                          {"format", "json"},
                                          {"strict", "false"},
                                          {"link_template", "https://x/{external_id}"}}))
                 .ok());
}

BOOST_AUTO_TEST_CASE(describe_returns_the_manifest) {
  const std::string m = file_adapter().describe();
  BOOST_TEST(m.find("\"id\": \"file-import\"") != std::string::npos, m);
}

BOOST_AUTO_TEST_CASE(check_lists_files_and_sizes_without_data) {
  scratch_dir dir(examples_dir("acme"));
  dir.remove("consumption.csv");
  recording_host host;
  auto opened = file_adapter().open(config_of({{"directory", dir.path().string()}}), host);
  BOOST_TEST_REQUIRE(opened.result.ok(), opened.result);
  std::string summary;
  auto r = opened.connection.check(&summary);
  BOOST_TEST_REQUIRE(r.ok(), r);
  const auto size = fs::file_size(dir.path() / "licenses.csv");
  BOOST_TEST(summary.find("licenses.csv (" + std::to_string(size) + " bytes)") != std::string::npos,
             summary);
  BOOST_TEST(summary.find("consumption absent") != std::string::npos, summary);
  BOOST_TEST(summary.find("4 of 5 files found") != std::string::npos, summary);
}

BOOST_AUTO_TEST_CASE(missing_directory_is_a_retryable_io_error) {
  recording_host host;
  auto opened = file_adapter().open(config_of({{"directory", "/nonexistent/invhost-files"}}), host);
  BOOST_TEST_REQUIRE(opened.result.ok(), opened.result);  // open does not touch the disk
  BOOST_TEST(opened.connection.check().status == INVSDK_STATUS_IO);
  recording_sink sink;
  BOOST_TEST(opened.connection.import_data(sink).status == INVSDK_STATUS_IO);
  BOOST_TEST(sink.calls().empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(stream_control)

BOOST_AUTO_TEST_CASE(missing_file_means_stream_not_delivered) {
  scratch_dir dir(examples_dir("acme"));
  dir.remove("accessing_users.csv");
  auto run = run_import(dir.path());
  BOOST_TEST_REQUIRE(run->result.ok(), run->result);
  const auto& users = run->sink.stream(INVSDK_STREAM_ACCESSING_USERS);
  BOOST_TEST(!users.begun);
  BOOST_TEST(!users.ended);
  BOOST_TEST(run->sink.stream(INVSDK_STREAM_CONSUMPTION).complete());
  BOOST_TEST(run->host.logged("accessing_users: no file, stream not delivered"));
  BOOST_TEST(run->sink.violations().empty());
}

BOOST_AUTO_TEST_CASE(failing_sink_stops_the_import_with_its_status) {
  scratch_dir dir(examples_dir("acme"));
  recording_host host;
  auto opened = file_adapter().open(config_of({{"directory", dir.path().string()}}), host);
  BOOST_TEST_REQUIRE(opened.result.ok());
  recording_sink sink;
  sink.fail_on_emit(3, INVSDK_STATUS_IO, "disk full");  // the entitlements batch
  auto r = opened.connection.import_data(sink);
  BOOST_TEST(r.status == INVSDK_STATUS_IO, r);
  BOOST_TEST(r.message.find("disk full") != std::string::npos, r.message);
  // Nothing after the failed emit: no end of its stream, no later stream.
  BOOST_TEST(sink.calls().back().what == sink_call::op::emit);
  BOOST_TEST(sink.calls().back().kind == INVSDK_STREAM_ENTITLEMENTS);
  BOOST_TEST(!sink.stream(INVSDK_STREAM_ENTITLEMENTS).ended);
  BOOST_TEST(!sink.stream(INVSDK_STREAM_ACCESSING_USERS).begun);
  BOOST_TEST(sink.emit_calls() == 3u);
}

BOOST_AUTO_TEST_CASE(host_cancel_flag_stops_between_batches) {
  scratch_dir dir;
  write_big_consumption(dir, 3500);
  recording_host host;
  auto opened = file_adapter().open(config_of({{"directory", dir.path().string()}}), host);
  BOOST_TEST_REQUIRE(opened.result.ok());
  recording_sink sink;
  sink.on_emit = [&](invsdk_stream_kind, uint64_t n) {
    if (n == 2) host.set_cancelled(true);
  };
  auto r = opened.connection.import_data(sink);
  BOOST_TEST(r.status == INVSDK_STATUS_CANCELLED, r);
  const auto& st = sink.stream(INVSDK_STREAM_CONSUMPTION);
  BOOST_TEST(st.batches == 2u);
  BOOST_TEST(st.incomplete());
  BOOST_TEST(st.reason == "cancelled");
  BOOST_TEST(host.cancel_checks() > 0u);
}

BOOST_AUTO_TEST_CASE(adapter_cancel_call_stops_between_batches) {
  scratch_dir dir;
  write_big_consumption(dir, 3500);
  recording_host host;
  auto opened = file_adapter().open(config_of({{"directory", dir.path().string()}}), host);
  BOOST_TEST_REQUIRE(opened.result.ok());
  recording_sink sink;
  sink.on_emit = [&](invsdk_stream_kind, uint64_t n) {
    if (n == 1) BOOST_TEST(opened.connection.cancel() == INVSDK_STATUS_OK);
  };
  auto r = opened.connection.import_data(sink);
  BOOST_TEST(r.status == INVSDK_STATUS_CANCELLED, r);
  BOOST_TEST(sink.stream(INVSDK_STREAM_CONSUMPTION).batches == 1u);
  BOOST_TEST(sink.stream(INVSDK_STREAM_CONSUMPTION).incomplete());
}

BOOST_AUTO_TEST_CASE(cancelled_before_start_delivers_nothing) {
  recording_host host;
  host.set_cancelled(true);
  auto opened =
      file_adapter().open(config_of({{"directory", examples_dir("acme").string()}}), host);
  BOOST_TEST_REQUIRE(opened.result.ok());
  recording_sink sink;
  BOOST_TEST(opened.connection.import_data(sink).status == INVSDK_STATUS_CANCELLED);
  BOOST_TEST(sink.calls().empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(negotiation)

BOOST_AUTO_TEST_CASE(smaller_host_table_is_filled_only_as_far_as_it_goes) {
  const auto lib = invsdk_test::adapter_library(INVHOST_ADAPTER_DIR, "invsdk_file_import");
  const auto size = static_cast<uint32_t>(offsetof(invsdk_adapter, check));
  auto n = negotiate(lib, {INVSDK_ABI_VERSION(1, 0), size});
  BOOST_TEST_REQUIRE(n.init.ok(), n.init);
  BOOST_TEST(!n.adapter.wrote_past_table_size());
  BOOST_TEST(n.adapter.table().struct_size == size);
  BOOST_TEST((n.adapter.table().open != nullptr));
  BOOST_TEST((n.adapter.table().check == nullptr));
  // The part that was filled works.
  BOOST_TEST(n.adapter.validate_config(config_of({{"directory", "/d"}})).ok());
}

BOOST_AUTO_TEST_CASE(exact_1_0_table_size_gives_every_required_member) {
  const auto lib = invsdk_test::adapter_library(INVHOST_ADAPTER_DIR, "invsdk_file_import");
  auto n = negotiate(lib, {INVSDK_ABI_VERSION(1, 0), INVSDK_ADAPTER_REQUIRED_SIZE_1_0});
  BOOST_TEST_REQUIRE(n.init.ok(), n.init);
  BOOST_TEST(!n.adapter.wrote_past_table_size());
  BOOST_TEST((n.adapter.table().close != nullptr));
  BOOST_TEST(n.adapter.table().abi_version == INVSDK_ABI_VERSION_CURRENT);
}

BOOST_AUTO_TEST_CASE(larger_host_table_is_not_overrun) {
  const auto lib = invsdk_test::adapter_library(INVHOST_ADAPTER_DIR, "invsdk_file_import");
  auto n = negotiate(
      lib, {INVSDK_ABI_VERSION(1, 7), static_cast<uint32_t>(sizeof(invsdk_adapter) + 32)});
  BOOST_TEST_REQUIRE(n.init.ok(), n.init);
  BOOST_TEST(n.adapter.table().struct_size == sizeof(invsdk_adapter));
}

BOOST_AUTO_TEST_CASE(other_major_version_is_refused) {
  const auto lib = invsdk_test::adapter_library(INVHOST_ADAPTER_DIR, "invsdk_file_import");
  auto n =
      negotiate(lib, {INVSDK_ABI_VERSION(2, 0), static_cast<uint32_t>(sizeof(invsdk_adapter))});
  BOOST_TEST(n.init.status == INVSDK_STATUS_NOT_IMPLEMENTED);
  BOOST_TEST(n.init.message.find("major") != std::string::npos, n.init.message);
}

BOOST_AUTO_TEST_SUITE_END()
