#include <csignal>
#include <invhost/cancellation.hpp>

namespace invhost {
namespace {
std::atomic<bool> flag{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");
extern "C" void on_stop_signal(int /*signal*/) {
  flag.store(true);
}
}  // namespace

std::atomic<bool>& cancel_requested() noexcept {
  return flag;
}

void install_cancel_signals() {
  struct sigaction sa {};
  sa.sa_handler = &on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

}  // namespace invhost
