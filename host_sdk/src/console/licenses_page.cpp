// /licenses, /licenses.csv and /licenses.json: one query (views::license_query, read from the
// URL), three renderings of the same rows. CSV and JSON hold the whole filtered set, not the page.
#include <fmt/format.h>

#include <boost/json.hpp>
#include <invhost/views/license_list.hpp>
#include <invhost/views/license_query.hpp>
#include <set>

#include "layout.hpp"
#include "pages.hpp"
#include "positions.hpp"

namespace invhost::console {

namespace {

struct column {
  std::string_view field;  // the report's field, or the list's own
  std::string_view heading;
  bool numeric;
};

// The list's columns, in order. Each sorts by its field.
constexpr std::array<column, 12> columns{{
    {"name", "License", false},
    {"connection", "Connection", false},
    {"publisher", "Publisher", false},
    {"status", "Status", false},
    {"compliance", "Compliance", false},
    {"entitled", "Entitled", true},
    {"consumed", "Consumed", true},
    {"utilisation_percent", "Utilisation", true},
    {"shortfall", "Shortfall", true},
    {"inactive", "Inactive", true},
    {"unused_cost", "Unused cost", true},
    {"days_to_renewal", "Days to renewal", true},
}};

// 400 with the query's problems listed, each naming its parameter.
void send_query_errors(page_context& ctx, const views::parsed_license_query& parsed) {
  std::string list;
  for (const auto& e : parsed.errors)
    list += fmt::format("<li><code>{}</code>: {}</li>", esc(e.parameter), esc(e.message));
  send_page(
      ctx, 400, "Licenses", section::licenses,
      fmt::format(
          R"(<h1>Licenses</h1><div class="error-summary" role="alert"><h2>The address asks for something this list cannot show</h2><ul>{}</ul><p><a href="/licenses">All licenses</a></p></div>)",
          list));
}

std::optional<views::license_query> query_of(page_context& ctx) {
  auto parsed = views::parse_license_query(query_part(ctx.req));
  if (!parsed.ok()) {
    send_query_errors(ctx, parsed);
    return std::nullopt;
  }
  parsed.query.as_of = ctx.as_of_chosen ? ctx.as_of : "";
  return parsed.query;
}

std::string list_url(std::string_view path, const views::license_query& q) {
  const auto qs = views::to_query_string(q);
  return qs.empty() ? std::string(path) : fmt::format("{}?{}", path, qs);
}

std::string utilisation_bar(const views::license_row& row) {
  if (!row.utilisation_percent) return "—";
  const auto pct = *row.utilisation_percent;
  const auto width = std::clamp<std::int64_t>(pct, 0, 100);
  return fmt::format(
      R"(<svg class="bar{}" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect width="{}" height="10"/></svg> {} %)",
      pct > 100 ? " bar-over" : "", width, pct);
}

std::string cell(const views::license_row& row, const column& c, page_context& ctx) {
  const auto& r = row.report;
  if (c.field == "name")
    return fmt::format(R"(<a href="{}">{}</a>)",
                       esc(ctx.link(fmt::format("/licenses/{}", r.at("id").as_int64()))),
                       esc(shown(r.at("name"))));
  if (c.field == "utilisation_percent") return utilisation_bar(row);
  if (c.field == "days_to_renewal")
    return row.days_to_renewal ? std::to_string(*row.days_to_renewal) : "—";
  if (c.field == "unused_cost") {
    if (r.at("unused_cost").is_null()) return "—";
    return esc(fmt::format("{} {}", shown(r.at("unused_cost")), shown(r.at("currency"))));
  }
  if (c.field == "compliance") {
    const auto text = shown(r.at("compliance"));
    return fmt::format(R"(<span class="{}">{}</span>)", esc(text), esc(text));
  }
  return esc(shown(r.at(c.field)));
}

std::string select_filter(std::string_view name, std::string_view label,
                          const std::set<std::string>& options, const std::string& chosen) {
  std::string out = fmt::format(
      R"(<p><label for="f-{}">{}</label><select id="f-{}" name="{}"><option value="">Any</option>)",
      name, label, name, name);
  for (const auto& o : options)
    out += fmt::format(R"(<option value="{}"{}>{}</option>)", esc(o),
                       o == chosen ? " selected" : "", esc(o));
  return out + "</select></p>";
}

// The connections and publishers the set's licenses have: the choices of the list's filters.
struct filter_choices {
  std::set<std::string> connections;
  std::set<std::string> publishers;
};

filter_choices choices_of(const views::license_set& set) {
  filter_choices out;
  for (const auto& row : set.rows) {
    if (const auto& c = row.report.at("connection"); c.is_string())
      out.connections.emplace(c.as_string());
    const auto& p = row.report.at("publisher").as_string();
    if (!p.empty()) out.publishers.emplace(p);
  }
  return out;
}

std::string filter_form(page_context& ctx, const shared_positions& set,
                        const views::license_query& q) {
  const auto choices =
      set.derived<filter_choices>("list filter choices", [&set] { return choices_of(set); });
  const auto& [connections, publishers] = *choices;
  std::string out =
      R"(<form class="filters" method="get" action="/licenses" role="search" aria-label="Filter licenses">)";
  out += select_filter("status", "Status", {"active", "retired"}, q.status);
  out += select_filter("compliance", "Compliance", {"compliant", "non-compliant", "not-applicable"},
                       q.compliance);
  out += select_filter("connection", "Connection", connections, q.connection);
  out += select_filter("publisher", "Publisher", publishers, q.publisher);
  out += fmt::format(
      R"(<p><label for="f-q">Text</label><input id="f-q" name="q" maxlength="200" value="{}"></p>)",
      esc(q.q));
  if (q.sort != "name" || q.descending)
    out += fmt::format(R"(<input type="hidden" name="sort" value="{}{}">)", q.descending ? "-" : "",
                       esc(q.sort));
  if (ctx.as_of_chosen)
    out += fmt::format(R"(<input type="hidden" name="as_of" value="{}">)", esc(ctx.as_of));
  return out + R"(<p><button type="submit">Filter</button></p></form>)";
}

std::string header_row(const views::license_query& q) {
  std::string out = "<thead><tr>";
  for (const auto& c : columns) {
    views::license_query next = q;
    next.page = 1;
    next.sort = std::string(c.field);
    const bool current = q.sort == c.field;
    next.descending = current ? !q.descending : c.numeric;
    const char* sorted = !current       ? ""
                         : q.descending ? " aria-sort=\"descending\""
                                        : " aria-sort=\"ascending\"";
    out += fmt::format(R"(<th scope="col"{}{}><a href="{}">{}</a></th>)",
                       c.numeric ? R"( class="num")" : "", sorted, esc(list_url("/licenses", next)),
                       c.heading);
  }
  return out + "</tr></thead>";
}

}  // namespace

void licenses_page(page_context& ctx, args) {
  const auto q = query_of(ctx);
  if (!q) return;
  const auto set = load_positions(ctx);
  // The selection is kept with the set: paging through it, or a second reader of the same list,
  // does not filter and sort every license again.
  views::license_query every_page = *q;
  every_page.page = 1;
  every_page.per_page = views::default_per_page;
  const auto selected = set.derived<std::vector<const views::license_row*>>(
      "licenses " + views::to_query_string(every_page),
      [&] { return views::select_rows(set.rows, every_page); });
  const auto page = views::license_list(*selected, *q);
  std::string body = "<h1>Licenses</h1>" + filter_form(ctx, set, *q);
  const auto first = page.total == 0 ? 0 : (page.page - 1) * page.per_page + 1;
  const auto last = std::min(page.total, page.page * page.per_page);
  body += fmt::format(
      R"(<p>{} licenses match. Download them all: <a href="{}">CSV</a> · <a href="{}">JSON</a></p>)",
      page.total, esc(list_url("/licenses.csv", *q)), esc(list_url("/licenses.json", *q)));
  body += R"(<div class="table-scroll"><table id="licenses">)";
  body += fmt::format("<caption>Licenses {}–{} of {}, as of {}</caption>", first, last, page.total,
                      esc(ctx.as_of));
  body += header_row(*q) + "<tbody>";
  for (const auto& row : page.rows) {
    body += fmt::format(R"(<tr data-license-id="{}">)", row.report.at("id").as_int64());
    for (const auto& c : columns)
      body += fmt::format(R"(<td data-field="{}"{}>{}</td>)", c.field,
                          c.numeric ? R"( class="num")" : "", cell(row, c, ctx));
    body += "</tr>";
  }
  body += "</tbody></table></div>";
  if (page.pages > 1) {
    body += R"(<nav class="pager" aria-label="Pages">)";
    if (page.page > 1) {
      auto prev = *q;
      prev.page = page.page - 1;
      body += fmt::format(R"(<a href="{}" rel="prev">Previous page</a>)",
                          esc(list_url("/licenses", prev)));
    }
    body += fmt::format("<span>Page {} of {}</span>", page.page, page.pages);
    if (page.page < page.pages) {
      auto next = *q;
      next.page = page.page + 1;
      body +=
          fmt::format(R"(<a href="{}" rel="next">Next page</a>)", esc(list_url("/licenses", next)));
    }
    body += "</nav>";
  }
  send_page(ctx, 200, "Licenses", section::licenses, body);
}

void licenses_csv(page_context& ctx, args) {
  const auto q = query_of(ctx);
  if (!q) return;
  const auto set = load_positions(ctx);
  ctx.res.send(200, "text/csv; charset=utf-8", views::license_list_csv(set, *q),
               {{"Content-Disposition", R"(attachment; filename="licenses.csv")"}});
}

void licenses_json(page_context& ctx, args) {
  const auto q = query_of(ctx);
  if (!q) return;
  const auto set = load_positions(ctx);
  ctx.res.send(200, "application/json",
               boost::json::serialize(views::license_list_json(set, *q)) + "\n");
}

}  // namespace invhost::console
