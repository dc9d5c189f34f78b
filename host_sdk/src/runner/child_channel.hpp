// The child's end of the protocol: frames buffered and written to the host in big writes, and
// the control frames the host sends back, read by a watcher thread.
#ifndef INVHOST_RUNNER_CHILD_CHANNEL_HPP
#define INVHOST_RUNNER_CHILD_CHANNEL_HPP

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

#include "runner/protocol.hpp"

namespace invhost::runner {

class child_channel {
 public:
  explicit child_channel(int data_fd) : fd_(data_fd) { buf_.reserve(flush_at + 64 * 1024); }

  // The buffer to append one frame to, and the frame's end. Only the importing thread writes
  // frames; a log line from another adapter thread takes the same lock.
  std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }
  std::string& buffer() noexcept { return buf_; }
  // Writes when the buffer is big, when urgent, or when a progress frame finds the last write
  // older than a display's patience. Writes all of it when the host must see it now.
  void frame_done(bool urgent);
  void flush();

 private:
  static constexpr std::size_t flush_at = 256 * 1024;
  int fd_;
  std::mutex mutex_;
  std::string buf_;
  std::chrono::steady_clock::time_point last_write_ = std::chrono::steady_clock::now();
};

// What the host asked over the control socket, as seen by the sink, the services and cancel.
struct control_state {
  std::atomic<bool> cancelled{false};
  std::mutex mutex;
  int32_t refused_status = 0;  // 0: the sink refused nothing
  std::string refused_message;
};

// Reads control frames until the host closes the socket; on "cancel" sets state.cancelled and
// calls on_cancel. A host that goes away cancels too. Runs on its own detached thread.
void start_control_watcher(int control_fd, control_state& state, std::function<void()> on_cancel);

}  // namespace invhost::runner

#endif
