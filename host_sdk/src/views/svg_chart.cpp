// Geometry is in whole SVG user units, computed with integers from the data's integer amounts, so
// a chart of money never goes through a double and the same data always draws the same image.
#include "invhost/views/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <invhost/html_text.hpp>
#include <invhost/utf8.hpp>
#include <stdexcept>

namespace invhost::views {
namespace {

__extension__ typedef unsigned __int128 wide;  // sums and products of int64 amounts

constexpr std::int64_t chart_width = 640;
// Bars with their labels, which need no room side by side: drawn narrow, so that at a phone's
// width (about 360 CSS pixels) the image is shown near its own size, its 12px text still legible.
constexpr std::int64_t narrow_width = 400;

bool id_ok(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool class_ok(const std::string& cls) {
  if (cls.size() > 64) return false;
  return std::all_of(cls.begin(), cls.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ' ';
  });
}

void check(const chart_spec& spec) {
  if (!id_ok(spec.id)) throw std::invalid_argument("a chart id is 1..64 of [a-z0-9-]");
  if (spec.data.size() > max_chart_data)
    throw std::invalid_argument(
        fmt::format("a chart takes at most {} data points", max_chart_data));
  for (const auto& d : spec.data)
    if (!class_ok(d.css_class)) throw std::invalid_argument("a chart class is [a-z0-9-_ ]");
}

std::uint64_t positive(std::int64_t v) {
  return v > 0 ? static_cast<std::uint64_t>(v) : 0;
}

// part / whole of `length`, rounded down; 0 when whole is 0.
std::int64_t scaled(wide part, wide whole, std::int64_t length) {
  if (whole == 0) return 0;
  return static_cast<std::int64_t>(part * static_cast<wide>(length) / whole);
}

std::uint64_t largest(const chart_spec& spec) {
  std::uint64_t m = 0;
  for (const auto& d : spec.data) m = std::max(m, positive(d.amount));
  return m;
}

std::string bar_class(const chart_datum& d) {
  return d.css_class.empty() ? "chart-bar" : "chart-bar " + d.css_class;
}

std::string svg_open(const chart_spec& spec, const char* kind, std::int64_t width,
                     std::int64_t height) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {}\" role=\"img\" "
      "aria-labelledby=\"{}-title\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\">"
      "<title id=\"{}-title\">{}</title>",
      kind, spec.id, width, height, width, height, spec.id, html_escape(spec.title));
}

std::string no_data(std::int64_t y) {
  return fmt::format("<text class=\"chart-empty\" x=\"8\" y=\"{}\">No data</text>", y);
}

// At most max_chars characters of label, the last of them an ellipsis when it is cut; cut by
// characters, never inside one.
std::string shortened(std::string_view label, std::size_t max_chars) {
  if (utf8_length(label) <= max_chars) return std::string(label);
  return std::string(utf8_prefix(label, max_chars - 1)) + "\u2026";
}

rendered_chart with_table(const chart_spec& spec, std::string svg) {
  return {std::move(svg), chart_table(spec)};
}

// Columns side by side above their labels; `gap` between neighbours (0: a histogram's buckets).
rendered_chart columns(const chart_spec& spec, const char* kind, std::int64_t gap) {
  check(spec);
  constexpr std::int64_t top = 20, plot = 200, label_band = 24;
  const std::int64_t height = top + plot + label_band;
  std::string svg = svg_open(spec, kind, chart_width, height);
  if (spec.data.empty()) return with_table(spec, svg + no_data(top + 16) + "</svg>");
  const auto n = static_cast<std::int64_t>(spec.data.size());
  const std::int64_t slot = chart_width / n;
  const std::int64_t width = std::max<std::int64_t>(slot - gap, 1);
  const std::uint64_t max = largest(spec);
  svg += fmt::format("<line class=\"chart-axis\" x1=\"0\" y1=\"{0}\" x2=\"{1}\" y2=\"{0}\"/>",
                     top + plot, chart_width);
  for (std::int64_t i = 0; i < n; ++i) {
    const chart_datum& d = spec.data[static_cast<std::size_t>(i)];
    const std::int64_t h = scaled(positive(d.amount), max, plot);
    const std::int64_t x = i * slot + gap / 2;
    const std::int64_t centre = x + width / 2;
    svg += fmt::format(
        "<g><rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
        "<text class=\"chart-value\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>"
        "<text class=\"chart-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>",
        bar_class(d), x, top + plot - h, width, h, centre, top + plot - h - 4,
        html_escape(d.amount_text), centre, top + plot + 16, html_escape(d.label));
  }
  return with_table(spec, svg + "</svg>");
}

}  // namespace

