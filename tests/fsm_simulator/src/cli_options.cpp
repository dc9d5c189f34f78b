#include "cli_options.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>

namespace fsmsim {
namespace {

// First line of a secret file, without its line ending.
std::string read_secret_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw CLI::ValidationError("cannot read secret file " + file.string());
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.pop_back();
  }
  if (line.empty() || line.size() > 4096) {
    throw CLI::ValidationError("secret file " + file.string() + " is empty or too long");
  }
  return line;
}

}  // namespace

std::optional<cli_options> parse_cli(int argc, char** argv, int& exit_code) {
  cli_options o;
  auto& g = o.generator;
  CLI::App app{"FSM SaaS API simulator: serves a generated or loaded tenant over loopback HTTP(S)"};
  app.option_defaults()->always_capture_default();
  std::string refresh_file, secret_file;
  std::vector<std::string> fault_texts;
  std::uint16_t port = 0;
  std::string tls_cert, tls_key, tenant_dir, dump_dir;

  app.add_option("--port", port, "TCP port; 0 picks a free one");
  app.add_option("--bind", o.server.bind_address, "Address to listen on");
  app.add_option("--threads", o.server.threads, "Server threads")->check(CLI::Range(1, 64));
  app.add_option("--tls-cert", tls_cert, "PEM certificate chain: serve HTTPS");
  app.add_option("--tls-key", tls_key, "PEM private key for --tls-cert");
  app.add_option("--org", g.org, "The org id served")
      ->check(CLI::Range(std::int64_t{1}, INT64_MAX));
  app.add_option("--seed", g.seed, "Generator seed");
  app.add_option("--apps", g.apps, "Managed apps (at least 5: the fixed awkward-case apps)");
  app.add_option("--licenses-per-app", g.licenses_per_app, "Licenses per generated app");
  app.add_option("--terms-per-license", g.terms_per_license, "Terms per generated license");
  app.add_option("--people", g.people, "Distinct people (raised to the largest app)");
  app.add_option("--users-per-app", g.users_per_app, "Mean app users per app");
  app.add_option("--inactive-share", g.inactive_share, "Share of inactive/deactivated users")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--reference-date", o.reference_date,
                 "YYYY-MM-DD the tenant's dates are relative to (default: today UTC)");
  app.add_option("--tenant-dir", tenant_dir, "Serve the tenant in this directory instead");
  app.add_option("--dump-tenant", dump_dir, "Write the tenant to this directory and exit");
  app.add_option("--page-size", o.page_size, "Items per page")->check(CLI::Range(1, 10000));
  app.add_option("--token-ttl", o.token_ttl, "Access token lifetime in seconds")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{86400 * 365}));
  app.add_option("--rate-limit", o.rate_limit, "Requests per minute per org; 0: unlimited");
  app.add_option("--refresh-token", o.creds.refresh_token, "Accepted refresh token")
      ->envname("FSM_SIM_REFRESH_TOKEN")
      ->capture_default_str();
  app.add_option("--refresh-token-file", refresh_file, "File holding the accepted refresh token")
      ->envname("FSM_SIM_REFRESH_TOKEN_FILE");
  app.add_option("--client-id", o.creds.client_id, "Accepted service-account client id")
      ->envname("FSM_SIM_CLIENT_ID");
  app.add_option("--client-secret", o.creds.client_secret, "Accepted client secret")
      ->envname("FSM_SIM_CLIENT_SECRET");
  app.add_option("--client-secret-file", secret_file, "File holding the accepted client secret")
      ->envname("FSM_SIM_CLIENT_SECRET_FILE");
  app.add_option("--revoke-after", o.revoke_after,
                 "Refuse every token exchange after this many successful ones; 0: never");
  app.add_option("--fault", fault_texts, "Inject a fault (repeatable), see the docs for SPEC");

  try {
    app.parse(argc, argv);
    if (!refresh_file.empty()) o.creds.refresh_token = read_secret_file(refresh_file);
    if (!secret_file.empty()) o.creds.client_secret = read_secret_file(secret_file);
    if (!o.creds.client_id.empty() && o.creds.client_secret.empty()) {
      throw CLI::ValidationError("--client-id needs --client-secret or --client-secret-file");
    }
    for (const auto& f : fault_texts) {
      auto r = parse_fault(f);
      if (!r.spec) throw CLI::ValidationError("--fault", r.error);
      o.faults.push_back(std::move(*r.spec));
    }
    if (o.reference_date && !parse_date(*o.reference_date)) {
      throw CLI::ValidationError("--reference-date", "expected YYYY-MM-DD");
    }
  } catch (const CLI::ParseError& e) {
    exit_code = app.exit(e);
    return std::nullopt;
  }
  o.server.port = port;
  if (!tls_cert.empty()) o.server.tls_cert = tls_cert;
  if (!tls_key.empty()) o.server.tls_key = tls_key;
  if (!tenant_dir.empty()) o.tenant_dir = tenant_dir;
  if (!dump_dir.empty()) o.dump_dir = dump_dir;
  g.reference_date = o.reference_date ? *parse_date(*o.reference_date) : today_utc();
  return o;
}

}  // namespace fsmsim
