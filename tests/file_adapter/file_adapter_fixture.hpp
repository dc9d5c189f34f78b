// Shared set-up for the file-import adapter tests: the loaded library, scratch directories and a
// one-call import.
#ifndef FILE_ADAPTER_FIXTURE_HPP
#define FILE_ADAPTER_FIXTURE_HPP

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <invsdk_test/harness.hpp>
#include <memory>
#include <string>

namespace fs = std::filesystem;

inline const invsdk_test::loaded_adapter& file_adapter() {
  static const invsdk_test::loaded_adapter a = invsdk_test::load_adapter(
      invsdk_test::adapter_library(INVHOST_ADAPTER_DIR, "invsdk_file_import"));
  return a;
}

inline fs::path examples_dir(const std::string& name) {
  return fs::path(FILE_IMPORT_EXAMPLES_DIR) / name;
}

// A fresh directory removed at the end of the test; unique per process and call.
class scratch_dir {
 public:
  scratch_dir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("invhost-file-import-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  // Starts as a copy of an example directory.
  explicit scratch_dir(const fs::path& copy_of) : scratch_dir() {
    for (const auto& e : fs::directory_iterator(copy_of))
      fs::copy_file(e.path(), path_ / e.path().filename());
  }
  scratch_dir(const scratch_dir&) = delete;
  scratch_dir& operator=(const scratch_dir&) = delete;
  ~scratch_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }
  void write(const std::string& name, const std::string& content) const {
    std::ofstream out(path_ / name, std::ios::binary | std::ios::trunc);
    out << content;
  }
  void remove(const std::string& name) const { fs::remove(path_ / name); }

 private:
  fs::path path_;
};

// One import through the ABI, with everything a test may look at afterwards.
struct import_run {
  invsdk_test::recording_host host;
  invsdk_test::recording_sink sink;
  invsdk_test::call_result open;
  invsdk_test::call_result result;
};

inline std::unique_ptr<import_run> run_import(const invsdk_test::owned_config& config) {
  auto run = std::make_unique<import_run>();
  auto opened = file_adapter().open(config, run->host);
  run->open = opened.result;
  if (!opened.result.ok()) return run;
  run->result = opened.connection.import_data(run->sink);
  return run;
}

inline std::unique_ptr<import_run> run_import(const fs::path& dir,
                                              const std::string& format = "auto",
                                              const std::string& strict = "true") {
  return run_import(invsdk_test::config_of(
      {{"directory", dir.string()}, {"format", format}, {"strict", strict}}));
}

#endif  // FILE_ADAPTER_FIXTURE_HPP
