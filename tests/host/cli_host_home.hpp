// Runs the real invhost binary in a temporary home, with the test adapters on its path and a
// secret in its environment. Shared by the command-line test files.
#ifndef INVHOST_CLI_HOST_HOME_HPP
#define INVHOST_CLI_HOST_HOME_HPP

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "test_support.hpp"

namespace invhost::test {

inline const std::string cli_secret_value = "Sekr1t-CLI-7f3a9-do-not-leak";

struct cli_result {
  int code = -1;
  std::string out;
  std::string err;
};

// One invhost process per run() with this home. `prefix` is shell text put before the command
// (e.g. "umask 022;" or "VAR=value").
class host_home {
 public:
  // The shell command that runs invhost with args, its output going to the files of this home.
  [[nodiscard]] std::string command(const std::string& args, const std::string& prefix = "") const {
    return prefix + " env INVHOST_ADAPTER_PATH='" + std::string(INVHOST_TEST_ADAPTER_DIR) +
           "' INVHOST_CLI_SECRET='" + cli_secret_value + "' '" + INVHOST_BINARY + "' --home '" +
           home().string() + "' " + args + " >'" + (dir_ / "stdout").string() + "' 2>'" +
           (dir_ / "stderr").string() + "'";
  }
  cli_result run(const std::string& args, const std::string& prefix = "") {
    const std::string cmd = command(args, prefix);
    const int status = std::system(cmd.c_str());  // NOLINT(concurrency-mt-unsafe)
    cli_result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(dir_ / "stdout");
    r.err = read_file(dir_ / "stderr");
    all_output_ += r.out + r.err;
    return r;
  }
  [[nodiscard]] std::filesystem::path home() const { return dir_ / "home"; }
  // A folder of the test's own, beside the home (source files, secrets).
  [[nodiscard]] std::filesystem::path scratch() const { return dir_.path(); }
  [[nodiscard]] const std::string& all_output() const { return all_output_; }
  // What a process started with command() has written to stderr so far.
  [[nodiscard]] std::string stderr_so_far() const { return read_file(dir_ / "stderr"); }

 private:
  temp_dir dir_;
  std::string all_output_;
};

inline bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace invhost::test

#endif
