// Server-rendered charts: each an SVG image with a title that screen readers announce, and the
// same data as an HTML table. Pure functions of their data; every text is escaped; no script and
// no style attribute (the console's Content-Security-Policy forbids inline style), only SVG
// presentation attributes and CSS classes.
#ifndef INVHOST_VIEWS_SVG_CHART_HPP
#define INVHOST_VIEWS_SVG_CHART_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace invhost::views {

// One bar, segment or column.
struct chart_datum {
  std::string label;
  // What sets the bar's length, in any integer unit the whole chart shares (seats, minor units of
  // one currency, a percentage); negative counts as 0. Never a double: money stays exact.
  std::int64_t amount = 0;
  std::string
      amount_text;        // how the amount reads in the table and the bar's label ("1,200.00 USD")
  std::string css_class;  // optional extra class of the bar (e.g. "non-compliant"); [a-z0-9-_ ]
};

struct chart_spec {
  std::string
      id;  // unique on the page: [a-z0-9-], 1..64 characters; ids of the title derive from it
  std::string title;
  std::string label_heading;   // the table's first column ("Application")
  std::string amount_heading;  // its second ("Unused cost")
  std::vector<chart_datum> data;
};

// Most data points a chart takes; the caller picks its top N.
inline constexpr std::size_t max_chart_data = 500;

struct rendered_chart {
  std::string svg;    // <svg role="img" aria-labelledby=...><title>...</title>...</svg>
  std::string table;  // <table> with a caption, a scoped header row and one row per datum
};

// Throws std::invalid_argument for a bad id or class, or more than max_chart_data data points.
// One row per datum; a label longer than its 192 units is shortened with an ellipsis, by
// characters, and read whole in the bar's <title> and in the table.
rendered_chart horizontal_bar_chart(const chart_spec& spec);
rendered_chart segmented_bar_chart(const chart_spec& spec);  // one bar, a segment per datum
rendered_chart column_chart(const chart_spec& spec);         // one column per datum
rendered_chart histogram_chart(const chart_spec& spec);      // adjacent columns (buckets)

// The table alone, as every chart renders it.
std::string chart_table(const chart_spec& spec);

}  // namespace invhost::views

#endif
