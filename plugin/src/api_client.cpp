#include <fsm/api_client.hpp>
#include <fsm/json_page_parser.hpp>

namespace fsm {
namespace json = boost::json;
namespace {

// The "message" of a goa error body, shortened and stripped of control characters.
std::string goa_message(const std::string& body) {
  json::value doc;
  if (parse_json_page(body, doc) || !doc.is_object()) return {};
  const auto it = doc.get_object().find("message");
  if (it == doc.get_object().end() || !it->value().is_string()) return {};
  std::string m(it->value().get_string().subview(
      0, std::min<std::size_t>(200, it->value().get_string().size())));
  for (char& c : m)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  return m.empty() ? m : " (" + m + ")";
}

}  // namespace

api_client::api_client(const settings& s, request_runner& runner, token_source& tokens)
    : settings_(s), runner_(runner), tokens_(tokens) {}

void api_client::prefetch(std::string_view target) {
  http_request req;
  req.target = std::string(target);
  req.authorization = tokens_.authorization();
  runner_.prefetch(settings_.api, req);
}

json::value api_client::get_json(std::string_view target) {
  const std::string what = "GET " + url_of(settings_.api, target);
  http_request req;
  req.target = std::string(target);
  http_response res;
  for (int attempt = 0; attempt < 2; ++attempt) {
    req.authorization = tokens_.authorization();
    res = runner_.run(settings_.api, req);
    if (res.status != 401) break;
    tokens_.invalidate();
  }
  const int st = res.status;
  const std::string org = std::to_string(settings_.org_id);
  if (st == 401)
    throw invsdk::error(INVSDK_STATUS_UNAUTHENTICATED,
                        what +
                            " was refused (HTTP 401) even with a freshly issued access token: "
                            "the credential is no longer accepted for organisation " +
                            org +
                            "; create a new one in FSM (Administration > API credentials) and "
                            "update the secret it references",
                        st);
  if (st == 403)
    throw invsdk::error(INVSDK_STATUS_PERMISSION_DENIED,
                        what +
                            " was denied (HTTP 403): the FSM user or service account behind "
                            "the credential needs a role that may read SaaS Management data in "
                            "organisation " +
                            org,
                        st);
  if (st == 404)
    throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG,
                        "organisation " + org + " not found at " + settings_.api.origin() + " (" +
                            what + " answered HTTP 404): check 'org_id' and 'region' / 'api_url'",
                        st);
  if (st == 409 || st == 423)
    throw invsdk::error(INVSDK_STATUS_IO,
                        what + " answered HTTP " + std::to_string(st) + goa_message(res.body) +
                            ": FSM is busy with this organisation's data; run again later",
                        st);
  if (st < 200 || st >= 300)
    throw invsdk::error(
        INVSDK_STATUS_DATA,
        what + " was rejected with HTTP " + std::to_string(st) + goa_message(res.body), st);
  auto parsed = parse_json_tree(res.body);
  if (const auto* failure = std::get_if<json_parse_failure>(&parsed))
    throw invsdk::error(INVSDK_STATUS_DATA, "malformed JSON in the response to " + what +
                                                " at byte " + std::to_string(failure->offset) +
                                                " of " + std::to_string(res.body.size()) + ": " +
                                                failure->reason);
  return std::move(std::get<json::value>(parsed));
}

}  // namespace fsm
