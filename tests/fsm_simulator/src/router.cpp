#include "router.hpp"

#include <fmt/format.h>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <charconv>
#include <vector>

#include "ids.hpp"
#include "list_query.hpp"
#include "views.hpp"

namespace fsmsim {
namespace {

namespace json = boost::json;
constexpr const char* goa_type = "application/vnd.goa.error";
constexpr const char* json_type = "application/json";

// One request's context while it is being answered.
struct exchange {
  server_state& st;
  const http::request<http::string_body>& req;
  std::string route = "unmatched";
  std::optional<rate_decision> rate;
};

http::response<http::string_body> make_response(const exchange& ex, http::status status,
                                                const char* content_type, std::string body) {
  http::response<http::string_body> res{status, ex.req.version()};
  res.set(http::field::server, "fsm-simulator");
  res.set(http::field::content_type, content_type);
  res.keep_alive(ex.req.keep_alive());
  if (ex.rate && ex.st.limiter.enabled()) {
    res.set("x-ratelimit-remaining", std::to_string(ex.rate->remaining));
  }
  res.body() = std::move(body);
  return res;
}

// A goa error body, as FSM answers errors.
http::response<http::string_body> goa_error(exchange& ex, unsigned status, const char* name,
                                            std::string message) {
  const auto seq = ex.st.error_seq.fetch_add(1) + 1;
  const bool server_side = status >= 500;
  json::object o;
  o["name"] = name;
  o["id"] = fmt::format("{:08x}", mix64(seq) & 0xffffffffU);
  o["message"] = std::move(message);
  o["temporary"] = status == 429 || status == 502 || status == 503 || status == 504;
  o["timeout"] = status == 504;
  o["fault"] = server_side;
  return make_response(ex, static_cast<http::status>(status), goa_type, to_json(o));
}

const char* goa_name_for(unsigned status) {
  switch (status) {
    case 400:
      return "bad_request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 409:
      return "conflict";
    case 422:
      return "invalid_request";
    case 423:
      return "saasdata_locked";
    case 429:
      return "rate_limited";
    case 502:
      return "bad_gateway";
    case 503:
      return "service_unavailable";
    case 504:
      return "gateway_timeout";
    default:
      return status >= 500 ? "internal_error" : "bad_request";
  }
}

http::response<http::string_body> plain_json(exchange& ex, http::status status,
                                             const json::value& body) {
  return make_response(ex, status, json_type, to_json(body));
}

// ---- admin endpoints (/_sim/...) -------------------------------------------------------------

http::response<http::string_body> handle_admin(exchange& ex, std::string_view path) {
  auto& st = ex.st;
  const auto method = ex.req.method();
  const auto faults_json = [&] {
    json::array a;
    for (const auto& f : st.faults.list()) a.push_back(json::string(f));
    return json::object{{"faults", std::move(a)}};
  };
  if (path == "/_sim/stats" && method == http::verb::get) {
    return plain_json(ex, http::status::ok,
                      st.counters.to_json(st.tokens.issued(), st.tokens.refused()));
  }
  if (path == "/_sim/faults" && method == http::verb::get) {
    return plain_json(ex, http::status::ok, faults_json());
  }
  if (path == "/_sim/faults" && method == http::verb::delete_) {
    st.faults.clear();
    return plain_json(ex, http::status::ok, faults_json());
  }
  if (path == "/_sim/faults" && method == http::verb::post) {
    boost::system::error_code ec;
    const auto body = json::parse(ex.req.body(), ec);
    const auto bad = [&](std::string why) {
      return plain_json(ex, http::status::bad_request, json::object{{"error", why}});
    };
    if (ec || !body.is_object()) return bad("body must be a JSON object {\"faults\": [SPEC...]}");
    const auto& o = body.get_object();
    const auto* list = o.if_contains("faults");
    if (list == nullptr || !list->is_array() || list->get_array().size() > 100) {
      return bad("\"faults\" must be an array of at most 100 SPEC strings");
    }
    std::vector<fault_spec> parsed;
    for (const auto& v : list->get_array()) {
      if (!v.is_string()) return bad("every fault must be a SPEC string");
      auto r = parse_fault(v.get_string());
      if (!r.spec) return bad(r.error);
      parsed.push_back(std::move(*r.spec));
    }
    if (const auto* rep = o.if_contains("replace");
        rep != nullptr && rep->is_bool() && rep->get_bool()) {
      st.faults.clear();
    }
    for (auto& f : parsed) st.faults.add(std::move(f));
    return plain_json(ex, http::status::ok, faults_json());
  }
  if (path == "/_sim/expire-tokens" && method == http::verb::post) {
    st.tokens.expire_all();
    return plain_json(ex, http::status::ok, json::object{{"expired", true}});
  }
  return plain_json(ex, http::status::not_found, json::object{{"error", "no such admin endpoint"}});
}

// ---- token endpoint ---------------------------------------------------------------------------

http::response<http::string_body> handle_token(exchange& ex) {
  if (ex.req.method() != http::verb::post) {
    return plain_json(
        ex, http::status::method_not_allowed,
        json::object{{"error", "invalid_request"}, {"error_description", "use POST"}});
  }
  auto r = ex.st.tokens.exchange(ex.req.body());
  if (r.grant) {
    json::object o;
    o["access_token"] = r.grant->access_token;
    o["expires_in"] = r.grant->expires_in;
    o["token_type"] = "Bearer";
    if (!r.grant->refresh_token.empty()) o["refresh_token"] = r.grant->refresh_token;
    auto res = plain_json(ex, http::status::ok, o);
    res.set(http::field::cache_control, "no-store");
    return res;
  }
  const char* code = "invalid_grant";
  auto status = http::status::bad_request;
  switch (r.error) {
    case grant_error::invalid_request:
      code = "invalid_request";
      break;
    case grant_error::unsupported_grant_type:
      code = "unsupported_grant_type";
      break;
    case grant_error::invalid_grant:
      code = "invalid_grant";
      break;
    case grant_error::invalid_client:
      code = "invalid_client";
      status = http::status::unauthorized;
      break;
  }
  return plain_json(ex, status,
                    json::object{{"error", code}, {"error_description", r.description}});
}

// ---- list endpoints ---------------------------------------------------------------------------

struct list_params {
  std::string view, filter, skip_token;
  bool include_all = false;
  std::vector<std::pair<std::string, std::string>> passthrough;  // kept in nextPage
};

// Parses "FIELD OP VALUE" where VALUE may be quoted with ' or ".
struct filter_expr {
  std::string field, op, value;
};
std::optional<filter_expr> parse_filter(std::string_view f) {
  filter_expr e;
  const auto s1 = f.find(' ');
  if (s1 == std::string_view::npos) return std::nullopt;
  const auto s2 = f.find(' ', s1 + 1);
  if (s2 == std::string_view::npos) return std::nullopt;
  e.field = std::string(f.substr(0, s1));
  e.op = std::string(f.substr(s1 + 1, s2 - s1 - 1));
  auto v = f.substr(s2 + 1);
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  if (v.size() >= 2 && (v.front() == '\'' || v.front() == '"') && v.back() == v.front()) {
    v = v.substr(1, v.size() - 2);
  }
  if (v.empty() || v.size() > 200) return std::nullopt;
  e.value = std::string(v);
  return e;
}

bool compare_date(std::string_view field_value, const filter_expr& e) {
  const auto a = field_value.substr(0, 19);
  const auto b = std::string_view(e.value).substr(0, 19);
  const int c = a.compare(b);
  if (e.op == "gt") return c > 0;
  if (e.op == "ge") return c >= 0;
  if (e.op == "lt") return c < 0;
  return c <= 0;  // le
}

bool is_date_op(std::string_view op) {
  return op == "gt" || op == "ge" || op == "lt" || op == "le";
}

// Serves one page of a list: `size` items, `included(pos)` says which are in the list, `render`
// returns the JSON of the item at a position.
http::response<http::string_body> serve_page(exchange& ex, const std::string& path,
                                             const list_params& p, std::string_view list_name,
                                             std::size_t size,
                                             const std::function<bool(std::size_t)>& included,
                                             const std::function<json::object(std::size_t)>& render,
                                             bool loop) {
  const auto key = list_key_of(fmt::format("{}|{}|{}", list_name, p.filter, p.include_all));
  std::size_t offset = 0;
  if (!p.skip_token.empty()) {
    const auto decoded = ex.st.codec.decode(p.skip_token, key);
    if (!decoded || *decoded > size) {
      return goa_error(ex, 400, "bad_request", "invalid skipToken");
    }
    offset = static_cast<std::size_t>(*decoded);
  }
  auto slice = take_page(size, offset, ex.st.page_size, included);
  if (loop) slice.next_offset = 0;  // fault: point back at the first page
  std::string body = "{\"values\":[";
  bool first = true;
  for (auto pos : slice.positions) {
    if (!first) body += ',';
    first = false;
    append_json(body, render(pos));
  }
  body += ']';
  if (slice.next_offset) {
    boost::urls::url next;
    next.set_path(path);
    for (const auto& [k, v] : p.passthrough) next.params().append({k, v});
    next.params().append({"skipToken", ex.st.codec.encode(*slice.next_offset, key)});
    body += ",\"nextPage\":";
    append_json(body, json::string(next.buffer()));
  }
  body += '}';
  return make_response(ex, http::status::ok, json_type, std::move(body));
}

http::response<http::string_body> handle_api(exchange& ex, const boost::urls::url_view& url,
                                             const std::vector<std::string>& segs, bool loop) {
  auto& st = ex.st;
  // segs: saas v1 orgs {org} ...
  ex.route = "/saas/v1/orgs/{orgId}";
  std::int64_t org = 0;
  const auto& org_text = segs[3];
  const auto conv = std::from_chars(org_text.data(), org_text.data() + org_text.size(), org);
  const bool org_ok =
      conv.ec == std::errc() && conv.ptr == org_text.data() + org_text.size() && org >= 1;
  if (segs.size() == 5 &&
      (segs[4] == "managed-apps" || segs[4] == "licenses" || segs[4] == "app-users")) {
    ex.route += "/" + segs[4];
  } else if (segs.size() == 7 && segs[4] == "managed-apps" && segs[6] == "app-users") {
    ex.route += "/managed-apps/{managedAppId}/app-users";
  }

  const auto auth = ex.req[http::field::authorization];
  constexpr std::string_view bearer = "Bearer ";
  if (auth.size() <= bearer.size() || auth.substr(0, bearer.size()) != bearer ||
      !st.tokens.valid(auth.substr(bearer.size()))) {
    auto res = goa_error(ex, 401, "unauthorized",
                         auth.empty() ? "missing bearer token" : "invalid or expired token");
    res.set(http::field::www_authenticate, "Bearer");
    return res;
  }
  if (!org_ok) return goa_error(ex, 400, "bad_request", "orgId must be an integer >= 1");
  ex.rate = st.limiter.on_request(org);
  if (!ex.rate->allowed) {
    auto res = goa_error(ex, 429, "rate_limited", "too many requests for this organization");
    res.set(http::field::retry_after, std::to_string(ex.rate->retry_after));
    return res;
  }
  if (org != st.data.org_id()) {
    return goa_error(ex, 403, "forbidden", "you do not have access to this organization");
  }
  if (ex.req.method() != http::verb::get) {
    return goa_error(ex, 405, "method_not_allowed", "only GET is simulated");
  }

  list_params p;
  for (auto q : url.params()) {
    if (q.key.size() > 64 || q.value.size() > 1024) {
      return goa_error(ex, 400, "bad_request", "query parameter too long");
    }
    if (q.key == "skipToken") {
      p.skip_token = q.value;
      continue;
    }
    if (q.key == "view") p.view = q.value;
    if (q.key == "filter") p.filter = q.value;
    if (q.key == "includeAll") {
      if (q.value == "true")
        p.include_all = true;
      else if (q.value == "false")
        p.include_all = false;
      else
        return goa_error(ex, 400, "bad_request", "includeAll must be true or false");
    }
    p.passthrough.emplace_back(q.key, q.value);
  }
  const auto& t = st.data;
  const std::string path(url.path());

  const auto date_filter = [&](std::string_view field) -> std::optional<filter_expr> {
    auto e = parse_filter(p.filter);
    if (!e || e->field != field || !is_date_op(e->op)) return std::nullopt;
    return e;
  };

  if (segs.size() == 5 && segs[4] == "managed-apps") {
    const auto view = parse_app_view(p.view.empty() ? "default" : p.view);
    if (!view) return goa_error(ex, 400, "bad_request", "invalid value for view");
    std::optional<filter_expr> f;
    if (!p.filter.empty() && !(f = date_filter("modifiedAt"))) {
      return goa_error(ex, 400, "bad_request",
                       "invalid filter: supported is modifiedAt gt|ge|lt|le 'DATE'");
    }
    return serve_page(
        ex, path, p, "managed-apps", t.app_count(),
        [&](std::size_t i) {
          if (!f) return true;
          const auto a = t.app(i);
          const auto* m = a.if_contains("modifiedAt");
          return m != nullptr && m->is_string() && compare_date(m->get_string(), *f);
        },
        [&](std::size_t i) { return project_app(t.app(i), *view); }, loop);
  }
  if (segs.size() == 5 && segs[4] == "licenses") {
    const auto view = parse_license_view(p.view.empty() ? "default" : p.view);
    if (!view) return goa_error(ex, 400, "bad_request", "invalid value for view");
    std::optional<filter_expr> f;
    if (!p.filter.empty() && !(f = date_filter("createdAt"))) {
      return goa_error(ex, 400, "bad_request",
                       "invalid filter: supported is createdAt gt|ge|lt|le 'DATE'");
    }
    return serve_page(
        ex, path, p, "licenses", t.license_count(),
        [&](std::size_t i) {
          if (!f) return true;
          const auto l = t.license(i);
          const auto* c = l.if_contains("createdAt");
          return c != nullptr && c->is_string() && compare_date(c->get_string(), *f);
        },
        [&](std::size_t i) { return project_license(t.license(i), *view); }, loop);
  }
  const bool org_users = segs.size() == 5 && segs[4] == "app-users";
  const bool app_users = segs.size() == 7 && segs[4] == "managed-apps" && segs[6] == "app-users";
  if (org_users || app_users) {
    const auto view = parse_user_view(p.view.empty() ? "default" : p.view);
    if (!view) return goa_error(ex, 400, "bad_request", "invalid value for view");
    std::optional<std::size_t> app;
    bool empty = false;
    if (app_users) {
      app = t.find_app(segs[5]);
      if (!app) return goa_error(ex, 404, "not_found", "managed application not found");
      if (!p.filter.empty()) {
        return goa_error(ex, 400, "bad_request", "filter is not supported on this endpoint");
      }
    } else if (!p.filter.empty()) {
      auto e = parse_filter(p.filter);
      if (!e || e->field != "managedAppId" || e->op != "eq") {
        return goa_error(ex, 400, "bad_request", "invalid filter: supported is managedAppId eq ID");
      }
      app = t.find_app(e->value);
      empty = !app;  // an unknown app id filters everything out
    }
    const std::string name = app ? fmt::format("app-users|{}", *app) : std::string("app-users");
    const std::size_t size = empty ? 0 : (app ? t.app_user_count(*app) : t.user_count());
    const auto index = [&](std::size_t pos) { return app ? t.app_user_index(*app, pos) : pos; };
    return serve_page(
        ex, path, p, name, size,
        [&](std::size_t pos) { return p.include_all || t.user_included_by_default(index(pos)); },
        [&](std::size_t pos) { return project_user(t.user(index(pos)), *view); }, loop);
  }
  ex.route = "unmatched";
  return goa_error(ex, 404, "not_found", "no such endpoint");
}

}  // namespace

reply handle_request(server_state& state, const http::request<http::string_body>& req) {
  exchange ex{state, req, "unmatched", std::nullopt};
  reply out;
  const auto parsed = boost::urls::parse_origin_form(req.target());
  if (!parsed) {
    out.res = goa_error(ex, 400, "bad_request", "malformed request target");
    state.counters.on_response(ex.route, 400);
    return out;
  }
  const auto& url = *parsed;
  const std::string path(url.path());
  if (path.rfind("/_sim/", 0) == 0) {
    out.res = handle_admin(ex, path);
    out.res.prepare_payload();
    return out;
  }
  const auto actions = state.faults.on_request(path);
  state.counters.on_fault(actions.fired);
  out.delay_ms = actions.delay_ms;

  std::vector<std::string> segs;
  for (auto s : url.segments()) segs.emplace_back(s);
  if (path == "/oidc/token") {
    ex.route = "/oidc/token";
  } else if (segs.size() >= 4 && segs[0] == "saas" && segs[1] == "v1" && segs[2] == "orgs") {
    ex.route = "/saas/v1/orgs/{orgId}";
  }

  if (actions.drop) {
    out.drop = true;
    state.counters.on_drop();
    return out;
  }
  if (actions.status) {
    const auto code = *actions.status;
    out.res = goa_error(ex, code, goa_name_for(code), "injected fault");
    if (code == 429) out.res.set(http::field::retry_after, std::to_string(actions.retry_after));
  } else if (ex.route == "/oidc/token") {
    out.res = handle_token(ex);
  } else if (segs.size() >= 4 && segs[0] == "saas" && segs[1] == "v1" && segs[2] == "orgs") {
    try {
      out.res = handle_api(ex, url, segs, actions.loop);
    } catch (const std::exception&) {
      out.res = goa_error(ex, 500, "internal_error", "the simulator failed to answer");
    }
  } else {
    out.res = goa_error(ex, 404, "not_found", "no such endpoint");
  }
  if (out.res.result() == http::status::ok) {
    auto& body = out.res.body();
    if (actions.truncated && body.size() > 1) body.resize(body.size() / 2);
    if (actions.malformed && !body.empty()) {
      body.pop_back();
      body += ",}";
    }
  }
  out.res.prepare_payload();
  state.counters.on_response(ex.route, out.res.result_int());
  return out;
}

}  // namespace fsmsim
