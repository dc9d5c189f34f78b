#include "connect_proxy.hpp"

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detail/base64.hpp>
#include <boost/beast/http.hpp>
#include <mutex>
#include <thread>

namespace e2e {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

std::string basic(const std::string& credentials) {
  std::string out(beast::detail::base64::encoded_size(credentials.size()), '\0');
  out.resize(beast::detail::base64::encode(out.data(), credentials.data(), credentials.size()));
  return "Basic " + out;
}

// One direction of a tunnel: reads from `from`, writes to `to`, until either ends; then closes
// both so the other direction ends too.
class pipe : public std::enable_shared_from_this<pipe> {
 public:
  pipe(std::shared_ptr<tcp::socket> from, std::shared_ptr<tcp::socket> to)
      : from_(std::move(from)), to_(std::move(to)) {}
  void start() { read(); }

 private:
  void read() {
    from_->async_read_some(asio::buffer(buffer_),
                           [self = shared_from_this()](error_code ec, std::size_t n) {
                             if (ec) return self->stop();
                             asio::async_write(*self->to_, asio::buffer(self->buffer_, n),
                                               [self](error_code wec, std::size_t) {
                                                 if (wec) return self->stop();
                                                 self->read();
                                               });
                           });
  }
  void stop() {
    error_code ignored;
    from_->close(ignored);
    to_->close(ignored);
  }
  std::shared_ptr<tcp::socket> from_, to_;
  std::array<char, 16384> buffer_{};
};

}  // namespace

struct connect_proxy::impl {
  options opts;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  std::atomic<std::size_t> requests{0};
  std::atomic<std::size_t> tunnels{0};
  mutable std::mutex mutex;
  std::string last_target;
  std::thread thread;

  struct session : std::enable_shared_from_this<session> {
    impl& owner;
    std::shared_ptr<tcp::socket> client;
    std::shared_ptr<tcp::socket> upstream;
    beast::flat_buffer buffer;
    http::request_parser<http::empty_body> parser;
    http::response<http::empty_body> answer;

    session(impl& o, tcp::socket s)
        : owner(o),
          client(std::make_shared<tcp::socket>(std::move(s))),
          upstream(std::make_shared<tcp::socket>(o.ioc)) {
      parser.header_limit(8192);
    }

    void start() {
      http::async_read(*client, buffer, parser,
                       [self = shared_from_this()](error_code ec, std::size_t) {
                         if (!ec) self->on_request();
                       });
    }

    void refuse(int status) {
      answer = {};
      answer.version(11);
      answer.result(static_cast<unsigned>(status));
      if (status == 407) answer.set(http::field::proxy_authenticate, "Basic realm=\"test\"");
      answer.set(http::field::connection, "close");
      answer.content_length(0);
      http::async_write(*client, answer, [self = shared_from_this()](error_code, std::size_t) {
        error_code ignored;
        self->client->close(ignored);
      });
    }

    void on_request() {
      const auto& req = parser.get();
      ++owner.requests;
      const std::string target(req.target());
      {
        const std::lock_guard lock(owner.mutex);
        owner.last_target = target;
      }
      if (req.method() != http::verb::connect) return refuse(405);
      if (owner.opts.refuse_with != 0) return refuse(owner.opts.refuse_with);
      if (!owner.opts.required_credentials.empty() &&
          req[http::field::proxy_authorization] != basic(owner.opts.required_credentials))
        return refuse(407);
      const auto colon = target.rfind(':');
      unsigned long port = owner.opts.tunnel_to_port;
      if (port == 0) {
        try {
          port = colon == std::string::npos ? 0 : std::stoul(target.substr(colon + 1));
        } catch (const std::exception&) {
          port = 0;
        }
      }
      if (port == 0 || port > 65535) return refuse(400);
      // Loopback only: the tests never reach beyond this machine.
      const tcp::endpoint to(asio::ip::make_address("127.0.0.1"),
                             static_cast<unsigned short>(port));
      upstream->async_connect(to, [self = shared_from_this()](error_code ec) {
        if (ec) return self->refuse(502);
        self->on_upstream();
      });
    }

    void on_upstream() {
      ++owner.tunnels;
      asio::async_write(
          *client, asio::buffer(established()),
          [self = shared_from_this()](error_code ec, std::size_t) {
            if (ec) return;
            // Bytes the client sent after its request go on first.
            auto pending =
                std::make_shared<std::string>(beast::buffers_to_string(self->buffer.data()));
            asio::async_write(*self->upstream, asio::buffer(*pending),
                              [self, pending](error_code wec, std::size_t) {
                                if (wec) return;
                                std::make_shared<pipe>(self->client, self->upstream)->start();
                                std::make_shared<pipe>(self->upstream, self->client)->start();
                              });
          });
    }

    static const std::string& established() {
      static const std::string text = "HTTP/1.1 200 Connection established\r\n\r\n";
      return text;
    }
  };

  void accept() {
    acceptor.async_accept([this](error_code ec, tcp::socket s) {
      if (ec) return;
      std::make_shared<session>(*this, std::move(s))->start();
      accept();
    });
  }
};

connect_proxy::connect_proxy() : connect_proxy(options{}) {}

connect_proxy::connect_proxy(options o) : impl_(std::make_unique<impl>()) {
  impl_->opts = std::move(o);
  impl_->accept();
  impl_->thread = std::thread([this] { impl_->ioc.run(); });
}

connect_proxy::~connect_proxy() {
  impl_->ioc.stop();
  impl_->thread.join();
}

std::string connect_proxy::url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->acceptor.local_endpoint().port());
}

std::size_t connect_proxy::connect_requests() const {
  return impl_->requests;
}
std::size_t connect_proxy::tunnels() const {
  return impl_->tunnels;
}

std::string connect_proxy::last_target() const {
  const std::lock_guard lock(impl_->mutex);
  return impl_->last_target;
}

}  // namespace e2e
