// Charts: every text escaped, no script and no style attribute, a title that labels the image,
// and a table whose rows are the data; geometry worked out by hand from the layout constants.
#include <boost/test/unit_test.hpp>
#include <invhost/views/svg_chart.hpp>
#include <stdexcept>

using namespace invhost::views;

namespace {

const std::string hostile = "<img src=x onerror=alert(1)>";
const std::string hostile_escaped = "&lt;img src=x onerror=alert(1)&gt;";

chart_spec spec_with(std::vector<chart_datum> data) {
  return {"unused-cost", "Top applications by \"unused\" cost", "Application", "Unused cost",
          std::move(data)};
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// Every chart kind, so the checks that hold for all of them run on each.
std::vector<std::pair<std::string, rendered_chart>> every_kind(const chart_spec& s) {
  return {{"horizontal", horizontal_bar_chart(s)},
          {"segmented", segmented_bar_chart(s)},
          {"column", column_chart(s)},
          {"histogram", histogram_chart(s)}};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(svg_charts)

BOOST_AUTO_TEST_CASE(every_text_is_escaped_and_nothing_executes_or_styles) {
  const auto s = spec_with({{hostile, 150000, "1,500.00 <USD>", ""},
                            {"Zoom & Co", 50000, "500.00 USD", "non-compliant"}});
  for (const auto& [kind, c] : every_kind(s)) {
    BOOST_TEST_CONTEXT(kind) {
      for (const std::string* out : {&c.svg, &c.table}) {
        BOOST_TEST(!has(*out, "<img"));
        BOOST_TEST(has(*out, hostile_escaped));
        BOOST_TEST(has(*out, "Zoom &amp; Co"));
        BOOST_TEST(has(*out, "1,500.00 &lt;USD&gt;"));
        BOOST_TEST(!has(*out, "style="));
        BOOST_TEST(!has(*out, "<script"));
        BOOST_TEST(!has(*out, "onerror=alert(1)>"));
      }
      BOOST_TEST(c.svg.rfind("<svg ", 0) == 0);
      BOOST_TEST(has(c.svg, "role=\"img\""));
      BOOST_TEST(has(c.svg, "aria-labelledby=\"unused-cost-title\""));
      BOOST_TEST(has(c.svg,
                     "<title id=\"unused-cost-title\">Top applications by "
                     "&quot;unused&quot; cost</title>"));
      BOOST_TEST(has(c.svg, "class=\"chart-bar non-compliant\""));
    }
  }
}

BOOST_AUTO_TEST_CASE(the_table_rows_are_the_data_in_order) {
  const auto s = spec_with({{"Slack", 3, "3 seats", ""}, {"Zoom", 1, "1 seat", ""}});
  const std::string expected =
      "<table class=\"chart-data\" id=\"unused-cost-data\"><caption>Top applications by "
      "&quot;unused&quot; cost</caption><thead><tr><th scope=\"col\">Application</th>"
      "<th scope=\"col\">Unused cost</th></tr></thead><tbody>"
      "<tr><th scope=\"row\">Slack</th><td>3 seats</td></tr>"
      "<tr><th scope=\"row\">Zoom</th><td>1 seat</td></tr></tbody></table>";
  for (const auto& [kind, c] : every_kind(s)) BOOST_TEST(c.table == expected, kind);
}

// Bars are 280 units for the largest amount, the others in proportion, rounded down: amounts
// 400, 100 and 0 give 280, 70 and 0. Rows of 40 units from y = 4, each bar 18 below its row's
// top; its label above it from the left edge, 12 below the top.
BOOST_AUTO_TEST_CASE(horizontal_bars_are_proportional_to_the_largest) {
  const auto c = horizontal_bar_chart(
      spec_with({{"A", 400, "4.00", ""}, {"B", 100, "1.00", ""}, {"C", 0, "0.00", ""}}));
  BOOST_TEST(has(c.svg, "x=\"0\" y=\"22\" width=\"280\" height=\"14\""));
  BOOST_TEST(has(c.svg, "x=\"0\" y=\"62\" width=\"70\" height=\"14\""));
  BOOST_TEST(has(c.svg, "x=\"0\" y=\"102\" width=\"0\" height=\"14\""));
  BOOST_TEST(has(c.svg, "<text class=\"chart-label\" x=\"0\" y=\"56\">B</text>"));
  // The amount 6 after its bar's end, on the bar's line.
  BOOST_TEST(has(c.svg, "<text class=\"chart-value\" x=\"76\" y=\"74\">1.00</text>"));
  BOOST_TEST(count(c.svg, "<rect ") == 3U);
  // 400 wide, so that a phone shows it near its size; three rows of 40 plus 8.
  BOOST_TEST(has(c.svg, "viewBox=\"0 0 400 128\""));
}

// Compliance breakdown 6 compliant, 3 non-compliant, 3 not applicable of 12: the 400-unit bar
// splits 200, 100, 100, each segment starting where the previous ended.
BOOST_AUTO_TEST_CASE(segments_tile_the_bar) {
  const auto c = segmented_bar_chart(spec_with({{"compliant", 6, "6", "compliant"},
                                                {"non-compliant", 3, "3", "non-compliant"},
                                                {"not applicable", 3, "3", "not-applicable"}}));
  BOOST_TEST(has(c.svg, "x=\"0\" y=\"0\" width=\"200\""));
  BOOST_TEST(has(c.svg, "x=\"200\" y=\"0\" width=\"100\""));
  BOOST_TEST(has(c.svg, "x=\"300\" y=\"0\" width=\"100\""));
  BOOST_TEST(has(c.svg, ">non-compliant: 3</text>"));
}

// Twelve months: slots of 640 / 12 = 53 units; a column chart leaves 8 between columns (width
// 45), a histogram none (width 53). The tallest is 200 high, one of half its amount 100.
BOOST_AUTO_TEST_CASE(columns_and_histogram_buckets) {
  std::vector<chart_datum> months;
  for (int m = 1; m <= 12; ++m)
    months.push_back({"2026-" + std::string(m < 10 ? "0" : "") + std::to_string(m),
                      m == 3 ? 10 : (m == 4 ? 5 : 0), "x", ""});
  const auto c = column_chart(spec_with(months));
  BOOST_TEST(count(c.svg, "<rect ") == 12U);
  // March is the third slot: x = 2 * 53 + 4.
  BOOST_TEST(has(c.svg, "x=\"110\" y=\"20\" width=\"45\" height=\"200\""));
  BOOST_TEST(has(c.svg, "x=\"163\" y=\"120\" width=\"45\" height=\"100\""));
  const auto h = histogram_chart(spec_with(months));
  BOOST_TEST(has(h.svg, "x=\"106\" y=\"20\" width=\"53\" height=\"200\""));
  BOOST_TEST(has(h.svg, "class=\"chart chart-histogram\""));
}

BOOST_AUTO_TEST_CASE(no_data_still_has_its_title_and_table) {
  for (const auto& [kind, c] : every_kind(spec_with({}))) {
    BOOST_TEST_CONTEXT(kind) {
      BOOST_TEST(has(c.svg, "<title id=\"unused-cost-title\">"));
      BOOST_TEST(has(c.svg, ">No data</text>"));
      BOOST_TEST(has(c.table, "<tbody></tbody>"));
    }
  }
}

BOOST_AUTO_TEST_CASE(ids_classes_and_sizes_are_bounded) {
  auto s = spec_with({{"A", 1, "1", ""}});
  s.id = "x\" onload=\"alert(1)";
  BOOST_CHECK_THROW(horizontal_bar_chart(s), std::invalid_argument);
  s = spec_with({{"A", 1, "1", "bad\"class"}});
  BOOST_CHECK_THROW(column_chart(s), std::invalid_argument);
  s = spec_with(std::vector<chart_datum>(max_chart_data + 1, {"A", 1, "1", ""}));
  BOOST_CHECK_THROW(segmented_bar_chart(s), std::invalid_argument);
  // The largest amounts do not overflow the arithmetic.
  s = spec_with({{"A", INT64_MAX, "max", ""}, {"B", INT64_MAX / 2, "half", ""}});
  // Half of the largest, a hair under: 280 / 2 and 400 * 2 / 3, rounded down.
  BOOST_TEST(has(horizontal_bar_chart(s).svg, "width=\"139\""));
  BOOST_TEST(has(segmented_bar_chart(s).svg, "width=\"266\""));
}

// A chart shows source text as the pages do: a control character (ESC) and a byte that is not
// UTF-8 (0xFF) come out as U+FFFD, in the image and in its table.
BOOST_AUTO_TEST_CASE(controls_and_invalid_utf8_in_labels_are_replaced) {
  const std::string fffd = "\xEF\xBF\xBD";
  const auto s = spec_with({{"Zoom\x1B[31m Pro\xFF", 1, "1\x07 %", ""}});
  for (const auto& [kind, c] : every_kind(s)) {
    BOOST_TEST_CONTEXT(kind) {
      for (const std::string* out : {&c.svg, &c.table}) {
        BOOST_TEST(has(*out, "Zoom" + fffd + "[31m Pro" + fffd));
        BOOST_TEST(has(*out, "1" + fffd + " %"));
        BOOST_TEST(!has(*out, "\x1B"));
        BOOST_TEST(!has(*out, "\xFF"));
        BOOST_TEST(!has(*out, "\x07"));
      }
    }
  }
}

// A horizontal bar's label starts at the left edge, on its own line: at 12px a character is taken
// as at most 7 units wide, so a label keeps at most 400 / 7 = 57 characters, the last of them an
// ellipsis; the bar's <title> and the table keep the whole name.
BOOST_AUTO_TEST_CASE(long_labels_are_shortened_in_the_image_only) {
  // 200 characters, each two bytes in UTF-8: a cut by bytes would split one.
  std::string name;
  for (int i = 0; i < 200; ++i) name += "\xC3\xA9";  // é
  const auto c = horizontal_bar_chart(spec_with({{name, 5, "5 %", ""}, {"Zoom", 3, "3 %", ""}}));
  std::string shown;
  for (int i = 0; i < 56; ++i) shown += "\xC3\xA9";
  shown += "\xE2\x80\xA6";  // …
  BOOST_TEST(has(c.svg, "y=\"16\">" + shown + "</text>"));
  BOOST_TEST(count(c.svg, name) == 1U);  // in the bar's title only
  BOOST_TEST(has(c.svg, "<title>" + name + ": 5 %</title>"));
  BOOST_TEST(has(c.table, "<th scope=\"row\">" + name + "</th>"));
  // A name that fits is shown whole.
  BOOST_TEST(has(c.svg, "y=\"56\">Zoom</text>"));
}

BOOST_AUTO_TEST_SUITE_END()
