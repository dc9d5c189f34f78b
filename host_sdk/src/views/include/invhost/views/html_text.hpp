// Text placed in HTML or SVG: escaped here, in one place, so that data from a source (a license
// named `<img src=x onerror=alert(1)>`) is shown as text and never read as markup.
#ifndef INVHOST_VIEWS_HTML_TEXT_HPP
#define INVHOST_VIEWS_HTML_TEXT_HPP

#include <string>
#include <string_view>

namespace invhost::views {

// `text` with & < > " ' replaced by character references: safe in element content and in a
// double- or single-quoted attribute value.
std::string html_escape(std::string_view text);

}  // namespace invhost::views

#endif
