// Test helpers for suites that talk to the FSM API simulator: start the built `fsm-simulator`
// binary as a child process, and make throwaway TLS material with the openssl CLI.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace fsmsim {

// A running simulator child process. The constructor starts the binary with `args`, waits for its
// "fsm-simulator listening on <url>" line (up to 60 s) and throws std::runtime_error if it exits
// or prints anything else first. The destructor stops it (SIGTERM, then SIGKILL after 10 s).
// `--port 0` is added unless `args` already contains `--port`.
class simulator_process {
 public:
  using env_list = std::vector<std::pair<std::string, std::string>>;

  explicit simulator_process(std::vector<std::string> args, env_list extra_env = {});
  ~simulator_process();
  simulator_process(const simulator_process&) = delete;
  simulator_process& operator=(const simulator_process&) = delete;

  // "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT", without a trailing slash.
  const std::string& base_url() const noexcept { return base_url_; }
  std::uint16_t port() const noexcept { return port_; }
  pid_t pid() const noexcept { return pid_; }

  // Sends SIGTERM and waits; returns the exit status as from waitpid (or -1 if already reaped).
  // Idempotent.
  int stop();

  // The binary this helper starts: env FSM_SIMULATOR_BINARY if set, else the build tree's one.
  static std::filesystem::path binary_path();

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::uint16_t port_ = 0;
  std::string base_url_;
};

// Runs `fsm-simulator args...` to completion (for --dump-tenant and argument errors) and returns
// its exit status (the value of WEXITSTATUS, or 128 + signal). Output goes to the given files when
// not empty, else is inherited.
int run_simulator_to_exit(const std::vector<std::string>& args,
                          const std::filesystem::path& stdout_file = {},
                          const std::filesystem::path& stderr_file = {});

// A unique, empty directory under the system temp dir, removed with its content on destruction.
class temp_dir {
 public:
  explicit temp_dir(const std::string& prefix = "fsmsim");
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

// Throwaway PKI made with the openssl CLI in a fresh temp dir (removed on destruction):
// - ca_cert: a test CA; server_cert/server_key: signed by it, for 127.0.0.1 and localhost.
// - other_ca_cert: an unrelated CA; other_server_cert/other_server_key: a server certificate for
//   127.0.0.1/localhost signed by that unrelated CA ("wrong certificate" tests).
// Throws std::runtime_error (with openssl's output) when openssl fails.
class test_pki {
 public:
  test_pki();
  const std::filesystem::path& dir() const noexcept { return dir_.path(); }
  std::filesystem::path ca_cert;
  std::filesystem::path server_cert;
  std::filesystem::path server_key;
  std::filesystem::path other_ca_cert;
  std::filesystem::path other_server_cert;
  std::filesystem::path other_server_key;

 private:
  temp_dir dir_{"fsmsim-pki"};
};

}  // namespace fsmsim
