// Requests and answers over a real loopback connection: decoding, keep-alive, security headers,
// failures of the handler, stopping.
#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "test_client.hpp"

using namespace http_test;
using invhost::http::request;
using invhost::http::response;

namespace {

using pairs = std::vector<std::pair<std::string, std::string>>;

void hello(const request&, response& res) {
  res.send(200, "text/html; charset=utf-8", "<p>hello</p>");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(server)

BOOST_AUTO_TEST_CASE(get_is_answered_with_the_security_headers) {
  running_server s(hello);
  client c(s.endpoint.port);
  const auto res = c.get("/");
  BOOST_TEST(res.result_int() == 200u);
  BOOST_TEST(res.body() == "<p>hello</p>");
  BOOST_TEST(res[bhttp::field::content_type] == "text/html; charset=utf-8");
  BOOST_TEST(res["Content-Security-Policy"] ==
             "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  BOOST_TEST(res["X-Content-Type-Options"] == "nosniff");
  BOOST_TEST(res["Referrer-Policy"] == "same-origin");
  BOOST_TEST(res["X-Frame-Options"] == "DENY");
  BOOST_TEST(res[bhttp::field::cache_control] == "no-store");
  // Plain HTTP: no HSTS (it is only meaningful, and only safe, over TLS).
  BOOST_TEST((res.find("Strict-Transport-Security") == res.end()));
}

BOOST_AUTO_TEST_CASE(two_requests_share_one_kept_alive_connection) {
  recorder r;
  running_server s(r.handler());
  client c(s.endpoint.port);
  BOOST_TEST(c.get("/first").result_int() == 200u);
  BOOST_TEST(r.take().path == "/first");
  BOOST_TEST(c.get("/second").result_int() == 200u);
  BOOST_TEST(r.take().path == "/second");
  BOOST_TEST(r.take().remote_address == "127.0.0.1");
  BOOST_TEST(!r.take().tls);
}

BOOST_AUTO_TEST_CASE(path_and_query_are_decoded_in_order) {
  recorder r;
  running_server s(r.handler());
  client c(s.endpoint.port);
  c.get("/licenses/caf%C3%A9?status=active&q=a%20b+c&status=expired&empty=&&flag&x=%3Cy%3E");
  const auto req = r.take();
  BOOST_TEST(req.method == "GET");
  BOOST_TEST(req.path == "/licenses/caf\xC3\xA9");
  const pairs expected = {{"status", "active"}, {"q", "a b c"}, {"status", "expired"},
                          {"empty", ""},        {"flag", ""},   {"x", "<y>"}};
  BOOST_TEST(req.query.pairs() == expected);
  BOOST_TEST(req.query.get("status").value() == "active");
  BOOST_TEST(req.query.all("status") == (std::vector<std::string>{"active", "expired"}));
  BOOST_TEST(!req.query.get("missing").has_value());
  BOOST_TEST(req.form.empty());
}

BOOST_AUTO_TEST_CASE(a_posted_form_is_decoded) {
  recorder r;
  running_server s(r.handler());
  client c(s.endpoint.port);
  c.post("/licenses/7/edit", "application/x-www-form-urlencoded; charset=UTF-8",
         "owner=Ann+Lee&note=50%25+off&note=%26%3D&csrf=t0k3n");
  const auto req = r.take();
  BOOST_TEST(req.method == "POST");
  const pairs expected = {
      {"owner", "Ann Lee"}, {"note", "50% off"}, {"note", "&="}, {"csrf", "t0k3n"}};
  BOOST_TEST(req.form.pairs() == expected);
}

BOOST_AUTO_TEST_CASE(a_body_of_another_type_is_not_taken_for_a_form) {
  recorder r;
  running_server s(r.handler());
  client c(s.endpoint.port);
  c.post("/api", "application/json", "{\"a\":1}");
  const auto req = r.take();
  BOOST_TEST(req.form.empty());
  BOOST_TEST(req.body == "{\"a\":1}");
}

BOOST_AUTO_TEST_CASE(cookies_and_headers_are_read) {
  recorder r;
  running_server s(r.handler());
  client c(s.endpoint.port);
  bhttp::fields headers;
  headers.set("Cookie", "session=abc123; theme=\"dark\"; session=second");
  headers.set("X-Remote-User", "ann");
  c.get("/", headers);
  const auto req = r.take();
  BOOST_TEST(req.cookies.at("session") == "abc123");  // the first of a repeated name
  BOOST_TEST(req.cookies.at("theme") == "dark");
  BOOST_TEST(req.header("x-remote-user").value() == "ann");
  BOOST_TEST(!req.header("X-Missing").has_value());
}

BOOST_AUTO_TEST_CASE(a_handler_that_throws_gives_a_500_that_says_nothing_of_it) {
  running_server s([](const request&, response&) {
    throw std::runtime_error("password=hunter2 at /var/lib/secret");
  });
  client c(s.endpoint.port);
  const auto res = c.get("/boom");
  BOOST_TEST(res.result_int() == 500u);
  BOOST_TEST(res.body() == "500 Internal Server Error\n");
  BOOST_TEST(res["Content-Security-Policy"].starts_with("default-src 'none'"));
  // The connection stays usable.
  BOOST_TEST(c.get("/again").result_int() == 500u);
}

BOOST_AUTO_TEST_CASE(a_handler_that_sends_nothing_gives_a_500) {
  running_server s([](const request&, response&) {});
  client c(s.endpoint.port);
  BOOST_TEST(c.get("/").result_int() == 500u);
}

BOOST_AUTO_TEST_CASE(a_header_value_cannot_split_the_response) {
  running_server s([](const request& req, response& res) {
    res.send(200, "text/plain", "x", {{"X-Echo", req.query.get("v").value_or("")}});
  });
  client c(s.endpoint.port);
  const auto res = c.get("/?v=a%0D%0ASet-Cookie:%20evil=1");
  BOOST_TEST(res.result_int() == 500u);
  BOOST_TEST((res.find("Set-Cookie") == res.end()));
}

BOOST_AUTO_TEST_CASE(redirect_is_303_see_other) {
  running_server s([](const request&, response& res) { res.redirect("/licenses?page=2"); });
  client c(s.endpoint.port);
  const auto res = c.post("/licenses/7/edit", "application/x-www-form-urlencoded", "a=1");
  BOOST_TEST(res.result_int() == 303u);
  BOOST_TEST(res[bhttp::field::location] == "/licenses?page=2");
}

BOOST_AUTO_TEST_CASE(stop_closes_idle_connections_without_waiting_for_them) {
  invhost::http::server_options options;
  options.idle_timeout = std::chrono::seconds(60);
  auto s = std::make_unique<running_server>(hello, options);
  client c(s->endpoint.port);
  BOOST_TEST(c.get("/").result_int() == 200u);
  const auto started = std::chrono::steady_clock::now();
  s->server.stop();
  BOOST_TEST((std::chrono::steady_clock::now() - started < std::chrono::seconds(3)));
  BOOST_TEST(c.closed_by_server());
}

BOOST_AUTO_TEST_CASE(stop_lets_a_request_in_progress_finish) {
  std::atomic<bool> entered = false;
  auto s = std::make_unique<running_server>([&](const request&, response& res) {
    entered = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    res.send(200, "text/plain", "done");
  });
  std::string answer;
  std::thread slow(
      [&] { answer = raw_exchange(s->endpoint.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"); });
  while (!entered) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  s->server.stop();
  slow.join();
  BOOST_TEST(raw_status(answer) == 200u);
  BOOST_TEST(answer.ends_with("done"));
}

BOOST_AUTO_TEST_CASE(listen_addresses_are_parsed_and_checked) {
  using invhost::http::parse_listen_address;
  BOOST_TEST(parse_listen_address("127.0.0.1:8080").port == 8080);
  BOOST_TEST(parse_listen_address("[::1]:0").address == "::1");
  BOOST_TEST(parse_listen_address("[::1]:8443").url() == "http://[::1]:8443");
  BOOST_CHECK_THROW(parse_listen_address("::1:80"), invhost::http::server_error);
  BOOST_CHECK_THROW(parse_listen_address("example.org:80"), invhost::http::server_error);
  BOOST_CHECK_THROW(parse_listen_address("127.0.0.1:65536"), invhost::http::server_error);
  BOOST_CHECK_THROW(parse_listen_address("127.0.0.1"), invhost::http::server_error);
  BOOST_CHECK_THROW(parse_listen_address("127.0.0.1:8o"), invhost::http::server_error);
}

BOOST_AUTO_TEST_CASE(ipv6_loopback_is_served) {
  invhost::http::server srv;
  invhost::http::server_options options;
  options.listen = "[::1]:0";
  const auto bound = srv.start(options, hello);
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect({asio::ip::make_address("::1"), bound.port});
  bhttp::request<bhttp::string_body> req{bhttp::verb::get, "/", 11};
  req.set(bhttp::field::host, "[::1]");
  bhttp::write(socket, req);
  boost::beast::flat_buffer buffer;
  reply res;
  bhttp::read(socket, buffer, res);
  BOOST_TEST(res.result_int() == 200u);
}

BOOST_AUTO_TEST_SUITE_END()
