// The loader refuses every broken adapter with one line naming the file, and carries on.
#include "test_adapters.hpp"
#include "test_support.hpp"

#include <invhost/adapter_loader.hpp>

#include <boost/test/unit_test.hpp>

using namespace invhost;

namespace {
std::string refusal(const std::string& id) {
  try {
    (void)load_adapter(test::test_manifest(id));
  } catch (const load_error& e) {
    return e.what();
  }
  return "loaded";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(loader)

BOOST_AUTO_TEST_CASE(good_adapter_loads_with_full_table) {
  auto a = load_adapter(test::test_manifest("test-good"));
  BOOST_TEST(a->info().id == "test-good");
  BOOST_TEST(a->table().struct_size == sizeof(invsdk_adapter));
  BOOST_TEST(a.get() == load_adapter(test::test_manifest("test-good")).get());  // loaded once
}

BOOST_AUTO_TEST_CASE(other_abi_major_refused_before_loading) {
  // libtest_abi2.so aborts the process from a constructor if it is ever mapped.
  const std::string why = refusal("test-abi2");
  BOOST_TEST(why.find("ABI major 2") != std::string::npos, why);
  BOOST_TEST(why.find("libtest_abi2.so") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(init_not_implemented_refused) {
  const std::string why = refusal("test-not-implemented");
  BOOST_TEST(why.find("not_implemented") != std::string::npos, why);
  BOOST_TEST(why.find("ABI major 7") != std::string::npos, why);  // the adapter's own message
  BOOST_TEST(why.find("libtest_not_implemented.so") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(table_too_small_refused) {
  const std::string why = refusal("test-small-table");
  BOOST_TEST(why.find("fewer than") != std::string::npos, why);
  BOOST_TEST(why.find("libtest_small_table.so") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(null_required_member_refused) {
  const std::string why = refusal("test-null-member");
  BOOST_TEST(why.find("'import_data'") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(describe_must_match_manifest) {
  const std::string why = refusal("test-bad-describe");
  BOOST_TEST(why.find("9.9.9") != std::string::npos, why);
  BOOST_TEST(why.find("1.0.0") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(missing_entry_point_refused) {
  const std::string why = refusal("test-no-entry");
  BOOST_TEST(why.find("does not export the entry point invsdk_adapter_init") != std::string::npos, why);
  BOOST_TEST(why.find("libtest_no_entry.so") != std::string::npos, why);
}

BOOST_AUTO_TEST_CASE(missing_library_file_refused) {
  test::temp_dir dir;
  auto text = test::read_file(test::adapter_dir() / "test-good.json");
  text.replace(text.find("libtest_good.so"), 15, "libnot_there.so");
  test::write_file(dir / "test-good.json", text);
  try {
    (void)load_adapter(load_manifest(dir / "test-good.json"));
    BOOST_FAIL("loaded a missing library");
  } catch (const load_error& e) {
    const std::string why = e.what();
    BOOST_TEST(why.find("library file not found") != std::string::npos, why);
    BOOST_TEST(why.find("libnot_there.so") != std::string::npos, why);
  }
}

BOOST_AUTO_TEST_CASE(every_refusal_is_one_line) {
  for (const char* id : {"test-abi2", "test-not-implemented", "test-small-table", "test-null-member",
                         "test-bad-describe", "test-no-entry"}) {
    const std::string why = refusal(id);
    BOOST_TEST(why.find('\n') == std::string::npos, why);
    BOOST_TEST(why != "loaded");
  }
}

BOOST_AUTO_TEST_SUITE_END()
