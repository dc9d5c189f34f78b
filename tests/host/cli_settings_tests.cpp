// Settings from the command line: connectors set | unset | show, settings show | set | unset, and
// a person's comments and blank lines in invhost.toml surviving every command that saves it.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <invhost/host_config.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_host_home.hpp"
#include "test_support.hpp"

using namespace invhost;
using test::contains;
using test::host_home;

namespace {

const std::string person_wrote = R"(# Written by hand: the CLI must keep every comment.

[host]
# checked twice a day by the monitoring
stale_after_hours = 48   # two days

# The connection we test with.
[[connector]]
id = "kept"
adapter = "test-good"

[connector.settings]
mode = "ok"   # the good path


# A trailing note, after two blank lines.
)";

// The comment lines and blank lines of text, in order.
std::vector<std::string> comments_and_blanks(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto hash = line.find('#');
    if (line.find_first_not_of(" \t") == std::string::npos)
      out.push_back("");
    else if (hash != std::string::npos)
      out.push_back(line.substr(hash));
  }
  return out;
}

// Every comment and blank line of `before` is in `after`, in the same order.
bool keeps_every_comment(const std::string& before, const std::string& after) {
  const auto want = comments_and_blanks(before);
  const auto have = comments_and_blanks(after);
  std::size_t at = 0;
  for (const auto& line : have)
    if (at < want.size() && line == want[at]) ++at;
  return at == want.size();
}

host_config config_of(const host_home& h) {
  return parse_config(test::read_file(h.home() / "invhost.toml"), "invhost.toml");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_settings)

BOOST_AUTO_TEST_CASE(every_command_that_saves_keeps_the_comments_a_person_wrote) {
  host_home h;
  std::filesystem::create_directories(h.home());
  test::write_file(h.home() / "invhost.toml", person_wrote);
  const std::vector<std::string> commands{
      "connectors add second --adapter test-good --set mode=ok",
      "connectors set kept mode=slow token=env:INVHOST_CLI_SECRET",
      "connectors unset kept token",
      "connectors disable kept",
      "connectors enable kept",
      "settings set stale_after_hours=12 metrics_textfile_dir=/tmp/metrics",
      "settings set top_bar_link.enabled=true top_bar_link.url=https://app.flexera.com",
      "settings unset metrics_textfile_dir",
      "connectors remove second",
  };
  for (const auto& command : commands) {
    const auto r = h.run(command);
    BOOST_TEST(r.code == 0, command << ": " << r.err);
    const std::string now = test::read_file(h.home() / "invhost.toml");
    BOOST_TEST(keeps_every_comment(person_wrote, now), command << " lost a comment:\n" << now);
    BOOST_TEST(!contains(r.err, "written afresh"), command << ": " << r.err);
  }
  const host_config cfg = config_of(h);
  BOOST_TEST(cfg.stale_after_hours == 12);
  BOOST_TEST(cfg.metrics_textfile_dir.empty());
  BOOST_TEST(cfg.top_bar.enabled);
  BOOST_TEST(cfg.top_bar.url == "https://app.flexera.com");
  BOOST_REQUIRE(cfg.connectors.size() == 1U);
  BOOST_TEST(cfg.connectors[0].id == "kept");
  BOOST_TEST(cfg.connectors[0].enabled);
  BOOST_TEST(cfg.connectors[0].settings.at("mode") == "slow");
  BOOST_TEST(cfg.connectors[0].secrets.empty());
  BOOST_TEST(cfg.connectors[0].secrets_created.empty());  // the secret's date went with it
  // The comment beside the changed value stays beside it.
  BOOST_TEST(
      contains(test::read_file(h.home() / "invhost.toml"), "stale_after_hours = 12   # two days"));
  BOOST_TEST(
      contains(test::read_file(h.home() / "invhost.toml"), "mode = \"slow\"   # the good path"));
}

