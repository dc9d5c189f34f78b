// Cancellation of a running import by SIGINT/SIGTERM.
#ifndef INVHOST_CANCELLATION_HPP
#define INVHOST_CANCELLATION_HPP

#include <atomic>

namespace invhost {

// The process-wide flag that SIGINT and SIGTERM set once install_cancel_signals() ran.
std::atomic<bool>& cancel_requested() noexcept;

// Installs handlers for SIGINT and SIGTERM that set cancel_requested().
void install_cancel_signals();

}  // namespace invhost

#endif
