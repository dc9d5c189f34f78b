// Text from sources (license names, adapter messages, run reasons) made safe to show on a
// terminal. A name carrying ESC[31m, an OSC 8 hyperlink, \r or \b would otherwise recolour,
// rewrite or hide what the operator reads; invalid UTF-8 would garble it.
//
// Shown visibly instead:
//   - C0 controls (U+0000..U+001F), DEL (U+007F), C1 controls (U+0080..U+009F), and the
//     characters that reorder or break lines (U+061C, U+200E, U+200F, U+2028, U+2029,
//     U+202A..U+202E, U+2066..U+2069) as \uXXXX (lower-case hex), e.g. ESC as \u001b;
//   - every byte that is not part of a valid UTF-8 sequence as \xHH, e.g. \xff.
// Everything else, a backslash included, is shown as it is. \uXXXX is also a valid JSON string
// escape for the same character, so JSON passed through by mistake still parses to the exact
// text; JSON and CSV output are nevertheless written exact, never through these functions.
#ifndef INVHOST_TERMINAL_TEXT_HPP
#define INVHOST_TERMINAL_TEXT_HPP

#include <string>
#include <string_view>

namespace invhost {

// One value on one line (a table cell, a name): every character above is escaped, \n and \t too.
std::string terminal_text(std::string_view text);

// Lines the host composed (a summary, an error message): as terminal_text, but \n is kept.
std::string terminal_lines(std::string_view text);

}  // namespace invhost

#endif
