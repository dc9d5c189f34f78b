// Manifest validation against the real schema: each problem names the file and the JSON path.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <invhost/json_schema.hpp>
#include <invhost/manifest.hpp>
#include <invhost/source_identity.hpp>

#include "test_adapters.hpp"
#include "test_support.hpp"

using namespace invhost;

namespace {

const std::string good =
    R"({"id": "demo-x", "name": "Demo", "version": "1.2.3", "abi_version": "1.0",
  "library": "libdemo.so", "config_schema": {"required": ["url"], "properties": {
    "url": {"type": "url", "description": "Where"},
    "token": {"type": "string", "description": "Secret", "secret": true}}}})";

std::string problem_with(const std::string& text) {
  test::temp_dir dir;
  test::write_file(dir / "m.json", text);
  try {
    (void)load_manifest(dir / "m.json");
  } catch (const manifest_error& e) {
    const std::string msg = e.what();
    BOOST_TEST(msg.find((dir / "m.json").string()) != std::string::npos, msg);  // names the file
    return msg;
  }
  return "valid";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(manifests)

BOOST_AUTO_TEST_CASE(a_valid_manifest_parses) {
  test::temp_dir dir;
  test::write_file(dir / "m.json", good);
  const manifest m = load_manifest(dir / "m.json");
  BOOST_TEST(m.id == "demo-x");
  BOOST_TEST(m.abi_major == 1U);
  BOOST_TEST(m.library == dir / "libdemo.so");
  BOOST_TEST(m.settings.at("token").secret);
  BOOST_TEST(m.settings.at("url").required);
}

BOOST_AUTO_TEST_CASE(schema_violations_name_the_json_path) {
  BOOST_TEST(problem_with(replaced(good, R"("library": "libdemo.so", )", ""))
                 .find("$.library is required") != std::string::npos);
  BOOST_TEST(
      problem_with(replaced(good, "demo-x", "Demo X")).find("$.id does not match the pattern") !=
      std::string::npos);
  BOOST_TEST(problem_with(replaced(good, R"("type": "url")", R"("type": "secretish")"))
                 .find("$.config_schema.properties.url.type must be one of") != std::string::npos);
  BOOST_TEST(problem_with(replaced(good, R"("name": "Demo")", R"("name": "Demo", "colour": "red")"))
                 .find("$.colour is not an allowed property") != std::string::npos);
  BOOST_TEST(problem_with(replaced(good, R"("abi_version": "1.0")", R"("abi_version": 1)"))
                 .find("$.abi_version must be string") != std::string::npos);
  BOOST_TEST(problem_with(replaced(good, R"("name": "Demo")", R"("name": "")"))
                 .find("$.name must be at least 1") != std::string::npos);
  BOOST_TEST(problem_with(replaced(good, R"("required": ["url"])", R"("required": [3])"))
                 .find("$.config_schema.required[0] must be string") != std::string::npos);
  BOOST_TEST(problem_with("{ not json").find("not valid JSON") != std::string::npos);
}

// A version of 100,000 digits overflowed the stack: std::regex matched "^[0-9]+..." by recursing
// once per character (found by the manifest fuzz target; the input is in tests/fuzz/manifest/).
BOOST_AUTO_TEST_CASE(an_overlong_value_with_a_pattern_is_refused_not_matched) {
  const std::string version = std::string(100000, '1') + ".2.3";
  const std::string msg =
      problem_with(replaced(good, R"("version": "1.2.3")", R"("version": ")" + version + R"(")"));
  BOOST_TEST(msg.find("$.version is longer than") != std::string::npos, msg.substr(0, 300));
  // A value of ordinary length is still matched against its pattern.
  BOOST_TEST(problem_with(replaced(good, R"("version": "1.2.3")", R"("version": "1.2")"))
                 .find("$.version does not match the pattern") != std::string::npos);
}

// A secret that expires a fixed time after creation is declared in the manifest, for a secret
// setting only, with bounded days and a real date.
BOOST_AUTO_TEST_CASE(secret_lifetimes_name_a_secret_with_bounded_days) {
  const auto with = [](const std::string& lifetimes) {
    return replaced(good, R"("library": "libdemo.so",)",
                    R"("library": "libdemo.so", "secret_lifetimes": )" + lifetimes + ",");
  };
  test::temp_dir dir;
  test::write_file(dir / "m.json",
                   with(R"({"token": {"days": 365, "applies_from": "2026-03-18"}})"));
  const manifest m = load_manifest(dir / "m.json");
  BOOST_REQUIRE(m.secret_lifetimes.size() == 1U);
  BOOST_TEST(m.secret_lifetimes.at("token").days == 365);
  BOOST_TEST(m.secret_lifetimes.at("token").applies_from == "2026-03-18");
  test::write_file(dir / "n.json", with(R"({"token": {"days": 90}})"));
  BOOST_TEST(load_manifest(dir / "n.json").secret_lifetimes.at("token").applies_from.empty());

  BOOST_TEST(problem_with(with(R"({"url": {"days": 30}})"))
                 .find("$.secret_lifetimes.url names no secret setting") != std::string::npos);
  BOOST_TEST(problem_with(with(R"({"nope": {"days": 30}})"))
                 .find("$.secret_lifetimes.nope names no secret setting") != std::string::npos);
  for (const char* days : {"0", "36501", "1e6", "-5"})
    BOOST_TEST(problem_with(with(R"({"token": {"days": )" + std::string(days) + "}}"))
                   .find("$.secret_lifetimes.token.days must be from 1 to 36500") !=
               std::string::npos);
  BOOST_TEST(problem_with(with(R"({"token": {"days": 1.5}})"))
                 .find("$.secret_lifetimes.token.days must be integer") != std::string::npos);
  BOOST_TEST(problem_with(with(R"({"token": {"applies_from": "2026-03-18"}})"))
                 .find("$.secret_lifetimes.token.days is required") != std::string::npos);
  BOOST_TEST(problem_with(with(R"({"token": {"days": 30, "applies_from": "2026-02-30"}})"))
                 .find("$.secret_lifetimes.token.applies_from is not a date") != std::string::npos);
  BOOST_TEST(problem_with(with(R"({"token": {"days": 30, "applies_from": "18.03.2026"}})"))
                 .find("$.secret_lifetimes.token.applies_from does not match the pattern") !=
             std::string::npos);
}

// The FSM connector's refresh tokens created since 18 March 2026 expire 365 days after creation.
BOOST_AUTO_TEST_CASE(the_fsm_manifest_declares_its_refresh_token_lifetime) {
  const manifest m = load_manifest(INVHOST_FSM_MANIFEST);
  BOOST_REQUIRE(m.secret_lifetimes.count("refresh_token") == 1U);
  BOOST_TEST(m.secret_lifetimes.at("refresh_token").days == 365);
  BOOST_TEST(m.secret_lifetimes.at("refresh_token").applies_from == "2026-03-18");
}

BOOST_AUTO_TEST_CASE(validator_keywords) {
  const auto schema = boost::json::parse(R"({"type": "object", "properties": {
      "a": {"type": "string", "maxLength": 3},
      "b": {"type": "array", "items": {"type": "integer"}},
      "c": {"enum": ["x", "y"]}},
    "additionalProperties": {"type": "boolean"}})");
  BOOST_TEST(
      validate_json(schema, boost::json::parse(R"({"a": "abc", "b": [1, 2], "c": "x", "z": true})"))
          .empty());
  const auto v = validate_json(
      schema, boost::json::parse(R"({"a": "abcd", "b": [1, "2"], "c": "q", "z": 1})"));
  BOOST_REQUIRE(v.size() == 4U);
  BOOST_TEST(v[0].path == "$.a");
  BOOST_TEST(v[1].path == "$.b[1]");
  BOOST_TEST(v[2].path == "$.c");
  BOOST_TEST(v[3].path == "$.z");
}

