// The embedded console assets: served by exact name with a content hash as ETag, revalidated
// with 304, and nothing else reachable under /assets/.
#include <openssl/evp.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <invhost/console/console_assets.hpp>
#include <sstream>

#include "test_client.hpp"

using namespace http_test;

namespace {

std::string file_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The ETag rule: "sha256:" and the first 32 hex digits of the content's SHA-256, quoted.
std::string expected_etag(const std::string& content) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(content.data(), content.size(), digest, &size, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < 16; ++i) {
    static constexpr char digits[] = "0123456789abcdef";
    hex += digits[digest[i] >> 4];
    hex += digits[digest[i] & 0x0F];
  }
  return "\"sha256:" + hex + "\"";
}

invhost::http::server_options with_assets() {
  static const auto table = invhost::console::console_assets();
  invhost::http::server_options options;
  options.assets = &table;
  return options;
}

void never(const invhost::http::request&, invhost::http::response& res) {
  res.send(418, "text/plain", "the handler was asked");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(assets)

BOOST_AUTO_TEST_CASE(every_file_of_the_assets_folder_is_embedded) {
  const auto table = invhost::console::console_assets();
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(INVHOST_TEST_ASSET_DIR)) {
    ++files;
    const auto* file = invhost::http::find_asset(table, entry.path().filename().string());
    BOOST_REQUIRE_MESSAGE(file != nullptr, entry.path());
    BOOST_TEST(file->content == file_text(entry.path()));
  }
  BOOST_TEST(table.size() == files);
}

BOOST_AUTO_TEST_CASE(an_asset_is_served_with_its_type_etag_and_lifetime) {
  running_server s(never, with_assets());
  client c(s.endpoint.port);
  const auto css = c.get("/assets/console.css");
  const auto on_disk = file_text(std::filesystem::path(INVHOST_TEST_ASSET_DIR) / "console.css");
  BOOST_TEST(css.result_int() == 200u);
  BOOST_TEST(css.body() == on_disk);
  BOOST_TEST(css[bhttp::field::content_type] == "text/css; charset=utf-8");
  BOOST_TEST(css[bhttp::field::etag] == expected_etag(on_disk));
  BOOST_TEST(css[bhttp::field::cache_control] == "public, max-age=86400");
  BOOST_TEST(css["X-Content-Type-Options"] == "nosniff");
  const auto js = c.get("/assets/console.js");
  BOOST_TEST(js[bhttp::field::content_type] == "text/javascript; charset=utf-8");
}

BOOST_AUTO_TEST_CASE(a_matching_if_none_match_is_304_without_a_body) {
  running_server s(never, with_assets());
  client c(s.endpoint.port);
  const auto first = c.get("/assets/console.css");
  bhttp::fields headers;
  headers.set(bhttp::field::if_none_match, "\"other\", " + std::string(first[bhttp::field::etag]));
  const auto again = c.get("/assets/console.css", headers);
  BOOST_TEST(again.result_int() == 304u);
  BOOST_TEST(again.body().empty());
  BOOST_TEST(again[bhttp::field::etag] == first[bhttp::field::etag]);
  headers.set(bhttp::field::if_none_match, "\"sha256:stale\"");
  BOOST_TEST(c.get("/assets/console.css", headers).result_int() == 200u);
}

BOOST_AUTO_TEST_CASE(unknown_and_traversing_names_are_404) {
  running_server s(never, with_assets());
  for (const char* target :
       {"/assets/nope.css", "/assets/../x", "/assets/%2e%2e/console.css", "/assets/",
        "/assets/./console.css", "/assets//console.css", "/assets/console.css/"}) {
    const auto answer =
        raw_exchange(s.endpoint.port, std::string("GET ") + target +
                                          " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    BOOST_TEST(raw_status(answer) == 404u, target);
  }
  // Outside /assets/, the handler answers.
  client c(s.endpoint.port);
  BOOST_TEST(c.get("/assetsx").result_int() == 418u);
}

BOOST_AUTO_TEST_SUITE_END()
