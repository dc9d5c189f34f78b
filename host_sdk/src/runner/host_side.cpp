// The host's end: fork the child, feed its frames to the sink and services, watch the clock and
// the cancel flag, and say how the child ended.
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <invhost/adapter_status.hpp>
#include <invsdk/adapter_base.hpp>
#include <system_error>

#include "runner/adapter_runner.hpp"
#include "runner/protocol.hpp"
#include "runner/record_codec.hpp"

namespace invhost::runner {
namespace {

using clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

class fd_owner {
 public:
  explicit fd_owner(int fd = -1) noexcept : fd_(fd) {}
  fd_owner(const fd_owner&) = delete;
  fd_owner& operator=(const fd_owner&) = delete;
  ~fd_owner() { reset(); }
  void reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  [[nodiscard]] int get() const noexcept { return fd_; }

 private:
  int fd_;
};

[[noreturn]] void system_failure(const char* what) {
  throw std::system_error(errno, std::generic_category(), what);
}

std::string signal_text(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  const char* text = ::strsignal(sig);
  return fmt::format("signal {} (SIG{}: {})", sig, abbrev != nullptr ? abbrev : "?",
                     text != nullptr ? text : "");
}

// Why the host stopped the child itself, if it did.
enum class stop_reason { none, timed_out, cancelled, protocol };

class host_loop {
 public:
  host_loop(const child_job& job, const host_side& host, pid_t pid, int data_fd, int control_fd)
      : job_(job),
        host_(host),
        pid_(pid),
        data_fd_(data_fd),
        control_fd_(control_fd),
        deadline_(clock::now() + job.limits.wall_clock) {}

  child_result run();

 private:
  void dispatch(uint8_t type, std::string_view payload);
  void feed_sink(invsdk_status st, invsdk_error& err);
  void send_control(control_type type, const std::string& payload);
  void stop(stop_reason why);
  bool drain(bool until_empty);  // false at end of file
  void classify(int status);

