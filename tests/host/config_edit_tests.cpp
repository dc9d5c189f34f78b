// Saving into invhost.toml as a person wrote it: each change touches only its own lines.
#include <boost/test/unit_test.hpp>
#include <invhost/config_edit.hpp>
#include <invhost/host_config.hpp>
#include <string>

using namespace invhost;

namespace {

// A file written by a person: comments above and beside values, blank lines, keys in their own
// order, literal strings and a date.
const std::string hand_written = R"(# Inventory host of the Paris office.
# Ask the platform team before changing the database.

[host]
database = 'sqlite:///var/lib/invhost/invhost.db'   # the nightly's database
stale_after_hours = 48

# The Flexera tenant.
[[connector]]
adapter = "flexera-saas-manager"
id = "acme-fsm"

[connector.settings]
# EU organisation
region = "eu"
org_id = "4242"

[connector.secrets]
refresh_token = "env:FSM_REFRESH_TOKEN"   # rotated every spring

# The old Microsoft 365 export, until the switch.
[[connector]]
id = "m365"
adapter = "microsoft-365"
[connector.settings]
export_dir = "/srv/exports/m365"

# end of file
)";

struct edit_fixture {
  host_config before = parse_config(hand_written, "invhost.toml");
  host_config after = before;

  std::string edited() {
    const edited_config e = edit_config_text(hand_written, before, after);
    BOOST_TEST(e.layout_kept);
    // Whatever the text, it must read back as the changed configuration.
    BOOST_TEST((parse_config(e.text, "edited") == after));
    return e.text;
  }
};

