// Runs the real invhost binary (INVHOST_BINARY) with a home folder, for the end-to-end suites.
#ifndef INVHOST_TESTS_RECONCILE_INVHOST_CLI_HPP
#define INVHOST_TESTS_RECONCILE_INVHOST_CLI_HPP

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace invtest {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A copy of an example folder's files, for a test to edit or import.
inline void copy_example(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::create_directories(to);
  for (const auto& f : std::filesystem::directory_iterator(from))
    std::filesystem::copy_file(f.path(), to / f.path().filename());
}

struct cli_result {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs invhost with --home; arguments are fixed test text (no shell metacharacters).
inline cli_result run_invhost(const std::filesystem::path& home, const std::string& args) {
  const std::filesystem::path out = home / "stdout.txt", err = home / "stderr.txt";
  const std::string cmd = std::string("'") + INVHOST_BINARY + "' --home '" + home.string() + "' " +
                          args + " > '" + out.string() + "' 2> '" + err.string() + "' < /dev/null";
  const int status = std::system(cmd.c_str());  // NOLINT(concurrency-mt-unsafe)
  cli_result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

}  // namespace invtest

#endif
