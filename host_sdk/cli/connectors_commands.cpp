// invhost connectors list | add | enable | disable | remove | check (set and unset:
// settings_commands)
#include <fmt/format.h>

#include <boost/json.hpp>
#include <invhost/adapter_settings.hpp>
#include <invhost/calendar.hpp>
#include <invhost/credential_expiry.hpp>
#include <invhost/import_run.hpp>
#include <invhost/inventory/connection_removal.hpp>
#include <invhost/inventory/reconcile.hpp>
#include <invhost/inventory/supersession.hpp>
#include <invhost/run_history.hpp>
#include <invhost/source_identity.hpp>
#include <map>

#include "commands.hpp"
#include "inventory_commands.hpp"
#include "license_change_view.hpp"
#include "list_output.hpp"
#include "output_table.hpp"
#include "supersession_view.hpp"

namespace invhost::cli {
namespace {

struct add_options {
  std::string id;
  std::string adapter;
  std::vector<std::string> sets;
  std::vector<std::string> secrets;
  std::vector<std::string> secrets_created;
  std::vector<std::string> secrets_expire;
};

// A connection that is disabled or removed supersedes nothing: the licenses it superseded return
// now, in the inventory and in the newest positions. When a run holds the host lock, the next
// nightly returns them instead.
void end_supersession_now(cli_context& ctx, const std::string& id) {
  auto lock = inventory::run_lock::try_acquire(ctx.home() / "invhost.lock", "connectors " + id);
  if (!lock) {
    print(
        fmt::format("another invhost holds the host lock: licenses '{}' superseded return at the "
                    "next nightly\n",
                    id));
    return;
  }
  auto& sql = ctx.db().sql();
  const auto changes = inventory::end_supersessions_by(sql, id);
  if (changes.empty()) return;
  long long newest = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(id) FROM reconciliations", soci::into(newest, ind);
  if (ind == soci::i_ok) inventory::restate_license_statuses(sql, newest);
  for (const auto& c : changes)
    print(fmt::format("supersession of {} by {} ended: {} licenses returned\n",
                      c.superseded_connection, c.by_connection, c.licenses));
}

// Removes the connection from the list and takes its licenses out of every total, under the
// host lock so that no import of it is under way.
void remove_connector(cli_context& ctx, const std::string& id, bool delete_retired) {
  ctx.connector(id);  // fails with a hint when absent
  inventory::connection_removal removed;
  {
    auto lock = inventory::run_lock::try_acquire(ctx.home() / "invhost.lock", "connectors " + id);
    if (!lock)
      throw cli_error("another invhost holds the host lock (a run or the nightly)",
                      "try again when it has finished; `invhost health` shows what runs");
    removed = inventory::remove_connection_licenses(ctx.db().sql(), id, delete_retired);
  }
  auto& list_ref = ctx.config().connectors;
  std::erase_if(list_ref, [&](const connector_entry& c) { return c.id == id; });
  ctx.save();
  std::string out = fmt::format("connector '{}' removed\n", id);
  const std::string hint = fmt::format("`invhost licenses list --connection {}`", id);
  out += license_changes_text(removed.retired, "  ", 10, hint);
  if (delete_retired) {
    out += fmt::format("  {} retired licenses deleted\n", removed.deleted.size());
    for (const auto& k : removed.kept)
      out += fmt::format(
          "  kept {}  {}: it holds {}; move them with `invhost supersede plan`, "
          "or `invhost licenses delete {}`\n",
          k.license.external_id, k.license.name, k.why, k.license.license_id);
  } else {
    long long retired = 0;
    ctx.db().sql() << "SELECT COUNT(*) FROM licenses WHERE connection = :c AND status = 'retired'",
        soci::use(id), soci::into(retired);
    if (retired > 0)
      out += fmt::format(
          "  its {} retired licenses stay on record, out of every total; `invhost connectors "
          "add {} ...` brings them back, `--delete-retired` deletes them\n",
          retired, id);
  }
  print(out);
  end_supersession_now(ctx, id);
}

// The day expiry warnings count from: --as-of (checked by as_of_option), else today (UTC).
std::chrono::sys_days expiry_day(const std::string& as_of) {
  return as_of.empty() ? std::chrono::floor<std::chrono::days>(utc_now())
                       : *parse_calendar_date(as_of);
}

void as_of_option(CLI::App& cmd, std::string& as_of) {
  cmd.add_option("--as-of", as_of,
                 "Date YYYY-MM-DD (UTC) credential expiry warnings count from; default today")
      ->check(CLI::Validator(
          [](const std::string& text) {
            return parse_calendar_date(text) ? std::string{} : "not a date: use YYYY-MM-DD";
          },
          "DATE"));
}

// KEY=DATE of --secret-created or --secret-expires, for a secret the connector has.
std::pair<std::string, std::chrono::sys_days> secret_date(const connector_entry& c,
                                                          const std::string& text,
                                                          const char* option) {
  auto [key, date] = split_pair(text, option);
  if (c.secrets.count(key) == 0)
    throw cli_error(fmt::format("{} {}: the connector has no secret '{}'", option, key, key),
                    fmt::format("give the secret too: --secret {}=env:VAR", key));
  const auto day = parse_calendar_date(date);
  if (!day)
    throw cli_error(fmt::format("{} {}: '{}' is not a date", option, key, date),
                    "use YYYY-MM-DD (UTC)");
  return {key, *day};
}

// Each secret is dated today unless --secret-created KEY=DATE says when it was created (a token
// made earlier expires earlier); --secret-expires KEY=DATE records the day a source fixed.
void date_secrets(connector_entry& c, const add_options& o) {
  const auto today = std::chrono::floor<std::chrono::days>(utc_now());
  for (const auto& [key, ref] : c.secrets) c.secrets_created[key] = format_calendar_date(today);
  for (const auto& s : o.secrets_created) {
    const auto [key, day] = secret_date(c, s, "--secret-created");
    if (day > today)
      throw cli_error(
          fmt::format("--secret-created {}: {} is still to come", key, format_calendar_date(day)),
          "give the day the credential was created, today or earlier");
    c.secrets_created[key] = format_calendar_date(day);
  }
  for (const auto& s : o.secrets_expire) {
    const auto [key, day] = secret_date(c, s, "--secret-expires");
    c.secrets_expire[key] = format_calendar_date(day);
  }
}

// "warning: connector 'x': refresh_token expires on ..." for each secret due a notice.
std::vector<std::string> expiry_warnings(const connector_entry& c, const manifest* m,
                                         std::chrono::sys_days day) {
  std::vector<std::string> out;
  if (m == nullptr) return out;
  for (const auto& e : credential_expiries(c, *m, day))
    if (notice_due(e.days_left))
      out.push_back(fmt::format("{}: connector '{}': {}; renew it {}\n",
                                e.days_left <= credential_critical_days ? "critical" : "warning",
                                c.id, describe_expiry(e), e.days_left > 0 ? "before then" : "now"));
  return out;
}

void add_connector(cli_context& ctx, const add_options& o) {
  if (!is_valid_connector_id(o.id))
    throw cli_error(fmt::format("invalid connector id '{}'", o.id),
                    fmt::format("use {}", connector_id_rule));
  if (ctx.config().find(o.id) != nullptr)
    throw cli_error(fmt::format("connector '{}' already exists", o.id),
                    "remove it first or choose another id");
  const manifest* m = ctx.catalog().find(o.adapter);
  if (m == nullptr)
    throw cli_error(fmt::format("unknown adapter '{}'", o.adapter),
                    "see 'invhost adapters list' for the adapters found");
  connector_entry c;
  c.id = o.id;
  c.adapter = o.adapter;
  try {
    for (const auto& s : o.sets) {
      auto [k, v] = split_pair(s, "--set");
      check_setting(*m, k, v, false);
      c.settings[k] = v;
    }
    for (const auto& s : o.secrets) {
      auto [k, v] = split_pair(s, "--secret");
      check_setting(*m, k, v, true);
      c.secrets[k] = v;
    }
  } catch (const settings_error& e) {
    throw cli_error(e.what(),
                    "see the adapter's settings with 'invhost adapters list --format json'");
  }
  date_secrets(c, o);
  for (const auto& [key, spec] : m->settings) {
    const bool given = c.settings.count(key) != 0 || c.secrets.count(key) != 0;
    if (spec.required && !given && !spec.default_value)
      throw cli_error(
          fmt::format("adapter '{}' requires setting '{}' ({})", m->id, key, spec.description),
          spec.secret ? fmt::format("add --secret {}=env:VAR", key)
                      : fmt::format("add --set {}=VALUE", key));
  }
  ctx.config().connectors.push_back(std::move(c));
  refuse_same_source(ctx, ctx.config().connectors.back());
  ctx.save();
  print(fmt::format("connector '{}' added (adapter {} {})\n", o.id, m->id, m->version));
}

void list_connectors(cli_context& ctx, const std::string& format, const std::string& as_of) {
  auto& cfg = ctx.config();
  const auto& cat = ctx.catalog();
  const auto day = expiry_day(as_of);
  std::string warnings;
  boost::json::array json_rows;
  boost::json::array rows;  // table and CSV
  const auto superseded = supersessions_by_connection(ctx.db().sql());
  for (const auto& c : cfg.connectors) {
    const manifest* m = cat.find(c.adapter);
    const auto last = last_run(ctx.db(), c.id);
    const std::string version = m != nullptr ? m->version : "?";
    const std::string abi = m != nullptr ? fmt::format("{}.{}", m->abi_major, m->abi_minor) : "?";
    // The import's outcome and, when a merge was tried, what it did: "staged" alone is not applied.
    const std::string last_text =
        !last ? "never"
        : last->merge_status.empty()
            ? fmt::format("{} {}", last->outcome, last->started_at)
            : fmt::format("{}, {} {}", last->outcome, last->merge_status, last->started_at);
    const auto expiries =
        m != nullptr ? credential_expiries(c, *m, day) : std::vector<credential_expiry>{};
    rows.push_back({{"id", c.id},
                    {"adapter", c.adapter},
                    {"version", version},
                    {"abi", abi},
                    {"enabled", c.enabled ? "yes" : "no"},
                    {"last_run", last_text},
                    {"expires", expiries.empty() ? boost::json::value(nullptr)
                                                 : boost::json::value(fmt::format(
                                                       "{} ({})", expiries.front().expires_on,
                                                       expiries.front().secret))}});
    const auto sup = superseded.find(c.id);
    rows.back().as_object()["superseded"] =
        sup == superseded.end() ? boost::json::value(nullptr)
                                : boost::json::value(supersession_text(sup->second, c));
    for (const auto& w : expiry_warnings(c, m, day)) warnings += w;
    boost::json::object o{{"id", c.id}, {"adapter", c.adapter}, {"version", version},
                          {"abi", abi}, {"enabled", c.enabled}, {"adapter_found", m != nullptr}};
    boost::json::array credentials;
    for (const auto& e : expiries) {
      const auto notice = notice_due(e.days_left);
      credentials.push_back(
          {{"secret", e.secret},
           {"created_on",
            e.created_on.empty() ? boost::json::value(nullptr) : boost::json::value(e.created_on)},
           {"expires_on", e.expires_on},
           {"days_left", e.days_left},
           {"notice", notice ? boost::json::value(*notice) : boost::json::value(nullptr)}});
    }
    o["superseded"] = sup == superseded.end()
                          ? boost::json::value(nullptr)
                          : boost::json::value(supersession_json(sup->second, c));
    o["credential_expires_on"] = expiries.empty() ? boost::json::value(nullptr)
                                                  : boost::json::value(expiries.front().expires_on);
    o["credentials"] = std::move(credentials);
    if (last)
      o["last_run"] = {
          {"id", last->id},
          {"outcome", last->outcome},
          {"merge_status", last->merge_status.empty() ? boost::json::value(nullptr)
                                                      : boost::json::value(last->merge_status)},
          {"started_at", last->started_at}};
    else
      o["last_run"] = nullptr;
    json_rows.push_back(std::move(o));
  }
  if (format == "json")
    print_exact(boost::json::serialize(json_rows) + "\n");
  else
    print_rows(format,
               {{"id", "ID"},
                {"adapter", "ADAPTER"},
                {"version", "VERSION"},
                {"abi", "ABI"},
                {"enabled", "ENABLED"},
                {"last_run", "LAST RUN"},
                {"expires", "EXPIRES"},
                {"superseded", "SUPERSEDED"}},
               rows);
  print_error(warnings);
}

void check_connector(cli_context& ctx, const std::string& id, const std::string& as_of) {
  const connector_entry& c = ctx.connector(id);
  // The credential's age first: a check that fails on an expired token then says why.
  const manifest* m = ctx.catalog().find(c.adapter);
  std::string notes;
  for (const auto& w : expiry_warnings(c, m, expiry_day(as_of))) notes += w;
  if (m != nullptr)
    for (const auto& key : secrets_of_unknown_age(c, *m))
      notes += fmt::format(
          "note: connector '{}': the date {} was created is unknown, so its expiry is; set "
          "secrets_created.{} = YYYY-MM-DD in {}\n",
          id, key, key, ctx.config_file().string());
  print_error(notes);
  const check_result r = check_connection(c, ctx.catalog(), limits_for(ctx.config(), c));
  if (r.ok) {
    print(fmt::format("connector '{}': ok: {}\n", id, r.summary));
    return;
  }
  const std::string http = r.http_status != 0 ? fmt::format(" (HTTP {})", r.http_status) : "";
  throw cli_error(fmt::format("connector '{}': {}{}: {}", id, r.error_class, http, r.error_message),
                  r.error_class == "unauthenticated"
                      ? "renew the credential the connector's secret refers to"
                  : r.error_class == "invalid_config"
                      ? "fix the connector's settings in " + ctx.config_file().string()
                      : "");
}

}  // namespace

std::pair<std::string, std::string> split_pair(const std::string& text, const char* option) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw cli_error(fmt::format("{} expects key=value, got '{}'", option,
                                eq == std::string::npos ? text : text.substr(0, eq)),
                    fmt::format("write {} key=value", option));
  return {text.substr(0, eq), text.substr(eq + 1)};
}