BOOST_AUTO_TEST_CASE(source_identity_names_plain_settings_and_compares_spellings_of_one_value) {
  const std::string with_identity =
      replaced(good, R"("library": "libdemo.so",)",
               R"("library": "libdemo.so", "source_identity": [["org"], ["url", "region"]],)");
  const std::string text =
      replaced(with_identity, R"("url": {"type": "url", "description": "Where"},)",
               R"("url": {"type": "url", "description": "Where"},
         "org": {"type": "integer", "description": "Org"},
         "region": {"type": "string", "description": "Region", "default": "na"},)");
  BOOST_TEST(problem_with(text) == "valid");
  BOOST_TEST(problem_with(replaced(text, R"([["org"], )", R"([["token"], )"))
                 .find("$.source_identity names 'token'") != std::string::npos);
  BOOST_TEST(problem_with(replaced(text, R"([["org"], )", R"([["nope"], )"))
                 .find("$.source_identity names 'nope'") != std::string::npos);
  BOOST_TEST(problem_with(replaced(text, R"([["org"], )", R"([[], )")).find("empty part") !=
             std::string::npos);

  const manifest m = parse_manifest(text, "m.json");
  const auto identity = [&](std::map<std::string, std::string> settings) {
    connector_entry c;
    c.id = "c";
    c.adapter = "demo-x";
    c.settings = std::move(settings);
    return *source_identity(c, m);
  };
  // Worked by hand: the first setting of a part with a value counts, defaults included.
  BOOST_TEST(identity({{"org", "4242"}}) == "org=4242, region=na");
  BOOST_TEST(identity({{"org", " 04242 "}, {"region", "NA"}}) == "org=4242, region=na");
  BOOST_TEST(identity({{"org", "4242"}, {"url", "HTTPS://Api.Example/"}, {"region", "eu"}}) ==
             "org=4242, url=https://api.example");
  BOOST_TEST(identity({{"org", "4242"}, {"region", "eu"}}) != identity({{"org", "4242"}}));
  BOOST_TEST(identity({}) == "org unset, region=na");
}

BOOST_AUTO_TEST_CASE(an_integer_is_a_number_without_a_fraction_however_large) {
  const auto schema = boost::json::parse(R"({"type": "integer"})");
  for (const char* integer : {"7", "-3", "2.0", "1e300", "-1e300", "9.3e18"})
    BOOST_TEST(validate_json(schema, boost::json::parse(integer)).empty(), integer);
  for (const char* fraction : {"1.5", "-0.25", "1e-300"})
    BOOST_TEST(validate_json(schema, boost::json::parse(fraction)).size() == 1U, fraction);
}

BOOST_AUTO_TEST_CASE(discovery_lists_problems_and_keeps_good_ones) {
  test::temp_dir dir;
  test::write_file(dir / "a.json", good);
  test::write_file(dir / "b.json", replaced(good, "demo-x", "BAD"));
  test::write_file(dir / "c.json", good);  // same id again
  const auto cat = discover_manifests({dir.path(), dir / "missing"});
  BOOST_TEST(cat.manifests.size() == 1U);
  BOOST_TEST(cat.problems.size() == 2U);
  BOOST_TEST(cat.find("demo-x") != nullptr);
}

BOOST_AUTO_TEST_CASE(test_adapter_manifests_are_valid) {
  const auto cat = discover_manifests({test::adapter_dir()});
  BOOST_TEST(cat.problems.empty());
  BOOST_TEST(cat.manifests.size() >= 12U);
}

BOOST_AUTO_TEST_SUITE_END()
