#include <invhost/http/assets.hpp>
#include <invhost/http/request.hpp>
#include <invhost/http/response.hpp>

namespace invhost::http {

const asset* find_asset(const asset_table& assets, std::string_view name) {
  for (const asset& file : assets)
    if (file.name == name) return &file;
  return nullptr;
}

std::string_view content_type_for(std::string_view file_name) {
  const auto dot = file_name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? "" : file_name.substr(dot + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "json") return "application/json";
  return "application/octet-stream";
}

namespace {

// If-None-Match holds a list of entity tags or "*" (RFC 9110 section 13.1.2); weak comparison,
// so W/"x" matches "x" as well.
bool none_match_holds(std::string_view header, std::string_view etag) {
  std::size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ',' || header[i] == '\t')) ++i;
    if (header.substr(i, 1) == "*") return true;
    if (header.substr(i, 2) == "W/") i += 2;
    const auto end = header.find(',', i);
    std::string_view tag = header.substr(i, end == std::string_view::npos ? end : end - i);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag == etag) return true;
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
  return false;
}

}  // namespace

void serve_asset(const asset& file, const request& req, response& res) {
  // Asset names carry no version, so the lifetime is a day rather than a year: pages do not refetch
  // them, an upgrade shows within the day, and revalidating is a cheap 304 (the ETag is a hash of
  // the content).
  const header_list headers = {{"ETag", std::string(file.etag)},
                               {"Cache-Control", "public, max-age=86400"}};
  const auto condition = req.header("If-None-Match");
  if (condition && none_match_holds(*condition, file.etag)) {
    res.send(304, "", "", headers);
    return;
  }
  res.send(200, file.content_type, file.content, headers);
}

}  // namespace invhost::http
