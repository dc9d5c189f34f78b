// What a person expects of any command line: --version, help with no arguments, a suggestion for
// a mistyped command, and the documented exit codes (64 usage, 75 busy).
#include <fcntl.h>
#include <invsdk/adapter.h>
#include <sys/file.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "cli_host_home.hpp"
#include "test_support.hpp"

using namespace invhost;
using test::contains;
using test::host_home;

namespace {

struct plain_result {
  int code = -1;
  std::string out;
};

// invhost with exactly these arguments (no --home), stdout captured, stderr dropped.
plain_result run_plain(const std::string& args) {
  plain_result r;
  const std::string cmd = std::string("'") + INVHOST_BINARY + "' " + args + " 2>/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  BOOST_REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_conventions)

BOOST_AUTO_TEST_CASE(version_names_the_host_the_abi_and_the_commit) {
  for (const char* flag : {"--version", "-V"}) {
    const auto r = run_plain(flag);
    BOOST_TEST(r.code == 0);
    BOOST_TEST(contains(r.out, std::string("invhost ") + INVHOST_TEST_PROJECT_VERSION + "\n"),
               r.out);
    BOOST_TEST(contains(r.out, "adapter ABI " + std::to_string(INVSDK_ABI_MAJOR) + "." +
                                   std::to_string(INVSDK_ABI_MINOR) + "\n"),
               r.out);
    BOOST_TEST(contains(r.out, "commit "), r.out);
  }
}

BOOST_AUTO_TEST_CASE(no_arguments_prints_the_help_and_succeeds) {
  const auto r = run_plain("");
  BOOST_TEST(r.code == 0);
  BOOST_TEST(contains(r.out, "Usage: invhost"), r.out);
  for (const char* command : {"connectors", "nightly", "report", "runs"})
    BOOST_TEST(contains(r.out, command), r.out);
  BOOST_TEST(contains(r.out, "75"), "the exit codes are listed: " << r.out);
}

BOOST_AUTO_TEST_CASE(a_mistyped_command_is_a_usage_error_naming_the_nearest_one) {
  host_home h;
  auto r = h.run("conectors list");
  BOOST_TEST(r.code == 64);
  BOOST_TEST(contains(r.err, "'conectors' is not a command of invhost"), r.err);
  BOOST_TEST(contains(r.err, "did you mean `invhost connectors`?"), r.err);
  r = h.run("connectors lsit");
  BOOST_TEST(r.code == 64);
  BOOST_TEST(contains(r.err, "did you mean `invhost connectors list`?"), r.err);
  r = h.run("repotr");
  BOOST_TEST(contains(r.err, "did you mean `invhost report`?"), r.err);
  // Nothing close: no guess, a pointer to the help.
  r = h.run("xyzzy");
  BOOST_TEST(r.code == 64);
  BOOST_TEST(!contains(r.err, "did you mean"), r.err);
  BOOST_TEST(contains(r.err, "invhost --help"), r.err);
  // A command group alone shows what it holds.
  r = h.run("connectors");
  BOOST_TEST(r.code == 64);
  BOOST_TEST(contains(r.err, "add"), r.err);
  BOOST_TEST(contains(r.err, "remove"), r.err);
}

BOOST_AUTO_TEST_CASE(a_run_while_another_invhost_holds_the_lock_exits_busy) {
  host_home h;
  BOOST_REQUIRE(h.run("connectors add one --adapter test-good --set mode=ok").code == 0);
  // The host lock is an exclusive flock on <home>/invhost.lock, as another nightly would hold it.
  const int fd = ::open((h.home() / "invhost.lock").c_str(), O_RDWR | O_CREAT, 0600);
  BOOST_REQUIRE(fd >= 0);
  BOOST_REQUIRE(::flock(fd, LOCK_EX) == 0);
  auto r = h.run("nightly");
  BOOST_TEST(r.code == 75, r.out << r.err);
  BOOST_TEST(contains(r.err, "holds the host lock"), r.err);
  ::close(fd);
  r = h.run("nightly");
  BOOST_TEST(r.code == 0, r.out << r.err);
}

// The completion script knows the commands, the subcommands of the command typed so far (past
// global options), and the options of the deepest one.
BOOST_AUTO_TEST_CASE(bash_completion_follows_the_command_tree) {
  const std::string script = run_plain("completion bash").out;
  BOOST_REQUIRE(contains(script, "complete -F _invhost invhost"));
  host_home h;
  std::ofstream(h.scratch() / "invhost.bash") << script;
  const auto complete = [&](const std::string& words, int cword) {
    const std::string cmd = "bash -c 'source \"" + (h.scratch() / "invhost.bash").string() +
                            "\"; COMP_WORDS=(" + words + "); COMP_CWORD=" + std::to_string(cword) +
                            "; _invhost; echo \"${COMPREPLY[*]}\"' > \"" +
                            (h.scratch() / "reply").string() + "\"";
    BOOST_REQUIRE(std::system(cmd.c_str()) == 0);  // NOLINT(concurrency-mt-unsafe)
    return test::read_file(h.scratch() / "reply");
  };
  BOOST_TEST(complete("invhost conn", 1) == "connectors\n");
  BOOST_TEST(complete("invhost --home /x connectors \"\"", 4) ==
             "list add enable disable keep remove show set unset check --help\n");
  BOOST_TEST(contains(complete("invhost runs show 3 --f", 4), "--format"));
  BOOST_TEST(complete("invhost repo", 1) == "report\n");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_records)

BOOST_AUTO_TEST_CASE(runs_show_prints_one_run_whole_in_both_formats) {
  host_home h;
  BOOST_REQUIRE(h.run("connectors add one --adapter test-good --set mode=ok").code == 0);
  BOOST_REQUIRE(h.run("run one --stage-only").code == 0);
  auto r = h.run("runs show 1");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "run 1: connection one (adapter test-good"), r.out);
  BOOST_TEST(contains(r.out, "outcome    staged"), r.out);
  BOOST_TEST(contains(r.out, "streams"), r.out);
  r = h.run("runs show 1 --format json");
  BOOST_TEST(r.code == 0, r.err);
  const auto run = boost::json::parse(r.out).as_object();
  BOOST_TEST(run.at("id").as_int64() == 1);
  BOOST_TEST(run.at("connection").as_string() == "one");
  BOOST_TEST(run.at("outcome").as_string() == "staged");
  // The same object as in the list.
  const auto list = boost::json::parse(h.run("runs --format json").out).as_array();
  BOOST_REQUIRE(list.size() == 1U);
  BOOST_TEST(boost::json::serialize(list[0]) == boost::json::serialize(run));
  r = h.run("runs show 99");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "no run 99"), r.err);
}

