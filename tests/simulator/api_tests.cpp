// The simulator's API behaviour as a client sees it: paging, includeAll, filter, auth, errors.
#include <fstream>
#include <map>

#include "sim_fixture.hpp"

using namespace simtest;

namespace {

boost::json::object read_summary(const std::filesystem::path& dir) {
  std::ifstream in(dir / "summary.json");
  std::stringstream s;
  s << in.rdbuf();
  return boost::json::parse(s.str()).as_object();
}

void require_goa_error(const response& r, unsigned status) {
  BOOST_TEST(r.status == status);
  BOOST_TEST(std::string(r.headers[http::field::content_type]) == "application/vnd.goa.error");
  const auto v = r.json().as_object();
  for (const char* k : {"name", "id", "message"}) BOOST_TEST(v.at(k).is_string(), k);
  for (const char* k : {"temporary", "timeout", "fault"}) BOOST_TEST(v.at(k).is_bool(), k);
  BOOST_TEST(v.size() == 6U);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(api)

BOOST_AUTO_TEST_CASE(paging_covers_every_record_exactly_once) {
  fsmsim::temp_dir dir;
  BOOST_REQUIRE_EQUAL(
      fsmsim::run_simulator_to_exit(base_args({"--dump-tenant", (dir.path() / "t").string()})), 0);
  const auto summary = read_summary(dir.path() / "t");
  running_sim sim;
  const auto tok = sim.new_token();
  std::size_t pages = 0;
  const auto users = sim.all(org_path + "/app-users?includeAll=true", tok, &pages);
  std::set<std::string> ids;
  for (const auto& u : users) ids.insert(str(u, "id"));
  BOOST_TEST(users.size() == summary.at("appUsers").to_number<std::size_t>());
  BOOST_TEST(ids.size() == users.size());
  BOOST_TEST(pages == (users.size() + 6) / 7);
  const auto lics = sim.all(org_path + "/licenses", tok);
  BOOST_TEST(lics.size() == summary.at("licenses").to_number<std::size_t>());
  const auto apps = sim.all(org_path + "/managed-apps?view=licenseUsage", tok);
  BOOST_TEST(apps.size() == summary.at("apps").to_number<std::size_t>());
  // The last page has no nextPage; every nextPage is org-scoped and carries the view.
  auto first = sim.get(org_path + "/managed-apps?view=licenseUsage", tok).json().as_object();
  const std::string next(first.at("nextPage").as_string());
  BOOST_TEST(next.rfind(org_path + "/managed-apps?view=licenseUsage&skipToken=", 0) == 0U);
}

BOOST_AUTO_TEST_CASE(bad_or_foreign_skip_token_is_400) {
  running_sim sim;
  const auto tok = sim.new_token();
  require_goa_error(sim.get(org_path + "/licenses?skipToken=19u2349", tok), 400);
  auto first = sim.get(org_path + "/licenses", tok).json().as_object();
  const std::string next(first.at("nextPage").as_string());
  const auto token_text = next.substr(next.find("skipToken=") + 10);
  // A licenses token is not valid for another list, and a changed character is refused.
  require_goa_error(sim.get(org_path + "/app-users?skipToken=" + token_text, tok), 400);
  auto changed = token_text;
  changed[3] = changed[3] == 'A' ? 'B' : 'A';
  require_goa_error(sim.get(org_path + "/licenses?skipToken=" + changed, tok), 400);
  BOOST_TEST(sim.get(next, tok).status == 200U);
}

BOOST_AUTO_TEST_CASE(include_all_leaves_out_inactive_users) {
  running_sim sim;
  const auto tok = sim.new_token();
  const auto all = sim.all(org_path + "/app-users?includeAll=true", tok);
  const auto def = sim.all(org_path + "/app-users", tok);
  const auto explicit_false = sim.all(org_path + "/app-users?includeAll=false", tok);
  BOOST_TEST(def.size() < all.size());
  BOOST_TEST(def.size() == explicit_false.size());
  std::size_t deactivated = 0, never = 0;
  for (const auto& u : all) {
    deactivated += u.as_object().contains("deactivatedAt") ? 1U : 0U;
    never += u.as_object().contains("lastActivityAt") ? 0U : 1U;
  }
  BOOST_TEST(deactivated > 0U);
  BOOST_TEST(never > 0U);
  for (const auto& u : def) {
    BOOST_TEST(!u.as_object().contains("deactivatedAt"));
    BOOST_TEST(u.as_object().contains("lastActivityAt"));
  }
  require_goa_error(sim.get(org_path + "/app-users?includeAll=yes", tok), 400);
}

BOOST_AUTO_TEST_CASE(filter_by_managed_app_matches_the_app_endpoint) {
  running_sim sim;
  const auto tok = sim.new_token();
  const auto apps = sim.all(org_path + "/managed-apps?view=extended", tok);
  for (std::size_t i : {std::size_t{0}, std::size_t{3}, apps.size() - 1}) {
    const auto id = str(apps[i], "id");
    const auto filtered =
        sim.all(org_path + "/app-users?includeAll=true&filter=managedAppId%20eq%20" + id, tok);
    const auto by_app =
        sim.all(org_path + "/managed-apps/" + id + "/app-users?includeAll=true", tok);
    BOOST_TEST(filtered.size() == by_app.size());
    BOOST_TEST(filtered.size() == apps[i].at("totalUsers").to_number<std::size_t>());
    for (const auto& u : filtered) BOOST_TEST(str(u.at("associatedManagedApp"), "id") == id);
  }
  require_goa_error(sim.get(org_path + "/app-users?filter=name%20eq%20x", tok), 400);
  require_goa_error(sim.get(org_path + "/managed-apps/a1ffffff0000000000000000/app-users", tok),
                    404);
  BOOST_TEST(sim.get(org_path + "/app-users?filter=managedAppId%20eq%20'abc'", tok)
                 .json()
                 .at("values")
                 .as_array()
                 .empty());
}

BOOST_AUTO_TEST_CASE(auth_errors_and_unknown_org) {
  running_sim sim;
  const auto tok = sim.new_token();
  require_goa_error(sim.get(org_path + "/licenses", ""), 401);
  require_goa_error(sim.get(org_path + "/licenses", "not-a-token"), 401);
  require_goa_error(sim.get("/saas/v1/orgs/99/licenses", tok), 403);
  require_goa_error(sim.get(org_path + "/managed-apps?view=bogus", tok), 400);
  auto bad = request(sim.proc.port(), http::verb::post, "/oidc/token", {},
                     "grant_type=refresh_token&refresh_token=wrong");
  BOOST_TEST(bad.status == 400U);
  BOOST_TEST(str(bad.json(), "error") == "invalid_grant");
  BOOST_TEST(bad.json().as_object().contains("error_description"));
  BOOST_TEST(bad.body.find("wrong") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(expired_token_gets_401_and_a_new_token_works) {
  running_sim sim;
  const auto tok = sim.new_token();
  BOOST_TEST(sim.get(org_path + "/licenses", tok).status == 200U);
  BOOST_TEST(request(sim.proc.port(), http::verb::post, "/_sim/expire-tokens").status == 200U);
  require_goa_error(sim.get(org_path + "/licenses", tok), 401);
  BOOST_TEST(sim.get(org_path + "/licenses", sim.new_token()).status == 200U);
  // With a zero lifetime a token is expired as soon as it is issued.
  running_sim zero({"--token-ttl", "0"});
  const auto t0 = zero.new_token();
  require_goa_error(zero.get(org_path + "/licenses", t0), 401);
}

BOOST_AUTO_TEST_CASE(client_credentials_and_revocation) {
  fsmsim::temp_dir dir;
  const auto secret_file = dir.path() / "secret";
  std::ofstream(secret_file) << "s3cret\n";
  fsmsim::simulator_process p(base_args(
      {"--client-id", "svc", "--client-secret-file", secret_file.string(), "--revoke-after", "2"}));
  const std::string ok = "grant_type=client_credentials&client_id=svc&client_secret=s3cret";
  auto r1 = request(p.port(), http::verb::post, "/oidc/token", {}, ok);
  BOOST_TEST(r1.status == 200U);
  BOOST_TEST(str(r1.json(), "token_type") == "Bearer");
  BOOST_TEST(r1.json().at("expires_in").as_int64() == 3600);
  auto wrong = request(p.port(), http::verb::post, "/oidc/token", {},
                       "grant_type=client_credentials&client_id=svc&client_secret=nope");
  BOOST_TEST(wrong.status == 401U);
  BOOST_TEST(str(wrong.json(), "error") == "invalid_client");
  BOOST_TEST(request(p.port(), http::verb::post, "/oidc/token", {}, ok).status == 200U);
  auto revoked = request(p.port(), http::verb::post, "/oidc/token", {}, ok);
  BOOST_TEST(revoked.status == 400U);
  BOOST_TEST(str(revoked.json(), "error") == "invalid_grant");
}

BOOST_AUTO_TEST_CASE(rate_limit_answers_429_with_retry_after) {
  running_sim sim({"--rate-limit", "3"});
  const auto tok = sim.new_token();
  for (int i = 2; i >= 0; --i) {
    auto r = sim.get(org_path + "/licenses", tok);
    BOOST_TEST(r.status == 200U);
    BOOST_TEST(std::string(r.headers["x-ratelimit-remaining"]) == std::to_string(i));
  }
  auto limited = sim.get(org_path + "/licenses", tok);
  require_goa_error(limited, 429);
  const auto retry = std::stoi(std::string(limited.headers[http::field::retry_after]));
  BOOST_TEST(retry >= 1);
  BOOST_TEST(retry <= 60);
  BOOST_TEST(std::string(limited.headers["x-ratelimit-remaining"]) == "0");
  const auto stats = request(sim.proc.port(), http::verb::get, "/_sim/stats").json();
  BOOST_TEST(stats.at("rateLimited").to_number<std::uint64_t>() == 1U);
  BOOST_TEST(stats.at("tokensIssued").to_number<std::uint64_t>() == 1U);
}

BOOST_AUTO_TEST_CASE(oversized_request_is_refused) {
  running_sim sim;
  auto r = request(sim.proc.port(), http::verb::post, "/oidc/token", {}, std::string(100000, 'a'));
  BOOST_TEST((r.status == 413U || r.dropped));
}

BOOST_AUTO_TEST_SUITE_END()
