// /licenses/{id} and its tabs (/licenses/{id}/{tab}), each its own URL; the consumption tab's CSV
// (the reclaim list); and the edit of local fields (editors and admins).
#include <fmt/format.h>

#include <array>
#include <boost/json.hpp>
#include <charconv>
#include <invhost/host_log.hpp>
#include <invhost/inventory/csv_text.hpp>
#include <invhost/inventory/license_changes.hpp>
#include <invhost/inventory/license_edits.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/license_users.hpp>
#include <invhost/pipeline/host.hpp>
#include <invhost/views/activity_histogram.hpp>
#include <invhost/views/license_history.hpp>
#include <invhost/views/svg_chart.hpp>

#include "layout.hpp"
#include "pages.hpp"
#include "positions.hpp"

namespace invhost::console {

namespace {

struct tab {
  std::string_view slug;  // "" for the first tab, at /licenses/{id}
  std::string_view label;
};

constexpr std::array<tab, 7> tabs{{
    {"", "Identification"},
    {"position", "Position and costs"},
    {"entitlements", "Entitlements"},
    {"consumption", "Consumption"},
    {"purchases", "Purchases"},
    {"ownership", "Ownership and groups"},
    {"history", "History"},
}};

std::optional<std::int64_t> id_of(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

// One license as a page needs it: its row of the positions (the report's fields) and its
// stored details (local fields, terms, purchases). The set is the shared one, held for the
// request rather than copied.
struct license_view {
  std::int64_t id = 0;
  shared_positions set;
  const views::license_row* row = nullptr;
  boost::json::object details;
};

std::optional<license_view> load(page_context& ctx, const std::string& id_text) {
  const auto id = id_of(id_text);
  if (!id) return std::nullopt;
  license_view v{*id, load_positions(ctx), nullptr, {}};
  v.row = v.set.find(*id);
  if (v.row == nullptr) return std::nullopt;
  // Its details change only with what changes the data version, so they are kept with the set.
  v.details = *v.set.derived<boost::json::object>(fmt::format("license details {}", *id), [&] {
    return inventory::license_details(ctx.db().sql(), *id, ctx.as_of);
  });
  return v;
}

std::string text_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v == nullptr ? "—" : shown(*v);
}

std::string dl_item(std::string_view label, const std::string& value, std::string_view field = {}) {
  return fmt::format(R"(<dt>{}</dt><dd{}>{}</dd>)", label,
                     field.empty() ? "" : fmt::format(R"( data-field="{}")", field), esc(value));
}

std::string identification(page_context&, const license_view& v) {
  const auto& r = v.row->report;
  std::string out = R"(<dl class="properties">)";
  out += dl_item("Name", text_of(r, "name"), "name");
  out += dl_item("Imported name", text_of(r, "imported_name"), "imported_name");
  out += dl_item("Local name", text_of(v.details, "display_name"), "display_name");
  out += dl_item("Publisher", r.at("publisher").as_string().empty() ? "—" : text_of(r, "publisher"),
                 "publisher");
  out += dl_item("Products", text_of(r, "products"), "products");
  out += dl_item("Type", text_of(r, "type"), "type");
  out += dl_item("Status",
                 text_of(r, "status") +
                     (r.at("status") == "retired" ? " (" + text_of(r, "retired_reason") + ")" : ""),
                 "status");
  out += dl_item("Connection", text_of(r, "connection"), "connection");
  out += dl_item("External id", text_of(r, "external_id"), "external_id");
  out += dl_item("Created in the source", text_of(v.details, "source_created_at"));
  out += dl_item("Modified in the source", text_of(v.details, "source_modified_at"));
  out += "</dl>";
  if (const auto& url = r.at("source_url"); url.is_string()) {
    const std::string link(url.as_string());
    if (link.starts_with("https://") || link.starts_with("http://"))
      out += fmt::format(
          R"(<p><a class="fsm-record" href="{}" target="_blank" rel="noopener">Open in Flexera SaaS Manager</a></p>)",
          esc(link));
  }
  return out;
}

std::string position(page_context& ctx, const license_view& v) {
  const auto& r = v.row->report;
  std::string out = fmt::format("<p>As of {}.</p>", esc(ctx.as_of));
  out += R"(<dl class="properties">)";
  for (const auto& [field, label] : std::array<std::pair<std::string_view, std::string_view>, 12>{{
           {"entitled", "Entitled"},
           {"consumed", "Consumed"},
           {"available", "Available"},
           {"shortfall", "Shortfall"},
           {"inactive", "Inactive"},
           {"external_users", "External users"},
           {"compliance", "Compliance"},
           {"currency", "Currency"},
           {"per_user_cost", "Cost per user"},
           {"unused_cost", "Unused cost"},
           {"true_up_cost", "True-up cost"},
           {"type", "Type"},
       }})
    out += dl_item(label, text_of(r, field), field);
  out +=
      dl_item("Utilisation",
              v.row->utilisation_percent ? fmt::format("{} %", *v.row->utilisation_percent) : "—",
              "utilisation_percent");
  out += dl_item("Renewal",
                 v.row->renewal_date
                     ? fmt::format("{} (in {} days)", *v.row->renewal_date, *v.row->days_to_renewal)
                     : "—",
                 "renewal_date");
  return out + "</dl>";
}

std::string entitlements(page_context&, const license_view& v) {
  const auto& terms = v.details.at("terms").as_array();
  if (terms.empty()) return "<p>This license has no terms.</p>";
  std::string out =
      R"(<div class="table-scroll"><table><caption>Terms</caption><thead><tr><th scope="col">Term</th><th scope="col">SKU</th><th scope="col">Type</th><th scope="col" class="num">Seats</th><th scope="col">Unlimited</th><th scope="col">Active</th><th scope="col">Hidden</th><th scope="col">From</th><th scope="col">Until</th><th scope="col" class="num">Annual cost</th><th scope="col" class="num">Per user</th></tr></thead><tbody>)";
  const auto yes_no = [](const boost::json::value& b) {
    return b.is_bool() ? (b.as_bool() ? "yes" : "no") : "—";
  };
  for (const auto& tv : terms) {
    const auto& t = tv.as_object();
    out += fmt::format(
        R"(<tr><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>)",
        esc(text_of(t, "name")), esc(text_of(t, "sku")), esc(text_of(t, "term_type")),
        esc(text_of(t, "items_allowed")), yes_no(t.at("is_unlimited")), yes_no(t.at("is_active")),
        yes_no(t.at("hidden")), esc(text_of(t, "effective_at")), esc(text_of(t, "ends_at")),
        esc(text_of(t, "annual_cost") + " " + text_of(t, "currency")),
        esc(text_of(t, "per_user_cost")));
  }
  return out + "</tbody></table></div>";
}

// A license whose position counts at most this many consumers keeps its list of users with the
// positions (about 150 bytes a user), so that the tab and its CSV read it from memory after the
// first visit. A larger one is read from the database on every request, the CSV row by row.
constexpr std::int64_t kept_users_limit = 20000;

bool users_are_kept(const license_view& v) {
  const auto& consumed = v.row->report.at("consumed");
  return consumed.is_int64() && consumed.as_int64() <= kept_users_limit;
}

std::vector<inventory::license_user> read_users(page_context& ctx, const license_view& v) {
  return inventory::license_users(ctx.db().sql(), v.set.report.at("reconciliation_id").as_int64(),
                                  v.id, ctx.host->config.internal_domains,
                                  pipeline::people_rules_of(ctx.host->config));
}

// The license's consuming users in the reclaim list's order.
std::shared_ptr<const std::vector<inventory::license_user>> users_of(page_context& ctx,
                                                                     const license_view& v) {
  if (!users_are_kept(v))
    return std::make_shared<const std::vector<inventory::license_user>>(read_users(ctx, v));
  return v.set.derived<std::vector<inventory::license_user>>(fmt::format("license users {}", v.id),
                                                             [&] { return read_users(ctx, v); });
}

// The consumption table's columns; each sorts its rows (?sort=NAME, or -NAME for descending).
// Without a sort the rows keep the reclaim list's order: longest inactive first.
struct user_column {
  std::string_view name;
  std::string_view heading;
  bool numeric;
};
constexpr std::array<user_column, 6> user_columns{{{"email", "Email", false},
                                                   {"domain", "Domain", false},
                                                   {"external", "External", false},
                                                   {"last_activity", "Last activity", false},
                                                   {"days_inactive", "Days inactive", true},
                                                   {"inactive", "Inactive", false}}};

void sort_users(std::vector<inventory::license_user>& users, std::string_view sort) {
  const bool descending = sort.starts_with('-');
  if (descending) sort.remove_prefix(1);
  const auto key =
      [sort](const inventory::license_user& u) -> std::pair<std::int64_t, std::string> {
    if (sort == "email") return {0, u.email.empty() ? u.user_id : u.email};
    if (sort == "domain") return {0, u.domain};
    if (sort == "external") return {u.external ? 1 : 0, {}};
    if (sort == "last_activity") return {0, u.last_activity.value_or("")};
    if (sort == "inactive") return {u.inactive ? 1 : 0, {}};
    return {u.days_inactive.value_or(INT64_MAX), {}};  // never active: the longest inactive
  };
  std::stable_sort(users.begin(), users.end(), [&](const auto& a, const auto& b) {
    return descending ? key(b) < key(a) : key(a) < key(b);
  });
}

std::string consumption(page_context& ctx, const license_view& v) {
  const auto kept = users_of(ctx, v);
  const std::vector<inventory::license_user>* users = kept.get();
  const auto chart = views::histogram_chart(
      views::activity_histogram_spec("inactivity", views::activity_histogram(*users)));
  std::string sort = ctx.req.query.get("sort").value_or("");
  const bool known = std::any_of(user_columns.begin(), user_columns.end(), [&](const auto& c) {
    return sort == c.name || (sort.starts_with('-') && sort.substr(1) == c.name);
  });
  if (!known) sort.clear();
  std::vector<inventory::license_user> sorted;
  if (!sort.empty()) {
    sorted = *kept;
    sort_users(sorted, sort);
    users = &sorted;
  }
  std::string out = fmt::format(
      R"(<p>{} users consume this license. <a href="{}">Download the reclaim list (CSV)</a></p>)",
      users->size(), esc(ctx.link(fmt::format("/licenses/{}/consumption.csv", v.id))));
  out += fmt::format(
      R"(<section class="chart-block">{}<details><summary>The data as a table</summary>{}</details></section>)",
      chart.svg, chart.table);
  out += R"(<div class="table-scroll"><table id="consumption"><caption>Consuming users)";
  out += sort.empty() ? ", longest inactive first" : "";
  out += "</caption><thead><tr>";
  for (const auto& c : user_columns) {
    const bool current = sort == c.name || sort == "-" + std::string(c.name);
    const std::string next =
        current && !sort.starts_with('-') ? "-" + std::string(c.name) : std::string(c.name);
    out += fmt::format(
        R"(<th scope="col"{}{}><a href="{}">{}</a></th>)", c.numeric ? R"( class="num")" : "",
        !current                ? ""
        : sort.starts_with('-') ? R"( aria-sort="descending")"
                                : R"( aria-sort="ascending")",
        esc(ctx.link(fmt::format("/licenses/{}/consumption", v.id), {{"sort", next}})), c.heading);
  }
  out += "</tr></thead><tbody>";
  for (const auto& u : *users)
    out += fmt::format(
        R"(<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="num">{}</td><td>{}</td></tr>)",
        esc(u.email.empty() ? u.user_id : u.email), esc(u.domain.empty() ? "—" : u.domain),
        u.external ? "yes" : "no", esc(u.last_activity.value_or("never")),
        u.days_inactive ? std::to_string(*u.days_inactive) : "—", u.inactive ? "yes" : "no");
  return out + "</tbody></table></div>";
}

std::string purchases(page_context&, const license_view& v) {
  const auto& list = v.details.at("purchases").as_array();
  std::string out;
  if (v.details.at("source_owned").as_bool())
    out +=
        "<p>This license is imported: its entitlements come from its source, so purchases "
        "recorded here are informational and add no seats.</p>";
  if (list.empty()) return out + "<p>No purchase is linked to this license.</p>";
  out +=
      R"(<div class="table-scroll"><table><caption>Linked purchases</caption><thead><tr><th scope="col">Reference</th><th scope="col">Description</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Amount</th><th scope="col">Purchased</th><th scope="col">From</th><th scope="col">Until</th></tr></thead><tbody>)";
  for (const auto& pv : list) {
    const auto& p = pv.as_object();
    out += fmt::format(
        R"(<tr><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
        esc(text_of(p, "reference")), esc(text_of(p, "description")), esc(text_of(p, "quantity")),
        esc(text_of(p, "amount") + " " + text_of(p, "currency")), esc(text_of(p, "purchased_at")),
        esc(text_of(p, "effective_at")), esc(text_of(p, "ends_at")));
  }
  return out + "</tbody></table></div>";
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> local_fields{{
    {"display_name", "Local name"},
    {"owner", "Owner"},
    {"cost_centre", "Cost centre"},
    {"location", "Location"},
    {"notes", "Notes"},
}};

std::string ownership(page_context& ctx, const license_view& v, std::string_view problem = {}) {
  std::string groups;
  for (const auto& g : v.details.at("groups").as_array())
    groups += (groups.empty() ? "" : ", ") + std::string(g.as_string());
  std::string out;
  if (!problem.empty())
    out += fmt::format(
        R"(<div class="error-summary" role="alert"><h2>There is a problem</h2><p>{}</p></div>)",
        esc(problem));
  if (!ctx.may(accounts::action::edit)) {
    out += R"(<dl class="properties">)";
    for (const auto& [field, label] : local_fields)
      out += dl_item(label, text_of(v.details, field), field);
    out += dl_item("Groups", groups.empty() ? "—" : groups, "groups");
    return out + "</dl><p>Your role reads these fields; an editor can change them.</p>";
  }
  out += fmt::format(R"(<form method="post" action="/licenses/{}/edit">{})", v.id, csrf_field(ctx));
  for (const auto& [field, label] : local_fields) {
    const auto* value = v.details.if_contains(field);
    const std::string current = value && value->is_string() ? std::string(value->as_string()) : "";
    out += fmt::format(
        R"(<p><label for="{}">{}</label><input id="{}" name="{}" maxlength="{}" value="{}"></p>)",
        field, label, field, field, inventory::max_local_text, esc(current));
  }
  out += fmt::format(
      R"(<p><label for="groups">Groups</label><span class="hint" id="groups_hint">Separate groups with commas.</span><input id="groups" name="groups" maxlength="4000" value="{}" aria-describedby="groups_hint"></p>)",
      esc(groups));
  return out + R"(<p><button type="submit">Save</button></p></form>)";
}

std::string history(page_context& ctx, const license_view& v) {
  const auto entries = views::license_history(ctx.db().sql(), v.id);
  if (entries.empty()) return "<p>Nothing has changed this license yet.</p>";
  std::string out =
      R"(<div class="table-scroll"><table><caption>Every import's change and every local edit, newest first</caption><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Who</th></tr></thead><tbody>)";
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (const auto* c = std::get_if<inventory::license_change>(&*it))
      out += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(c->at),
          esc(fmt::format("{}{}", inventory::to_string(c->kind),
                          c->reason.empty() ? "" : " (" + c->reason + ")")),
          c->run_id ? fmt::format(R"(<a href="{}">run {}</a>)",
                                  esc(ctx.link(fmt::format("/runs/{}", *c->run_id))), *c->run_id)
                    : "the host");
    else if (const auto* e = std::get_if<inventory::license_edit>(&*it))
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", esc(e->at),
                         esc(fmt::format("{}: {} → {}", e->field, e->old_value.value_or("(empty)"),
                                         e->new_value.value_or("(empty)"))),
                         esc(e->actor));
  }
  return out + "</tbody></table></div>";
}

