// The real invhost binary against hostile data and a careless environment: secrets kept out of
// core dumps and refused when too short to mask, source text made harmless on the terminal, and
// private file modes for everything the host writes.
#include <sys/stat.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <optional>

#include "cli_host_home.hpp"
#include "test_support.hpp"

using namespace invhost;
using test::contains;
using test::host_home;

namespace {

// Bytes as a test message can show them without acting on the terminal running the tests.
std::string terminal_dump(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 0x20 && b < 0x7F) || b == '\n')
      out += c;
    else
      out += "<" + std::to_string(b) + ">";
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_safety)

BOOST_AUTO_TEST_CASE(the_host_process_is_not_dumpable) {
  host_home h;
  BOOST_TEST(h.run("connectors add d --adapter test-good --set mode=report_dumpable").code == 0);
  const auto r = h.run("connectors check d");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "dumpable=0"), r.out);
}

BOOST_AUTO_TEST_CASE(a_short_secret_is_refused_naming_the_setting_not_the_value) {
  host_home h;
  BOOST_TEST(h.run("connectors add s --adapter test-good --set mode=leak_secret --secret "
                   "token=env:SHORT_TOKEN")
                 .code == 0);
  // Seven characters: one short of the minimum.
  auto r = h.run("connectors check s", "SHORT_TOKEN=a7Qz9pX");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err + r.out, "invalid_config"), r.out + r.err);
  BOOST_TEST(contains(r.err + r.out, "'token'"), r.out + r.err);
  BOOST_TEST(contains(r.err + r.out, "at least 8 characters"), r.out + r.err);
  BOOST_TEST(!contains(r.err + r.out, "a7Qz9pX"));
  // Eight characters are enough; the adapter's echo of it is masked whole.
  r = h.run("connectors check s", "SHORT_TOKEN=a7Qz9pXw");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "connected with token ***"), r.out);
}

namespace {

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 07777;  // absent: matches no expected mode
  return st.st_mode & 07777;
}

}  // namespace

BOOST_AUTO_TEST_CASE(home_database_and_logs_are_private_whatever_the_umask) {
  host_home h;
  const std::string umask = "umask 022;";
  BOOST_TEST(h.run("connectors add ok --adapter test-good --set mode=ok", umask).code == 0);
  auto r = h.run("run ok", umask);
  BOOST_TEST(r.code == 0, r.err);
  const auto home = h.home();
  BOOST_TEST(mode_of(home) == 0700U);
  BOOST_TEST(mode_of(home / "invhost.db") == 0600U);
  BOOST_TEST(mode_of(home / "invhost.toml") == 0600U);
  BOOST_TEST(mode_of(home / "invhost.lock") == 0600U);
  BOOST_TEST(mode_of(home / "logs") == 0700U);
  BOOST_TEST(mode_of(home / "logs" / "invhost.log") == 0600U);
  // Another process reading the database (here Python's sqlite3, under umask 022) creates the
  // WAL and shared-memory files: SQLite gives them the database file's mode.
  const std::string probe = umask +
                            " python3 -c \"import sqlite3,os,sys; c=sqlite3.connect(sys.argv[1]); "
                            "c.execute('select count(*) from sqlite_master').fetchall(); "
                            "print(oct(os.stat(sys.argv[1]+'-wal').st_mode & 0o7777), "
                            "oct(os.stat(sys.argv[1]+'-shm').st_mode & 0o7777))\" '" +
                            (home / "invhost.db").string() + "' > '" +
                            (h.scratch() / "modes").string() + "'";
  BOOST_REQUIRE(std::system(probe.c_str()) == 0);  // NOLINT(concurrency-mt-unsafe)
  BOOST_TEST(test::read_file(h.scratch() / "modes") == "0o600 0o600\n");
}

