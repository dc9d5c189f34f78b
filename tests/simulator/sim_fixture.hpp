// Shared set-up for the simulator tests: a running simulator with a known refresh token.
#pragma once

#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <vector>

#include "fsmsim/process.hpp"
#include "http_client.hpp"

namespace simtest {

inline const std::string refresh_token = "test-refresh-token-1";
inline const std::string org_path = "/saas/v1/orgs/4242";

inline std::vector<std::string> base_args(std::vector<std::string> extra = {}) {
  std::vector<std::string> a{"--reference-date", "2025-06-01", "--page-size", "7"};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

struct running_sim {
  explicit running_sim(std::vector<std::string> extra = {})
      : proc(base_args(std::move(extra)), {{"FSM_SIM_REFRESH_TOKEN", refresh_token}}) {}

  std::string new_token() const {
    auto r = request(proc.port(), http::verb::post, "/oidc/token", {},
                     "grant_type=refresh_token&refresh_token=" + refresh_token);
    BOOST_REQUIRE_EQUAL(r.status, 200U);
    return std::string(r.json().at("access_token").as_string());
  }
  response get(const std::string& target, const std::string& token) const {
    return simtest::get(proc.port(), target, token);
  }
  // Follows nextPage from `first` and returns every value of every page.
  std::vector<boost::json::value> all(const std::string& first, const std::string& token,
                                      std::size_t* pages = nullptr) const {
    std::vector<boost::json::value> out;
    std::string next = first;
    std::size_t n = 0;
    while (!next.empty()) {
      BOOST_REQUIRE_LT(++n, 100000U);
      auto r = get(next, token);
      BOOST_REQUIRE_MESSAGE(r.status == 200, next << " -> " << r.status << " " << r.body);
      auto v = r.json();
      for (auto& e : v.at("values").as_array()) out.push_back(e);
      const auto* np = v.as_object().if_contains("nextPage");
      next = np != nullptr ? std::string(np->as_string()) : std::string();
    }
    if (pages != nullptr) *pages = n;
    return out;
  }

  fsmsim::simulator_process proc;
};

inline std::string str(const boost::json::value& v, const char* key) {
  const auto* f = v.as_object().if_contains(key);
  return f != nullptr && f->is_string() ? std::string(f->as_string()) : std::string();
}

}  // namespace simtest
