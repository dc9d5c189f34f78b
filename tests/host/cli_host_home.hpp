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
  cli_result run(const std::string& args, const std::string& prefix = "") {
    const auto out = dir_ / "stdout";
    const auto err = dir_ / "stderr";
    const std::string cmd =
        prefix + " env INVHOST_ADAPTER_PATH='" + std::string(INVHOST_TEST_ADAPTER_DIR) +
        "' INVHOST_CLI_SECRET='" + cli_secret_value + "' '" + INVHOST_BINARY + "' --home '" +
        home().string() + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(cmd.c_str());  // NOLINT(concurrency-mt-unsafe)
    cli_result r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    all_output_ += r.out + r.err;
    return r;
  }
  [[nodiscard]] std::filesystem::path home() const { return dir_ / "home"; }
  // A folder of the test's own, beside the home (source files, secrets).
  [[nodiscard]] std::filesystem::path scratch() const { return dir_.path(); }
  [[nodiscard]] const std::string& all_output() const { return all_output_; }

 private:
  temp_dir dir_;
  std::string all_output_;
};

inline bool contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

}  // namespace invhost::test

#endif
