// invhost connectors show | set | unset, and invhost settings show | set | unset: changes a person
// would otherwise make by editing invhost.toml, checked the same way and saved into the file as
// written.
#include <fmt/format.h>

#include <invhost/adapter_settings.hpp>
#include <invhost/calendar.hpp>
#include <invhost/host_settings.hpp>
#include <invhost/source_identity.hpp>

#include "commands.hpp"
#include "list_output.hpp"
#include "supersession_view.hpp"

namespace invhost::cli {
namespace {

const manifest& adapter_of(cli_context& ctx, const connector_entry& c) {
  const manifest* m = ctx.catalog().find(c.adapter);
  if (m == nullptr)
    throw cli_error(fmt::format("connector '{}': adapter '{}' is not installed, so its settings "
                                "cannot be checked",
                                c.id, c.adapter),
                    "see 'invhost adapters list' for the adapters found");
  return *m;
}

// A setting's value as shown: a secret's reference is not the secret, so it may be shown.
std::string shown(const std::string& value) {
  return value.empty() ? "(empty)" : value;
}

void set_connector_settings(cli_context& ctx, const std::string& id,
                            const std::vector<std::string>& pairs) {
  connector_entry& c = ctx.connector(id);
  const manifest& m = adapter_of(ctx, c);
  const std::string today = format_calendar_date(std::chrono::floor<std::chrono::days>(utc_now()));
  std::string done;
  for (const auto& text : pairs) {
    auto [key, value] = split_pair(text, "each setting");
    const auto spec = m.settings.find(key);
    const bool secret = spec != m.settings.end() && spec->second.secret;
    try {
      check_setting(m, key, value, secret);
    } catch (const settings_error& e) {
      throw cli_error(fmt::format("connector '{}': {}", id, e.what()),
                      "see the adapter's settings with 'invhost adapters list --format json'");
    }
    auto& values = secret ? c.secrets : c.settings;
    const auto old = values.find(key);
    done += old == values.end() ? fmt::format("connector '{}': {} = {}\n", id, key, shown(value))
                                : fmt::format("connector '{}': {} = {} (was {})\n", id, key,
                                              shown(value), shown(old->second));
    values[key] = value;
    if (secret) {
      // A secret pointed somewhere new is a new credential: dated today, no fixed end known.
      c.secrets_created[key] = today;
      c.secrets_expire.erase(key);
      done += fmt::format(
          "  dated {} for its expiry warnings; if the credential is older, set "
          "secrets_created.{} in {}\n",
          today, key, ctx.config_file().string());
    }
  }
  refuse_same_source(ctx, c);
  ctx.save();
  print(done);
}

void unset_connector_settings(cli_context& ctx, const std::string& id,
                              const std::vector<std::string>& keys) {
  connector_entry& c = ctx.connector(id);
  const manifest* m = ctx.catalog().find(c.adapter);
  std::string done;
  for (const auto& key : keys) {
    const bool is_setting = c.settings.count(key) != 0;
    if (!is_setting && c.secrets.count(key) == 0)
      throw cli_error(fmt::format("connector '{}' has no setting '{}'", id, key),
                      fmt::format("see its settings with 'invhost connectors show {}'", id));
    if (m != nullptr) {
      const auto spec = m->settings.find(key);
      if (spec != m->settings.end() && spec->second.required && !spec->second.default_value)
        throw cli_error(
            fmt::format("adapter '{}' requires setting '{}'", m->id, key),
            fmt::format("give it another value with 'invhost connectors set {} {}=...'", id, key));
    }
    c.settings.erase(key);
    c.secrets.erase(key);
    c.secrets_created.erase(key);
    c.secrets_expire.erase(key);
    const auto spec = m != nullptr ? m->settings.find(key) : decltype(m->settings.end()){};
    done += m != nullptr && spec != m->settings.end() && spec->second.default_value
                ? fmt::format("connector '{}': {} unset (the adapter's default {} applies)\n", id,
                              key, *spec->second.default_value)
                : fmt::format("connector '{}': {} unset\n", id, key);
  }
  refuse_same_source(ctx, c);
  ctx.save();
  print(done);
}

boost::json::object text_map(const std::map<std::string, std::string>& values) {
  boost::json::object out;
  for (const auto& [k, v] : values) out[k] = v;
  return out;
}

// A connection's settings as the adapter will get them: those given, then the manifest's
// defaults for the rest; secrets as their references only.
void show_connector(cli_context& ctx, const std::string& id, const std::string& format) {
  const connector_entry& c = ctx.connector(id);
  const manifest* m = ctx.catalog().find(c.adapter);
  std::map<std::string, std::string> defaults;
  if (m != nullptr)
    for (const auto& [key, spec] : m->settings)
      if (spec.default_value && !spec.secret && c.settings.count(key) == 0)
        defaults[key] = *spec.default_value;
  const auto superseded = supersessions_by_connection(ctx.db().sql());
  const auto sup = superseded.find(c.id);
  if (format == "json") {
    print_exact(boost::json::serialize(boost::json::object{
                    {"id", c.id},
                    {"adapter", c.adapter},
                    {"adapter_found", m != nullptr},
                    {"enabled", c.enabled},
                    {"settings", text_map(c.settings)},
                    {"defaults", text_map(defaults)},
                    {"secrets", text_map(c.secrets)},
                    {"secrets_created", text_map(c.secrets_created)},
                    {"secrets_expire", text_map(c.secrets_expire)},
                    {"superseded", sup == superseded.end()
                                       ? boost::json::value(nullptr)
                                       : boost::json::value(supersession_json(sup->second, c))}}) +
                "\n");
    return;
  }
  std::string out =
      fmt::format("connector {}\n  adapter  {}{}\n  enabled  {}\n", c.id, c.adapter,
                  m != nullptr ? " " + m->version : " (not installed)", c.enabled ? "yes" : "no");
  if (sup != superseded.end())
    out += fmt::format("  superseded {}{}\n", supersession_text(sup->second, c),
                       c.keep_when_superseded || sup->second.state == "held"
                           ? ""
                           : fmt::format(" (not imported by the nightly; 'invhost connectors keep "
                                         "{}' imports it anyway)",
                                         c.id));
  out += "  settings\n";
  for (const auto& [k, v] : c.settings) out += fmt::format("    {} = {}\n", k, shown(v));
  for (const auto& [k, v] : defaults) out += fmt::format("    {} = {} (default)\n", k, shown(v));
  if (!c.secrets.empty()) out += "  secrets (references, never values)\n";
  for (const auto& [k, v] : c.secrets) {
    std::string dates;
    if (const auto it = c.secrets_created.find(k); it != c.secrets_created.end())
      dates += "created " + it->second;
    if (const auto it = c.secrets_expire.find(k); it != c.secrets_expire.end())
      dates += (dates.empty() ? "" : ", ") + std::string("expires ") + it->second;
    out += fmt::format("    {} = {}{}\n", k, v, dates.empty() ? "" : " (" + dates + ")");
  }
  print(out);
}

void show_host_settings(cli_context& ctx, const std::string& format) {
  boost::json::array rows;
  for (const auto& s : host_settings())
    rows.push_back({{"key", s.key},
                    {"value", host_setting_value(ctx.config(), s.key)},
                    {"default", host_setting_is_default(ctx.config(), s.key)},
                    {"description", s.description}});
  print_rows(
      format,
      {{"key", "KEY"}, {"value", "VALUE"}, {"default", "DEFAULT"}, {"description", "DESCRIPTION"}},
      rows);
}

void change_host_settings(cli_context& ctx, const std::vector<std::string>& items, bool set) {
  host_config& cfg = ctx.config();
  std::string done;
  try {
    for (const auto& item : items) {
      if (set) {
        auto [key, value] = split_pair(item, "each setting");
        set_host_setting(cfg, key, value);
        done += fmt::format("{} = {}\n", key, shown(host_setting_value(cfg, key)));
      } else {
        unset_host_setting(cfg, item);
        done += fmt::format("{} unset (default: {})\n", item, shown(host_setting_value(cfg, item)));
      }
    }
  } catch (const config_error& e) {
    throw cli_error(e.what(), "see the settings with 'invhost settings show'");
  }
  ctx.save();
  print(done);
}

}  // namespace

void refuse_same_source(cli_context& ctx, const connector_entry& changed) {
  if (!changed.enabled) return;
  const host_config& cfg = ctx.config();
  for (const auto& c : cfg.connectors) {
    const connector_entry* first = same_source_as(cfg, ctx.catalog(), c);
    if (first == nullptr || (c.id != changed.id && first->id != changed.id)) continue;
    throw cli_error(same_source_problem(cfg, ctx.catalog(), c),
                    fmt::format("keep one connection per source: remove or disable '{}', or point "
                                "'{}' at another source",
                                first->id, c.id));
  }
}

void register_connector_settings_commands(CLI::App* group, cli_context& ctx) {
  auto id = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("table");
  auto* show = group->add_subcommand("show", "Show a connector's settings and secret references");
  show->add_option("id", *id, "Connector id")->required();
  show->add_option("--format", *format, "table | json")->check(CLI::IsMember({"table", "json"}));
  show->callback(ctx.command([&ctx, id, format] { show_connector(ctx, *id, *format); }));
  auto pairs = std::make_shared<std::vector<std::string>>();
  auto* set = group->add_subcommand(
      "set", "Change settings of a connector: key=value, or key=env:VAR for a secret");
  set->add_option("id", *id, "Connector id")->required();
  set->add_option("settings", *pairs, "key=value (one or more)")->required();
  set->callback(ctx.command([&ctx, id, pairs] { set_connector_settings(ctx, *id, *pairs); }));
  auto* unset = group->add_subcommand("unset", "Remove settings of a connector (back to defaults)");
  unset->add_option("id", *id, "Connector id")->required();
  unset->add_option("keys", *pairs, "Setting names (one or more)")->required();
  unset->callback(ctx.command([&ctx, id, pairs] { unset_connector_settings(ctx, *id, *pairs); }));
}

void register_settings_commands(CLI::App& app, cli_context& ctx) {
  auto* group = app.add_subcommand("settings", "The host's own settings ([host] in invhost.toml)");
  group->require_subcommand(1);
  auto format = std::make_shared<std::string>("table");
  auto* show = group->add_subcommand("show", "Show every host setting with its value");
  add_list_format_option(show, *format);
  show->callback(ctx.command([&ctx, format] { show_host_settings(ctx, *format); }));
  auto items = std::make_shared<std::vector<std::string>>();
  auto* set = group->add_subcommand("set", "Change host settings: key=value");
  set->add_option("settings", *items, "key=value (one or more)")->required();
  set->callback(ctx.command([&ctx, items] { change_host_settings(ctx, *items, true); }));
  auto* unset = group->add_subcommand("unset", "Put host settings back to their defaults");
  unset->add_option("keys", *items, "Setting names (one or more)")->required();
  unset->callback(ctx.command([&ctx, items] { change_host_settings(ctx, *items, false); }));
}

}  // namespace invhost::cli
