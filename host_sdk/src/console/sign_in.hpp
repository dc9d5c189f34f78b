// Who is asking: a session cookie (local accounts) or a trusted proxy's header; and the sign-in,
// one-time link and sign-out pages of local accounts.
#ifndef INVHOST_CONSOLE_SIGN_IN_HPP
#define INVHOST_CONSOLE_SIGN_IN_HPP

#include "page_context.hpp"

namespace invhost::console {

// The cookie that carries a session token.
inline constexpr std::string_view session_cookie = "invhost_session";

// Fills ctx.user from the request, when it is signed in.
void identify(page_context& ctx);

// Whether the form of this POST carries the signed-in user's CSRF token. Proxy-header sign-in has
// no session: its token is derived from the user's name with a key made at start.
bool csrf_ok(const page_context& ctx);

// The CSRF token of a proxy-header user (stable for this console process).
std::string proxy_csrf_token(std::string_view user_name);

void show_sign_in(page_context& ctx, std::string_view problem = {}, unsigned status = 200);
void sign_in(page_context& ctx);          // POST /signin
void sign_in_by_link(page_context& ctx);  // GET /signin/link?token=
void sign_out(page_context& ctx);         // POST /signout

}  // namespace invhost::console

#endif
