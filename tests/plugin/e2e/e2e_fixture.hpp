// Shared set-up of the end-to-end tests: test PKI, a credential file, a simulator per test, the
// adapter's config, and an import into a recording sink.
#ifndef FSM_E2E_FIXTURE_HPP
#define FSM_E2E_FIXTURE_HPP

#include <boost/json/value.hpp>
#include <fsmsim/process.hpp>
#include <invsdk_test/config_of.hpp>
#include <invsdk_test/loaded_adapter.hpp>
#include <invsdk_test/recording_host.hpp>
#include <invsdk_test/recording_sink.hpp>
#include <memory>
#include <string>
#include <vector>

namespace e2e {

inline constexpr const char* org = "4242";
inline constexpr const char* refresh_token = "rt-9f8e7d6c5b4a-e2e-secret";

// The throwaway CA and certificates, made once per test run.
const fsmsim::test_pki& pki();

// The tenant every test serves (seeded, small, several pages per list).
std::vector<std::string> tenant_args();

// Starts the simulator over HTTPS with tenant_args(), the e2e refresh token and extra args.
std::unique_ptr<fsmsim::simulator_process> start_simulator(std::vector<std::string> extra = {},
                                                           bool other_ca_certificate = false);

// The adapter's settings for a simulator: fast retries, generous pacing.
invsdk_test::owned_config config_for(const fsmsim::simulator_process& sim);

// The loaded adapter (once per test run).
const invsdk_test::loaded_adapter& adapter();

struct import_outcome {
  invsdk_test::call_result result;
  std::unique_ptr<invsdk_test::recording_sink> sink =
      std::make_unique<invsdk_test::recording_sink>();
  std::unique_ptr<invsdk_test::recording_host> host =
      std::make_unique<invsdk_test::recording_host>();
};

// open + import_data with config; the open must succeed.
import_outcome run_import(const invsdk_test::owned_config& config);

// GET (or POST when body is given) on the simulator's admin or token endpoints; parsed JSON.
boost::json::value sim_call(const fsmsim::simulator_process& sim, const std::string& target,
                            const std::string* form_body = nullptr, bool other_ca = false);

// Every text the adapter handed back: log lines, error message.
std::vector<std::string> captured_texts(const import_outcome& o);

}  // namespace e2e

#endif  // FSM_E2E_FIXTURE_HPP
