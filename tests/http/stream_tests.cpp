// A streamed response: chunked, read back byte for byte, and stopped when the client leaves.
#include <fmt/format.h>

#include <atomic>
#include <boost/asio/write.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <thread>

#include "test_client.hpp"

using namespace http_test;
using invhost::http::request;
using invhost::http::response;

namespace {

// Row i of the test export: fixed text around the row number, 32 bytes.
std::string row(int i) {
  return fmt::format("row,{:010},abcdefghijklmnop\n", i);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(streaming)

BOOST_AUTO_TEST_CASE(a_stream_of_several_megabytes_arrives_exactly) {
  constexpr int rows = 150'000;  // 32 bytes each: 4.8 MB
  running_server s([](const request&, response& res) {
    res.begin(200, "text/csv; charset=utf-8", {{"Content-Disposition", "attachment"}});
    for (int i = 0; i < rows; ++i)
      if (!res.write(row(i))) return;
    res.end();
  });
  client c(s.endpoint.port);
  const auto res = c.get("/licenses.csv");
  BOOST_TEST(res.result_int() == 200u);
  BOOST_TEST(res[bhttp::field::transfer_encoding] == "chunked");
  BOOST_TEST(res[bhttp::field::content_type] == "text/csv; charset=utf-8");
  BOOST_TEST(res[bhttp::field::cache_control] == "no-store");
  BOOST_TEST(res["Content-Security-Policy"].starts_with("default-src 'none'"));
  BOOST_REQUIRE(res.body().size() == std::size_t{rows} * 32);
  std::string expected;
  expected.reserve(res.body().size());
  for (int i = 0; i < rows; ++i) expected += row(i);
  BOOST_TEST((res.body() == expected));
  // The same connection carries the next request.
  BOOST_TEST(c.get("/licenses.csv").body().size() == std::size_t{rows} * 32);
}

BOOST_AUTO_TEST_CASE(a_stream_the_handler_does_not_end_is_ended_for_it) {
  running_server s([](const request&, response& res) {
    res.begin(200, "text/plain");
    res.write("part");
  });
  client c(s.endpoint.port);
  BOOST_TEST(c.get("/").body() == "part");
}

BOOST_AUTO_TEST_CASE(write_says_false_once_the_client_has_gone) {
  std::atomic<int> outcome = -1;  // rows written before write() said false; -1 while running
  running_server s([&](const request&, response& res) {
    res.begin(200, "text/csv");
    const std::string line(1000, 'x');
    for (int i = 0; i < 10'000'000; ++i) {
      if (!res.write(line)) {
        outcome = i;
        return;
      }
    }
    outcome = 10'000'000;
  });
  {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), s.endpoint.port});
    asio::write(socket, asio::buffer(std::string("GET / HTTP/1.1\r\nHost: x\r\n\r\n")));
    char buf[1024];
    socket.read_some(asio::buffer(buf));
  }  // the client leaves after the first bytes
  for (int i = 0; i < 200 && outcome < 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  BOOST_TEST(outcome >= 0);
  BOOST_TEST(outcome < 10'000'000);
}

BOOST_AUTO_TEST_SUITE_END()
