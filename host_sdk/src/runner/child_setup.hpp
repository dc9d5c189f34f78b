// The child process's surroundings, set before any adapter code is mapped.
#ifndef INVHOST_RUNNER_CHILD_SETUP_HPP
#define INVHOST_RUNNER_CHILD_SETUP_HPP

#include <invhost/isolation_limits.hpp>

namespace invhost::runner {

// Dies with the host; ignores SIGINT/SIGTERM (the host decides and tells it); stdin from
// /dev/null, stdout onto stderr; every other descriptor closed but data_fd and control_fd (the
// host's database sessions, lock and log file stay the host's); not dumpable, no core files;
// address space and CPU time bounded. Returns false when the host is already gone.
bool prepare_child(const isolation_limits& limits, int data_fd, int control_fd) noexcept;

}  // namespace invhost::runner

#endif