// text with `from`, found exactly once, replaced by `to`.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  BOOST_REQUIRE(at != std::string::npos);
  BOOST_REQUIRE(text.find(from, at + 1) == std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string with(const std::string& from, const std::string& to) {
  return replaced(hand_written, from, to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_edit)

BOOST_FIXTURE_TEST_CASE(nothing_changed_is_the_same_text, edit_fixture) {
  BOOST_TEST(edited() == hand_written);
}

BOOST_FIXTURE_TEST_CASE(a_changed_value_is_replaced_where_it_stands, edit_fixture) {
  after.connectors[0].settings["region"] = "na";
  after.database = "postgresql://inv@db/invhost";
  BOOST_TEST(edited() == replaced(with("region = \"eu\"", "region = \"na\""),
                                  "'sqlite:///var/lib/invhost/invhost.db'",
                                  "\"postgresql://inv@db/invhost\""));
}

BOOST_FIXTURE_TEST_CASE(a_new_key_goes_below_the_last_key_of_its_table, edit_fixture) {
  after.connectors[0].settings["page_size"] = "500";
  after.connectors[0].enabled = false;
  BOOST_TEST(edited() ==
             replaced(with("org_id = \"4242\"\n", "org_id = \"4242\"\npage_size = \"500\"\n"),
                      "id = \"acme-fsm\"\n", "id = \"acme-fsm\"\nenabled = false\n"));
}

BOOST_FIXTURE_TEST_CASE(a_removed_key_takes_its_line_and_its_trailing_comment, edit_fixture) {
  after.connectors[0].secrets.clear();
  BOOST_TEST(edited() ==
             with("refresh_token = \"env:FSM_REFRESH_TOKEN\"   # rotated every spring\n", ""));
}

BOOST_FIXTURE_TEST_CASE(a_missing_table_is_added_inside_its_connector, edit_fixture) {
  after.connectors[0].secrets_created["refresh_token"] = "2026-04-01";
  after.connectors[1].secrets["api_key"] = "file:/etc/invhost/m365.key";
  BOOST_TEST(edited() == replaced(with("rotated every spring\n",
                                       "rotated every spring\n\n[connector.secrets_created]\n"
                                       "refresh_token = 2026-04-01\n"),
                                  "\"/srv/exports/m365\"\n",
                                  "\"/srv/exports/m365\"\n\n[connector.secrets]\n"
                                  "api_key = \"file:/etc/invhost/m365.key\"\n"));
}

BOOST_AUTO_TEST_CASE(a_dates_table_left_empty_goes_with_its_header) {
  const std::string text =
      "[[connector]]\nid = \"a\"\nadapter = \"x\"\n[connector.secrets]\n"
      "token = \"env:TOKEN_A\"\n[connector.secrets_created]\ntoken = 2026-01-02\n";
  const host_config before = parse_config(text, "t");
  host_config after = before;
  after.connectors[0].secrets.clear();
  after.connectors[0].secrets_created.clear();
  const auto e = edit_config_text(text, before, after);
  BOOST_TEST(e.layout_kept);
  // The secrets table is always written, so it stays, empty, for the next secret.
  BOOST_TEST(e.text == "[[connector]]\nid = \"a\"\nadapter = \"x\"\n[connector.secrets]\n");
}

BOOST_FIXTURE_TEST_CASE(a_removed_connector_takes_the_comment_right_above_it, edit_fixture) {
  after.connectors.erase(after.connectors.begin() + 1);
  BOOST_TEST(edited() == with("# The old Microsoft 365 export, until the switch.\n"
                              "[[connector]]\n"
                              "id = \"m365\"\n"
                              "adapter = \"microsoft-365\"\n"
                              "[connector.settings]\n"
                              "export_dir = \"/srv/exports/m365\"\n",
                              ""));
}

BOOST_FIXTURE_TEST_CASE(a_new_connector_is_appended, edit_fixture) {
  connector_entry c;
  c.id = "salesforce";
  c.adapter = "salesforce";
  c.settings["export_dir"] = "/srv/exports/sf";
  after.connectors.push_back(c);
  BOOST_TEST(edited() == hand_written +
                             "\n[[connector]]\n"
                             "id = \"salesforce\"\n"
                             "adapter = \"salesforce\"\n"
                             "enabled = true\n"
                             "[connector.settings]\n"
                             "export_dir = \"/srv/exports/sf\"\n"
                             "[connector.secrets]\n");
}

BOOST_FIXTURE_TEST_CASE(a_host_setting_back_to_its_default_is_removed, edit_fixture) {
  after.stale_after_hours = default_stale_after_hours;
  after.metrics_textfile_dir = "/var/lib/prometheus/node-exporter";
  BOOST_TEST(edited() == with("stale_after_hours = 48\n",
                              "metrics_textfile_dir = \"/var/lib/prometheus/node-exporter\"\n"));
}

BOOST_AUTO_TEST_CASE(a_file_without_a_host_table_gains_one_at_the_end) {
  const std::string text = "# only a comment\n";
  const host_config before = parse_config(text, "t");
  host_config after = before;
  after.stale_after_hours = 12;
  const auto e = edit_config_text(text, before, after);
  BOOST_TEST(e.layout_kept);
  // The top-bar link keeps its defaults, so it stays unwritten.
  BOOST_TEST(e.text == "# only a comment\n\n[host]\nstale_after_hours = 12\n");
  BOOST_TEST((parse_config(e.text, "t") == after));
}

// A list of domains, on one line or over several, is replaced where it stands; the comments
// around it stay.
BOOST_AUTO_TEST_CASE(a_list_of_internal_domains_is_replaced_where_it_stands) {
  for (const std::string& list : {std::string("[\"Contoso.com\", \"contoso.com\"]"),
                                  std::string("[\n  \"contoso.com\",   # HQ\n]")}) {
    const std::string text =
        "[host]\n# ours\ninternal_domains = " + list + "   # kept\nstale_after_hours = 48\n";
    const host_config before = parse_config(text, "t");
    // Read lower-case, each once.
    BOOST_TEST(before.internal_domains == (std::vector<std::string>{"contoso.com"}));
    host_config after = before;
    after.internal_domains = {"contoso.com", "fabrikam.com"};
    const auto e = edit_config_text(text, before, after);
    BOOST_TEST(e.layout_kept);
    BOOST_TEST(e.text ==
               "[host]\n# ours\ninternal_domains = [\"contoso.com\", "
               "\"fabrikam.com\"]   # kept\nstale_after_hours = 48\n");
    BOOST_TEST((parse_config(e.text, "t") == after));
    after.internal_domains.clear();
    const auto removed = edit_config_text(text, before, after);
    BOOST_TEST(removed.layout_kept);
    BOOST_TEST(removed.text == "[host]\n# ours\nstale_after_hours = 48\n");
  }
}

BOOST_AUTO_TEST_CASE(internal_domains_must_be_domain_names_and_bounded) {
  for (const char* bad : {"[\"a_b.com\"]", "[\"-a.com\"]", "[\"a..com\"]", "[\"a.com.\"]", "[\"\"]",
                          "[1]", "\"contoso.com\""}) {
    BOOST_CHECK_THROW(parse_config(std::string("[host]\ninternal_domains = ") + bad, "t"),
                      config_error);
  }
  std::string many = "[host]\ninternal_domains = [";
  for (std::size_t i = 0; i <= max_internal_domains; ++i)
    many += "\"d" + std::to_string(i) + ".com\",";
  BOOST_CHECK_THROW(parse_config(many + "]", "t"), config_error);
  BOOST_TEST(parse_config("[host]\ninternal_domains = [\"xn--bcher-kva.example\", \"corp\"]", "t")
                 .internal_domains.size() == 2U);
}

BOOST_AUTO_TEST_CASE(an_inline_table_is_written_afresh_and_says_so) {
  const std::string text =
      "# mine\n[[connector]]\nid = \"a\"\nadapter = \"x\"\nsettings = { org_id = \"1\" }\n";
  const host_config before = parse_config(text, "t");
  host_config after = before;
  after.connectors[0].settings.erase("org_id");
  const auto e = edit_config_text(text, before, after);
  BOOST_TEST(!e.layout_kept);
  BOOST_TEST((parse_config(e.text, "t") == after));
}

BOOST_AUTO_TEST_CASE(values_with_any_character_are_written_so_they_read_back) {
  // A multi-line or literal TOML string would drop a leading newline or fail on a quote.
  host_config cfg;
  connector_entry c;
  c.id = "odd";
  c.adapter = "file-import";
  c.settings["a"] = "\nleading newline";
  c.settings["b"] = "quote \" and ''' and \\ backslash";
  c.settings["c"] = std::string("tab\there, nul-free control \x01, DEL \x7f, é");
  c.settings["key with space"] = "x";
  cfg.connectors.push_back(c);
  BOOST_TEST((parse_config(format_config(cfg), "t") == cfg));
}

BOOST_AUTO_TEST_CASE(a_secret_that_is_not_a_reference_is_refused_when_read) {
  for (const char* ref : {"\nv:X", "hunter2hunter2", "file:/a\nb", "env:"}) {
    const std::string text = std::string("[[connector]]\nid = \"a\"\nadapter = \"x\"\n") +
                             "[connector.secrets]\nrefresh_token = \"" +
                             (std::string(ref) == "\nv:X"        ? "\\nv:X"
                              : std::string(ref) == "file:/a\nb" ? "file:/a\\nb"
                                                                 : ref) +
                             "\"\n";
    BOOST_CHECK_EXCEPTION(parse_config(text, "t"), config_error, [](const config_error& e) {
      const std::string what = e.what();
      return what.find("must be a reference") != std::string::npos &&
             what.find("t:5:1") != std::string::npos;
    });
  }
}

BOOST_AUTO_TEST_SUITE_END()
