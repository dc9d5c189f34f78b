// The subset of Markdown the project's documents use (headings, paragraphs, lists, tables, code
// spans and blocks, bold, links) as HTML, so a document and its page come from one text.
#ifndef INVHOST_CONSOLE_MARKDOWN_HTML_HPP
#define INVHOST_CONSOLE_MARKDOWN_HTML_HPP

#include <string>
#include <string_view>

namespace invhost::console {

// Every text is escaped; a link becomes a link only when its target is a web address or a path
// of this console (other targets, such as a file of the source tree, are shown as text).
std::string markdown_html(std::string_view markdown);

}  // namespace invhost::console

#endif
