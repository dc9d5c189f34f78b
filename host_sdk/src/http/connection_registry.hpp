// The live connections of one server, each with a deadline that a watchdog thread enforces by
// shutting the socket down: a blocked read or write on it then returns with an error. This is
// how blocking, thread-per-connection I/O gets per-request time limits.
#ifndef INVHOST_HTTP_CONNECTION_REGISTRY_HPP
#define INVHOST_HTTP_CONNECTION_REGISTRY_HPP

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

namespace invhost::http::detail {

class connection_registry {
 public:
  using clock = std::chrono::steady_clock;

  connection_registry();
  ~connection_registry();
  connection_registry(const connection_registry&) = delete;
  connection_registry& operator=(const connection_registry&) = delete;

  // Registers a socket if fewer than limit are live; 0 when full (or stopping).
  std::uint64_t add(int fd, std::size_t limit);
  void remove(std::uint64_t id);
  [[nodiscard]] std::size_t live() const;
  // The socket is shut down if still armed after timeout.
  void arm(std::uint64_t id, std::chrono::milliseconds timeout);
  void disarm(std::uint64_t id);
  // Marks a connection as waiting for its next request, which stop() may cut at once. Returns
  // false (and does not mark) when stopping: the connection should close instead.
  bool enter_idle(std::uint64_t id);
  void leave_idle(std::uint64_t id);
  [[nodiscard]] bool stopping() const;

  // Stops admitting, shuts idle connections down, waits up to grace for the rest, then shuts
  // them down too and waits until every connection is removed.
  void stop(std::chrono::milliseconds grace);

 private:
  struct slot {
    int fd;
    clock::time_point deadline;
    bool idle = false;
  };
  void watch();
  static void cut(int fd);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::uint64_t, slot> slots_;
  std::uint64_t next_id_ = 1;
  bool stopping_ = false;
  bool closing_ = false;  // the watchdog itself ends
  std::thread watchdog_;
};

}  // namespace invhost::http::detail

#endif
