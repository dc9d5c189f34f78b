// The console's routes and the checks every request passes before its page: sign-in, the
// CSRF token of a POST, the role the route needs, the date asked for.
#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <invhost/accounts/roles.hpp>
#include <invhost/console/console_app.hpp>
#include <invhost/host_log.hpp>
#include <invhost/http/text_encoding.hpp>
#include <invhost/inventory/dates.hpp>
#include <string_view>
#include <vector>

#include "console_state.hpp"
#include "layout.hpp"
#include "pages.hpp"
#include "sign_in.hpp"

namespace invhost::console {

namespace {

using page_fn = void (*)(page_context&, args);

struct route {
  std::string_view method;
  std::string_view pattern;  // "{}" matches one path segment; a final "{*}" the rest of the path
  accounts::action needs;
  page_fn page;
};

// The console's URLs: a contract, stable for bookmarks and tests (docs/console.md lists them).
constexpr std::array routes{
    route{"GET", "/", accounts::action::read, overview_page},
    route{"GET", "/licenses", accounts::action::read, licenses_page},
    route{"GET", "/licenses.csv", accounts::action::read, licenses_csv},
    route{"GET", "/licenses.json", accounts::action::read, licenses_json},
    route{"GET", "/licenses/{}", accounts::action::read, license_page},
    route{"GET", "/licenses/{}/consumption.csv", accounts::action::read, license_consumption_csv},
    route{"GET", "/licenses/{}/{}", accounts::action::read, license_page},
    route{"POST", "/licenses/{}/edit", accounts::action::edit, license_edit},
    route{"GET", "/applications", accounts::action::read, applications_page},
    route{"GET", "/applications/{*}", accounts::action::read, application_page},
    route{"GET", "/connectors", accounts::action::read, connectors_page},
    route{"GET", "/connectors/{}", accounts::action::read, connector_page},
    route{"POST", "/connectors/{}/run", accounts::action::admin, connector_run_now},
    route{"POST", "/connectors/{}/check", accounts::action::admin, connector_check},
    route{"GET", "/runs/{}", accounts::action::read, run_page},
    route{"POST", "/runs/{}/apply", accounts::action::admin, run_apply},
    route{"GET", "/mapping", accounts::action::read, mapping_page},
    route{"GET", "/settings", accounts::action::admin, settings_page},
    route{"POST", "/settings", accounts::action::admin, settings_save},
};

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    out.push_back(
        path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

// The open segments when path matches pattern.
std::optional<std::vector<std::string>> match(std::string_view pattern, std::string_view path) {
  if (pattern == "/" || path == "/")
    return pattern == path ? std::optional(std::vector<std::string>{}) : std::nullopt;
  // An application's name may hold '/': its route takes the rest of the (decoded) path.
  if (pattern.ends_with("/{*}")) {
    const auto prefix = pattern.substr(0, pattern.size() - 3);
    if (!path.starts_with(prefix) || path.size() == prefix.size()) return std::nullopt;
    return std::vector<std::string>{std::string(path.substr(prefix.size()))};
  }
  const auto want = segments(pattern);
  const auto got = segments(path);
  if (want.size() != got.size()) return std::nullopt;
  std::vector<std::string> open;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i] == "{}") {
      if (got[i].empty()) return std::nullopt;
      open.emplace_back(got[i]);
    } else if (want[i] != got[i]) {
      return std::nullopt;
    }
  }
  return open;
}

// A POST from a page of another site: its Origin, when the browser sends one, names that site.
bool same_origin(const http::request& req) {
  const auto origin = req.header("Origin");
  if (!origin) return true;
  const auto host = req.header("Host");
  if (!host) return false;
  return *origin == fmt::format("{}://{}", req.tls ? "https" : "http", *host);
}

void refuse_foreign_form(page_context& ctx) {
  send_error(ctx, 403, "Refused",
             "This form was not sent by a page of this console, or the page was too old. Go "
             "back, reload the page and send the form again.");
}

void handle(console_state& state, const http::request& req, http::response& res) {
  page_context ctx(req, res, state);
  if (req.path == "/signin") {
    // A sign-in form posted by another site would sign this browser into an account of that
    // site's choosing; there is no session yet, so the Origin is the only check.
    if (req.method == "POST" && !same_origin(req))
      refuse_foreign_form(ctx);
    else if (req.method == "POST")
      sign_in(ctx);
    else
      show_sign_in(ctx);
    return;
  }
  if (req.path == "/signin/link") {
    sign_in_by_link(ctx);
    return;
  }
  identify(ctx);
  if (req.method == "POST" && (!same_origin(req) || (ctx.user && !csrf_ok(ctx)))) {
    refuse_foreign_form(ctx);
    return;
  }
  if (!ctx.user) {
    if (req.method == "GET")
      res.redirect("/signin?" + http::query_string({{"next", req.target}}));
    else
      show_sign_in(ctx, "Your session has ended. Sign in again.", 401);
    return;
  }
  if (req.path == "/signout" && req.method == "POST") {
    sign_out(ctx);
    return;
  }
  ctx.as_of = inventory::today_utc();
  if (const auto day = req.query.get("as_of"); day && !day->empty()) {
    if (!inventory::is_valid_date(*day)) {
      send_error(ctx, 400, "Not a date",
                 "as_of must be a date written YYYY-MM-DD, for example 2025-07-01.");
      return;
    }
    ctx.as_of = *day;
    ctx.as_of_chosen = true;
  }
  std::string allowed;  // the methods this path answers, for a 405's Allow header
  for (const auto& r : routes) {
    auto open = match(r.pattern, req.path);
    if (!open) continue;
    if (r.method != req.method) {
      if (allowed.find(r.method) == std::string::npos)
        allowed += (allowed.empty() ? "" : ", ") + std::string(r.method);
      continue;
    }
    if (!ctx.may(r.needs)) {
      send_error(ctx, 403, "Not allowed",
                 fmt::format("Your role ({}) may not do this. An administrator can change roles "
                             "with `invhost users set-role`.",
                             accounts::role_name(ctx.user->role)));
      return;
    }
    r.page(ctx, *open);
    return;
  }
  if (!allowed.empty()) {
    res.send(405, "text/plain; charset=utf-8", "405 Method Not Allowed\n", {{"Allow", allowed}});
    return;
  }
  send_error(ctx, 404, "Not found", "There is no page at this address.");
}

}  // namespace

http::handler make_console_handler(const console_settings& settings) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  auto state = std::make_shared<console_state>(settings);
  return [state](const http::request& req, http::response& res) { handle(*state, req, res); };
}

}  // namespace invhost::console