  const child_job& job_;
  const host_side& host_;
  pid_t pid_;
  int data_fd_;
  int control_fd_;
  clock::time_point deadline_;
  std::optional<clock::time_point> kill_at_;  // set when cancel() was asked for
  stop_reason stopped_ = stop_reason::none;
  std::string protocol_problem_;
  frame_splitter frames_;
  decoded_batch batch_;
  phase phase_ = phase::starting;
  bool done_ = false;
  int32_t refused_ = 0;
  child_result result_;
};

void host_loop::send_control(control_type type, const std::string& payload) {
  std::string buf;
  const auto at = start_frame(buf, static_cast<uint8_t>(type));
  buf += payload;
  finish_frame(buf, at);
  // A child that is gone or not reading is dealt with by the clock, never by blocking here.
  (void)::send(control_fd_, buf.data(), buf.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

void host_loop::stop(stop_reason why) {
  if (stopped_ == stop_reason::none) stopped_ = why;
  ::kill(-pid_, SIGKILL);  // its group: whatever it started goes too
  ::kill(pid_, SIGKILL);
}

void host_loop::feed_sink(invsdk_status st, invsdk_error& err) {
  if (st != INVSDK_STATUS_OK && refused_ == 0) {
    refused_ = st;
    result_.error_class = std::string(status_name(st));
    result_.message = err.message != nullptr ? err.message : "the sink refused the call";
    result_.http_status = err.http_status;
    std::string payload;
    wire_writer w(payload);
    w.integer(st);
    w.text(result_.message);
    send_control(control_type::refused, payload);
  }
  if (err.release != nullptr) err.release(&err);
}

void host_loop::dispatch(uint8_t type, std::string_view payload) {
  wire_reader in(payload);
  const invsdk_sink* sink = host_.sink;
  invsdk_error err{};
  err.struct_size = sizeof err;
  switch (static_cast<frame_type>(type)) {
    case frame_type::phase:
      phase_ = static_cast<phase>(in.integer<uint8_t>());
      if (phase_ == phase::import) result_.import_started = clock::now();
      return;
    case frame_type::log: {
      const auto level = in.integer<int32_t>();
      const auto text = in.text();
      if (host_.log) host_.log(level, text);
      return;
    }
    case frame_type::progress: {
      auto p = invsdk::make_record<invsdk_progress>();
      p.stream = in.integer<int32_t>();
      p.records_done = in.integer<uint64_t>();
      p.records_total = in.integer<int64_t>();
      p.pages_done = in.integer<uint64_t>();
      p.requests_done = in.integer<uint64_t>();
      p.retries_done = in.integer<uint64_t>();
      p.throttled_done = in.integer<uint64_t>();
      if (host_.progress) host_.progress(p);
      return;
    }
    case frame_type::begin: {
      const auto kind = in.integer<int32_t>();
      if (sink != nullptr && refused_ == 0)
        feed_sink(sink->begin_stream(sink->host_data, kind, &err), err);
      return;
    }
    case frame_type::emit: {
      const auto kind = in.integer<int32_t>();
      const auto count = in.integer<uint64_t>();
      const auto record_size = in.integer<uint32_t>();
      const auto encoded = in.integer<uint8_t>();
      if (sink == nullptr || refused_ != 0) return;
      if (encoded == 1) {
        batch_.decode(in, kind, count);
        feed_sink(sink->emit(sink->host_data, kind, batch_.records(), batch_.count(),
                             batch_.record_size(), &err),
                  err);
      } else {
        // Not readable by the child; the sink refuses it from kind, count and size alone.
        static const std::array<unsigned char, 8> unread{};
        feed_sink(sink->emit(sink->host_data, kind, encoded == 0 ? nullptr : unread.data(), count,
                             record_size, &err),
                  err);
      }
      return;
    }
    case frame_type::end: {
      const auto kind = in.integer<int32_t>();
      const auto completeness = in.integer<int32_t>();
      const invsdk_str reason = decode_text(in);
      if (sink != nullptr && refused_ == 0)
        feed_sink(sink->end_stream(sink->host_data, kind, completeness, reason, &err), err);
      return;
    }
    case frame_type::done: {
      const std::string error_class(in.text());
      const std::string message(in.text());
      const auto http = in.integer<int32_t>();
      result_.summary = std::string(in.text());
      done_ = true;
      if (refused_ == 0) {  // a refusal of the sink is the cause; the adapter only relayed it
        result_.error_class = error_class;
        result_.message = message;
        result_.http_status = http;
      }
      return;
    }
  }
  throw protocol_error(fmt::format("an unknown frame type {}", type));
}

bool host_loop::drain(bool until_empty) {
  // One read at a time while the child lives: a child that writes faster than the sink stores
  // must not keep the loop from its clock and the cancel flag.
  do {
    const long n = frames_.read_from(data_fd_, 1024 * 1024);
    if (n == 0) return false;
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;  // open, nothing more for now
    uint8_t type = 0;
    std::string_view payload;
    while (frames_.next(type, payload)) dispatch(type, payload);
  } while (until_empty);
  return true;
}

child_result host_loop::run() {
  const long pidfd = ::syscall(SYS_pidfd_open, pid_, 0);
  if (pidfd < 0) system_failure("pidfd_open");
  const fd_owner pid_owner(static_cast<int>(pidfd));
  bool data_open = true;
  bool exited = false;
  bool cancel_sent = false;
  while (!exited) {
    const auto now = clock::now();
    if (!cancel_sent && host_.cancel_flag != nullptr && host_.cancel_flag->load()) {
      cancel_sent = true;
      send_control(control_type::cancel, {});
      kill_at_ = now + job_.limits.cancel_grace;
    }
    if (now >= deadline_)
      stop(stop_reason::timed_out);
    else if (kill_at_ && now >= *kill_at_)
      stop(stop_reason::cancelled);

    std::array<pollfd, 2> fds{{{static_cast<int>(pidfd), POLLIN, 0}, {data_fd_, POLLIN, 0}}};
    // Short waits: a signal that sets the cancel flag may land just before poll() starts.
    const int n = ::poll(fds.data(), data_open ? 2 : 1, 100);
    if (n < 0 && errno != EINTR) system_failure("poll");
    try {
      if (data_open && n > 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) != 0)
        data_open = drain(false);
      if (n > 0 && (fds[0].revents & POLLIN) != 0) {
        exited = true;
        // What it wrote before it ended, unless the host stopped it: then nothing more counts.
        if (data_open && stopped_ == stop_reason::none) data_open = drain(true);
      }
    } catch (const protocol_error& e) {
      protocol_problem_ = e.what();
      stop(stop_reason::protocol);
      data_open = false;
    }
  }
  ::kill(-pid_, SIGKILL);  // anything it left behind in its group (the group id is still reserved)
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  result_.ended = clock::now();
  classify(status);
  return result_;
}

void host_loop::classify(int status) {
  const std::string during = fmt::format("during {}", phase_name(phase_));
  if (stopped_ == stop_reason::timed_out) {
    result_.error_class = "adapter timed out";
    result_.message = fmt::format(
        "the adapter did not finish within {} s (import_timeout_seconds); its process was "
        "killed with SIGKILL {}",
        job_.limits.wall_clock.count(), during);
  } else if (stopped_ == stop_reason::cancelled) {
    result_.error_class = "cancelled";
    result_.message = fmt::format(
        "cancelled; the adapter did not stop within {} ms of cancel(), so its process was "
        "killed with SIGKILL {}",
        job_.limits.cancel_grace.count(), during);
  } else if (stopped_ == stop_reason::protocol) {
    result_.error_class = "adapter crashed";
    result_.message = fmt::format(
        "the adapter's process broke the host protocol ({}) {}; it was killed with SIGKILL",
        protocol_problem_, during);
  } else if (WIFSIGNALED(status)) {
    result_.error_class = "adapter crashed";
    result_.message = fmt::format("the adapter's process was killed by {} {}",
                                  signal_text(WTERMSIG(status)), during);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == exit_out_of_memory) {
    result_.error_class = "adapter crashed";
    result_.message = fmt::format(
        "the adapter ran out of memory {}: its process exceeded its limit of {} MiB "
        "(adapter_memory_mib)",
        during, job_.limits.memory_mib);
  } else if (!done_) {
    result_.error_class = "adapter crashed";
    result_.message =
        fmt::format("the adapter's process exited with status {} {} before it finished",
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1, during);
  } else {
    return;  // the adapter's own answer (or the sink's refusal) stands
  }
  result_.http_status = 0;
  result_.summary.clear();
}

}  // namespace

child_result run_in_child(const child_job& job, const host_side& host) {
  std::array<int, 2> data{-1, -1};
  std::array<int, 2> control{-1, -1};
  if (::pipe2(data.data(), O_CLOEXEC) != 0) system_failure("pipe2");
  fd_owner data_read(data[0]);
  fd_owner data_write(data[1]);
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, control.data()) != 0)
    system_failure("socketpair");
  fd_owner control_host(control[0]);
  fd_owner control_child(control[1]);
  // Fewer, bigger writes and reads; the default 64 KiB would split most flushes.
  (void)::fcntl(data[1], F_SETPIPE_SZ, 1024 * 1024);

  std::fflush(nullptr);  // nothing buffered in stdio may be written twice
  const pid_t pid = ::fork();
  if (pid < 0) system_failure("fork");
  if (pid == 0) {
    ::close(data[0]);
    ::close(control[0]);
    child_main(job, data[1], control[1]);
  }
  ::setpgid(pid, pid);  // also done by the child: whichever runs first, the group exists
  data_write.reset();
  control_child.reset();
  (void)::fcntl(data[0], F_SETFL, ::fcntl(data[0], F_GETFL) | O_NONBLOCK);
  host_loop loop(job, host, pid, data[0], control[0]);
  return loop.run();
}

}  // namespace invhost::runner