std::string chart_table(const chart_spec& spec) {
  check(spec);
  std::string out = fmt::format(
      "<table class=\"chart-data\" id=\"{}-data\"><caption>{}</caption><thead><tr>"
      "<th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
      spec.id, html_escape(spec.title), html_escape(spec.label_heading),
      html_escape(spec.amount_heading));
  for (const auto& d : spec.data)
    out += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>", html_escape(d.label),
                       html_escape(d.amount_text));
  return out + "</tbody></table>";
}

rendered_chart horizontal_bar_chart(const chart_spec& spec) {
  check(spec);
  // Each label on its own line above its bar, from the left edge. The bars leave room after the
  // longest for its amount.
  constexpr std::int64_t row = 40, label_line = 12, bar_top = 18, bar_height = 14, bar_area = 280;
  // Without font metrics, a 12px character is taken as at most 7 units wide; a longer name is
  // shortened here and read whole in the bar's title and the table.
  constexpr std::size_t max_label_chars = narrow_width / 7;
  const auto n = static_cast<std::int64_t>(spec.data.size());
  const std::int64_t height = std::max<std::int64_t>(n, 1) * row + 8;
  std::string svg = svg_open(spec, "chart-hbar", narrow_width, height);
  if (spec.data.empty()) return with_table(spec, svg + no_data(20) + "</svg>");
  const std::uint64_t max = largest(spec);
  for (std::int64_t i = 0; i < n; ++i) {
    const chart_datum& d = spec.data[static_cast<std::size_t>(i)];
    const std::int64_t y = 4 + i * row;
    const std::int64_t w = scaled(positive(d.amount), max, bar_area);
    svg += fmt::format(
        "<g><title>{}: {}</title>"
        "<text class=\"chart-label\" x=\"0\" y=\"{}\">{}</text>"
        "<rect class=\"{}\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
        "<text class=\"chart-value\" x=\"{}\" y=\"{}\">{}</text></g>",
        html_escape(d.label), html_escape(d.amount_text), y + label_line,
        html_escape(shortened(d.label, max_label_chars)), bar_class(d), y + bar_top, w, bar_height,
        w + 6, y + bar_top + bar_height - 2, html_escape(d.amount_text));
  }
  return with_table(spec, svg + "</svg>");
}

rendered_chart segmented_bar_chart(const chart_spec& spec) {
  check(spec);
  constexpr std::int64_t bar_height = 32, legend_row = 20;
  const auto n = static_cast<std::int64_t>(spec.data.size());
  const std::int64_t height = bar_height + 12 + std::max<std::int64_t>(n, 1) * legend_row;
  std::string svg = svg_open(spec, "chart-segmented", narrow_width, height);
  wide total = 0;
  for (const auto& d : spec.data) total += positive(d.amount);
  if (total == 0) return with_table(spec, svg + no_data(20) + "</svg>");
  // Each segment ends where the running total ends, so the segments tile the bar exactly.
  wide running = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const chart_datum& d = spec.data[static_cast<std::size_t>(i)];
    const std::int64_t x = scaled(running, total, narrow_width);
    running += positive(d.amount);
    const std::int64_t end = scaled(running, total, narrow_width);
    const std::int64_t ly = bar_height + 12 + i * legend_row;
    svg += fmt::format(
        "<g><rect class=\"{0}\" x=\"{1}\" y=\"0\" width=\"{2}\" height=\"{3}\"/>"
        "<rect class=\"{0}\" x=\"0\" y=\"{4}\" width=\"12\" height=\"12\"/>"
        "<text class=\"chart-label\" x=\"18\" y=\"{5}\">{6}: {7}</text></g>",
        bar_class(d), x, end - x, bar_height, ly, ly + 11, html_escape(d.label),
        html_escape(d.amount_text));
  }
  return with_table(spec, svg + "</svg>");
}

rendered_chart column_chart(const chart_spec& spec) {
  return columns(spec, "chart-columns", 8);
}

rendered_chart histogram_chart(const chart_spec& spec) {
  return columns(spec, "chart-histogram", 0);
}

}  // namespace invhost::views
