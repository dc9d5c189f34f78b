#include "sign_in.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <invhost/accounts/sessions.hpp>
#include <invhost/accounts/signin_links.hpp>
#include <invhost/accounts/users.hpp>
#include <invhost/host_log.hpp>
#include <invhost/http/cookie.hpp>

#include "layout.hpp"

namespace invhost::console {

namespace {

using clock = std::chrono::system_clock;

// The cookie outlives no session: sessions end after 12 hours at the latest (server side too).
constexpr std::chrono::seconds cookie_lifetime = std::chrono::hours(12);

accounts::session_limits limits_of(const page_context& ctx) {
  accounts::session_limits limits;
  limits.idle = ctx.state.settings.session_idle;
  return limits;
}

signed_in from_account(const accounts::account& a, std::string csrf) {
  return {a.id, a.name, a.role, std::move(csrf)};
}

bool trusted_proxy(const page_context& ctx) {
  const auto& proxies = ctx.state.settings.trusted_proxies;
  return std::find(proxies.begin(), proxies.end(), ctx.req.remote_address) != proxies.end();
}

// Where to go after signing in: a path on this console only, never another site.
std::string safe_next(std::string_view next) {
  if (next.empty() || next[0] != '/' || next.starts_with("//") || next.starts_with("/\\") ||
      next.find_first_of("\r\n") != std::string_view::npos)
    return "/";
  return std::string(next);
}

void start_session(page_context& ctx, const accounts::new_session& s, const std::string& next) {
  ctx.res.redirect(safe_next(next),
                   {{"Set-Cookie", http::set_cookie(session_cookie, s.token, cookie_lifetime,
                                                    ctx.state.settings.tls)}});
}

const std::array<unsigned char, crypto_generichash_KEYBYTES>& proxy_csrf_key() {
  static const auto key = [] {
    std::array<unsigned char, crypto_generichash_KEYBYTES> k{};
    randombytes_buf(k.data(), k.size());
    return k;
  }();
  return key;
}

}  // namespace

std::string proxy_csrf_token(std::string_view user_name) {
  std::array<unsigned char, 32> mac{};
  crypto_generichash(mac.data(), mac.size(),
                     reinterpret_cast<const unsigned char*>(user_name.data()), user_name.size(),
                     proxy_csrf_key().data(), proxy_csrf_key().size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  return {hex.data()};
}

void identify(page_context& ctx) {
  if (ctx.state.settings.auth == auth_mode::proxy_header) {
    if (!trusted_proxy(ctx)) return;
    const auto value = ctx.req.header(ctx.state.settings.proxy_header);
    if (!value) return;
    if (auto a = accounts::account_for_proxy_header(ctx.db().sql(), *value))
      ctx.user = from_account(*a, proxy_csrf_token(a->name));
    return;
  }
  const auto cookie = ctx.req.cookies.find(std::string(session_cookie));
  if (cookie == ctx.req.cookies.end()) return;
  if (auto s = accounts::find_session(ctx.db().sql(), cookie->second, clock::now(), limits_of(ctx)))
    ctx.user = from_account(s->who, s->csrf_token);
}

bool csrf_ok(const page_context& ctx) {
  if (!ctx.user) return false;
  const auto given = ctx.req.form.get("csrf");
  return given && accounts::csrf_matches(ctx.user->csrf, *given);
}

void show_sign_in(page_context& ctx, std::string_view problem, unsigned status) {
  std::string body = "<h1>Sign in</h1>";
  if (ctx.state.settings.auth == auth_mode::proxy_header) {
    body +=
        "<p>This console signs people in through the organisation's proxy, which did not name "
        "an account of this host. Ask an administrator to add yours with <code>invhost users "
        "add</code>.</p>";
    send_page(ctx, 401, "Sign in", section::none, body);
    return;
  }
  if (!problem.empty())
    body += fmt::format(
        R"(<div class="error-summary" role="alert"><h2>There is a problem</h2><p><a href="#name">{}</a></p></div>)",
        esc(problem));
  const std::string next =
      ctx.req.query.get("next").value_or(ctx.req.form.get("next").value_or("/"));
  body += fmt::format(
      R"(<form class="sign-in" method="post" action="/signin">
<input type="hidden" name="next" value="{}">
<p><label for="name">Account name</label><input id="name" name="name" autocomplete="username" required maxlength="64"></p>
<p><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"></p>
<p><button type="submit">Sign in</button></p>
</form>)",
      esc(safe_next(next)));
  send_page(ctx, status, "Sign in", section::none, body);
}

void sign_in(page_context& ctx) {
  if (ctx.state.settings.auth != auth_mode::local) {
    show_sign_in(ctx);
    return;
  }
  const std::string name = ctx.req.form.get("name").value_or("");
  const std::string password = ctx.req.form.get("password").value_or("");
  const auto now = clock::now();
  if (const auto wait = ctx.state.limiter.wait_before(ctx.req.remote_address, name, now);
      wait.count() > 0) {
    const auto minutes = (wait.count() + 59) / 60;
    show_sign_in(ctx,
                 fmt::format("Too many failed sign-ins. Try again in {} minute{}.", minutes,
                             minutes == 1 ? "" : "s"),
                 429);
    return;
  }
  auto& sql = ctx.db().sql();
  const auto who = accounts::check_signin(sql, name, password);
  if (!who) {
    ctx.state.limiter.record_failure(ctx.req.remote_address, name, now);
    host_log(log_level::warn,
             fmt::format("console: failed sign-in from {}", ctx.req.remote_address));
    show_sign_in(ctx, "The account name or the password is not right.", 401);
    return;
  }
  ctx.state.limiter.record_success(name);
  const auto s = accounts::create_session(sql, *who, now, limits_of(ctx));
  host_log(log_level::info, fmt::format("console: {} signed in", who->name));
  start_session(ctx, s, ctx.req.form.get("next").value_or("/"));
}

void sign_in_by_link(page_context& ctx) {
  const std::string token = ctx.req.query.get("token").value_or("");
  if (ctx.state.settings.auth == auth_mode::local) {
    if (auto s =
            accounts::redeem_signin_link(ctx.db().sql(), token, clock::now(), limits_of(ctx))) {
      host_log(log_level::info, fmt::format("console: {} signed in with a link", s->who.name));
      start_session(ctx, *s, "/");
      return;
    }
  }
  show_sign_in(ctx,
               "This sign-in link was used already, has expired or is not valid. Sign in with "
               "your password, or ask for a new link.",
               400);
}

void sign_out(page_context& ctx) {
  const auto cookie = ctx.req.cookies.find(std::string(session_cookie));
  if (cookie != ctx.req.cookies.end()) accounts::end_session(ctx.db().sql(), cookie->second);
  ctx.res.redirect("/signin",
                   {{"Set-Cookie", http::set_cookie(session_cookie, "", std::chrono::seconds(0),
                                                    ctx.state.settings.tls)}});
}

}  // namespace invhost::console
