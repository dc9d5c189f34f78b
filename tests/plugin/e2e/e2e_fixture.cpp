#include "e2e_fixture.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>
#include <fsm/endpoint.hpp>
#include <fsm/http_client.hpp>
#include <fstream>

namespace e2e {

const fsmsim::test_pki& pki() {
  static const fsmsim::test_pki made;
  return made;
}

std::vector<std::string> tenant_args() {
  return {"--org",
          org,
          "--seed",
          "20240611",
          "--apps",
          "9",
          "--licenses-per-app",
          "2",
          "--terms-per-license",
          "3",
          "--users-per-app",
          "12",
          "--page-size",
          "4"};
}

std::unique_ptr<fsmsim::simulator_process> start_simulator(std::vector<std::string> extra,
                                                           bool other_ca_certificate) {
  static const fsmsim::temp_dir secrets("fsm-e2e-secrets");
  const auto token_file = secrets.path() / "refresh_token";
  {
    std::ofstream out(token_file, std::ios::trunc);
    out << refresh_token;
  }
  const auto& p = pki();
  std::vector<std::string> args = tenant_args();
  // An explicit --page-size in extra replaces the default one (options are given once).
  if (std::find(extra.begin(), extra.end(), "--page-size") != extra.end())
    args.erase(args.end() - 2, args.end());
  args.insert(args.end(),
              {"--tls-cert", (other_ca_certificate ? p.other_server_cert : p.server_cert).string(),
               "--tls-key", (other_ca_certificate ? p.other_server_key : p.server_key).string(),
               "--refresh-token-file", token_file.string()});
  args.insert(args.end(), extra.begin(), extra.end());
  return std::make_unique<fsmsim::simulator_process>(args);
}

invsdk_test::owned_config config_for(const fsmsim::simulator_process& sim) {
  return invsdk_test::owned_config({{"org_id", org},
                                    {"api_url", sim.base_url()},
                                    {"token_url", sim.base_url() + "/oidc/token"},
                                    {"refresh_token", refresh_token},
                                    {"ca_file", pki().ca_cert.string()},
                                    {"requests_per_minute", "100000"},
                                    {"request_timeout_seconds", "5"},
                                    {"retry_initial_delay_ms", "20"},
                                    {"retry_max_delay_seconds", "1"}});
}

const invsdk_test::loaded_adapter& adapter() {
  static const invsdk_test::loaded_adapter loaded = invsdk_test::load_adapter(FSM_ADAPTER_PATH);
  return loaded;
}

import_outcome run_import(const invsdk_test::owned_config& config) {
  import_outcome o;
  auto opened = adapter().open(config, *o.host);
  BOOST_TEST_REQUIRE(opened.result.ok(), opened.result);
  o.result = opened.connection.import_data(*o.sink);
  return o;
}

boost::json::value sim_call(const fsmsim::simulator_process& sim, const std::string& target,
                            const std::string* form_body, bool other_ca) {
  fsm::http_client client((other_ca ? pki().other_ca_cert : pki().ca_cert).string(),
                          std::chrono::seconds(10));
  fsm::http_request req;
  req.target = target;
  if (form_body != nullptr) {
    req.post = true;
    req.body = *form_body;
    req.content_type = "application/x-www-form-urlencoded";
  }
  const auto out = client.send(fsm::parse_endpoint(sim.base_url(), "simulator"), req);
  BOOST_TEST_REQUIRE((out.failure == fsm::transport_failure::none), out.detail);
  return boost::json::parse(out.response.body);
}

std::vector<std::string> captured_texts(const import_outcome& o) {
  std::vector<std::string> texts;
  for (const auto& line : o.host->logs()) texts.push_back(line.text);
  texts.push_back(o.result.message);
  for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k)
    texts.push_back(o.sink->stream(k).reason);
  return texts;
}

}  // namespace e2e
