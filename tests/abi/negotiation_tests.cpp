// The entry point fills exactly the table size the host asks for, older or newer.
#include <invsdk/adapter.h>

#include <boost/dll/shared_library.hpp>
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <vector>

#include "test_adapters.hpp"

namespace {

using init_fn = invsdk_status(uint32_t, uint32_t, invsdk_adapter*, invsdk_error*);
constexpr uint32_t host_version = (uint32_t{INVSDK_ABI_MAJOR} << 16U) | uint32_t{INVSDK_ABI_MINOR};
constexpr unsigned char sentinel = 0xAB;

struct table_buffer {
  std::vector<unsigned char> bytes;
  explicit table_buffer(std::size_t n) : bytes(n, sentinel) {}
  invsdk_adapter* table() { return reinterpret_cast<invsdk_adapter*>(bytes.data()); }
  uint32_t struct_size() const {
    uint32_t v = 0;
    std::memcpy(&v, bytes.data(), sizeof v);
    return v;
  }
  bool untouched_from(std::size_t offset) const {
    for (std::size_t i = offset; i < bytes.size(); ++i)
      if (bytes[i] != sentinel) return false;
    return true;
  }
};

boost::dll::shared_library& library(const std::string& file) {
  static std::vector<std::unique_ptr<boost::dll::shared_library>> keep;  // never unloaded
  keep.push_back(std::make_unique<boost::dll::shared_library>(invhost::test::adapter_dir() / file));
  return *keep.back();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(negotiation)

BOOST_AUTO_TEST_CASE(older_host_table_is_filled_only_as_far_as_it_goes) {
  for (const char* file : {"libtest_good.so", "libtest_counting.so"}) {
    auto& init = library(file).get<init_fn>(INVSDK_ENTRY_POINT_NAME);
    const auto older = static_cast<uint32_t>(offsetof(invsdk_adapter, check));
    table_buffer buf(sizeof(invsdk_adapter) + 32);
    invsdk_error err{};
    BOOST_TEST(init(host_version, older, buf.table(), &err) == INVSDK_STATUS_OK);
    BOOST_TEST(buf.struct_size() == older);
    BOOST_TEST(buf.untouched_from(older), file);
    BOOST_TEST(err.release == nullptr);
  }
}

BOOST_AUTO_TEST_CASE(newer_host_table_gets_the_adapters_own_size) {
  for (const char* file : {"libtest_good.so", "libtest_counting.so"}) {
    auto& init = library(file).get<init_fn>(INVSDK_ENTRY_POINT_NAME);
    const auto newer = static_cast<uint32_t>(sizeof(invsdk_adapter) + 64);
    table_buffer buf(newer);
    invsdk_error err{};
    BOOST_TEST(init(host_version | 5U, newer, buf.table(), &err) ==
               INVSDK_STATUS_OK);  // a later minor
    BOOST_TEST(buf.struct_size() == sizeof(invsdk_adapter));
    BOOST_TEST(buf.untouched_from(sizeof(invsdk_adapter)), file);
    BOOST_TEST(buf.table()->close != nullptr);
  }
}

BOOST_AUTO_TEST_CASE(the_cpp_helper_keeps_the_hosts_minor_version) {
  // The test adapter's check() says which minor the host announced at init.
  auto& init = library("libtest_good.so").get<init_fn>(INVSDK_ENTRY_POINT_NAME);
  for (const uint32_t minor : {0U, 7U}) {
    invsdk_adapter table{};
    invsdk_error err{};
    BOOST_REQUIRE(init((host_version & 0xFFFF0000U) | minor, sizeof table, &table, &err) ==
                  INVSDK_STATUS_OK);
    const invsdk_config config{sizeof(invsdk_config), nullptr, 0};
    invsdk_connection* connection = nullptr;
    BOOST_REQUIRE(table.open(&config, nullptr, &connection, &err) == INVSDK_STATUS_OK);
    invsdk_owned_str summary{};
    BOOST_REQUIRE(table.check(connection, &summary, &err) == INVSDK_STATUS_OK);
    const std::string text(summary.data, summary.size);
    summary.release(&summary);
    table.close(connection);
    BOOST_TEST(text.find("host speaks ABI 1." + std::to_string(minor)) != std::string::npos, text);
  }
}

BOOST_AUTO_TEST_CASE(other_host_major_gets_not_implemented_and_one_error) {
  auto& init = library("libtest_good.so").get<init_fn>(INVSDK_ENTRY_POINT_NAME);
  table_buffer buf(sizeof(invsdk_adapter));
  invsdk_error err{};
  BOOST_TEST(init(2U << 16U, sizeof(invsdk_adapter), buf.table(), &err) ==
             INVSDK_STATUS_NOT_IMPLEMENTED);
  BOOST_TEST(buf.untouched_from(0));
  BOOST_REQUIRE(err.release != nullptr);
  BOOST_TEST(std::string(err.message).find("ABI major 1") != std::string::npos);
  err.release(&err);
  BOOST_TEST(err.release == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