BOOST_AUTO_TEST_CASE(existing_files_with_loose_modes_are_tightened_with_a_warning) {
  host_home h;
  BOOST_TEST(h.run("connectors add ok --adapter test-good --set mode=ok").code == 0);
  BOOST_TEST(h.run("run ok").code == 0);
  const auto home = h.home();
  std::filesystem::permissions(home, std::filesystem::perms(0755));
  std::filesystem::permissions(home / "invhost.db", std::filesystem::perms(0644));
  std::filesystem::permissions(home / "logs", std::filesystem::perms(0755));
  std::filesystem::permissions(home / "logs" / "invhost.log", std::filesystem::perms(0640));
  test::write_file(home / "invhost.db-journal",
                   "");  // as an older version in rollback mode left it
  std::filesystem::permissions(home / "invhost.db-journal", std::filesystem::perms(0644));
  const auto r = h.run("runs");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(mode_of(home / "invhost.db") == 0600U);
  BOOST_TEST(mode_of(home / "invhost.db-journal") == 0600U);
  BOOST_TEST(mode_of(home / "logs") == 0700U);
  BOOST_TEST(mode_of(home / "logs" / "invhost.log") == 0600U);
  BOOST_TEST(contains(r.err, (home / "invhost.db").string() +
                                 " was accessible by group or others (mode 0644): "
                                 "changed to 0600"),
             r.err);
  // The home is the user's choice: warned about, left as it is.
  BOOST_TEST(mode_of(home) == 0755U);
  BOOST_TEST(contains(r.err, "chmod 700 " + home.string()), r.err);
}

#ifdef INVHOST_HAVE_FILE_IMPORT
namespace {

// A license name that would recolour the terminal, plant a hyperlink, return the cursor, erase a
// character, and (C1 CSI, right-to-left override) act or reorder on terminals that honour them.
// Written as JSON escapes in the source file.
const std::string hostile_json_name =
    R"(Evil\u001b[31mRED\u001b]8;;http://evil.example/\u0007link\u001b]8;;\u0007\r\b\u007f\u0085\u009b\u202eEND)";
// The same text as the host must show it: each of those characters as \uXXXX, lower-case hex.
const std::string hostile_shown =
    R"(Evil\u001b[31mRED\u001b]8;;http://evil.example/\u0007link\u001b]8;;\u0007\u000d\u0008\u007f\u0085\u009b\u202eEND)";
// The exact text the source holds.
const std::string hostile_exact =
    "Evil\x1b[31mRED\x1b]8;;http://evil.example/\x07link\x1b]8;;\x07\r\b\x7f\u0085\u009b\u202e"
    "END";

// The first byte, if any, that a terminal would act on: C0 controls but the line feed, DEL, C1
// controls (U+0080..U+009F, C2 80..C2 9F), the right-to-left override (E2 80 AE), or a byte that
// is not valid UTF-8 (checked loosely: a lead byte must be followed by continuation bytes).
std::optional<std::size_t> first_unsafe_byte(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if ((b < 0x20 && b != '\n') || b == 0x7F) return i;
    if (b < 0x80) continue;
    std::size_t len = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0;
    if (len == 0 || i + len > text.size()) return i;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0U) != 0x80U) return i;
    if (b == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) return i;
    if (text.compare(i, 3, "\xe2\x80\xae") == 0) return i;
    i += len - 1;
  }
  return std::nullopt;
}

void require_terminal_safe(const test::cli_result& r, const std::string& what) {
  const auto out = first_unsafe_byte(r.out);
  const auto err = first_unsafe_byte(r.err);
  BOOST_TEST(!out.has_value(),
             what << ": stdout byte " << out.value_or(0) << " in: " << terminal_dump(r.out));
  BOOST_TEST(!err.has_value(),
             what << ": stderr byte " << err.value_or(0) << " in: " << terminal_dump(r.err));
}

}  // namespace