void register_connectors_commands(CLI::App& app, cli_context& ctx) {
  auto* group = app.add_subcommand("connectors", "Manage the connector list");
  group->require_subcommand(1);

  auto format = std::make_shared<std::string>("table");
  auto* list = group->add_subcommand("list", "List connectors with their adapter and last run");
  auto as_of = std::make_shared<std::string>();
  add_list_format_option(list, *format);
  as_of_option(*list, *as_of);
  list->callback(ctx.command([&ctx, format, as_of] { list_connectors(ctx, *format, *as_of); }));

  auto add = std::make_shared<add_options>();
  auto* add_cmd = group->add_subcommand("add", "Add a connector");
  add_cmd->add_option("id", add->id, "Connector id")->required();
  add_cmd->add_option("--adapter", add->adapter, "Adapter id (see 'invhost adapters list')")
      ->required();
  add_cmd->add_option("--set", add->sets, "A setting key=value (repeatable)");
  add_cmd->add_option("--secret", add->secrets,
                      "A secret key=env:VAR or key=file:/path (repeatable)");
  add_cmd->add_option("--secret-created", add->secrets_created,
                      "When a secret was created, key=YYYY-MM-DD (UTC; default today), for its "
                      "expiry warnings (repeatable)");
  add_cmd->add_option("--secret-expires", add->secrets_expire,
                      "The day a secret expires when its source fixed one, key=YYYY-MM-DD (UTC; "
                      "repeatable)");
  add_cmd->callback(ctx.command([&ctx, add] { add_connector(ctx, *add); }));

  auto id = std::make_shared<std::string>();
  for (const bool enable : {true, false}) {
    auto* cmd = group->add_subcommand(enable ? "enable" : "disable",
                                      enable ? "Enable a connector" : "Disable a connector");
    cmd->add_option("id", *id, "Connector id")->required();
    cmd->callback(ctx.command([&ctx, id, enable] {
      ctx.connector(*id).enabled = enable;
      if (enable) refuse_same_source(ctx, ctx.connector(*id));
      ctx.save();
      print(fmt::format("connector '{}' {}\n", *id, enable ? "enabled" : "disabled"));
      if (!enable) end_supersession_now(ctx, *id);
    }));
  }
  auto no_keep = std::make_shared<bool>(false);
  auto* keep = group->add_subcommand(
      "keep", "Import a superseded connector every night anyway (--no: skip it again)");
  keep->add_option("id", *id, "Connector id")->required();
  keep->add_flag("--no", *no_keep, "Skip it again while it is superseded");
  keep->callback(ctx.command([&ctx, id, no_keep] {
    connector_entry& c = ctx.connector(*id);
    c.keep_when_superseded = !*no_keep;
    ctx.save();
    print(c.keep_when_superseded
              ? fmt::format("connector '{}' is imported every night, even while superseded (its "
                            "licenses are still retired on arrival)\n",
                            *id)
              : fmt::format("connector '{}' is skipped by the nightly while superseded\n", *id));
  }));
  auto* remove = group->add_subcommand(
      "remove",
      "Remove a connector from the list; its licenses leave every total and stay on record "
      "(its run history stays)");
  remove->add_option("id", *id, "Connector id")->required();
  auto delete_retired = std::make_shared<bool>(false);
  remove->add_flag("--delete-retired", *delete_retired,
                   "Also delete its retired licenses and what was imported with them (never those "
                   "holding purchases, attachments, groups or local fields)");
  remove->callback(
      ctx.command([&ctx, id, delete_retired] { remove_connector(ctx, *id, *delete_retired); }));
  register_connector_settings_commands(group, ctx);
  auto* check =
      group->add_subcommand("check", "Validate settings, then probe the source (no data imported)");
  check->add_option("id", *id, "Connector id")->required();
  as_of_option(*check, *as_of);
  check->callback(ctx.command([&ctx, id, as_of] { check_connector(ctx, *id, *as_of); }));
}

}  // namespace invhost::cli
