// One connection's life on its own thread: read a request within the limits, answer it (an
// asset, a refusal, or the handler), and again while the client keeps the connection alive.
// A template over the stream so plain TCP and TLS share every line.
#ifndef INVHOST_HTTP_CONNECTION_HPP
#define INVHOST_HTTP_CONNECTION_HPP

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <invhost/http/server.hpp>
#include <stdexcept>
#include <string>

#include "connection_registry.hpp"
#include "request_parsing.hpp"
#include "security_headers.hpp"

namespace invhost::http::detail {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// What a connection needs from its server.
struct connection_context {
  const server_options& options;
  const handler& on_request;
  connection_registry& registry;
  std::uint64_t id;
  bool tls;
  std::string remote_address;
};

// Logs a handler's failure without the query string (it may carry values a person typed).
void log_handler_failure(const request& req, std::string_view what) noexcept;
// The handler's call, with everything it may throw caught; returns the message when it threw.
std::optional<std::string> call_handler(const handler& on_request, const request& req,
                                        response& res) noexcept;

template <class Stream>
class stream_response final : public response {
 public:
  stream_response(Stream& stream, connection_context& ctx, bool keep_alive)
      : stream_(stream), ctx_(ctx), keep_alive_(keep_alive) {}

  void send(unsigned status, std::string_view content_type, std::string_view body,
            const header_list& headers) override {
    refuse_second();
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), 11};
    fill(res, content_type, headers);
    started_ = true;
    // 1xx, 204 and 304 have no body by definition.
    if (status != 304 && status != 204) res.body() = std::string(body);
    res.prepare_payload();
    if (status == 304) res.erase(bhttp::field::content_length);
    res.keep_alive(keep_alive_);
    ctx_.registry.arm(ctx_.id, ctx_.options.write_timeout);
    beast::error_code ec;
    bhttp::write(stream_, res, ec);
    ctx_.registry.disarm(ctx_.id);
    if (ec) failed_ = true;
  }

  void begin(unsigned status, std::string_view content_type, const header_list& headers) override {
    refuse_second();
    bhttp::response<bhttp::empty_body> res{static_cast<bhttp::status>(status), 11};
    fill(res, content_type, headers);
    started_ = true;
    res.chunked(true);
    res.keep_alive(keep_alive_);
    bhttp::response_serializer<bhttp::empty_body> serializer{res};
    ctx_.registry.arm(ctx_.id, ctx_.options.write_timeout);
    beast::error_code ec;
    bhttp::write_header(stream_, serializer, ec);
    ctx_.registry.disarm(ctx_.id);
    if (ec) failed_ = true;
    streaming_ = true;
  }

  bool write(std::string_view chunk) override {
    if (!streaming_ || ended_) throw std::logic_error("write() outside begin() ... end()");
    if (failed_) return false;
    // Many small writes (a CSV row each) become one chunk per 64 KiB: fewer syscalls and
    // chunk headers, and memory stays bounded.
    pending_.append(chunk);
    if (pending_.size() >= flush_bytes) flush();
    return !failed_;
  }

  void end() override {
    if (!streaming_ || ended_) throw std::logic_error("end() without begin()");
    flush();
    ended_ = true;
    if (failed_) return;
    ctx_.registry.arm(ctx_.id, ctx_.options.write_timeout);
    beast::error_code ec;
    boost::asio::write(stream_, bhttp::make_chunk_last(), ec);
    ctx_.registry.disarm(ctx_.id);
    if (ec) failed_ = true;
  }

  [[nodiscard]] bool started() const noexcept override { return started_; }
  [[nodiscard]] bool streaming() const noexcept { return streaming_; }
  [[nodiscard]] bool ended() const noexcept { return ended_; }
  // The connection can carry another request only if everything was written.
  [[nodiscard]] bool failed() const noexcept { return failed_; }

 private:
  static constexpr std::size_t flush_bytes = 64 * 1024;

  // Checked before anything is written, so a refused header still leaves room for the 500.
  void refuse_second() const {
    if (started_) throw std::logic_error("a response was already started for this request");
  }

  template <class Message>
  void fill(Message& res, std::string_view content_type, const header_list& headers) {
    for (const auto& [name, value] : headers) {
      check_header(name, value);
      res.insert(name, value);
    }
    if (!content_type.empty()) {
      check_header("Content-Type", content_type);
      res.set(bhttp::field::content_type, content_type);
    }
    add_security_headers(res, ctx_.tls);
  }

  void flush() {
    if (pending_.empty() || failed_) return;
    ctx_.registry.arm(ctx_.id, ctx_.options.write_timeout);
    beast::error_code ec;
    boost::asio::write(stream_, bhttp::make_chunk(boost::asio::buffer(pending_)), ec);
    ctx_.registry.disarm(ctx_.id);
    if (ec) failed_ = true;
    pending_.clear();
  }

  Stream& stream_;
  connection_context& ctx_;
  bool keep_alive_;
  bool started_ = false;
  bool streaming_ = false;
  bool ended_ = false;
  bool failed_ = false;
  std::string pending_;
};

