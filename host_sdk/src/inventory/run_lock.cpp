#include "invhost/inventory/run_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

#include "invhost/inventory/dates.hpp"

namespace invhost::inventory {

std::optional<run_lock> run_lock::acquire(const std::filesystem::path& file,
                                          const std::string& purpose, bool wait) {
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + file.string());
  int rc = 0;
  do {
    rc = ::flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB));
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) return std::nullopt;
    throw std::system_error(err, std::generic_category(), "lock " + file.string());
  }
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  std::ostringstream who;
  who << "pid " << ::getpid() << " on " << host << " since " << now_utc_iso() << " (" << purpose
      << ")\n";
  const std::string text = who.str();
  if (::ftruncate(fd, 0) == 0) {
    [[maybe_unused]] const auto written = ::pwrite(fd, text.data(), text.size(), 0);
  }
  return run_lock(fd);
}

std::optional<run_lock> run_lock::try_acquire(const std::filesystem::path& file,
                                              const std::string& purpose) {
  return acquire(file, purpose, false);
}

run_lock run_lock::acquire_waiting(const std::filesystem::path& file, const std::string& purpose) {
  return std::move(*acquire(file, purpose, true));
}

std::string run_lock::holder(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

run_lock::run_lock(run_lock&& other) noexcept : fd_(other.fd_) {
  other.fd_ = -1;
}

run_lock& run_lock::operator=(run_lock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

run_lock::~run_lock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

}  // namespace invhost::inventory
