// The simulator's command line (documented in docs/fsm-simulator.md).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "faults.hpp"
#include "server.hpp"
#include "tenant_generated.hpp"
#include "token_store.hpp"

namespace fsmsim {

struct cli_options {
  server_options server;
  generator_params generator;
  std::optional<std::string> reference_date;  // YYYY-MM-DD
  std::optional<std::filesystem::path> tenant_dir;
  std::optional<std::filesystem::path> dump_dir;
  credentials creds;
  std::size_t page_size = 100;
  std::int64_t token_ttl = 3600;
  std::uint64_t rate_limit = 0;
  std::uint64_t revoke_after = 0;
  std::vector<fault_spec> faults;
};

// Parses argv (and FSM_SIM_* environment variables). Returns nullopt after printing help or an
// error; `exit_code` then holds the code to exit with.
std::optional<cli_options> parse_cli(int argc, char** argv, int& exit_code);

}  // namespace fsmsim