BOOST_AUTO_TEST_CASE(source_text_is_escaped_on_the_terminal_and_exact_in_json_and_csv) {
  host_home h;
  const auto source = h.scratch() / "source";
  std::filesystem::create_directories(source);
  test::write_file(source / "applications.json",
                   R"([{"external_id": "app-1", "name": "App", "publisher": "Pub"}])");
  test::write_file(source / "licenses.json",
                   R"([{"external_id": "lic-1", "name": ")" + hostile_json_name +
                       R"(", "application_ids": ["app-1"], "currency": "EUR"}])");
  auto r = h.run("connectors add evil --adapter file-import --set directory=" + source.string());
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  r = h.run("run evil");
  BOOST_TEST(r.code == 0, r.out + r.err);

  for (const std::string cmd : {"licenses list", "licenses show 1", "report --format table", "runs",
                                "connectors list", "connectors check evil"}) {
    r = h.run(cmd);
    BOOST_TEST(r.code == 0, cmd << ": " << r.err);
    require_terminal_safe(r, cmd);
  }
  r = h.run("licenses list");
  BOOST_TEST(contains(r.out, hostile_shown), r.out);
  r = h.run("licenses show 1");
  BOOST_TEST(contains(r.out, hostile_shown), r.out);
  r = h.run("report --format table");
  // The table cuts names at 39 characters: the escaped form up to there.
  BOOST_TEST(contains(r.out, hostile_shown.substr(0, 39) + "~"), r.out);

  // JSON and CSV carry the exact text.
  r = h.run("licenses list --format json");
  const auto list = boost::json::parse(r.out).as_array();
  BOOST_REQUIRE(list.size() == 1U);
  BOOST_TEST(std::string(list[0].at("name").as_string()) == hostile_exact);
  r = h.run("report --format json");
  BOOST_TEST(std::string(boost::json::parse(r.out).at("licenses").at(0).at("name").as_string()) ==
             hostile_exact);
  r = h.run("report --format csv");
  BOOST_TEST(contains(r.out, "\"" + hostile_exact + "\""), r.out);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_shown_as_bytes) {
  host_home h;
  const auto source = h.scratch() / "source";
  std::filesystem::create_directories(source);
  test::write_file(source / "applications.csv", "external_id,name\napp-1,App\n");
  test::write_file(source / "licenses.csv",
                   "external_id,name,application_ids\nlic-1,\"Bad \xff\xc3 name\xe2\x82\",app-1\n");
  BOOST_REQUIRE(
      h.run("connectors add bytes --adapter file-import --set directory=" + source.string()).code ==
      0);
  auto r = h.run("run bytes");
  BOOST_TEST(r.code == 0, r.out + r.err);
  for (const std::string cmd : {"licenses list", "licenses show 1", "report --format table"}) {
    r = h.run(cmd);
    require_terminal_safe(r, cmd);
    BOOST_TEST(contains(r.out, R"(Bad \xff\xc3 name\xe2\x82)"),
               cmd << ": " << terminal_dump(r.out));
  }
  r = h.run("report --format csv");
  BOOST_TEST(contains(r.out, "Bad \xff\xc3 name\xe2\x82"));  // exact
}

BOOST_AUTO_TEST_CASE(error_messages_quoting_source_data_are_escaped) {
  host_home h;
  const auto source = h.scratch() / "source";
  std::filesystem::create_directories(source);
  // An invalid date carrying a screen-clearing sequence; the adapter quotes the value.
  test::write_file(
      source / "licenses.json",
      R"([{"external_id": "lic-1", "name": "L", "created_at": "2025\u001b[2J\u001b[H-01-01"}])");
  BOOST_REQUIRE(
      h.run("connectors add bad --adapter file-import --set directory=" + source.string()).code ==
      0);
  auto r = h.run("--log-level debug run bad");
  BOOST_TEST(r.code == 1);
  require_terminal_safe(r, "run bad");
  BOOST_TEST(contains(r.err, R"(invhost: error: run 1 failed: data:)"), r.err);
  BOOST_TEST(contains(r.err, R"((got "2025\u001b[2J\u001b[H-01-01"))"), terminal_dump(r.err));
  for (const std::string cmd : {"runs", "connectors list", "nightly"}) {
    r = h.run("--log-level debug " + cmd);
    require_terminal_safe(r, cmd);
  }
  // The log file is escaped too: one record per line, nothing a terminal acts on.
  const std::string log = test::read_file(h.home() / "logs" / "invhost.log");
  BOOST_TEST(!first_unsafe_byte(log).has_value(), terminal_dump(log));
  BOOST_TEST(contains(log, R"((got "2025\u001b[2J\u001b[H-01-01"))"));
}
#endif

BOOST_AUTO_TEST_SUITE_END()
