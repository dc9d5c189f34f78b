// Throwaway certificates for TLS tests, made with the openssl command-line tool.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "fsmsim/process.hpp"

extern char** environ;

namespace fsmsim {
namespace {

// Runs openssl with `args` (no shell); output goes to `log`. Throws with the log on failure.
void openssl(std::vector<std::string> args, const std::filesystem::path& log) {
  args.insert(args.begin(), "openssl");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, "openssl", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("test_pki: cannot run openssl");
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    throw std::runtime_error("test_pki: openssl " + args[1] + " failed:\n" + text.str());
  }
}

void make_ca(const std::filesystem::path& dir, const std::string& name,
             const std::filesystem::path& log) {
  openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
           "-keyout", (dir / (name + ".key")).string(), "-out", (dir / (name + ".pem")).string(),
           "-days", "3", "-subj", "/CN=" + name + " test CA", "-addext",
           "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"},
          log);
}

void make_server(const std::filesystem::path& dir, const std::string& ca, const std::string& name,
                 const std::filesystem::path& log) {
  const auto ext = dir / (name + ".ext");
  std::ofstream(ext) << "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                        "basicConstraints=CA:FALSE\n"
                        "keyUsage=critical,digitalSignature,keyEncipherment\n"
                        "extendedKeyUsage=serverAuth\n";
  openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
           (dir / (name + ".key")).string(), "-out", (dir / (name + ".csr")).string(), "-subj",
           "/CN=127.0.0.1"},
          log);
  openssl(
      {"x509", "-req", "-in", (dir / (name + ".csr")).string(), "-CA",
       (dir / (ca + ".pem")).string(), "-CAkey", (dir / (ca + ".key")).string(), "-CAcreateserial",
       "-out", (dir / (name + ".pem")).string(), "-days", "3", "-extfile", ext.string()},
      log);
}

}  // namespace

temp_dir::temp_dir(const std::string& prefix) {
  std::random_device rd;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::ostringstream name;
    name << prefix << '-' << ::getpid() << '-' << std::hex << rd() << rd();
    auto candidate = base / name.str();
    std::error_code ec;
    if (std::filesystem::create_directory(candidate, ec)) {
      std::filesystem::permissions(candidate, std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::replace, ec);
      path_ = std::move(candidate);
      return;
    }
  }
  throw std::runtime_error("temp_dir: cannot create a directory under " + base.string());
}

temp_dir::~temp_dir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

test_pki::test_pki() {
  const auto d = dir_.path();
  const auto log = d / "openssl.log";
  make_ca(d, "ca", log);
  make_server(d, "ca", "server", log);
  make_ca(d, "other-ca", log);
  make_server(d, "other-ca", "other-server", log);
  ca_cert = d / "ca.pem";
  server_cert = d / "server.pem";
  server_key = d / "server.key";
  other_ca_cert = d / "other-ca.pem";
  other_server_cert = d / "other-server.pem";
  other_server_key = d / "other-server.key";
}

}  // namespace fsmsim
