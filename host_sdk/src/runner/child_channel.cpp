// Buffered frame writes and the control watcher of the child.
#include "runner/child_channel.hpp"

#include <unistd.h>

#include <cerrno>
#include <thread>

namespace invhost::runner {

void child_channel::frame_done(bool urgent) {
  using namespace std::chrono_literals;
  if (urgent || buf_.size() >= flush_at || std::chrono::steady_clock::now() - last_write_ >= 100ms)
    flush();
}

void child_channel::flush() {
  std::size_t done = 0;
  while (done < buf_.size()) {
    const ssize_t n = ::write(fd_, buf_.data() + done, buf_.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ::_exit(0);  // the host closed its end: nobody is left to work for
    done += static_cast<std::size_t>(n);
  }
  buf_.clear();
  last_write_ = std::chrono::steady_clock::now();
}

void start_control_watcher(int control_fd, control_state& state, std::function<void()> on_cancel) {
  std::thread([control_fd, &state, on_cancel = std::move(on_cancel)] {
    frame_splitter in;
    auto cancel = [&] {
      if (!state.cancelled.exchange(true)) on_cancel();
    };
    for (;;) {
      if (in.read_from(control_fd, 4096) <= 0) {
        cancel();
        return;
      }
      uint8_t type = 0;
      std::string_view payload;
      try {
        while (in.next(type, payload)) {
          if (type == static_cast<uint8_t>(control_type::cancel)) {
            cancel();
          } else if (type == static_cast<uint8_t>(control_type::refused)) {
            wire_reader r(payload);
            const auto status = r.integer<int32_t>();
            const auto message = r.text();
            std::lock_guard guard(state.mutex);
            if (state.refused_status == 0) {
              state.refused_message = std::string(message);
              state.refused_status = status;
            }
          }
        }
      } catch (const protocol_error&) {
        cancel();
        return;
      }
    }
  }).detach();
}

}  // namespace invhost::runner
