// /mapping: the imported data mapping, rendered from docs/data-mapping.md itself (embedded at
// build time), so the page and the document never disagree.
#include "embedded_documents.hpp"
#include "layout.hpp"
#include "markdown_html.hpp"
#include "pages.hpp"

namespace invhost::console {

void mapping_page(page_context& ctx, args) {
  std::string_view text = data_mapping_markdown();
  // The document's own title becomes the page's h1.
  std::string body = "<h1>Imported data mapping</h1>\n";
  if (text.starts_with("# ")) text.remove_prefix(std::min(text.find('\n'), text.size()));
  body += "<div class=\"document\">" + markdown_html(text) + "</div>";
  send_page(ctx, 200, "Imported data mapping", section::mapping, body);
}

}  // namespace invhost::console
