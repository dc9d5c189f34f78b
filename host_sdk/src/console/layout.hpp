// The frame of every page (top bar, navigation, the FSM link, sign-out, the date shown) and the
// small HTML pieces pages share. Every text passes through esc(): source data is untrusted.
#ifndef INVHOST_CONSOLE_LAYOUT_HPP
#define INVHOST_CONSOLE_LAYOUT_HPP

#include <string>
#include <string_view>

#include "page_context.hpp"

namespace invhost::console {

// HTML-escaped text.
std::string esc(std::string_view text);

// The sections of the top bar's navigation; a page names the one it belongs to.
enum class section { overview, licenses, applications, connectors, mapping, settings, none };

// Sends a whole page: title (escaped here), section for the navigation, body (already HTML).
void send_page(page_context& ctx, unsigned status, std::string_view title, section current,
               std::string_view body);

// A hidden field carrying the session's CSRF token, for every form that POSTs.
std::string csrf_field(const page_context& ctx);

// A short page for an error: what happened and what to do.
void send_error(page_context& ctx, unsigned status, std::string_view title,
                std::string_view message);

}  // namespace invhost::console

#endif
