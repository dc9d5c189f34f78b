// Tenant content: determinism, the awkward cases, directory round trip, HTTPS.
#include <fstream>

#include "sim_fixture.hpp"

using namespace simtest;

namespace {

std::vector<std::string> sample_targets() {
  return {org_path + "/managed-apps",
          org_path + "/managed-apps?view=licenseUsage",
          org_path + "/managed-apps?view=extended",
          org_path + "/licenses",
          org_path + "/app-users",
          org_path + "/app-users?includeAll=true",
          org_path + "/app-users?includeAll=true&view=minimal"};
}

// Every page of every sample list, concatenated.
std::string everything(const running_sim& sim) {
  const auto tok = sim.new_token();
  std::string out;
  for (const auto& t : sample_targets()) {
    std::string next = t;
    while (!next.empty()) {
      auto r = sim.get(next, tok);
      BOOST_REQUIRE_EQUAL(r.status, 200U);
      out += r.body;
      out += '\n';
      const auto v = r.json();
      const auto* np = v.as_object().if_contains("nextPage");
      next = np ? std::string(np->as_string()) : std::string();
    }
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tenant)

BOOST_AUTO_TEST_CASE(same_seed_same_bytes) {
  const auto a = everything(running_sim({"--seed", "11"}));
  const auto b = everything(running_sim({"--seed", "11"}));
  const auto c = everything(running_sim({"--seed", "12"}));
  BOOST_TEST(a.size() > 10000U);
  BOOST_TEST((a == b));
  BOOST_TEST((a != c));
}

BOOST_AUTO_TEST_CASE(dump_then_load_serves_identical_responses) {
  fsmsim::temp_dir dir;
  const auto d = (dir.path() / "tenant").string();
  BOOST_REQUIRE_EQUAL(fsmsim::run_simulator_to_exit(base_args({"--seed", "5", "--dump-tenant", d})),
                      0);
  for (const char* f : {"managed-apps.json", "licenses.json", "app-users.json", "summary.json"}) {
    BOOST_TEST(std::filesystem::exists(std::filesystem::path(d) / f), f);
  }
  const auto generated = everything(running_sim({"--seed", "5"}));
  const auto loaded = everything(running_sim({"--seed", "5", "--tenant-dir", d}));
  BOOST_TEST((generated == loaded));
}

BOOST_AUTO_TEST_CASE(awkward_cases_are_present_in_a_small_tenant) {
  running_sim sim({"--apps", "5", "--users-per-app", "3", "--licenses-per-app", "1"});
  const auto tok = sim.new_token();
  const auto apps = sim.all(org_path + "/managed-apps?view=extended", tok);
  const auto lics = sim.all(org_path + "/licenses", tok);
  const auto users = sim.all(org_path + "/app-users?includeAll=true", tok);
  bool o365 = false, m365 = false;
  for (const auto& a : apps) {
    o365 |= str(a, "vendorName") == "Microsoft" &&
            str(a, "appName").find("Office 365") != std::string::npos;
    m365 |= str(a, "vendorName") == "Microsoft" &&
            str(a, "appName").find("Microsoft 365") != std::string::npos;
  }
  BOOST_TEST(o365);
  BOOST_TEST(m365);
  std::set<std::string> term_ids, types, currencies;
  bool unlimited = false, hidden = false, inactive = false, two_apps = false, no_puc = false,
       puc = false, open_ended = false;
  for (const auto& l : lics) {
    two_apps |= l.at("associatedManagedApps").as_array().size() == 2;
    for (const auto& t : l.at("terms").as_array()) {
      const auto& o = t.as_object();
      term_ids.insert(str(t, "id"));
      types.insert(str(t, "termType"));
      unlimited |= o.at("isUnlimited").as_bool();
      hidden |= o.at("hidden").as_bool();
      inactive |= !o.at("isActive").as_bool();
      puc |= o.contains("perUserCost");
      no_puc |= !o.contains("perUserCost");
      open_ended |= !o.contains("endsAt");
      for (const auto& p : o.at("termPayments").as_array()) currencies.insert(str(p, "currency"));
    }
  }
  BOOST_TEST(unlimited);
  BOOST_TEST(hidden);
  BOOST_TEST(inactive);
  BOOST_TEST(two_apps);
  BOOST_TEST(puc);
  BOOST_TEST(no_puc);
  BOOST_TEST(open_ended);
  BOOST_TEST(types.count("perOrg") == 1U);
  BOOST_TEST(types.count("perNode") == 1U);
  BOOST_TEST(currencies.size() >= 2U);
  bool unknown_term = false, no_alloc = false, no_email = false, external = false,
       deactivated = false, no_activity = false;
  std::map<std::string, std::set<std::string>> apps_of_person;
  for (const auto& u : users) {
    const auto& o = u.as_object();
    const auto& allocs = o.at("licensePaymentAllocations").as_array();
    no_alloc |= allocs.empty();
    for (const auto& a : allocs)
      unknown_term |= !term_ids.count(str(a.at("associatedLicenseTerm"), "id"));
    no_email |= !o.contains("email") && !str(u, "uniqueId").empty();
    external |= str(u, "email").find("@fabrikam-partner.example") != std::string::npos;
    deactivated |= o.contains("deactivatedAt");
    no_activity |= !o.contains("lastActivityAt");
    apps_of_person[str(u.at("associatedPerson"), "id")].insert(
        str(u.at("associatedManagedApp"), "id"));
  }
  BOOST_TEST(unknown_term);
  BOOST_TEST(no_alloc);
  BOOST_TEST(no_email);
  BOOST_TEST(external);
  BOOST_TEST(deactivated);
  BOOST_TEST(no_activity);
  bool both_microsoft = false;
  for (const auto& [person, a] : apps_of_person) {
    both_microsoft |= a.count(str(apps[0], "id")) && a.count(str(apps[1], "id"));
  }
  BOOST_TEST(both_microsoft);
}

BOOST_AUTO_TEST_CASE(https_with_the_test_ca_and_a_wrong_ca) {
  fsmsim::test_pki pki;
  running_sim sim({"--tls-cert", pki.server_cert.string(), "--tls-key", pki.server_key.string()});
  BOOST_TEST(sim.proc.base_url().rfind("https://127.0.0.1:", 0) == 0U);
  auto ok = request(sim.proc.port(), http::verb::post, "/oidc/token", {},
                    "grant_type=refresh_token&refresh_token=" + refresh_token,
                    "application/x-www-form-urlencoded", pki.ca_cert);
  BOOST_TEST(ok.status == 200U);
  BOOST_CHECK_THROW(request(sim.proc.port(), http::verb::post, "/oidc/token", {}, "x=y",
                            "application/x-www-form-urlencoded", pki.other_ca_cert),
                    std::exception);
}

BOOST_AUTO_TEST_CASE(stops_cleanly_on_sigterm) {
  running_sim sim;
  const int status = sim.proc.stop();
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
