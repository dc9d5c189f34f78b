// TLS with a throwaway CA (scripts/make-test-ca.sh): a verified round trip, HSTS, no TLS 1.1,
// and clear errors for certificate files the server cannot use.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "test_client.hpp"

using namespace http_test;
namespace fs = std::filesystem;

namespace {

struct test_ca {
  fs::path dir;
  test_ca() {
    dir = fs::temp_directory_path() / ("invhost-http-tls-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    const std::string command =
        std::string("bash ") + INVHOST_TEST_MAKE_CA + " '" + dir.string() + "' >/dev/null";
    BOOST_REQUIRE(std::system(command.c_str()) == 0);
  }
  ~test_ca() { fs::remove_all(dir); }
  invhost::http::server_options options() const {
    invhost::http::server_options o;
    o.tls = invhost::http::tls_files{dir / "server.crt", dir / "server.key"};
    return o;
  }
};

void hello(const invhost::http::request& req, invhost::http::response& res) {
  res.send(200, "text/plain", req.tls ? "over tls" : "plain");
}

std::string start_error(const invhost::http::server_options& options) {
  invhost::http::server srv;
  try {
    auto o = options;
    o.listen = "127.0.0.1:0";
    srv.start(o, hello);
  } catch (const invhost::http::server_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(tls, test_ca)

BOOST_AUTO_TEST_CASE(a_client_that_verifies_against_the_ca_gets_its_answer) {
  running_server s(hello, options());
  BOOST_TEST(s.endpoint.tls);
  BOOST_TEST(s.endpoint.url().starts_with("https://127.0.0.1:"));
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.load_verify_file((dir / "ca.crt").string());
  client c(s.endpoint.port, ctx);
  const auto res = c.get("/");
  BOOST_TEST(res.result_int() == 200u);
  BOOST_TEST(res.body() == "over tls");
  BOOST_TEST(res["Strict-Transport-Security"] == "max-age=31536000");
  BOOST_TEST(c.get("/again").result_int() == 200u);  // kept alive over TLS too
}

BOOST_AUTO_TEST_CASE(tls_1_1_is_refused) {
  running_server s(hello, options());
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.load_verify_file((dir / "ca.crt").string());
  SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_VERSION);
  SSL_CTX_set_max_proto_version(ctx.native_handle(), TLS1_1_VERSION);
  BOOST_CHECK_THROW(client(s.endpoint.port, ctx), boost::system::system_error);
}

BOOST_AUTO_TEST_CASE(plain_http_to_a_tls_port_gets_no_answer) {
  running_server s(hello, options());
  const auto answer = raw_exchange(s.endpoint.port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  BOOST_TEST(raw_status(answer) == 0u);
}

BOOST_AUTO_TEST_CASE(unusable_files_are_named_in_the_error) {
  auto missing = options();
  missing.tls->certificate = dir / "absent.crt";
  BOOST_TEST(start_error(missing).find((dir / "absent.crt").string()) != std::string::npos);

  auto not_pem = options();
  { std::ofstream(dir / "junk.key") << "not a key\n"; }
  not_pem.tls->private_key = dir / "junk.key";
  BOOST_TEST(start_error(not_pem).find((dir / "junk.key").string()) != std::string::npos);

  auto mismatched = options();
  mismatched.tls->private_key = dir / "ca.key";  // a real key, but not the certificate's
  const auto message = start_error(mismatched);
  BOOST_TEST(message.find((dir / "ca.key").string()) != std::string::npos, message);
}

BOOST_AUTO_TEST_SUITE_END()