// The test adapter delivers two licenses (lic-1, lic-2). Run 1 only stages: no merge, no counts.
// Run 2 is the connection's first merge: both licenses are new, nothing else happened.
BOOST_AUTO_TEST_CASE(runs_show_says_what_the_merge_did) {
  host_home h;
  BOOST_REQUIRE(h.run("connectors add one --adapter test-good --set mode=ok").code == 0);
  BOOST_REQUIRE(h.run("run one --stage-only").code == 0);
  BOOST_REQUIRE(h.run("run one").code == 0);
  auto r = h.run("runs show 2");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(
      contains(r.out, "  licenses   2 new, 0 updated, 0 retired, 0 returned, 0 superseded\n"),
      r.out);
  auto run = boost::json::parse(h.run("runs show 2 --format json").out).as_object();
  const boost::json::value expected = {
      {"new", 2}, {"updated", 0}, {"retired", 0}, {"returned", 0}, {"superseded", 0}};
  BOOST_TEST(run.at("merge_counts") == expected, boost::json::serialize(run));
  r = h.run("runs show 1");
  BOOST_TEST(!contains(r.out, " new, "), r.out);
  run = boost::json::parse(h.run("runs show 1 --format json").out).as_object();
  BOOST_TEST(run.at("merge_counts").is_null());
}

