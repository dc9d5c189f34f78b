// The bounds an adapter's child process runs under.
#ifndef INVHOST_ISOLATION_LIMITS_HPP
#define INVHOST_ISOLATION_LIMITS_HPP

#include <chrono>
#include <cstdint>

namespace invhost {

struct isolation_limits {
  // Wall-clock time for the whole of the adapter's work in one run or check (load, open, import);
  // past it the child is killed and the run fails as "adapter timed out".
  std::chrono::seconds wall_clock{6 * 3600};
  // Address space of the child, MiB; 0 = unlimited. An adapter past it fails as "adapter crashed".
  uint64_t memory_mib = 4096;
  // How long an adapter may take to stop once cancel() was called before its process is killed:
  // short enough that SIGINT/SIGTERM end a run within 2 s.
  std::chrono::milliseconds cancel_grace{1500};
};

}  // namespace invhost

#endif