void send_license(page_context& ctx, const license_view& v, std::string_view slug,
                  unsigned status = 200, std::string_view problem = {}) {
  const std::string name = text_of(v.row->report, "name");
  std::string body = fmt::format("<h1>{}</h1>", esc(name));
  body += R"(<nav aria-label="License"><ul class="tabs">)";
  for (const auto& t : tabs) {
    const auto path = t.slug.empty() ? fmt::format("/licenses/{}", v.id)
                                     : fmt::format("/licenses/{}/{}", v.id, t.slug);
    body += fmt::format(R"(<li><a href="{}"{}>{}</a></li>)", esc(ctx.link(path)),
                        t.slug == slug ? R"( aria-current="page")" : "", t.label);
  }
  body += "</ul></nav>";
  if (slug.empty())
    body += identification(ctx, v);
  else if (slug == "position")
    body += position(ctx, v);
  else if (slug == "entitlements")
    body += entitlements(ctx, v);
  else if (slug == "consumption")
    body += consumption(ctx, v);
  else if (slug == "purchases")
    body += purchases(ctx, v);
  else if (slug == "ownership")
    body += ownership(ctx, v, problem);
  else
    body += history(ctx, v);
  send_page(ctx, status, name, section::licenses, body);
}

std::vector<std::string> split_groups(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find(',', start);
    auto item = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

void license_page(page_context& ctx, args a) {
  const std::string slug = a.size() > 1 ? a[1] : "";
  const bool known =
      std::any_of(tabs.begin(), tabs.end(), [&](const tab& t) { return t.slug == slug; });
  auto v = known ? load(ctx, a[0]) : std::nullopt;
  if (!v) {
    send_error(ctx, 404, "No such license", "There is no license (or tab) at this address.");
    return;
  }
  send_license(ctx, *v, slug);
}

void license_consumption_csv(page_context& ctx, args a) {
  auto v = load(ctx, a[0]);
  if (!v) {
    send_error(ctx, 404, "No such license", "There is no license with this number.");
    return;
  }
  ctx.res.begin(200, "text/csv; charset=utf-8",
                {{"Content-Disposition",
                  fmt::format(R"(attachment; filename="license-{}-users.csv")", v->id)}});
  ctx.res.write(csv_row({{"user_id", false},
                         {"email", false},
                         {"domain", false},
                         {"external", false},
                         {"last_activity", false},
                         {"days_inactive", false},
                         {"inactive", false}}));
  bool open = true;
  const auto write = [&](const inventory::license_user& u) {
    open = ctx.res.write(csv_row({{u.user_id, true},
                                  {u.email, true},
                                  {u.domain, true},
                                  {u.external ? "true" : "false", false},
                                  {u.last_activity.value_or(""), false},
                                  {u.days_inactive ? std::to_string(*u.days_inactive) : "", false},
                                  {u.inactive ? "true" : "false", false}}));
    return open;
  };
  if (users_are_kept(*v)) {
    for (const auto& u : *users_of(ctx, *v))
      if (!write(u)) break;
  } else {
    // Written as the query yields the rows: the largest license's list is never held whole.
    inventory::for_each_license_user(
        ctx.db().sql(), v->set.report.at("reconciliation_id").as_int64(), v->id,
        ctx.host->config.internal_domains, pipeline::people_rules_of(ctx.host->config), write);
  }
  if (open) ctx.res.end();
}

void license_edit(page_context& ctx, args a) {
  auto v = load(ctx, a[0]);
  if (!v) {
    send_error(ctx, 404, "No such license", "There is no license with this number.");
    return;
  }
  inventory::local_fields fields;
  const auto form_value = [&](std::string_view name) -> std::optional<std::string> {
    return ctx.req.form.get(name);
  };
  fields.display_name = form_value("display_name");
  fields.owner = form_value("owner");
  fields.cost_centre = form_value("cost_centre");
  fields.location = form_value("location");
  fields.notes = form_value("notes");
  if (const auto groups = form_value("groups")) {
    const auto wanted = split_groups(*groups);
    std::vector<std::string> current;
    for (const auto& g : v->details.at("groups").as_array()) current.emplace_back(g.as_string());
    for (const auto& g : wanted)
      if (std::find(current.begin(), current.end(), g) == current.end())
        fields.add_groups.push_back(g);
    for (const auto& g : current)
      if (std::find(wanted.begin(), wanted.end(), g) == wanted.end())
        fields.remove_groups.push_back(g);
  }
  try {
    inventory::edit_local_fields(ctx.db().sql(), v->id, fields, ctx.user->name);
  } catch (const inventory::refused& e) {
    send_license(ctx, *v, "ownership", 400, e.what());
    return;
  }
  host_log(log_level::info, fmt::format("console: {} edited license {}", ctx.user->name, v->id));
  ctx.res.redirect(ctx.link(fmt::format("/licenses/{}/ownership", v->id)));
}

}  // namespace invhost::console
