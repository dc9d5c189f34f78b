// Child-process control for the simulator test helper (posix_spawn, a pipe for the start line).
#include "fsmsim/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <thread>

extern char** environ;

namespace fsmsim {
namespace {

constexpr std::string_view listening_prefix = "fsm-simulator listening on ";

std::vector<char*> to_argv(std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> merged_environment(const simulator_process::env_list& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    bool overridden = false;
    for (const auto& [k, v] : extra) {
      if (entry.size() > k.size() && entry.substr(0, k.size()) == k && entry[k.size()] == '=') {
        overridden = true;
      }
    }
    if (!overridden) env.emplace_back(entry);
  }
  for (const auto& [k, v] : extra) env.push_back(k + "=" + v);
  return env;
}

// Waits for `pid` up to `timeout`; returns the waitpid status or nullopt-like -2 on timeout.
int wait_with_timeout(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return status;
    if (r < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() >= deadline) return -2;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

std::filesystem::path simulator_process::binary_path() {
  if (const char* p = std::getenv("FSM_SIMULATOR_BINARY"); p != nullptr && *p != '\0') return p;
  return FSMSIM_BINARY;
}

simulator_process::simulator_process(std::vector<std::string> args, env_list extra_env) {
  bool has_port = false;
  for (const auto& a : args) has_port = has_port || a == "--port" || a.rfind("--port=", 0) == 0;
  std::vector<std::string> argv_strings{binary_path().string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  if (!has_port) {
    argv_strings.emplace_back("--port");
    argv_strings.emplace_back("0");
  }
  auto env_strings = merged_environment(extra_env);

  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("simulator_process: pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  auto argv = to_argv(argv_strings);
  auto envp = to_argv(env_strings);
  const int rc = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (rc != 0) {
    ::close(fds[0]);
    throw std::runtime_error("simulator_process: cannot start " + argv_strings[0] + ": " +
                             std::strerror(rc));
  }
  stdout_fd_ = fds[0];

  // Read one line; the simulator prints nothing else on stdout.
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{stdout_fd_, POLLIN, 0};
    const int pr = left.count() > 0 ? ::poll(&p, 1, static_cast<int>(left.count())) : 0;
    if (pr < 0 && errno == EINTR) continue;
    char buf[256];
    const ssize_t n = pr > 0 ? ::read(stdout_fd_, buf, sizeof buf) : 0;
    if (n <= 0 || line.size() > 4096) {
      stop();
      throw std::runtime_error("simulator_process: no listening line from the simulator (got '" +
                               line + "')");
    }
    line.append(buf, static_cast<std::size_t>(n));
  }
  line.resize(line.find('\n'));
  if (line.rfind(listening_prefix, 0) != 0) {
    stop();
    throw std::runtime_error("simulator_process: unexpected first line: " + line);
  }
  base_url_ = line.substr(listening_prefix.size());
  const auto colon = base_url_.rfind(':');
  port_ = static_cast<std::uint16_t>(std::stoul(base_url_.substr(colon + 1)));
}

simulator_process::~simulator_process() {
  stop();
}

int simulator_process::stop() {
  int status = -1;
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    status = wait_with_timeout(pid_, std::chrono::seconds(10));
    if (status == -2) {
      ::kill(pid_, SIGKILL);
      status = wait_with_timeout(pid_, std::chrono::seconds(10));
    }
    pid_ = -1;
  }
  if (stdout_fd_ >= 0) {
    ::close(stdout_fd_);
    stdout_fd_ = -1;
  }
  return status;
}

int run_simulator_to_exit(const std::vector<std::string>& args,
                          const std::filesystem::path& stdout_file,
                          const std::filesystem::path& stderr_file) {
  std::vector<std::string> argv_strings{simulator_process::binary_path().string()};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  auto argv = to_argv(argv_strings);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!stdout_file.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
  }
  if (!stderr_file.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
  }
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("run_simulator_to_exit: cannot start the simulator");
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

}  // namespace fsmsim
