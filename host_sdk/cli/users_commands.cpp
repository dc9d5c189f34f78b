// invhost users add | list | remove | set-role | passwd | disable | enable | signin-link:
// the console's accounts (docs/console.md, "Accounts and sign-in").
#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>
#include <invhost/accounts/account_error.hpp>
#include <invhost/accounts/signin_links.hpp>
#include <invhost/accounts/users.hpp>
#include <invhost/host_log.hpp>
#include <memory>

#include "commands.hpp"
#include "list_output.hpp"
#include "password_input.hpp"

namespace invhost::cli {
namespace {

// Who changed which account is worth keeping: these lines go to the log file as well.
void audit(const std::string& message) {
  host_log(log_level::info, message);
}

accounts::role role_of(const std::string& text) {
  // CLI11 has checked the spelling already; this only converts it.
  return accounts::parse_role(text).value_or(accounts::role::viewer);
}

const std::vector<std::string> role_names = {"viewer", "editor", "admin"};

CLI::Option* add_name(CLI::App* cmd, std::string& name) {
  return cmd->add_option("name", name, "The account's name")->required();
}

CLI::Option* add_role(CLI::App* cmd, std::string& role, const char* what) {
  return cmd
      ->add_option(what, role,
                   "viewer (reads) | editor (also edits local fields, purchases, links) | "
                   "admin (also connections, settings, runs, holds, accounts)")
      ->check(CLI::IsMember(role_names));
}

}  // namespace

void register_users_commands(CLI::App& app, cli_context& ctx) {
  auto* group = app.add_subcommand(
      "users", "Console accounts: who may sign in to `invhost serve`, and with which role");
  group->require_subcommand(1);

  auto name = std::make_shared<std::string>();
  auto role = std::make_shared<std::string>();
  auto password_file = std::make_shared<std::string>();

  // --password is accepted only to be refused with a reason, rather than echoed back by the
  // parser as an unexpected argument.
  auto password_argument = std::make_shared<std::string>();
  const auto add_password_file = [&](CLI::App* cmd) {
    cmd->add_option("--password-file", *password_file,
                    "Read the password from this file (readable by its owner only); "
                    "otherwise from standard input");
    cmd->add_option("--password", *password_argument)->group("");
  };
  const auto refuse_password_argument = [password_argument] {
    if (!password_argument->empty())
      throw cli_error("a password is never taken from the command line",
                      "others can read the command line while it runs and it stays in the shell "
                      "history; pipe the password to standard input, or use --password-file FILE",
                      exit_usage);
  };

  auto* add = group->add_subcommand("add", "Add an account; its password is read from stdin");
  add_name(add, *name);
  add_role(add, *role, "--role")->required();
  add_password_file(add);
  add->callback(ctx.command([&ctx, name, role, password_file, refuse_password_argument] {
    refuse_password_argument();
    const std::string password = read_new_password(*password_file);
    const auto a = refusal_as_cli_error<accounts::account_error>(
        [&] { return accounts::add_account(ctx.db().sql(), *name, role_of(*role), password); });
    audit(
        fmt::format("console account {} added with role {}", a.name, accounts::role_name(a.role)));
    print(fmt::format("account {} added with role {}\n", a.name, accounts::role_name(a.role)));
  }));

  auto format = std::make_shared<std::string>("table");
  auto* list = group->add_subcommand("list", "Every account: name, role, state, created");
  add_list_format_option(list, *format);
  list->callback(ctx.command([&ctx, format] {
    boost::json::array rows;
    for (const auto& a : accounts::list_accounts(ctx.db().sql()))
      rows.emplace_back(boost::json::object{{"name", a.name},
                                            {"role", accounts::role_name(a.role)},
                                            {"disabled", a.disabled},
                                            {"created_at", a.created_at}});
    print_rows(
        *format,
        {{"name", "Name"}, {"role", "Role"}, {"disabled", "Disabled"}, {"created_at", "Created"}},
        rows);
  }));

  auto* remove = group->add_subcommand("remove", "Remove an account and end its sessions");
  add_name(remove, *name);
  remove->callback(ctx.command([&ctx, name] {
    refusal_as_cli_error<accounts::account_error>(
        [&] { accounts::remove_account(ctx.db().sql(), *name); });
    audit(fmt::format("console account {} removed", *name));
    print(fmt::format("account {} removed; its sessions are ended\n", *name));
  }));

  auto* set_role =
      group->add_subcommand("set-role", "Change an account's role (signs it out everywhere)");
  add_name(set_role, *name);
  add_role(set_role, *role, "role")->required();
  set_role->callback(ctx.command([&ctx, name, role] {
    refusal_as_cli_error<accounts::account_error>(
        [&] { accounts::set_account_role(ctx.db().sql(), *name, role_of(*role)); });
    audit(fmt::format("console account {} given role {}", *name, *role));
    print(fmt::format("account {} is now {}; it signs in again to use it\n", *name, *role));
  }));

  auto* passwd = group->add_subcommand(
      "passwd", "Set an account's password from stdin (signs it out everywhere)");
  add_name(passwd, *name);
  add_password_file(passwd);
  passwd->callback(ctx.command([&ctx, name, password_file, refuse_password_argument] {
    refuse_password_argument();
    // The account first: nobody types a password for a name that does not exist.
    refusal_as_cli_error<accounts::account_error>(
        [&] { return accounts::require_account(ctx.db().sql(), *name); });
    const std::string password = read_new_password(*password_file);
    refusal_as_cli_error<accounts::account_error>(
        [&] { accounts::set_account_password(ctx.db().sql(), *name, password); });
    audit(fmt::format("password of console account {} changed", *name));
    print(fmt::format("password of {} changed; its sessions are ended\n", *name));
  }));

  for (const bool disable : {true, false}) {
    auto* cmd = group->add_subcommand(
        disable ? "disable" : "enable",
        disable ? "Stop an account from signing in, ending its sessions" : "Let it sign in again");
    add_name(cmd, *name);
    cmd->callback(ctx.command([&ctx, name, disable] {
      refusal_as_cli_error<accounts::account_error>(
          [&] { accounts::set_account_disabled(ctx.db().sql(), *name, disable); });
      audit(fmt::format("console account {} {}", *name, disable ? "disabled" : "enabled"));
      print(fmt::format("account {} {}\n", *name, disable ? "disabled" : "enabled"));
    }));
  }

  auto ttl = std::make_shared<int>(15);
  auto* link = group->add_subcommand(
      "signin-link", "Print a one-time sign-in link path to append to the console's address");
  add_name(link, *name);
  link->add_option("--ttl", *ttl, "Minutes the link stays valid, 1..1440 (default 15)")
      ->check(CLI::Range(1, 1440));
  link->callback(ctx.command([&ctx, name, ttl] {
    const std::string token = refusal_as_cli_error<accounts::account_error>([&] {
      return accounts::create_signin_link(ctx.db().sql(), *name, std::chrono::minutes(*ttl),
                                          std::chrono::system_clock::now());
    });
    audit(fmt::format("one-time sign-in link made for console account {}, valid {} minutes", *name,
                      *ttl));
    // stdout alone, so a script can take it; it signs in once, within the ttl. Nowhere else:
    // the link is as good as a password until used.
    print_exact(std::string(accounts::signin_link_path) + token + "\n");
  }));
}

}  // namespace invhost::cli
