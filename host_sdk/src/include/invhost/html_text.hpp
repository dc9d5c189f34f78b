// Text placed in HTML or SVG, escaped here and only here: data from a source (a license named
// `<img src=x onerror=alert(1)>`, a name carrying ESC or bytes that are not UTF-8) is shown as
// text by every page and chart, never read as markup or reinterpreted by the browser.
#ifndef INVHOST_HTML_TEXT_HPP
#define INVHOST_HTML_TEXT_HPP

#include <string>
#include <string_view>

namespace invhost {

// Text for an HTML or SVG element or a quoted attribute value: & < > " ' as character
// references; control characters (C0 but tab, LF and CR; DEL; C1) and every byte not part of
// valid UTF-8 as U+FFFD.
std::string html_escape(std::string_view text);

}  // namespace invhost

#endif
