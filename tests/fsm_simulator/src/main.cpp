// fsm-simulator: the FSM SaaS API simulator (see docs/fsm-simulator.md).
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>

#include "cli_options.hpp"
#include "ids.hpp"
#include "server.hpp"
#include "tenant_dir.hpp"
#include "tenant_generated.hpp"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a client hanging up must not kill the server
  int exit_code = 0;
  auto opts = fsmsim::parse_cli(argc, argv, exit_code);
  if (!opts) return exit_code;
  try {
    std::unique_ptr<fsmsim::tenant> tenant;
    if (opts->tenant_dir) {
      std::optional<fsmsim::days_t> ref;
      if (opts->reference_date) ref = fsmsim::parse_date(*opts->reference_date);
      tenant = fsmsim::load_tenant_dir(*opts->tenant_dir, opts->generator.org, ref);
    } else {
      tenant = fsmsim::make_generated_tenant(opts->generator);
    }
    if (opts->dump_dir) {
      fsmsim::dump_tenant_dir(*tenant, *opts->dump_dir);
      return 0;
    }
    if (opts->creds.refresh_token.empty() && opts->creds.client_id.empty()) {
      std::cerr << "fsm-simulator: warning: no credential configured; the token endpoint will "
                   "refuse every request (see --refresh-token-file, --client-id)\n";
    }
    fsmsim::server_state state(*tenant, opts->creds, std::chrono::seconds(opts->token_ttl),
                               opts->revoke_after, opts->rate_limit,
                               fsmsim::mix64(opts->generator.seed ^ 0x5eedULL), opts->page_size);
    for (auto& f : opts->faults) state.faults.add(std::move(f));
    fsmsim::run_server(state, opts->server, [](const std::string& url) {
      std::printf("fsm-simulator listening on %s\n", url.c_str());
      std::fflush(stdout);
    });
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "fsm-simulator: " << e.what() << "\n";
    return 1;
  }
}
