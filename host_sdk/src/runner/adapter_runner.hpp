// Runs one adapter's load / validate_config / open / check or import in a child process, feeding
// what it sends to the host's sink and services. The child is forked (no exec) before the library
// is loaded, so the adapter's constructors, its crashes, hangs and memory never reach the host.
// The CLI forks from its only thread. The console forks from a job thread beside its request
// threads: glibc keeps malloc and the loader usable in the child, but a lock another library held
// at that instant stays held there, and such a child ends at its wall-clock limit.
#ifndef INVHOST_RUNNER_ADAPTER_RUNNER_HPP
#define INVHOST_RUNNER_ADAPTER_RUNNER_HPP

#include <invsdk/adapter.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <invhost/isolation_limits.hpp>
#include <invhost/manifest.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace invhost::runner {

enum class action { check, import };

struct child_job {
  const manifest* info = nullptr;
  const invsdk_config* config = nullptr;  // resolved settings; the child inherits them
  action what = action::import;
  isolation_limits limits;
};

// The host's side of the services and the sink. sink is used for action::import only.
struct host_side {
  std::function<void(invsdk_log_level, std::string_view)> log;
  std::function<void(const invsdk_progress&)> progress;
  const invsdk_sink* sink = nullptr;
  const std::atomic<bool>* cancel_flag = nullptr;  // nullptr: never cancelled
};

struct child_result {
  std::string error_class;  // empty on success; a status name, "load", "adapter crashed", ...
  std::string message;      // not yet redacted
  int http_status = 0;
  std::string summary;  // check()'s summary
  // When import() was called and when the child reported its end (or was found dead).
  std::optional<std::chrono::steady_clock::time_point> import_started;
  std::chrono::steady_clock::time_point ended{};
};

// Never throws for anything the adapter does; throws std::system_error when no child can be made.
child_result run_in_child(const child_job& job, const host_side& host);

// The child's body: never returns.
[[noreturn]] void child_main(const child_job& job, int data_fd, int control_fd) noexcept;

// The exit status a child uses when the adapter ran out of memory (operator new failed).
inline constexpr int exit_out_of_memory = 86;

}  // namespace invhost::runner

#endif
