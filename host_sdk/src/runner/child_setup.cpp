// Limits and descriptors of an adapter's child process.
#include "runner/child_setup.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <invhost/host_log.hpp>

namespace invhost::runner {
namespace {

void close_all_but(int a, int b) {
  const int lo = std::min(a, b);
  const int hi = std::max(a, b);
  if (lo > 3) ::close_range(3, static_cast<unsigned>(lo) - 1, 0);
  if (hi > lo + 1) ::close_range(static_cast<unsigned>(lo) + 1, static_cast<unsigned>(hi) - 1, 0);
  ::close_range(static_cast<unsigned>(hi) + 1, ~0U, 0);
}

void set_limit(int resource, rlim_t soft, rlim_t hard) {
  const rlimit r{soft, hard};
  ::setrlimit(resource, &r);
}

}  // namespace

bool prepare_child(const isolation_limits& limits, int data_fd, int control_fd) noexcept {
  const pid_t host = ::getppid();
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != host) return false;  // the host died before the line above
  ::setpgid(0, 0);  // its own group: the host kills it and its children at once

  // The host's handlers are not the adapter's: a fault must end the child (a test framework's
  // handler would carry on running the host's code in it), and a host that went away (SIGPIPE)
  // ends it too. SIGINT and SIGTERM are the host's to act on: it asks for cancel() itself.
  struct sigaction deflt {};
  deflt.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig)
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &deflt, nullptr);
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGINT, &ignore, nullptr);
  ::sigaction(SIGTERM, &ignore, nullptr);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  // The host's log file stays the host's: closed here while its descriptor is still the file's.
  configure_host_log(log_level::off, false, std::nullopt);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd >= 0) {
    ::dup2(null_fd, STDIN_FILENO);
    ::close(null_fd);
  }
  ::dup2(STDERR_FILENO,
         STDOUT_FILENO);  // an adapter's stray printf must not reach the host's output
  close_all_but(data_fd, control_fd);

  // Secrets in the resolved settings must not end up in a core file or be read by ptrace.
  ::prctl(PR_SET_DUMPABLE, 0);
  set_limit(RLIMIT_CORE, 0, 0);
#if !defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer reserves terabytes of address space up front: no such limit in its builds.
  if (limits.memory_mib > 0) {
    const rlim_t bytes = static_cast<rlim_t>(limits.memory_mib) * 1024 * 1024;
    set_limit(RLIMIT_AS, bytes, bytes);
  }
#endif
  // A spinning adapter is stopped by the wall clock already; the CPU limit is a second line for
  // when the host itself cannot act. All cores busy for the whole wall-clock limit is the most an
  // honest adapter can use (SIGXCPU at the soft limit, SIGKILL at the hard one).
  const long cores = std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN));
  const auto cpu = static_cast<rlim_t>(limits.wall_clock.count()) * static_cast<rlim_t>(cores) + 1;
  set_limit(RLIMIT_CPU, cpu, cpu + 5);
  return true;
}

}  // namespace invhost::runner
