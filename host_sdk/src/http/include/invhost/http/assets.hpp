// Static files embedded in the binary and served at /assets/<name> with a strong ETag.
#ifndef INVHOST_HTTP_ASSETS_HPP
#define INVHOST_HTTP_ASSETS_HPP

#include <span>
#include <string_view>

namespace invhost::http {

class response;
struct request;

struct asset {
  std::string_view name;          // "console.css": the exact name after /assets/
  std::string_view content_type;  // from the extension, e.g. "text/css; charset=utf-8"
  std::string_view etag;          // strong: "\"sha256:<first 32 hex digits of the content>\""
  std::string_view content;
};

using asset_table = std::span<const asset>;

// The asset with exactly this name, or null: no path is ever resolved, so "../x" is just absent.
const asset* find_asset(const asset_table& assets, std::string_view name);

// The content type for a file name's extension (application/octet-stream when unknown).
std::string_view content_type_for(std::string_view file_name);

// Answers a GET of the asset: 200 with a long cache lifetime, or 304 when If-None-Match holds
// its ETag.
void serve_asset(const asset& file, const request& req, response& res);

}  // namespace invhost::http

#endif
