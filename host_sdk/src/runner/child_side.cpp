// The child's body: load the adapter, run its calls, and send everything to the host as frames.
#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <invhost/adapter_loader.hpp>
#include <invhost/staging_sink.hpp>
#include <invsdk/adapter_base.hpp>
#include <new>

#include "runner/adapter_runner.hpp"
#include "runner/child_channel.hpp"
#include "runner/child_setup.hpp"
#include "runner/record_codec.hpp"

namespace invhost::runner {
namespace {

// Every adapter call site of the child, reachable from the C callbacks.
struct child_context {
  child_channel* channel = nullptr;
  control_state control;
  std::mutex connection_mutex;  // cancel() from the watcher never races close()
  std::optional<adapter_connection>* connection = nullptr;
};
child_context* ctx(void* h) {
  return static_cast<child_context*>(h);
}

void send_phase(child_context& c, phase p) {
  auto lock = c.channel->lock();
  const auto at = start_frame(c.channel->buffer(), static_cast<uint8_t>(frame_type::phase));
  wire_writer(c.channel->buffer()).integer(static_cast<uint8_t>(p));
  finish_frame(c.channel->buffer(), at);
  c.channel->frame_done(true);  // the host names the call a crash happened in
}

// --- host services ---------------------------------------------------------------------------

void svc_log(void* h, invsdk_log_level level, invsdk_str message) {
  auto& c = *ctx(h);
  std::string_view text = message.data != nullptr ? invsdk::from_c(message) : std::string_view{};
  if (text.size() > 4096) text = text.substr(0, 4096);
  auto lock = c.channel->lock();
  auto& buf = c.channel->buffer();
  const auto at = start_frame(buf, static_cast<uint8_t>(frame_type::log));
  wire_writer w(buf);
  w.integer(static_cast<int32_t>(level));
  w.text(text);
  finish_frame(buf, at);
  c.channel->frame_done(level >= INVSDK_LOG_WARN);
}

void svc_progress(void* h, const invsdk_progress* p) {
  if (p == nullptr) return;
  auto& c = *ctx(h);
  const auto progress =
      invsdk::read_sized<invsdk_progress>(p, std::max<uint32_t>(p->struct_size, 4));
  auto lock = c.channel->lock();
  auto& buf = c.channel->buffer();
  const auto at = start_frame(buf, static_cast<uint8_t>(frame_type::progress));
  wire_writer w(buf);
  w.integer(progress.stream);
  w.integer(progress.records_done);
  w.integer(progress.records_total);
  w.integer(progress.pages_done);
  w.integer(progress.requests_done);
  w.integer(progress.retries_done);  // zero when the adapter's struct_size stops short of them
  w.integer(progress.throttled_done);
  finish_frame(buf, at);
  c.channel->frame_done(false);
}

int32_t svc_cancelled(void* h) {
  return ctx(h)->control.cancelled.load() ? 1 : 0;
}

// --- the sink --------------------------------------------------------------------------------

// The host's refusal of an earlier call, if any: the adapter must stop with it.
invsdk_status refused(child_context& c, invsdk_error* error) {
  std::lock_guard guard(c.control.mutex);
  if (c.control.refused_status == 0) return INVSDK_STATUS_OK;
  return invsdk::set_error(error, c.control.refused_status, c.control.refused_message);
}

invsdk_status sink_begin(void* h, invsdk_stream_kind kind, invsdk_error* error) {
  auto& c = *ctx(h);
  if (const auto st = refused(c, error); st != INVSDK_STATUS_OK) return st;
  auto lock = c.channel->lock();
  auto& buf = c.channel->buffer();
  const auto at = start_frame(buf, static_cast<uint8_t>(frame_type::begin));
  wire_writer(buf).integer(kind);
  finish_frame(buf, at);
  c.channel->frame_done(false);
  return INVSDK_STATUS_OK;
}

invsdk_status sink_emit(void* h, invsdk_stream_kind kind, const void* records, uint64_t count,
                        uint32_t record_size, invsdk_error* error) {
  auto& c = *ctx(h);
  if (const auto st = refused(c, error); st != INVSDK_STATUS_OK) return st;
  // A batch the child cannot read safely goes as its header alone: the host's sink refuses it
  // with its own message, having read nothing.
  const bool readable = kind >= 1 && kind <= INVSDK_STREAM_KIND_COUNT && records != nullptr &&
                        count > 0 && count <= max_batch_records && record_size >= min_record_size;
  auto lock = c.channel->lock();
  auto& buf = c.channel->buffer();
  const auto at = start_frame(buf, static_cast<uint8_t>(frame_type::emit));
  wire_writer w(buf);
  w.integer(kind);
  w.integer(count);
  w.integer(record_size);
  w.integer(static_cast<uint8_t>(readable ? 1 : records == nullptr ? 0 : 2));
  if (readable) encode_batch(w, kind, records, count, record_size);
  if (!finish_frame(buf, at)) {
    buf.resize(at);
    return invsdk::set_error(error, INVSDK_STATUS_DATA,
                             fmt::format("emit: a batch of {} records is larger than {} MiB", count,
                                         max_frame_bytes / (1024 * 1024)));
  }
  c.channel->frame_done(false);
  return INVSDK_STATUS_OK;
}

invsdk_status sink_end(void* h, invsdk_stream_kind kind, invsdk_completeness completeness,
                       invsdk_str reason, invsdk_error* error) {
  auto& c = *ctx(h);
  if (const auto st = refused(c, error); st != INVSDK_STATUS_OK) return st;
  auto lock = c.channel->lock();
  auto& buf = c.channel->buffer();
  const auto at = start_frame(buf, static_cast<uint8_t>(frame_type::end));
  wire_writer w(buf);
  w.integer(kind);
  w.integer(completeness);
  encode_text(w, reason);
  finish_frame(buf, at);
  c.channel->frame_done(false);
  return INVSDK_STATUS_OK;
}

// --- the calls -------------------------------------------------------------------------------

struct outcome {
  std::string error_class;
  std::string message;
  int http = 0;
  std::string summary;
};

outcome run_calls(const child_job& job, child_context& c) {
  outcome o;
  std::optional<adapter_connection> conn;
  c.connection = &conn;
  try {
    send_phase(c, phase::load);
    const auto adapter = load_adapter(*job.info);
    send_phase(c, phase::validate);
    adapter->validate_config(*job.config);

    invsdk_host_services services{};
    services.struct_size = sizeof services;
    services.host_data = &c;
    services.log = &svc_log;
    services.progress = &svc_progress;
    services.is_cancelled = &svc_cancelled;
    send_phase(c, phase::open);
    {
      auto opened = adapter->open(*job.config, services);
      std::lock_guard guard(c.connection_mutex);
      conn.emplace(std::move(opened));
      if (c.control.cancelled.load()) conn->cancel();  // asked before there was anything to cancel
    }
    if (job.what == action::check) {
      send_phase(c, phase::check);
      o.summary = conn->check();
    } else {
      invsdk_sink sink{};
      sink.struct_size = sizeof sink;
      sink.host_data = &c;
      sink.begin_stream = &sink_begin;
      sink.emit = &sink_emit;
      sink.end_stream = &sink_end;
      send_phase(c, phase::import);
      conn->import_data(sink);
    }
  } catch (const load_error& e) {
    o = {"load", e.what(), 0, {}};
  } catch (const adapter_error& e) {
    o = {std::string(e.status_name()), e.what(), e.http_status(), {}};
  } catch (const std::exception& e) {
    o = {"internal", e.what(), 0, {}};
  }
  if (conn) {
    send_phase(c, phase::close);
    std::lock_guard guard(c.connection_mutex);
    conn.reset();
  }
  return o;
}

void out_of_memory() {
  // operator new failed under the child's address-space limit: the adapter cannot go on, and
  // the host reads this status as "ran out of memory".
  ::_exit(exit_out_of_memory);
}

}  // namespace

void child_main(const child_job& job, int data_fd, int control_fd) noexcept {
  if (!prepare_child(job.limits, data_fd, control_fd)) ::_exit(1);
  std::set_new_handler(&out_of_memory);
  try {
    static child_channel channel(data_fd);
    static child_context c;
    c.channel = &channel;
    start_control_watcher(control_fd, c.control, [] {
      std::lock_guard guard(c.connection_mutex);
      if (c.connection != nullptr && *c.connection) (*c.connection)->cancel();
    });
    const outcome o = run_calls(job, c);
    auto lock = channel.lock();
    auto& buf = channel.buffer();
    const auto at = start_frame(buf, static_cast<uint8_t>(frame_type::done));
    wire_writer w(buf);
    w.text(o.error_class);
    w.text(o.message.substr(0, 64 * 1024));
    w.integer(static_cast<int32_t>(o.http));
    w.text(o.summary.substr(0, 64 * 1024));
    finish_frame(buf, at);
    channel.flush();
  } catch (...) {
    ::_exit(1);
  }
  // No destructor runs: the host's database sessions, inherited, are the host's to close.
  ::_exit(0);
}

}  // namespace invhost::runner
