// /connectors and /connectors/{id}: each connection's status, adapter, supersession, settings
// (secrets by reference only: the configuration holds nothing else), runs with their counts, held
// runs with their reason, and "run now" for admins.
#include <fmt/format.h>

#include <invhost/import_run.hpp>
#include <invhost/inventory/supersession.hpp>
#include <invhost/run_history.hpp>

#include "layout.hpp"
#include "pages.hpp"

namespace invhost::console {

namespace {

std::string superseded_by(const std::vector<inventory::supersession_state>& all,
                          const std::string& id) {
  for (const auto& s : all)
    if (s.superseded_connection == id)
      return fmt::format("{} ({}{})", s.by_connection, s.state,
                         s.reason.empty() ? "" : ": " + s.reason);
  return "—";
}

std::string runs_table(page_context& ctx, const std::vector<run_record>& runs) {
  std::string out =
      R"(<div class="table-scroll"><table><caption>Runs, newest first</caption><thead><tr><th scope="col">Run</th><th scope="col">Started</th><th scope="col">Outcome</th><th scope="col">Records per stream</th><th scope="col">Merge</th></tr></thead><tbody>)";
  for (const auto& r : runs) {
    std::string streams;
    for (const auto& s : r.streams)
      streams += fmt::format("{}{} {}", streams.empty() ? "" : ", ", s.kind, s.records);
    std::string merge = r.merge_status.empty() ? "—" : r.merge_status;
    if (!r.merge_reason.empty()) merge += ": " + r.merge_reason;
    out += fmt::format(
        R"(<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
        esc(ctx.link(fmt::format("/runs/{}", r.id))), r.id, esc(r.started_at), esc(r.outcome),
        esc(streams.empty() ? "—" : streams), esc(merge));
  }
  return out + "</tbody></table></div>";
}

}  // namespace

void connectors_page(page_context& ctx, args) {
  const auto supersessions = inventory::list_supersessions(ctx.db().sql());
  std::string body =
      R"(<h1>Connectors</h1><div class="table-scroll"><table><caption>Connections of this host</caption><thead><tr><th scope="col">Connection</th><th scope="col">Adapter</th><th scope="col">Status</th><th scope="col">Superseded by</th><th scope="col">Last run</th></tr></thead><tbody>)";
  for (const auto& c : ctx.host->config.connectors) {
    const auto runs = list_runs(ctx.db(), c.id, 1);
    std::string last = "never";
    if (!runs.empty())
      last = fmt::format(R"(<a href="{}">run {}</a>: {})",
                         esc(ctx.link(fmt::format("/runs/{}", runs[0].id))), runs[0].id,
                         esc(runs[0].outcome));
    body += fmt::format(
        R"(<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
        esc(ctx.link("/connectors/" + c.id)), esc(c.id), esc(c.adapter),
        c.enabled ? "enabled" : "disabled", esc(superseded_by(supersessions, c.id)), last);
  }
  body += "</tbody></table></div>";
  if (ctx.host->config.connectors.empty())
    body += "<p>No connection yet: add one with <code>invhost connectors add</code>.</p>";
  send_page(ctx, 200, "Connectors", section::connectors, body);
}

namespace {

void show_connector(page_context& ctx, const connector_entry* c, const std::string& check_html);

}  // namespace

void connector_page(page_context& ctx, args a) {
  const connector_entry* c = ctx.host->config.find(a[0]);
  show_connector(ctx, c, {});
}

// The adapter's own check (configuration, sign-in, one request), in a child process as for an
// import; nothing is written. Shown on the connector's page.
void connector_check(page_context& ctx, args a) {
  const connector_entry* c = ctx.host->config.find(a[0]);
  if (c == nullptr) {
    show_connector(ctx, c, {});
    return;
  }
  const auto r = check_connection(*c, ctx.host->catalog, limits_for(ctx.host->config, *c));
  const std::string text =
      r.ok ? "Check passed: " + r.summary
           : fmt::format("Check failed: {}{}: {}", r.error_class,
                         r.http_status != 0 ? fmt::format(" (HTTP {})", r.http_status) : "",
                         r.error_message);
  show_connector(
      ctx, c,
      fmt::format(R"(<p class="notice{}" role="status">{}</p>)", r.ok ? "" : " stale", esc(text)));
}

namespace {

void show_connector(page_context& ctx, const connector_entry* c, const std::string& check_html) {
  if (c == nullptr) {
    send_error(ctx, 404, "No such connector", "No connector of this host has this id.");
    return;
  }
  const auto supersessions = inventory::list_supersessions(ctx.db().sql());
  const manifest* m = ctx.host->catalog.find(c->adapter);
  std::string body = fmt::format("<h1>Connector {}</h1>", esc(c->id)) + check_html;
  if (const auto job = ctx.state.jobs.status(c->id)) {
    if (job->running)
      body += fmt::format(R"(<p class="notice" role="status" data-refresh>Import running: {}</p>)",
                          esc(job->progress));
    else if (!job->outcome.empty())
      body += fmt::format(
          R"(<p class="notice" role="status">Last import started here: {}{}</p>)",
          job->run_id != 0
              ? fmt::format(R"(<a href="{}">run {}</a>, )",
                            esc(ctx.link(fmt::format("/runs/{}", job->run_id))), job->run_id)
              : "",
          esc(job->outcome));
  }
  body += R"(<dl class="properties">)";
  body += fmt::format("<dt>Adapter</dt><dd>{}{}</dd>", esc(c->adapter),
                      m ? esc(" " + m->version) : " (not installed)");
  body += fmt::format("<dt>Status</dt><dd>{}</dd>", c->enabled ? "enabled" : "disabled");
  body +=
      fmt::format("<dt>Superseded by</dt><dd>{}</dd>", esc(superseded_by(supersessions, c->id)));
  body += fmt::format("<dt>Kept when superseded</dt><dd>{}</dd>",
                      c->keep_when_superseded ? "yes" : "no");
  body += "</dl><h2>Settings</h2>";
  body +=
      R"(<div class="table-scroll"><table><caption>Settings and secret references</caption><thead><tr><th scope="col">Setting</th><th scope="col">Value</th></tr></thead><tbody>)";
  for (const auto& [key, value] : c->settings)
    body += fmt::format("<tr><td>{}</td><td>{}</td></tr>", esc(key), esc(value));
  // The configuration holds references (env:NAME, file:PATH), never a secret's value.
  for (const auto& [key, reference] : c->secrets)
    body += fmt::format("<tr><td>{} (secret)</td><td>{}</td></tr>", esc(key), esc(reference));
  body += "</tbody></table></div>";
  if (ctx.may(accounts::action::admin) && c->enabled)
    body += fmt::format(
        R"(<form method="post" action="/connectors/{0}/check">{1}<p><button type="submit">Check the connection</button> <span class="hint">Signs in to the source and makes one request; writes nothing.</span></p></form><form method="post" action="/connectors/{0}/run">{1}<p><button type="submit">Run now</button> <span class="hint">Imports this connection and merges it, under the host lock: a nightly in progress makes it wait its turn.</span></p></form>)",
        esc(c->id), csrf_field(ctx));
  const auto runs = list_runs(ctx.db(), c->id, 20);
  std::string held;
  for (const auto& r : runs)
    if (r.merge_status == "held")
      held += fmt::format(R"(<li><a href="{}">Run {}</a>: {}</li>)",
                          esc(ctx.link(fmt::format("/runs/{}", r.id))), r.id, esc(r.merge_reason));
  if (!held.empty()) body += "<h2>Held runs</h2><ul>" + held + "</ul>";
  body += "<h2>Runs</h2>" + runs_table(ctx, runs);
  send_page(ctx, 200, "Connector " + c->id, section::connectors, body);
}

}  // namespace

}  // namespace invhost::console
