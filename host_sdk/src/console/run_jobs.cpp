#include "run_jobs.hpp"

#include <fmt/format.h>

#include <invhost/host_log.hpp>

namespace invhost::console {

run_jobs::~run_jobs() {
  cancel_ = true;
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

bool run_jobs::start(const std::string& connection,
                     std::function<void(const std::function<void(const job_status&)>& report,
                                        const std::atomic<bool>& cancel)>
                         work) {
  const std::lock_guard lock(mutex_);
  if (auto it = jobs_.find(connection); it != jobs_.end() && it->second.running) return false;
  jobs_[connection] = job_status{true, "starting", 0, {}};
  threads_.emplace_back([this, connection, work = std::move(work)] {
    const auto report = [this, &connection](const job_status& s) {
      const std::lock_guard guard(mutex_);
      jobs_[connection] = s;
    };
    try {
      work(report, cancel_);
    } catch (const std::exception& e) {
      host_log(log_level::error,
               fmt::format("console: run of {} failed: {}", connection, e.what()));
      report(job_status{false, {}, 0, e.what()});
    }
  });
  return true;
}

std::optional<job_status> run_jobs::status(const std::string& connection) const {
  const std::lock_guard lock(mutex_);
  if (auto it = jobs_.find(connection); it != jobs_.end()) return it->second;
  return std::nullopt;
}

}  // namespace invhost::console
