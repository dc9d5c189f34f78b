// Imports started from the console ("run now"): each runs on a thread of its own through the
// pipeline (and so under the host lock), while the connector's page shows its progress.
#ifndef INVHOST_CONSOLE_RUN_JOBS_HPP
#define INVHOST_CONSOLE_RUN_JOBS_HPP

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace invhost::console {

// What a person sees of a run the console started.
struct job_status {
  bool running = false;
  std::string progress;  // the adapter's last progress report
  std::int64_t run_id = 0;
  std::string outcome;  // when done: what the pipeline said
};

class run_jobs {
 public:
  run_jobs() = default;
  run_jobs(const run_jobs&) = delete;
  run_jobs& operator=(const run_jobs&) = delete;
  // Asks running imports to stop, and waits for them.
  ~run_jobs();

  // Starts work(report) for the connection unless one of its jobs is running; false then.
  // report(status) updates what the page shows.
  bool start(const std::string& connection,
             std::function<void(const std::function<void(const job_status&)>& report,
                                const std::atomic<bool>& cancel)>
                 work);
  [[nodiscard]] std::optional<job_status> status(const std::string& connection) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, job_status> jobs_;
  std::vector<std::thread> threads_;
  std::atomic<bool> cancel_{false};
};

}  // namespace invhost::console

#endif
