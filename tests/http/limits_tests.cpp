// What the server refuses: oversize headers and bodies, malformed requests, other methods,
// clients too slow to send a request, and connections beyond the limit.
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "test_client.hpp"

using namespace http_test;
using invhost::http::request;
using invhost::http::response;

namespace {

void ok(const request&, response& res) {
  res.send(200, "text/plain", "ok");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(limits)

BOOST_AUTO_TEST_CASE(a_header_over_the_limit_is_431) {
  running_server s(ok);  // the default limit: 16 KiB of header
  const std::string big(17 * 1024, 'a');
  const auto answer =
      raw_exchange(s.endpoint.port, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
  BOOST_TEST(raw_status(answer) == 431u);
  BOOST_TEST(answer.find("Content-Security-Policy: default-src 'none'") != std::string::npos);
  // Just under the limit is served.
  const std::string fits(15 * 1024, 'a');
  BOOST_TEST(raw_status(raw_exchange(s.endpoint.port,
                                     "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " +
                                         fits + "\r\n\r\n")) == 200u);
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_413) {
  running_server s(ok);  // the default limit: 64 KiB of body
  const std::string body(64 * 1024 + 1, 'b');
  const auto answer =
      raw_exchange(s.endpoint.port,
                   "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n\r\n" + body);
  BOOST_TEST(raw_status(answer) == 413u);
  const std::string fits(64 * 1024, 'b');
  BOOST_TEST(raw_status(raw_exchange(s.endpoint.port,
                                     "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                     "Content-Type: text/plain\r\nContent-Length: " +
                                         std::to_string(fits.size()) + "\r\n\r\n" + fits)) == 200u);
}

BOOST_AUTO_TEST_CASE(a_chunked_body_over_the_limit_is_413) {
  invhost::http::server_options options;
  options.max_body_bytes = 1000;
  running_server s(ok, options);
  const std::string chunk(800, 'c');
  const std::string chunked = "320\r\n" + chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n";
  const auto answer =
      raw_exchange(s.endpoint.port,
                   "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked);
  BOOST_TEST(raw_status(answer) == 413u);
}

BOOST_AUTO_TEST_CASE(a_malformed_request_is_400) {
  running_server s(ok);
  BOOST_TEST(raw_status(raw_exchange(s.endpoint.port, "GET / HTTP/1.1\r\nNo colon here\r\n\r\n")) ==
             400u);
  BOOST_TEST(raw_status(raw_exchange(s.endpoint.port,
                                     "GET http://evil.example/ HTTP/1.1\r\n"
                                     "Host: x\r\n\r\n")) == 400u);
  BOOST_TEST(raw_status(raw_exchange(s.endpoint.port, "GET /?a=%zz HTTP/1.1\r\nHost: x\r\n\r\n")) ==
             400u);
  const auto answer = raw_exchange(s.endpoint.port, "GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(raw_status(answer) == 400u);
  BOOST_TEST(answer.ends_with("\r\n\r\n400 Bad Request\n"));
}

BOOST_AUTO_TEST_CASE(another_method_is_405_with_allow) {
  running_server s(ok);
  const auto answer =
      raw_exchange(s.endpoint.port, "DELETE /licenses/1 HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(raw_status(answer) == 405u);
  BOOST_TEST(answer.find("Allow: GET, POST\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_client_trickling_its_request_is_dropped_after_the_read_timeout) {
  invhost::http::server_options options;
  options.read_timeout = std::chrono::milliseconds(400);
  running_server s(ok, options);
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), s.endpoint.port});
  const auto started = std::chrono::steady_clock::now();
  boost::system::error_code ec;
  asio::write(socket, asio::buffer(std::string("GET / HTTP/1.1\r\n")), ec);
  // A header line every 100 ms: each read gets data well within the timeout; only a limit on
  // the whole request stops this client.
  for (int i = 0; i < 50 && !ec; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    asio::write(socket, asio::buffer(std::string("X-a: b\r\n")), ec);
  }
  char byte = 0;
  if (!ec) socket.read_some(asio::buffer(&byte, 1), ec);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  BOOST_TEST(ec.failed());  // written to a closed connection, or read its end
  BOOST_TEST((elapsed < std::chrono::milliseconds(3000)));
}

BOOST_AUTO_TEST_CASE(a_kept_alive_connection_is_closed_when_idle) {
  invhost::http::server_options options;
  options.idle_timeout = std::chrono::milliseconds(300);
  running_server s(ok, options);
  client c(s.endpoint.port);
  BOOST_TEST(c.get("/").result_int() == 200u);
  const auto started = std::chrono::steady_clock::now();
  BOOST_TEST(c.closed_by_server());
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1500)));
}

BOOST_AUTO_TEST_CASE(a_connection_over_the_limit_is_503_until_one_ends) {
  invhost::http::server_options options;
  options.max_connections = 2;
  running_server s(ok, options);
  auto first = std::make_unique<client>(s.endpoint.port);
  client second(s.endpoint.port);
  BOOST_TEST(first->get("/").result_int() == 200u);
  BOOST_TEST(second.get("/").result_int() == 200u);
  const auto refused = raw_exchange(s.endpoint.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(raw_status(refused) == 503u);
  BOOST_TEST(refused.find("Retry-After: 5\r\n") != std::string::npos);
  first.reset();  // frees a place (the server notices the close)
  unsigned status = 0;
  for (int i = 0; i < 50 && status != 200; ++i) {
    status = raw_status(
        raw_exchange(s.endpoint.port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  BOOST_TEST(status == 200u);
}

BOOST_AUTO_TEST_SUITE_END()
