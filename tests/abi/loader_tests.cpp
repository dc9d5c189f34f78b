// The loader refuses every broken adapter with one line naming the file, and carries on.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <invhost/adapter_loader.hpp>

#include "test_adapters.hpp"
#include "test_support.hpp"

using namespace invhost;

namespace {

// A folder holding a copy of an adapter's library and a manifest naming it, as an installer
// would leave them; the manifest claims ABI 1.0 so only the file checks stand between the copy
// and dlopen.
std::filesystem::path installed_copy(const test::temp_dir& dir, const std::string& id,
                                     const std::string& library) {
  const auto folder = dir / "adapters";
  std::filesystem::create_directories(folder);
  ::chmod(folder.c_str(), 0755);
  std::filesystem::copy_file(test::adapter_dir() / library, folder / library);
  ::chmod((folder / library).c_str(), 0755);
  test::write_file(
      folder / (id + ".json"),
      R"({"id": ")" + id +
          R"(", "name": "copy", "version": "1.0.0", "abi_version": "1.0", "library": ")" + library +
          R"(", "config_schema": {"properties": {}}})");
  return folder;
}

std::string refusal_of(const std::filesystem::path& manifest_file) {
  try {
    (void)load_adapter(load_manifest(manifest_file));
  } catch (const load_error& e) {
    return e.what();
  }
  return "loaded";
}

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
  BOOST_TEST(why.find("does not export the entry point invsdk_adapter_init") != std::string::npos,
             why);
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
  for (const char* id : {"test-abi2", "test-not-implemented", "test-small-table",
                         "test-null-member", "test-bad-describe", "test-no-entry"}) {
    const std::string why = refusal(id);
    BOOST_TEST(why.find('\n') == std::string::npos, why);
    BOOST_TEST(why != "loaded");
  }
}

BOOST_AUTO_TEST_CASE(library_must_be_a_plain_file_name_in_the_manifest_folder) {
  for (const char* name : {"library-parent-dir.json", "library-absolute.json",
                           "library-sub-dir.json", "library-dot-dot-name.json"}) {
    const auto file = std::filesystem::path(INVHOST_TEST_MANIFEST_DIR) / "unsafe" / name;
    try {
      (void)load_manifest(file);
      BOOST_FAIL(std::string("accepted ") + name);
    } catch (const manifest_error& e) {
      const std::string why = e.what();
      BOOST_TEST(why.find(file.string()) != std::string::npos, why);
      BOOST_TEST(why.find("$.library must be a plain file name") != std::string::npos, why);
    }
  }
  // A search of that folder lists each as a problem and offers none of them.
  const auto catalog =
      discover_manifests({std::filesystem::path(INVHOST_TEST_MANIFEST_DIR) / "unsafe"});
  BOOST_TEST(catalog.manifests.empty());
  BOOST_TEST(catalog.problems.size() == 4U);
}

BOOST_AUTO_TEST_CASE(an_installed_copy_with_safe_modes_loads) {
  test::temp_dir dir;
  const auto folder = installed_copy(dir, "test-good", "libtest_good.so");
  BOOST_TEST(refusal_of(folder / "test-good.json") == "loaded");
}

// libtest_abi2.so aborts the process from its constructor if it is ever mapped: each refusal
// below also proves the check ran before dlopen.
BOOST_AUTO_TEST_CASE(a_library_others_can_write_is_refused_before_loading) {
  for (const mode_t mode : {0777U, 0775U, 0757U, 0666U}) {
    test::temp_dir dir;
    const auto folder = installed_copy(dir, "test-abi2", "libtest_abi2.so");
    ::chmod((folder / "libtest_abi2.so").c_str(), mode);
    const std::string why = refusal_of(folder / "test-abi2.json");
    BOOST_TEST(why.find("refused before loading") != std::string::npos, why);
    BOOST_TEST(why.find("writable by group or others") != std::string::npos, why);
    BOOST_TEST(why.find((folder / "libtest_abi2.so").string()) != std::string::npos, why);
  }
}

BOOST_AUTO_TEST_CASE(a_folder_others_can_write_is_refused_before_loading) {
  for (const mode_t mode : {0777U, 01777U, 0775U}) {
    test::temp_dir dir;
    const auto folder = installed_copy(dir, "test-abi2", "libtest_abi2.so");
    ::chmod(folder.c_str(), mode);
    const std::string why = refusal_of(folder / "test-abi2.json");
    BOOST_TEST(why.find("its folder") != std::string::npos, why);
    BOOST_TEST(why.find("writable by group or others") != std::string::npos, why);
  }
}

BOOST_AUTO_TEST_CASE(a_library_or_folder_owned_by_someone_else_is_refused_before_loading) {
  if (::getuid() != 0) {
    BOOST_TEST_MESSAGE("skipped: giving a file to another user needs root");
    return;
  }
  constexpr uid_t nobody = 65534;
  {
    test::temp_dir dir;
    const auto folder = installed_copy(dir, "test-abi2", "libtest_abi2.so");
    BOOST_REQUIRE(::chown((folder / "libtest_abi2.so").c_str(), nobody, nobody) == 0);
    const std::string why = refusal_of(folder / "test-abi2.json");
    BOOST_TEST(why.find("owned by uid 65534") != std::string::npos, why);
  }
  {
    test::temp_dir dir;
    const auto folder = installed_copy(dir, "test-abi2", "libtest_abi2.so");
    BOOST_REQUIRE(::chown(folder.c_str(), nobody, nobody) == 0);
    const std::string why = refusal_of(folder / "test-abi2.json");
    BOOST_TEST(why.find("its folder") != std::string::npos, why);
    BOOST_TEST(why.find("owned by uid 65534") != std::string::npos, why);
  }
}

BOOST_AUTO_TEST_SUITE_END()
