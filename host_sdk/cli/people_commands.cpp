// invhost people list | show EMAIL | alias add ALIAS PERSON_EMAIL | alias remove ALIAS
#include <fmt/format.h>

#include <boost/json.hpp>
#include <invhost/inventory/csv_text.hpp>
#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/people.hpp>

#include "commands.hpp"
#include "list_output.hpp"
#include "output_table.hpp"
#include "people_rules.hpp"

namespace invhost::cli {
namespace {

using inventory::person;

boost::json::value text_or_null(const std::string& s) {
  if (s.empty()) return nullptr;
  return boost::json::string(s);
}

// An account without email is a person of its own, named by where it comes from.
std::string account_key(const person& p) {
  if (!p.email.empty() || p.accounts.empty()) return {};
  return p.accounts.front().connection + "/" + p.accounts.front().external_id;
}

boost::json::object list_row(const person& p) {
  boost::json::array connections;
  for (const auto& c : p.connections) connections.emplace_back(c);
  return {{"email", text_or_null(p.email)},
          {"account", text_or_null(account_key(p))},
          {"domain", text_or_null(p.domain)},
          {"connections", std::move(connections)},
          {"licenses", static_cast<std::int64_t>(p.licenses.size())},
          {"last_activity", text_or_null(p.last_activity)},
          {"aliases", static_cast<std::int64_t>(p.aliases.size())}};
}

boost::json::object detail(const person& p) {
  boost::json::object d = list_row(p);
  boost::json::array aliases, accounts, licenses;
  for (const auto& a : p.aliases) aliases.emplace_back(a);
  for (const auto& a : p.accounts)
    accounts.emplace_back(boost::json::object{{"connection", a.connection},
                                              {"external_id", a.external_id},
                                              {"email", a.email},
                                              {"name", a.name}});
  for (const auto& l : p.licenses)
    licenses.emplace_back(boost::json::object{{"id", l.id},
                                              {"connection", l.connection},
                                              {"external_id", l.external_id},
                                              {"name", l.name},
                                              {"type", l.type},
                                              {"last_activity", text_or_null(l.last_activity)}});
  d["aliases"] = std::move(aliases);
  d["accounts"] = std::move(accounts);
  d["licenses"] = std::move(licenses);
  return d;
}

std::string show_text(const boost::json::object& d) {
  std::string out =
      "Person " + (d.at("email").is_null() ? cell_text(d.at("account")) + " (no email)"
                                           : cell_text(d.at("email")));
  if (!d.at("domain").is_null()) out += ", domain " + cell_text(d.at("domain"));
  out += "\nLast activity: " +
         (d.at("last_activity").is_null() ? std::string("none") : cell_text(d.at("last_activity")));
  out += "\nAliases: " +
         (d.at("aliases").as_array().empty() ? std::string("none") : cell_text(d.at("aliases")));
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : d.at("accounts").as_array())
    rows.push_back({cell_text(a.at("connection")), cell_text(a.at("external_id")),
                    cell_text(a.at("email")), cell_text(a.at("name"))});
  out += "\n\nAccounts:\n" + format_table({"Connection", "ID", "Email", "Name"}, rows);
  rows.clear();
  for (const auto& l : d.at("licenses").as_array())
    rows.push_back({cell_text(l.at("id")), cell_text(l.at("name")), cell_text(l.at("type")),
                    cell_text(l.at("connection")), cell_text(l.at("last_activity"))});
  out +=
      "\nLicenses consumed:\n" +
      (rows.empty() ? std::string("  none\n")
                    : format_table({"ID", "License", "Type", "Connection", "Last activity"}, rows));
  return out;
}

}  // namespace

void register_people_commands(CLI::App& app, cli_context& ctx) {
  auto* group = app.add_subcommand(
      "people", "People: one per email across connections, with aliases (docs/people.md)");
  group->require_subcommand(1);

  auto format = std::make_shared<std::string>("table");
  auto* list = group->add_subcommand("list", "Every person: email, connections, licenses");
  add_list_format_option(list, *format);
  list->callback(ctx.command([&ctx, format] {
    const auto people = inventory::list_people(ctx.db().sql(), people_rules_of(ctx.config()),
                                               inventory::today_utc());
    boost::json::array rows;
    for (const auto& p : people) rows.emplace_back(list_row(p));
    print_rows(*format,
               {{"email", "Email"},
                {"account", "Account (no email)"},
                {"domain", "Domain"},
                {"connections", "Connections"},
                {"licenses", "Licenses"},
                {"last_activity", "Last activity"},
                {"aliases", "Aliases"}},
               rows);
  }));

  auto email = std::make_shared<std::string>();
  auto show_format = std::make_shared<std::string>("table");
  auto* show = group->add_subcommand(
      "show", "One person: aliases, every account per connection, licenses consumed");
  show->add_option("email", *email, "The person's email or one of its aliases")->required();
  show->add_option("--format", *show_format, "table | json")
      ->check(CLI::IsMember({"table", "json"}));
  show->callback(ctx.command([&ctx, email, show_format] {
    const auto p = refusal_as_cli_error<inventory::people_error>([&] {
      return inventory::find_person(ctx.db().sql(), *email, people_rules_of(ctx.config()),
                                    inventory::today_utc());
    });
    const auto d = detail(p);
    if (*show_format == "json")
      print_exact(boost::json::serialize(d) + "\n");
    else
      print(show_text(d));
  }));

  auto* alias = group->add_subcommand("alias", "Aliases: emails that are the same person");
  alias->require_subcommand(1);
  auto alias_email = std::make_shared<std::string>();
  auto person_email = std::make_shared<std::string>();
  auto* add = alias->add_subcommand("add", "Make ALIAS the same person as PERSON_EMAIL");
  add->add_option("alias", *alias_email, "The other email")->required();
  add->add_option("person_email", *person_email, "The person's primary email")->required();
  add->callback(ctx.command([&ctx, alias_email, person_email] {
    const auto done = refusal_as_cli_error<inventory::people_error>([&] {
      return inventory::add_alias(ctx.db().sql(), *alias_email, *person_email,
                                  people_rules_of(ctx.config()));
    });
    std::string out = fmt::format("{} is now an alias of {}\n", done.alias, done.person);
    if (!done.person_seen)
      out += fmt::format(
          "  note: no account has the email {} yet; the alias counts once one does\n", done.person);
    out += "  license positions count it from the next `invhost reconcile` or nightly\n";
    print(out);
  }));
  auto* remove = alias->add_subcommand("remove", "Make ALIAS a person of its own again");
  remove->add_option("alias", *alias_email, "The alias")->required();
  remove->callback(ctx.command([&ctx, alias_email] {
    const auto gone = refusal_as_cli_error<inventory::people_error>([&] {
      return inventory::remove_alias(ctx.db().sql(), *alias_email, people_rules_of(ctx.config()));
    });
    print(fmt::format("alias {} removed\n", gone));
  }));
}

}  // namespace invhost::cli
