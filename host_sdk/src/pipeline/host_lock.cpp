#include <fmt/format.h>

#include <invhost/host_log.hpp>
#include <invhost/pipeline/host_lock.hpp>
#include <invhost/run_history.hpp>

namespace invhost::pipeline {

namespace {

void abandon_ghost_runs(host& h) {
  if (const auto n = abandon_running_runs(h.db); n > 0)
    host_stderr(
        fmt::format("invhost: {} run(s) left running by a process that ended are now "
                    "failed (abandoned); see `invhost runs`\n",
                    n));
}

}  // namespace

inventory::run_lock take_host_lock(host& h, const std::string& purpose, bool wait) {
  const auto file = h.home / "invhost.lock";
  if (wait) {
    auto lock = inventory::run_lock::acquire_waiting(file, purpose);
    abandon_ghost_runs(h);
    return lock;
  }
  auto lock = inventory::run_lock::try_acquire(file, purpose);
  if (!lock) throw host_busy(inventory::run_lock::holder(file));
  abandon_ghost_runs(h);
  return std::move(*lock);
}

}  // namespace invhost::pipeline
