// Switching to FSM through the real invhost binary: the legacy microsoft-365 adapter reading its
// example export, the FSM connector talking to the simulator over loopback HTTP; preview before
// the FSM connection was merged, then plan, dry run, apply, a refused second apply, and undo.
#define BOOST_TEST_MODULE supersede_e2e
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fsmsim/process.hpp>
#include <fstream>

#include "each_backend.hpp"
#include "invhost_cli.hpp"

namespace fs = std::filesystem;

namespace {

constexpr const char* as_of = "2026-01-15";
constexpr const char* token = "rt-supersede-e2e-0123456789";

using invtest::run_invhost;

const boost::json::object* row_named(const boost::json::value& preview, const std::string& name) {
  for (const auto& r : preview.at("licenses").as_array())
    if (r.at("legacy_name").as_string() == name) return &r.as_object();
  return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_CASE(preview_plan_apply_and_undo_through_the_cli) {
  ::setenv("SUPERSEDE_E2E_RT", token, 1);
  invtest::on_each_backend([](invtest::database& db) {
    const fs::path home = db.dir() / "home";
    fs::create_directories(home);
    fs::permissions(home, fs::perms::owner_all, fs::perm_options::replace);
    invtest::copy_example(M365_EXAMPLE_DIR, db.dir() / "m365");
    std::ofstream(home / "invhost.toml")
        << "[host]\ndatabase = \"" << db.connection_string() << "\"\n";
    auto r = run_invhost(home, "connectors add legacy --adapter microsoft-365 --set directory=" +
                                   (db.dir() / "m365").string());
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, std::string("nightly --as-of ") + as_of);
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);

    // No superseding connection yet: nothing to preview against, and the hint says what to add.
    r = run_invhost(home, "supersede preview");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(
        r.err.find("no enabled connection supersedes the old connectors") != std::string::npos,
        r.err);
    r = run_invhost(home, "supersede preview --by legacy");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(r.err.find("supersedes no adapter") != std::string::npos, r.err);

    fsmsim::simulator_process sim({"--org", "4242", "--seed", "3", "--apps", "8",
                                   "--licenses-per-app", "2", "--people", "120", "--users-per-app",
                                   "15", "--refresh-token", token, "--reference-date", as_of});
    const std::string url = sim.base_url();
    r = run_invhost(home,
                    "connectors add fsm --adapter flexera-saas-manager --set org_id=4242 "
                    "--set api_url=" +
                        url + " --set token_url=" + url +
                        "/oidc/token --secret refresh_token=env:SUPERSEDE_E2E_RT");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, "supersede plan");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(r.err.find("fsm has not been merged yet") != std::string::npos, r.err);

    // Staged only: the preview reads the staged run.
    r = run_invhost(home, "run fsm --stage-only");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
    r = run_invhost(home, "supersede preview --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    auto preview = boost::json::parse(r.out);
    BOOST_TEST(preview.at("fsm_source").as_string() == "staged");
    // The export's "Microsoft 365 E3" (SPE_E3, 3 seats, held by Alex, Diego and the blocked
    // Irvin) is on the simulator's E3 Enterprise Agreement, whose SPE_E3 term has 90 % of the 15
    // users of Office 365: 13 seats (its reserve term is hidden, its E5 term not begun).
    const auto* e3 = row_named(preview, "Microsoft 365 E3");
    BOOST_REQUIRE(e3 != nullptr);
    BOOST_TEST(e3->at("fsm_name").as_string() == "Microsoft 365 E3 Enterprise Agreement");
    BOOST_TEST(e3->at("fsm_id").is_null());
    BOOST_TEST(e3->at("confidence").as_string() == "high");
    BOOST_TEST(e3->at("legacy_entitled").as_int64() == 3);
    BOOST_TEST(e3->at("legacy_consumed").as_int64() == 3);
    BOOST_TEST(e3->at("fsm_entitled").as_int64() == 13);
    r = run_invhost(home, "supersede preview --format csv");
    BOOST_TEST(r.out.starts_with("legacy_id,legacy_connection,legacy_name,"), r.out);
    r = run_invhost(home, "supersede preview");
    BOOST_TEST(r.out.find("staged run") != std::string::npos, r.out);

    // Merged, with what people keep on the legacy E3 license.
    r = run_invhost(home, std::string("nightly --as-of ") + as_of);
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.out << r.err);
    const long long legacy_e3 =
        invtest::scalar(db.sql(),
                        "SELECT id FROM licenses WHERE connection = 'legacy' AND imported_name = "
                        "'Microsoft 365 E3'");
    const long long fsm_e3 =
        invtest::scalar(db.sql(),
                        "SELECT id FROM licenses WHERE connection = 'fsm' AND imported_name = "
                        "'Microsoft 365 E3 Enterprise Agreement'");
    const std::string e3_id = std::to_string(legacy_e3);
    r = run_invhost(home, "licenses edit " + e3_id + " --owner alice --group Finance");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    r = run_invhost(home, "licenses attach " + e3_id + " --name ea.pdf --location /docs/ea.pdf");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);

    r = run_invhost(home, "supersede plan --format json");
    BOOST_REQUIRE_MESSAGE(r.code == 0, r.err);
    const auto plan = boost::json::parse(r.out);
    const std::string plan_id = std::to_string(plan.at("id").as_int64());
    BOOST_TEST(plan.at("moves").as_array().size() == 3U);  // the attachment, Finance, owner
    const std::string before = invtest::dump_every_table(db.sql());
    r = run_invhost(home, "supersede apply " + plan_id + " --dry-run");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(r.out.find("nothing changed") != std::string::npos, r.out);
    BOOST_TEST(invtest::dump_every_table(db.sql()) == before);
    r = run_invhost(home, "supersede apply " + plan_id);
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(invtest::text(db.sql(), "SELECT owner FROM licenses WHERE id = " +
                                           std::to_string(fsm_e3)) == "alice");
    r = run_invhost(home, "supersede apply " + plan_id);
    BOOST_TEST(r.code == 1);
    BOOST_TEST(r.err.find("is applied already") != std::string::npos, r.err);
    r = run_invhost(home, "supersede undo " + plan_id);
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(invtest::dump_every_table(db.sql()) == before);
    BOOST_TEST(invtest::scalar(db.sql(), "SELECT COUNT(*) FROM supersede_audit") == 6);
  });
}