BOOST_AUTO_TEST_CASE(people_settings_are_set_shown_and_unset) {
  host_home h;
  auto r =
      h.run("settings set people_strip_plus_addressing=true 'exclude_accounts=noreply@*, svc-*@*'");
  BOOST_TEST(r.code == 0, r.err);
  host_config cfg = config_of(h);
  BOOST_TEST(cfg.people_strip_plus_addressing);
  BOOST_TEST(cfg.exclude_accounts == (std::vector<std::string>{"noreply@*", "svc-*@*"}));
  // Written as a person would write it, and read back the same.
  const std::string file = test::read_file(h.home() / "invhost.toml");
  BOOST_TEST(contains(file, "people_strip_plus_addressing = true"), file);
  BOOST_TEST(contains(file, R"(exclude_accounts = ["noreply@*", "svc-*@*"])"), file);
  BOOST_TEST(format_config(parse_config(format_config(cfg), "again")) == format_config(cfg));
  r = h.run("settings show --format json");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.out, "noreply@*,svc-*@*"), r.out);
  // A rule cannot be empty, and a boolean is true or false.
  r = h.run("settings set 'exclude_accounts=noreply@*,'");
  BOOST_TEST(r.code != 0);
  BOOST_TEST(contains(r.err, "exclude_accounts"), r.err);
  r = h.run("settings set people_strip_plus_addressing=maybe");
  BOOST_TEST(r.code != 0);
  BOOST_TEST(contains(r.err, "people_strip_plus_addressing must be true or false"), r.err);
  BOOST_TEST(config_of(h).exclude_accounts.size() == 2U);  // nothing changed by a refusal
  r = h.run("settings unset exclude_accounts people_strip_plus_addressing");
  BOOST_TEST(r.code == 0, r.err);
  cfg = config_of(h);
  BOOST_TEST(!cfg.people_strip_plus_addressing);
  BOOST_TEST(cfg.exclude_accounts.empty());
}

BOOST_AUTO_TEST_CASE(a_layout_that_cannot_be_edited_in_place_is_backed_up_and_said) {
  host_home h;
  std::filesystem::create_directories(h.home());
  const std::string inline_layout =
      "# mine\n[[connector]]\nid = \"one\"\nadapter = \"test-good\"\n"
      "settings = { mode = \"ok\" }   # inline\n";
  test::write_file(h.home() / "invhost.toml", inline_layout);
  const auto r = h.run("connectors set one mode=fast");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(contains(r.err, "invhost.toml.bak"), r.err);
  BOOST_TEST(test::read_file(h.home() / "invhost.toml.bak") == inline_layout);
  BOOST_TEST(config_of(h).connectors.at(0).settings.at("mode") == "fast");
}

BOOST_AUTO_TEST_CASE(connectors_set_checks_values_against_the_adapter) {
  host_home h;
  BOOST_REQUIRE(h.run("connectors add one --adapter test-good --set mode=ok").code == 0);
  // A secret must be a reference; a value is refused and never written anywhere.
  auto r = h.run("connectors set one token=hunter2-literal-value");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "must be a reference"), r.err);
  BOOST_TEST(!contains(test::read_file(h.home() / "invhost.toml"), "hunter2"));
  r = h.run("connectors set one no_such=1");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "has no setting 'no_such'"), r.err);
  r = h.run("connectors set one mode");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "key=value"), r.err);
  r = h.run("connectors unset one never_set");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "has no setting 'never_set'"), r.err);
  // Nothing of the refused commands reached the file.
  BOOST_TEST(config_of(h).connectors.at(0).settings ==
             (std::map<std::string, std::string>{{"mode", "ok"}}));

  r = h.run("connectors set one token=env:INVHOST_CLI_SECRET --format json");
  BOOST_TEST(r.code == 64);  // set takes no --format: a usage error
  r = h.run("connectors set one token=env:INVHOST_CLI_SECRET");
  BOOST_TEST(r.code == 0, r.err);
  r = h.run("connectors show one --format json");
  BOOST_TEST(r.code == 0, r.err);
  const auto shown = boost::json::parse(r.out).as_object();
  BOOST_TEST(shown.at("secrets").at("token").as_string() == "env:INVHOST_CLI_SECRET");
  BOOST_TEST(shown.at("settings").at("mode").as_string() == "ok");
  BOOST_TEST(!contains(h.all_output(), test::cli_secret_value));
}

