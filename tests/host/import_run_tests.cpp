// stage_connection with a real test adapter: outcomes, counts, redaction, run history.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <invhost/import_run.hpp>

#include "backends.hpp"

using namespace invhost;

namespace {

const manifest_catalog& catalog() {
  static const manifest_catalog c = discover_manifests({INVHOST_TEST_ADAPTER_DIR});
  return c;
}

connector_entry good(const std::string& mode) {
  connector_entry c;
  c.id = "conn-" + mode;
  c.adapter = "test-good";
  c.settings["mode"] = mode;
  return c;
}

const stream_record* stream(const run_result& r, const std::string& kind) {
  for (const auto& s : r.streams)
    if (s.kind == kind) return &s;
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(import_run)

BOOST_AUTO_TEST_CASE(a_good_run_is_staged_with_counts) {
  test::on_each_backend([](store& db) {
    int progress_calls = 0;
    run_options o;
    o.on_progress = [&](const invsdk_progress&) { ++progress_calls; };
    const run_result r = stage_connection(db, good("ok"), catalog(), o);
    BOOST_TEST(r.outcome == "staged", r.error_message);
    BOOST_TEST(r.error_class.empty());
    BOOST_REQUIRE(r.streams.size() == 5U);
    BOOST_TEST(stream(r, "applications")->records == 2);
    BOOST_TEST(stream(r, "licenses")->records == 2);
    BOOST_TEST(stream(r, "accessing_users")->records == 3);
    BOOST_TEST(stream(r, "consumption")->completeness == "complete");
    long long users = 0, links = 0;
    const long long id = r.run_id;
    db.sql() << "SELECT COUNT(*) FROM staged_accessing_users WHERE run_id = :r", soci::use(id),
        soci::into(users);
    db.sql() << "SELECT COUNT(*) FROM staged_license_applications WHERE run_id = :r", soci::use(id),
        soci::into(links);
    BOOST_TEST(users == 2);
    BOOST_TEST(links == 3);
    const auto history = list_runs(db, std::string("conn-ok"), 5);
    BOOST_REQUIRE(history.size() == 1U);
    BOOST_TEST(history[0].outcome == "staged");
    BOOST_TEST(history[0].adapter_version == "1.0.0");
    BOOST_TEST(!history[0].finished_at.empty());
    BOOST_TEST(history[0].streams.size() == 5U);
  });
}

BOOST_AUTO_TEST_CASE(incomplete_and_never_ended_streams) {
  test::on_each_backend([](store& db) {
    const run_result a = stage_connection(db, good("incomplete"), catalog());
    BOOST_TEST(a.outcome == "incomplete");
    BOOST_TEST(stream(a, "consumption")->reason == "page 3 could not be read");
    const run_result b = stage_connection(db, good("never_end"), catalog());
    BOOST_TEST(b.outcome == "incomplete");
    BOOST_TEST(stream(b, "consumption")->completeness == "incomplete");
    BOOST_TEST(stream(b, "consumption")->reason == "the stream was never ended");
    BOOST_TEST(last_run(db, "conn-never_end")->streams.size() == 5U);
  });
}

BOOST_AUTO_TEST_CASE(failures_are_recorded_with_class_http_and_redacted_message) {
  test::on_each_backend([](store& db) {
    ::setenv("INVHOST_TEST_TOKEN_RUN", "tok-ZZ9-plural-z-alpha", 1);
    connector_entry c = good("leak_secret");
    c.secrets["token"] = "env:INVHOST_TEST_TOKEN_RUN";
    const run_result r = stage_connection(db, c, catalog());
    BOOST_TEST(r.outcome == "failed");
    BOOST_TEST(r.error_class == "unauthenticated");
    BOOST_TEST(r.http_status == 401);
    BOOST_TEST(r.error_message == "token *** was refused");
    const auto rec = last_run(db, c.id);
    BOOST_TEST(rec->error_message == "token *** was refused");
    BOOST_TEST(rec->http_status == 401);
  });
}

BOOST_AUTO_TEST_CASE(setup_failures_fail_the_run) {
  test::on_each_backend([](store& db) {
    connector_entry missing = good("ok");
    missing.adapter = "no-such-adapter";
    BOOST_TEST(stage_connection(db, missing, catalog()).error_class == "load");
    connector_entry bad = good("bad");
    const run_result r = stage_connection(db, bad, catalog());
    BOOST_TEST(r.error_class == "invalid_config");
    BOOST_TEST(r.error_message == "setting 'mode' must not be 'bad'");
    connector_entry unset = good("ok");
    unset.secrets["token"] = "env:INVHOST_TEST_NEVER_SET";
    BOOST_TEST(stage_connection(db, unset, catalog()).error_class == "invalid_config");
    connector_entry literal = good("ok");
    literal.secrets["token"] = "a-literal-secret";
    BOOST_TEST(stage_connection(db, literal, catalog()).error_class == "invalid_config");
  });
}

BOOST_AUTO_TEST_CASE(a_cancelled_run_says_so) {
  test::temp_dir dir;
  auto db = store::open("sqlite://" + (dir / "t.db").string());
  std::atomic<bool> stop{true};
  run_options o;
  o.cancel_flag = &stop;
  const run_result r = stage_connection(*db, good("wait_cancel"), catalog(), o);
  BOOST_TEST(r.outcome == "cancelled");
  BOOST_TEST(r.error_class == "cancelled");
}

BOOST_AUTO_TEST_CASE(check_reports_summary_or_error) {
  const check_result ok = check_connection(good("ok"), catalog());
  BOOST_TEST(ok.ok);
  BOOST_TEST(ok.summary.find("test source reachable") != std::string::npos);
  const check_result bad = check_connection(good("bad"), catalog());
  BOOST_TEST(!bad.ok);
  BOOST_TEST(bad.error_class == "invalid_config");
}

BOOST_AUTO_TEST_SUITE_END()
