// invhost.toml: parsing, errors with line and column, atomic round trip, home resolution.
#include <fmt/format.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <invhost/host_config.hpp>

#include "test_support.hpp"

using namespace invhost;

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(parses_the_documented_example) {
  const auto cfg = parse_config(R"(
[host]
database = "sqlite:///abs/path.db"
adapter_paths = ["/extra/dir"]
[host.top_bar_link]
enabled = true
url = "https://example.invalid"
[[connector]]
id = "acme-fsm"
adapter = "flexera-saas-manager"
enabled = false
[connector.settings]
org_id = "4242"
page_size = 500
[connector.secrets]
refresh_token = "env:FSM_REFRESH_TOKEN"
)",
                                "t.toml");
  BOOST_TEST(cfg.database == "sqlite:///abs/path.db");
  BOOST_TEST(cfg.adapter_paths.size() == 1U);
  BOOST_TEST(cfg.top_bar.enabled);
  BOOST_REQUIRE(cfg.connectors.size() == 1U);
  const auto& c = cfg.connectors[0];
  BOOST_TEST(!c.enabled);
  BOOST_TEST(c.settings.at("org_id") == "4242");
  BOOST_TEST(c.settings.at("page_size") == "500");
  BOOST_TEST(c.secrets.at("refresh_token") == "env:FSM_REFRESH_TOKEN");
}

BOOST_AUTO_TEST_CASE(syntax_error_names_file_line_and_column) {
  try {
    (void)parse_config("[host]\ndatabase = \"x\"\nadapter_paths = [\"a\",\n  oops]\n",
                       "/etc/x/invhost.toml");
    BOOST_FAIL("parsed a broken file");
  } catch (const config_error& e) {
    const std::string msg = e.what();
    BOOST_TEST(msg.find("/etc/x/invhost.toml:4:3") != std::string::npos, msg);
  }
}

BOOST_AUTO_TEST_CASE(semantic_errors_name_the_place) {
  BOOST_CHECK_EXCEPTION(
      (void)parse_config("[[connector]]\nid = \"a\"\n", "f.toml"), config_error,
      [](const config_error& e) { return std::string(e.what()).find("f.toml:1:1") == 0; });
  BOOST_CHECK_EXCEPTION((void)parse_config("[[connector]]\nid = \"a\"\nadapter = "
                                           "\"x\"\n[[connector]]\nid = \"a\"\nadapter = \"y\"\n",
                                           "f.toml"),
                        config_error, [](const config_error& e) {
                          return std::string(e.what()).find("appears twice") != std::string::npos;
                        });
  BOOST_CHECK_EXCEPTION(
      (void)parse_config("[host]\ndatabase = 3\n", "f.toml"), config_error,
      [](const config_error& e) { return std::string(e.what()).find("f.toml:2:") == 0; });
}

// Found by fuzzing: an id with a newline, quotes and a tab was accepted from a hand-edited file,
// though `connectors add` refuses it, and did not survive being written back.
BOOST_AUTO_TEST_CASE(a_hand_edited_connector_id_follows_the_same_rule_as_connectors_add) {
  const std::string fuzzed =
      "[[connector]]\nid = \"\\u000acme!fsm0 \\\"q\\\" \\t\"\nadapter = \"\"\nsext= { \"a.b\" "
      "=5808 "
      "}\n";
  BOOST_CHECK_EXCEPTION((void)parse_config(fuzzed, "f.toml"), config_error,
                        [](const config_error& e) {
                          const std::string m = e.what();
                          return m.find("f.toml:2:") == 0 && m.find("connector id") != m.npos &&
                                 m.find("lower-case letters") != m.npos;
                        });
  for (const char* bad : {"", "Fsm", "fsm prod", "fsm/../x", "fsm\\t"}) {
    BOOST_TEST_CONTEXT(bad) {
      BOOST_CHECK_THROW((void)parse_config(fmt::format("[[connector]]\nid = \"{}\"\nadapter = "
                                                       "\"fsm\"\n",
                                                       bad),
                                           "f.toml"),
                        config_error);
    }
  }
  BOOST_CHECK_EXCEPTION(
      (void)parse_config("[[connector]]\nid = \"fsm\"\nadapter = \"\"\n", "f.toml"), config_error,
      [](const config_error& e) {
        return std::string(e.what()).find("adapter") != std::string::npos;
      });
  const std::string fine = "[[connector]]\nid = \"fsm-prod_2\"\nadapter = \"fsm\"\n";
  BOOST_TEST(parse_config(fine, "f.toml").connectors.at(0).id == "fsm-prod_2");
  BOOST_TEST(
      parse_config(format_config(parse_config(fine, "f.toml")), "w.toml").connectors.at(0).id ==
      "fsm-prod_2");
}

