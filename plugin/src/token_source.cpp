#include <algorithm>
#include <fsm/json_fields.hpp>
#include <fsm/json_page_parser.hpp>
#include <fsm/token_source.hpp>

namespace fsm {
namespace json = boost::json;

std::string form_encode(std::string_view value) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() + 16);
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

token_source::token_source(const settings& s, request_runner& runner)
    : settings_(s), runner_(runner), refresh_token_(s.cred.refresh_token) {}

std::chrono::milliseconds token_source::renewal_margin(std::chrono::seconds lifetime) {
  return std::min<std::chrono::milliseconds>(
      std::chrono::minutes(1), std::chrono::duration_cast<std::chrono::milliseconds>(lifetime) / 5);
}

const std::string& token_source::authorization() {
  if (authorization_.empty() || std::chrono::steady_clock::now() >= renew_at_) fetch();
  return authorization_;
}

void token_source::invalidate() noexcept {
  authorization_.clear();
}

void token_source::refused(int http_status, const std::string& oauth_error) const {
  const std::string where = " (" + url_of(settings_.token, settings_.token.base_path) + ", HTTP " +
                            std::to_string(http_status) +
                            (oauth_error.empty() ? "" : ", " + oauth_error) + ")";
  if (settings_.cred.kind == grant::refresh_token)
    throw invsdk::error(INVSDK_STATUS_UNAUTHENTICATED,
                        "the refresh token was refused by the token endpoint" + where +
                            ": create a new one in FSM (Administration > API credentials) and "
                            "update the secret that the setting 'refresh_token' references",
                        http_status);
  throw invsdk::error(INVSDK_STATUS_UNAUTHENTICATED,
                      "the service account credential was refused by the token endpoint" + where +
                          ": check 'client_id', create a new client secret for the service "
                          "account in FSM (Administration > Service accounts) and update the "
                          "secret that the setting 'client_secret' references",
                      http_status);
}

void token_source::fetch() {
  authorization_.clear();
  http_request req;
  req.post = true;
  req.target = settings_.token.base_path.empty() ? "/" : settings_.token.base_path;
  req.content_type = "application/x-www-form-urlencoded";
  if (settings_.cred.kind == grant::refresh_token) {
    req.body = "grant_type=refresh_token&refresh_token=" + form_encode(refresh_token_);
  } else {
    req.body = "grant_type=client_credentials&client_id=" + form_encode(settings_.cred.client_id) +
               "&client_secret=" + form_encode(settings_.cred.client_secret);
  }
  const auto started = std::chrono::steady_clock::now();
  const http_response res = runner_.run(settings_.token, req);
  const std::string where = url_of(settings_.token, req.target);

  json::value doc;
  const auto failure = parse_json_page(res.body, doc);
  const json::object* obj = (!failure && doc.is_object()) ? &doc.get_object() : nullptr;

  if (res.status < 200 || res.status >= 300) {
    // Only the OAuth error code is repeated, and only when it looks like one: descriptions are
    // free text and could echo what was sent.
    std::string code;
    if (obj != nullptr) {
      const auto it = obj->find("error");
      if (it != obj->end() && it->value().is_string()) {
        const auto e = it->value().get_string();
        const bool plain = e.size() <= 40 && std::all_of(e.begin(), e.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || c == '_';
                           });
        if (plain) code = std::string(e);
      }
    }
    if (res.status == 400 || res.status == 401 || res.status == 403) refused(res.status, code);
    if (res.status == 404)
      throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG,
                          "no token endpoint at " + where +
                              " (HTTP 404): check 'token_url' or "
                              "'region'",
                          404);
    throw invsdk::error(
        INVSDK_STATUS_IO,
        "the token endpoint " + where + " answered HTTP " + std::to_string(res.status), res.status);
  }
  if (failure || obj == nullptr)
    throw invsdk::error(
        INVSDK_STATUS_DATA,
        "the token endpoint " + where +
            " answered with something that is not a JSON "
            "object" +
            (failure ? " (byte " + std::to_string(failure->offset) + ": " + failure->reason + ")"
                     : ""));
  const auto token = text_field(*obj, "access_token", "token response");
  if (token.empty() || token.size() > 16384)
    throw invsdk::error(INVSDK_STATUS_DATA,
                        "the token endpoint " + where + " answered without a usable access_token");
  const auto expires = integer_field(*obj, "expires_in", "token response").value_or(3600);
  const auto lifetime = std::chrono::seconds(std::clamp<int64_t>(expires, 1, 86400));
  const auto rotated = text_field(*obj, "refresh_token", "token response");
  if (!rotated.empty() && settings_.cred.kind == grant::refresh_token)
    refresh_token_ = std::string(rotated);
  authorization_ = "Bearer " + std::string(token);
  renew_at_ = started + lifetime - renewal_margin(lifetime);
  ++issued_;
}

}  // namespace fsm
