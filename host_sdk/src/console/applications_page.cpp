// /applications and /applications/{name}: licenses and unallocated users by application name.
#include <fmt/format.h>

#include <invhost/http/text_encoding.hpp>
#include <invhost/views/applications.hpp>

#include "layout.hpp"
#include "pages.hpp"
#include "positions.hpp"

namespace invhost::console {

namespace {

std::string license_links(page_context& ctx, const views::license_set& set,
                          const std::vector<std::int64_t>& ids) {
  std::string out;
  for (const auto id : ids) {
    std::string name = std::to_string(id);
    for (const auto& row : set.rows)
      if (row.report.at("id").as_int64() == id) name = shown(row.report.at("name"));
    out += fmt::format(R"({}<a href="{}">{}</a>)", out.empty() ? "" : "; ",
                       esc(ctx.link(fmt::format("/licenses/{}", id))), esc(name));
  }
  return out.empty() ? "—" : out;
}

}  // namespace

void applications_page(page_context& ctx, args) {
  const auto set = load_positions(ctx);
  const auto& apps = set.applications(ctx);
  std::string body =
      R"(<h1>Applications</h1><div class="table-scroll"><table><caption>Applications by name, with the licenses that cover them and the users no license counts</caption><thead><tr><th scope="col">Application</th><th scope="col">Publisher</th><th scope="col">Licenses</th><th scope="col" class="num">Unallocated users</th></tr></thead><tbody>)";
  for (const auto& a : apps) {
    std::string publishers;
    for (const auto& p : a.publishers) publishers += (publishers.empty() ? "" : ", ") + p;
    body += fmt::format(
        R"(<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td class="num">{}</td></tr>)",
        esc(ctx.link("/applications/" + http::url_encode(a.name))), esc(a.name),
        esc(publishers.empty() ? "—" : publishers), license_links(ctx, set, a.license_ids),
        a.unallocated_users);
  }
  body += "</tbody></table></div>";
  send_page(ctx, 200, "Applications", section::applications, body);
}

void application_page(page_context& ctx, args a) {
  const auto set = load_positions(ctx);
  const auto found = views::find_application(ctx.db().sql(), set, a[0]);
  if (!found) {
    send_error(ctx, 404, "No such application", "No application of the inventory has this name.");
    return;
  }
  const auto& app = found->application;
  std::string body = fmt::format("<h1>{}</h1>", esc(app.name));
  body +=
      R"(<div class="table-scroll"><table><caption>Licenses covering this application</caption><thead><tr><th scope="col">License</th><th scope="col">Connection</th><th scope="col">Status</th><th scope="col">Compliance</th><th scope="col" class="num">Entitled</th><th scope="col" class="num">Consumed</th></tr></thead><tbody>)";
  for (const auto& row : found->licenses) {
    const auto& r = row.report;
    body += fmt::format(
        R"(<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
        esc(ctx.link(fmt::format("/licenses/{}", r.at("id").as_int64()))), esc(shown(r.at("name"))),
        esc(shown(r.at("connection"))), esc(shown(r.at("status"))), esc(shown(r.at("compliance"))),
        esc(shown(r.at("entitled"))), esc(shown(r.at("consumed"))));
  }
  body += "</tbody></table></div>";
  body +=
      R"(<div class="table-scroll"><table><caption>Records of this application, by connection</caption><thead><tr><th scope="col">Connection</th><th scope="col">External id</th><th scope="col">Publisher</th><th scope="col" class="num">Unallocated users</th></tr></thead><tbody>)";
  for (const auto& r : app.records)
    body +=
        fmt::format(R"(<tr><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td></tr>)",
                    esc(r.connection), esc(r.external_id), esc(r.publisher), r.unallocated_users);
  body += "</tbody></table></div>";
  send_page(ctx, 200, app.name, section::applications, body);
}

}  // namespace invhost::console