BOOST_AUTO_TEST_CASE(metrics_textfile_dir_is_a_path_and_round_trips) {
  const auto c = parse_config("[host]\nmetrics_textfile_dir = \"/var/lib/node_exporter\"\n", "f");
  BOOST_TEST(c.metrics_textfile_dir == "/var/lib/node_exporter");
  BOOST_TEST(parse_config(format_config(c), "w").metrics_textfile_dir == "/var/lib/node_exporter");
  BOOST_TEST(parse_config("", "f").metrics_textfile_dir.empty());
  BOOST_CHECK_THROW((void)parse_config("[host]\nmetrics_textfile_dir = 3\n", "f"), config_error);
  BOOST_CHECK_THROW((void)parse_config("[host]\nmetrics_textfile_dir = \"\"\n", "f"), config_error);
}

BOOST_AUTO_TEST_CASE(adapter_process_limits_with_defaults_bounds_and_round_trip) {
  const auto defaults = parse_config("", "f.toml");
  BOOST_TEST(defaults.import_timeout_seconds == 21600);
  BOOST_TEST(defaults.adapter_memory_mib == 4096);
  const std::string text =
      "[host]\nimport_timeout_seconds = 900\nadapter_memory_mib = 0\n"
      "[[connector]]\nid = \"slow\"\nadapter = \"x\"\nimport_timeout_seconds = 7200\n"
      "[[connector]]\nid = \"plain\"\nadapter = \"x\"\n";
  const auto parsed = parse_config(text, "f.toml");
  for (const auto& cfg : {parsed, parse_config(format_config(parsed), "g.toml")}) {
    BOOST_TEST(cfg.import_timeout_seconds == 900);
    BOOST_TEST(cfg.adapter_memory_mib == 0);  // unlimited
    BOOST_TEST(cfg.find("slow")->import_timeout_seconds.value_or(-1) == 7200);
    BOOST_TEST(!cfg.find("plain")->import_timeout_seconds.has_value());
  }
  for (const char* bad :
       {"[host]\nimport_timeout_seconds = 0\n", "[host]\nimport_timeout_seconds = \"1h\"\n",
        "[host]\nadapter_memory_mib = 10\n",
        "[[connector]]\nid = \"a\"\nadapter = \"x\"\nimport_timeout_seconds = 604801\n"}) {
    BOOST_CHECK_EXCEPTION(
        (void)parse_config(bad, "f.toml"), config_error, [](const config_error& e) {
          return std::string(e.what()).find("must be an integer from") != std::string::npos;
        });
  }
}

BOOST_AUTO_TEST_CASE(stale_after_hours_has_a_default_bounds_and_round_trips) {
  BOOST_TEST(parse_config("", "f.toml").stale_after_hours == 36);
  const auto parsed = parse_config("[host]\nstale_after_hours = 48\n", "f.toml");
  BOOST_TEST(parsed.stale_after_hours == 48);
  BOOST_TEST(parse_config(format_config(parsed), "g.toml").stale_after_hours == 48);
  BOOST_TEST(parse_config("[host]\nstale_after_hours = 8760\n", "f.toml").stale_after_hours ==
             8760);
  for (const char* bad : {"[host]\nstale_after_hours = 0\n", "[host]\nstale_after_hours = 8761\n",
                          "[host]\nstale_after_hours = \"36h\"\n"}) {
    BOOST_CHECK_EXCEPTION(
        (void)parse_config(bad, "f.toml"), config_error, [](const config_error& e) {
          const std::string msg = e.what();
          return msg.find("f.toml:2:") == 0 &&
                 msg.find("host.stale_after_hours must be an integer from 1 to 8760") !=
                     std::string::npos;
        });
  }
}