BOOST_AUTO_TEST_CASE(host_settings_are_checked_by_the_rules_of_the_file) {
  host_home h;
  auto r = h.run("settings set stale_after_hours=0");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "stale_after_hours must be an integer from 1 to 8760"), r.err);
  r = h.run("settings set top_bar_link.enabled=yes");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "true or false"), r.err);
  r = h.run("settings set no_such=1");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "no host setting 'no_such'"), r.err);
  r = h.run("settings set adapter_paths=/opt/a:/opt/b import_timeout_seconds=600");
  BOOST_TEST(r.code == 0, r.err);
  const host_config cfg = config_of(h);
  BOOST_TEST(cfg.adapter_paths == (std::vector<std::filesystem::path>{"/opt/a", "/opt/b"}));
  BOOST_TEST(cfg.import_timeout_seconds == 600);
  r = h.run("settings show --format json");
  BOOST_TEST(r.code == 0, r.err);
  bool seen = false;
  const boost::json::value rows = boost::json::parse(r.out);
  for (const auto& row : rows.as_array())
    if (row.at("key").as_string() == "import_timeout_seconds") {
      seen = true;
      BOOST_TEST(row.at("value").as_string() == "600");
      BOOST_TEST(row.at("default").as_bool() == false);
    }
  BOOST_TEST(seen);
}

// The domains of the organisation's own people: a list, given comma-separated on the command
// line, kept as a TOML array beside the comments a person wrote.
BOOST_AUTO_TEST_CASE(internal_domains_are_a_list_kept_beside_the_comments) {
  host_home h;
  std::filesystem::create_directories(h.home());
  test::write_file(h.home() / "invhost.toml", person_wrote);
  auto r = h.run("settings set internal_domains=Contoso.com,fabrikam.com");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(!contains(r.err, "written afresh"), r.err);
  std::string text = test::read_file(h.home() / "invhost.toml");
  BOOST_TEST(keeps_every_comment(person_wrote, text), text);
  BOOST_TEST(contains(text, "internal_domains = [\"contoso.com\", \"fabrikam.com\"]\n"), text);
  BOOST_TEST(config_of(h).internal_domains ==
             (std::vector<std::string>{"contoso.com", "fabrikam.com"}));
  r = h.run("settings show --format json");
  BOOST_TEST(r.code == 0, r.err);
  bool seen = false;
  const boost::json::value shown = boost::json::parse(r.out);
  for (const auto& row : shown.as_array())
    if (row.at("key").as_string() == "internal_domains") {
      seen = true;
      BOOST_TEST(row.at("value").as_string() == "contoso.com,fabrikam.com");
      BOOST_TEST(row.at("default").as_bool() == false);
    }
  BOOST_TEST(seen);
  // A new list replaces the old one where it stands.
  r = h.run("settings set internal_domains=contoso.com");
  BOOST_TEST(r.code == 0, r.err);
  text = test::read_file(h.home() / "invhost.toml");
  BOOST_TEST(contains(text, "internal_domains = [\"contoso.com\"]\n"), text);
  BOOST_TEST(!contains(text, "fabrikam"), text);
  // What is not a domain name is refused, and nothing is written.
  for (const char* bad :
       {"contoso.com,not_a_domain", "contoso.com,-x.com", "a..b", "user@contoso.com", ""}) {
    r = h.run(std::string("settings set internal_domains=") + bad);
    BOOST_TEST(r.code == 1, bad);
    BOOST_TEST(contains(r.err, "internal_domains"), bad << ": " << r.err);
  }
  BOOST_TEST(config_of(h).internal_domains == (std::vector<std::string>{"contoso.com"}));
  r = h.run("settings unset internal_domains");
  BOOST_TEST(r.code == 0, r.err);
  text = test::read_file(h.home() / "invhost.toml");
  BOOST_TEST(!contains(text, "internal_domains"), text);
  BOOST_TEST(keeps_every_comment(person_wrote, text), text);
  BOOST_TEST(config_of(h).internal_domains.empty());
}

