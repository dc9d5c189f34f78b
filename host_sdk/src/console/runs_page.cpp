// /runs/{id}: a run whole (counts, what the merge did and to which licenses, errors); applying a
// held run; and "run now" from a connector's page, through the pipeline and its lock.
#include <fmt/format.h>

#include <charconv>
#include <invhost/host_log.hpp>
#include <invhost/pipeline/host_lock.hpp>
#include <invhost/pipeline/pipeline.hpp>
#include <invhost/views/run_detail.hpp>
#include <invsdk/record_kinds.hpp>

#include "layout.hpp"
#include "pages.hpp"

namespace invhost::console {

namespace {

std::optional<std::int64_t> id_of(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string property(std::string_view name, const std::string& value) {
  return fmt::format("<dt>{}</dt><dd>{}</dd>", name, esc(value.empty() ? "—" : value));
}

}  // namespace

void run_page(page_context& ctx, args a) {
  const auto id = id_of(a[0]);
  const auto detail = id ? views::find_run_detail(ctx.db(), *id) : std::nullopt;
  if (!detail) {
    send_error(ctx, 404, "No such run", "There is no run with this number.");
    return;
  }
  const auto& r = detail->run;
  std::string body = fmt::format("<h1>Run {}</h1>", r.id);
  if (r.outcome == "running")
    body +=
        R"(<p class="notice" role="status" data-refresh>This run is in progress; the page follows it.</p>)";
  body += R"(<dl class="properties">)";
  body += fmt::format(R"(<dt>Connection</dt><dd><a href="{}">{}</a></dd>)",
                      esc(ctx.link("/connectors/" + r.connection)), esc(r.connection));
  body += property("Adapter", r.adapter + " " + r.adapter_version);
  body += property("Started", r.started_at) + property("Finished", r.finished_at);
  body += property("Outcome", r.outcome);
  body += property(
      "Requests", fmt::format("{} ({} retried, {} throttled)", r.requests, r.retries, r.throttled));
  if (!r.error_class.empty())
    body += property("Error",
                     fmt::format("{}{}: {}", r.error_class,
                                 r.http_status != 0 ? fmt::format(" (HTTP {})", r.http_status) : "",
                                 r.error_message));
  body += property("Merge",
                   r.merge_status.empty()
                       ? ""
                       : r.merge_status + (r.merge_reason.empty() ? "" : ": " + r.merge_reason));
  if (const std::string counts = views::merge_counts_text(*detail); !counts.empty())
    body += property("Licenses merged", counts);
  body += "</dl>";
  if (r.merge_status == "held" && ctx.may(accounts::action::admin))
    body += fmt::format(
        R"(<form method="post" action="/runs/{}/apply">{}<p>The guard held this run: nothing of it was merged. Check the source first; then you may apply it anyway.</p><p><button type="submit">Apply this held run</button></p></form>)",
        r.id, csrf_field(ctx));
  body +=
      R"(<h2>Streams</h2><div class="table-scroll"><table><caption>Records per stream</caption><thead><tr><th scope="col">Stream</th><th scope="col" class="num">Records</th><th scope="col" class="num">Pages</th><th scope="col">Completeness</th></tr></thead><tbody>)";
  for (const auto& s : r.streams)
    body += fmt::format(
        R"(<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>)",
        esc(s.kind), s.records, s.pages,
        esc(s.completeness + (s.reason.empty() ? "" : " (" + s.reason + ")")));
  body += "</tbody></table></div>";
  if (!r.supersession.empty()) {
    body += "<h2>Supersession</h2><ul>";
    for (const auto& e : r.supersession)
      body += fmt::format("<li>{} by {}: {}, {} licenses{}</li>", esc(e.superseded_connection),
                          esc(e.by_connection), esc(e.event), e.licenses,
                          e.reason.empty() ? "" : " (" + esc(e.reason) + ")");
    body += "</ul>";
  }
  body += R"(<h2>Licenses this run changed</h2>)";
  if (detail->license_changes.empty()) {
    body += "<p>None.</p>";
  } else {
    body +=
        R"(<div class="table-scroll"><table><caption>Licenses added, retired or returned</caption><thead><tr><th scope="col">Change</th><th scope="col">License</th><th scope="col">Connection</th><th scope="col">External id</th><th scope="col">Reason</th></tr></thead><tbody>)";
    for (const auto& c : detail->license_changes)
      body += fmt::format(
          R"(<tr><td>{}</td><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>)",
          inventory::to_string(c.kind), esc(ctx.link(fmt::format("/licenses/{}", c.license_id))),
          esc(c.name), esc(c.connection), esc(c.external_id),
          esc(c.reason.empty() ? "—" : c.reason));
    body += "</tbody></table></div>";
  }
  send_page(ctx, 200, fmt::format("Run {}", r.id), section::connectors, body);
}

void run_apply(page_context& ctx, args a) {
  const auto id = id_of(a[0]);
  if (!id) {
    send_error(ctx, 404, "No such run", "There is no run with this number.");
    return;
  }
  pipeline::host h{ctx.db(), ctx.host->config, ctx.host->catalog, ctx.state.settings.home};
  try {
    const auto m = pipeline::apply_run(h, *id, true, false);
    host_log(log_level::info, fmt::format("console: {} applied held run {}: {}", ctx.user->name,
                                          *id, pipeline::describe(m)));
  } catch (const pipeline::host_busy& e) {
    send_error(ctx, 409, "Busy", std::string(e.what()) + ". Try again when it has finished.");
    return;
  }
  ctx.res.redirect(fmt::format("/runs/{}", *id));
}

void connector_run_now(page_context& ctx, args a) {
  const std::string id = a[0];
  const connector_entry* c = ctx.host->config.find(id);
  if (c == nullptr) {
    send_error(ctx, 404, "No such connector", "No connector of this host has this id.");
    return;
  }
  auto host = ctx.host;  // the configuration the run uses, kept alive with it
  auto& state = ctx.state;
  const std::string who = ctx.user->name;
  const bool started = state.jobs.start(
      id, [&state, host, id, who](const auto& report, const std::atomic<bool>& cancel) {
        auto lease = state.pool.borrow();
        pipeline::host h{lease.db(), host->config, host->catalog, state.settings.home};
        pipeline::single_run_options options;
        options.cancel = &cancel;
        options.watch.progress = [&report](const invsdk_progress& p) {
          report(job_status{
              true,
              fmt::format("{}: {} records, {} pages, {} requests", invsdk::stream_name(p.stream),
                          p.records_done, p.pages_done, p.requests_done),
              0,
              {}});
        };
        host_log(log_level::info, fmt::format("console: {} started a run of {}", who, id));
        try {
          const auto result = pipeline::run_connection(h, id, options);
          report(job_status{
              false,
              {},
              result.run.run_id,
              result.run.outcome + (result.merge ? "; " + pipeline::describe(*result.merge) : "")});
        } catch (const pipeline::refused& e) {
          report(job_status{false, {}, 0, std::string(e.what()) + "; " + e.hint()});
        } catch (const pipeline::host_busy& e) {
          report(job_status{false, {}, 0, e.what()});
        }
      });
  if (!started) {
    send_error(ctx, 409, "Already running",
               "An import of this connector started here is still running.");
    return;
  }
  ctx.res.redirect("/connectors/" + id);
}

}  // namespace invhost::console