// The day a secret was set is kept beside its reference, as a TOML date or text, and written back
// as a TOML date; a date for a secret the connector does not have, or not a date, is refused.
BOOST_AUTO_TEST_CASE(secret_dates_parse_round_trip_and_are_checked) {
  const std::string connector =
      "[[connector]]\nid = \"a\"\nadapter = \"x\"\n[connector.secrets]\n"
      "refresh_token = \"env:RT\"\nclient_secret = \"env:CS\"\n";
  const auto parsed = parse_config(connector +
                                       "[connector.secrets_created]\nrefresh_token = 2026-03-18\n"
                                       "client_secret = \"2025-12-31\"\n"
                                       "[connector.secrets_expire]\nclient_secret = 2026-12-31\n",
                                   "f.toml");
  const std::string written = format_config(parsed);
  BOOST_TEST(written.find("refresh_token = 2026-03-18") != std::string::npos, written);
  BOOST_TEST(written.find("client_secret = 2025-12-31") != std::string::npos, written);
  for (const auto& cfg : {parsed, parse_config(written, "g.toml")}) {
    const auto& dates = cfg.connectors.at(0).secrets_created;
    BOOST_TEST(dates.size() == 2U);
    BOOST_TEST(dates.at("refresh_token") == "2026-03-18");
    BOOST_TEST(dates.at("client_secret") == "2025-12-31");
    BOOST_TEST(cfg.connectors.at(0).secrets_expire.size() == 1U);
    BOOST_TEST(cfg.connectors.at(0).secrets_expire.at("client_secret") == "2026-12-31");
  }
  BOOST_TEST(format_config(parse_config(connector, "f.toml")).find("secrets_created") ==
             std::string::npos);
  const std::pair<const char*, const char*> bad[] = {
      {"[connector.secrets_created]\nrefresh_tokn = 2026-03-18\n",
       "f.toml:8:16: connector 'a': secrets_created.refresh_tokn names no secret"},
      {"[connector.secrets_created]\nrefresh_token = \"2026-02-30\"\n",
       "f.toml:8:17: connector 'a': secrets_created.refresh_token must be a date"},
      {"[connector.secrets_created]\nrefresh_token = 20260318\n",
       "secrets_created.refresh_token must be a date"},
      {"secrets_created = \"2026-03-18\"\n", "secrets_created must be a table"},
      {"[connector.secrets_expire]\nrefresh_tokn = 2026-03-18\n",
       "f.toml:8:16: connector 'a': secrets_expire.refresh_tokn names no secret"}};
  for (const auto& [tail, want] : bad) {
    const std::string text =
        tail[0] == '[' ? connector + tail
                       : "[[connector]]\nid = \"a\"\nadapter = \"x\"\n" + std::string(tail);
    BOOST_CHECK_EXCEPTION((void)parse_config(text, "f.toml"), config_error,
                          [&](const config_error& e) {
                            const std::string msg = e.what();
                            BOOST_TEST_INFO(msg);
                            return msg.find(want) != std::string::npos;
                          });
  }
}

BOOST_AUTO_TEST_CASE(save_is_atomic_private_and_round_trips) {
  test::temp_dir dir;
  host_config cfg;
  cfg.database = "postgresql://dbname=x";
  connector_entry c;
  c.id = "demo";
  c.adapter = "file-import";
  c.settings["directory"] = "/data/in";
  c.secrets["token"] = "file:/run/secret";
  cfg.connectors.push_back(c);
  save_config(dir / "invhost.toml", cfg);
  struct stat st {};
  BOOST_REQUIRE(::stat((dir / "invhost.toml").c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777U) == 0600U);
  const auto back = load_config(dir / "invhost.toml");
  BOOST_TEST(back.database == cfg.database);
  BOOST_REQUIRE(back.connectors.size() == 1U);
  BOOST_TEST(back.connectors[0].settings.at("directory") == "/data/in");
  BOOST_TEST(back.connectors[0].secrets.at("token") == "file:/run/secret");
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  BOOST_TEST(files == 1U);  // no temporary left behind
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_empty_config_and_default_db_is_in_home) {
  test::temp_dir dir;
  const auto cfg = load_config(dir / "none.toml");
  BOOST_TEST(cfg.connectors.empty());
  BOOST_TEST(effective_database(cfg, dir.path(), std::nullopt) ==
             "sqlite://" + (dir / "invhost.db").string());
  BOOST_TEST(effective_database(cfg, dir.path(), std::string("sqlite:///x.db")) ==
             "sqlite:///x.db");
}

BOOST_AUTO_TEST_CASE(home_option_wins) {
  BOOST_TEST(resolve_home(std::filesystem::path("/tmp/h1")) == std::filesystem::path("/tmp/h1"));
  ::setenv("INVHOST_HOME", "/tmp/h2", 1);
  BOOST_TEST(resolve_home(std::nullopt) == std::filesystem::path("/tmp/h2"));
  ::unsetenv("INVHOST_HOME");
  ::setenv("XDG_DATA_HOME", "/tmp/xdg", 1);
  BOOST_TEST(resolve_home(std::nullopt) == std::filesystem::path("/tmp/xdg/invhost"));
  ::unsetenv("XDG_DATA_HOME");
}

BOOST_AUTO_TEST_SUITE_END()