// Answers with a short plain page from the server itself (a refusal, an error).
template <class Stream>
bool send_status(Stream& stream, connection_context& ctx, unsigned status, bool keep_alive,
                 const header_list& headers = {}) {
  stream_response<Stream> res(stream, ctx, keep_alive);
  res.send(status, "text/plain; charset=utf-8", plain_status_page(status), headers);
  return !res.failed();
}

// After a refusal, the client may still be sending what was refused: read and drop it for a
// moment, so that closing does not reset the connection before the client has read the answer.
template <class Stream>
void drain(Stream& stream, connection_context& ctx) {
  ctx.registry.arm(ctx.id, std::chrono::milliseconds(1000));
  char sink[16 * 1024];
  std::size_t total = 0;
  beast::error_code ec;
  while (total < 1024 * 1024) {
    const auto n = stream.read_some(boost::asio::buffer(sink), ec);
    if (ec) break;
    total += n;
  }
  ctx.registry.disarm(ctx.id);
}

// Why a request read failed, as the status to answer with; 0 for "just close" (the client went
// away or timed out).
unsigned status_for_read_error(const beast::error_code& ec);

// Serves requests on an established stream (TLS already handshaken) until the connection ends.
template <class Stream>
void serve_requests(Stream& stream, connection_context& ctx, beast::flat_buffer& buffer,
                    bool reject) {
  const auto& options = ctx.options;
  for (bool first = true;; first = false) {
    if (!first) {
      // Waiting for the next request on a kept-alive connection: idle, cut by stop().
      if (!ctx.registry.enter_idle(ctx.id)) return;
      if (buffer.size() == 0) {
        ctx.registry.arm(ctx.id, options.idle_timeout);
        beast::error_code ec;
        const auto n = stream.read_some(buffer.prepare(4096), ec);
        ctx.registry.disarm(ctx.id);
        ctx.registry.leave_idle(ctx.id);
        if (ec) return;
        buffer.commit(n);
      } else {
        ctx.registry.leave_idle(ctx.id);
      }
    }
    // The whole request, from its first byte, within read_timeout.
    ctx.registry.arm(ctx.id, options.read_timeout);
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(options.max_body_bytes);
    beast::error_code ec;
    bhttp::read(stream, buffer, parser, ec);
    ctx.registry.disarm(ctx.id);
    if (ec) {
      const unsigned status = status_for_read_error(ec);
      if (status != 0 && send_status(stream, ctx, status, false)) drain(stream, ctx);
      return;
    }
    if (reject) {
      send_status(stream, ctx, 503, false, {{"Retry-After", "5"}});
      return;
    }
    const bool keep_alive = parser.get().keep_alive() && !ctx.registry.stopping();
    const auto verb = parser.get().method();
    if (verb != bhttp::verb::get && verb != bhttp::verb::post) {
      send_status(stream, ctx, 405, false, {{"Allow", "GET, POST"}});
      drain(stream, ctx);
      return;
    }
    auto req = to_request(parser.release());
    if (!req) {
      send_status(stream, ctx, 400, false);
      return;
    }
    req->remote_address = ctx.remote_address;
    req->tls = ctx.tls;
    stream_response<Stream> res(stream, ctx, keep_alive);
    constexpr std::string_view assets_prefix = "/assets/";
    if (options.assets != nullptr && req->path.starts_with(assets_prefix)) {
      const auto* file = req->method == "GET"
                             ? find_asset(*options.assets, req->path.substr(assets_prefix.size()))
                             : nullptr;
      if (file != nullptr)
        serve_asset(*file, *req, res);
      else
        res.send(404, "text/plain; charset=utf-8", plain_status_page(404), {});
    } else if (auto failure = call_handler(ctx.on_request, *req, res)) {
      log_handler_failure(*req, *failure);
      if (res.started()) return;  // a half-sent response cannot become a 500: cut it
      res.send(500, "text/plain; charset=utf-8", plain_status_page(500), {});
    } else if (!res.started()) {
      log_handler_failure(*req, "the handler sent no response");
      res.send(500, "text/plain; charset=utf-8", plain_status_page(500), {});
    } else if (res.streaming() && !res.ended()) {
      res.end();
    }
    if (res.failed() || !keep_alive) return;
  }
}

}  // namespace invhost::http::detail

#endif