BOOST_AUTO_TEST_CASE(list_commands_take_csv) {
  host_home h;
  BOOST_REQUIRE(h.run("connectors add one --adapter test-good --set mode=ok").code == 0);
  BOOST_REQUIRE(h.run("run one").code == 0);
  auto r = h.run("connectors list --format csv");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.starts_with("id,adapter,version,abi,enabled,last_run,expires"), r.out);
  BOOST_TEST(contains(r.out, "one,test-good,1.0.0,1.0,yes,"), r.out);
  r = h.run("runs --format csv");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.starts_with("id,connection,started_at,outcome,records,merge,error"), r.out);
  BOOST_TEST(contains(r.out, ",one,"), r.out);
  r = h.run("adapters list --format csv");
  BOOST_TEST(r.code == 0, r.err);
  BOOST_TEST(r.out.starts_with("id,version,abi,name,manifest"), r.out);
  BOOST_TEST(contains(r.out, "test-good,1.0.0,1.0,Test adapter test-good,"), r.out);
  r = h.run("health --format csv");
  BOOST_TEST(r.out.starts_with("connection,severity,check,what,hint"), r.out);
  r = h.run("settings show --format csv");
  BOOST_TEST(r.out.starts_with("key,value,default,description"), r.out);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(one_source_per_connection)

// Two connections to one FSM organisation on one API host would count every license twice.
BOOST_AUTO_TEST_CASE(a_second_connection_to_the_same_organisation_is_refused_naming_the_first) {
  host_home h;
  const std::string fsm =
      " --adapter flexera-saas-manager --secret refresh_token=env:INVHOST_CLI_SECRET";
  BOOST_REQUIRE(h.run("connectors add first" + fsm + " --set org_id=4242 --set region=eu").code ==
                0);
  auto r = h.run("connectors add again" + fsm + " --set org_id=04242 --set region=eu");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "connector 'again' imports the same source as 'first'"), r.err);
  BOOST_TEST(contains(r.err, "org_id=4242, region=eu"), r.err);
  BOOST_TEST(config_of(h).connectors.size() == 1U);  // nothing was saved
  // Another organisation, or the same one in another region, is another source.
  BOOST_TEST(h.run("connectors add other" + fsm + " --set org_id=7 --set region=eu").code == 0);
  BOOST_TEST(h.run("connectors add na" + fsm + " --set org_id=4242").code == 0);
  // A change of settings that would make two the same is refused too, and so is enabling one.
  r = h.run("connectors set other org_id=4242");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "connector 'other' imports the same source as 'first'"), r.err);
  BOOST_TEST(h.run("connectors disable first").code == 0);
  BOOST_TEST(h.run("connectors set other org_id=4242").code == 0);  // 'first' is disabled
  r = h.run("connectors enable first");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "same source"), r.err);
}

BOOST_AUTO_TEST_CASE(a_duplicate_written_by_hand_is_refused_by_run_and_nightly) {
  host_home h;
  std::filesystem::create_directories(h.home());
  std::string text;
  for (const char* id : {"first", "copy"})
    text +=
        std::string("[[connector]]\nid = \"") + id +
        "\"\nadapter = \"flexera-saas-manager\"\n[connector.settings]\norg_id = \"4242\"\n"
        "api_url = \"http://127.0.0.1:9\"\ntoken_url = \"http://127.0.0.1:9/token\"\n"
        "max_retries = \"0\"\n[connector.secrets]\nrefresh_token = \"env:INVHOST_CLI_SECRET\"\n";
  test::write_file(h.home() / "invhost.toml", text);
  auto r = h.run("run copy");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(contains(r.err, "connector 'copy' imports the same source as 'first'"), r.err);
  r = h.run("nightly");
  BOOST_TEST(r.code == 1);
  BOOST_TEST(
      contains(r.err, "copy: not imported: connector 'copy' imports the same source as 'first'"),
      r.err);
  // The refused connection made no run; the first one did (and failed: nothing listens there).
  const boost::json::value runs = boost::json::parse(h.run("runs --format json").out);
  BOOST_REQUIRE(runs.as_array().size() == 1U);
  BOOST_TEST(runs.as_array()[0].at("connection").as_string() == "first");
}

BOOST_AUTO_TEST_SUITE_END()