BOOST_AUTO_TEST_CASE(purchases_list_in_three_formats_with_spreadsheet_safe_csv) {
  host_home h;
  auto r = h.run("licenses add --name Design --currency EUR");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  // A reference a spreadsheet would run as a formula, and one with a comma.
  r = h.run(
      "purchases add --reference '=HYPERLINK(\"http://x\")' --quantity 5 --amount 50.00 "
      "--currency EUR");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  r = h.run("purchases add --reference 'PO 7, second' --quantity 2");
  BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
  BOOST_REQUIRE(h.run("licenses link-purchase 1 --purchase 1").code == 0);

  r = h.run("purchases list --format json");
  BOOST_TEST(r.code == 0, r.err);
  const auto rows = boost::json::parse(r.out).as_array();
  BOOST_REQUIRE(rows.size() == 2U);
  BOOST_TEST(rows[0].at("reference").as_string() == "=HYPERLINK(\"http://x\")");
  BOOST_TEST(rows[0].at("quantity").as_int64() == 5);
  BOOST_TEST(rows[0].at("licenses").as_array().size() == 1U);
  BOOST_TEST(rows[1].at("amount").is_null());

  r = h.run("purchases list --format csv");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out,
                      "id,reference,description,quantity,amount,currency,purchased_at,"
                      "effective_at,ends_at,licenses\r\n"),
             r.out);
  BOOST_TEST(contains(r.out, "1,\"'=HYPERLINK(\"\"http://x\"\")\",,5,50.00,EUR,,,,1\r\n"), r.out);
  BOOST_TEST(contains(r.out, "2,\"PO 7, second\",,2,,,,,,\r\n"), r.out);

  r = h.run("purchases list");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "REFERENCE"), r.out);
  BOOST_TEST(contains(r.out, "PO 7, second"), r.out);
}

BOOST_AUTO_TEST_CASE(an_edit_or_a_link_that_changes_nothing_says_so) {
  host_home h;
  BOOST_REQUIRE(h.run("licenses add --name Design --currency EUR").code == 0);
  BOOST_REQUIRE(h.run("purchases add --reference PO-1 --quantity 5").code == 0);
  auto r = h.run("licenses edit 1");
  BOOST_TEST(r.code == 64);
  BOOST_TEST(contains(r.err, "nothing to change on license 1"), r.err);
  BOOST_REQUIRE(h.run("licenses link-purchase 1 --purchase 1").code == 0);
  r = h.run("licenses link-purchase 1 --purchase 1");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "purchase 1 is already linked to license 1"), r.err);
  BOOST_REQUIRE(h.run("licenses unlink-purchase 1 --purchase 1").code == 0);
  r = h.run("licenses unlink-purchase 1 --purchase 1");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "purchase 1 is not linked to license 1"), r.err);
}

// A table fits the terminal ($COLUMNS here: 80): the widest columns are cut with an ellipsis, wide
// characters counting two columns; a pipe without $COLUMNS gets every character.
BOOST_AUTO_TEST_CASE(tables_fit_the_terminal_width_by_display_width) {
  host_home h;
  const std::string wide = "東京本社ライセンス契約エンタープライズ版";  // 20 characters, 40 columns
  BOOST_REQUIRE(h.run("licenses add --name '" + wide + "' --currency JPY").code == 0);
  BOOST_REQUIRE(h.run("licenses add --name 'A plain and rather long license name for a test' "
                      "--currency EUR")
                    .code == 0);
  auto r = h.run("licenses list", "COLUMNS=80");
  BOOST_TEST(r.code == 0, r.err);
  std::size_t lines = 0;
  for (std::size_t start = 0; start < r.out.size();) {
    const auto end = r.out.find('\n', start);
    const std::string line = r.out.substr(start, end - start);
    // Display width: ASCII 1, the CJK characters (3 bytes each in UTF-8) 2, the ellipsis 1.
    std::size_t width = 0;
    for (std::size_t i = 0; i < line.size();) {
      const auto b = static_cast<unsigned char>(line[i]);
      if (b < 0x80) {
        width += 1;
        i += 1;
      } else if (line.compare(i, 3, "\u2026") == 0) {
        width += 1;
        i += 3;
      } else {
        width += 2;
        i += 3;
      }
    }
    BOOST_TEST(width <= 80U, line);
    ++lines;
    start = end + 1;
  }
  BOOST_TEST(lines == 3U);
  BOOST_TEST(contains(r.out, "\u2026"), r.out);
  BOOST_TEST(!contains(r.out, wide), r.out);
  // Piped, no $COLUMNS: nothing cut.
  r = h.run("licenses list", "COLUMNS=");
  BOOST_TEST(contains(r.out, wide), r.out);
  BOOST_TEST(contains(r.out, "A plain and rather long license name for a test"), r.out);
}

BOOST_AUTO_TEST_SUITE_END()
