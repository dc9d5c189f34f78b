// The one-run-at-a-time lock of a host (<home>/invhost.lock), as every caller of the pipeline
// takes it: a flock, so two threads of one console exclude each other as two processes do.
#ifndef INVHOST_PIPELINE_HOST_LOCK_HPP
#define INVHOST_PIPELINE_HOST_LOCK_HPP

#include <invhost/inventory/run_lock.hpp>
#include <stdexcept>
#include <string>

#include "host.hpp"

namespace invhost::pipeline {

// Another run holds the lock; what() names the holder as it wrote itself.
class host_busy : public std::runtime_error {
 public:
  explicit host_busy(const std::string& holder)
      : std::runtime_error("another invhost holds the host lock: " + holder) {}
};

// Takes the lock (waiting for it when `wait`, else throwing host_busy), then marks runs left
// running by a process that died as failed (abandoned): whoever holds the lock knows no run of
// this host is in progress. Warns on stderr when there were any.
inventory::run_lock take_host_lock(host& h, const std::string& purpose, bool wait);

}  // namespace invhost::pipeline

#endif
