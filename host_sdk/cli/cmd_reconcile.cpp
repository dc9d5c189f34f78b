// invhost reconcile [--as-of DATE]
#include <fmt/format.h>

#include <invhost/inventory/dates.hpp>
#include <invhost/inventory/reconcile.hpp>

#include "inventory_commands.hpp"
#include "people_rules.hpp"

namespace invhost::cli {

void register_reconcile_commands(CLI::App& app, cli_context& ctx) {
  struct options {
    std::string as_of;
    bool wait = false;
  };
  auto o = std::make_shared<options>();
  auto* cmd = app.add_subcommand("reconcile", "Compute every license's position on a date");
  cmd->add_option("--as-of", o->as_of, "Date YYYY-MM-DD (UTC); default today");
  cmd->add_flag("--wait", o->wait, "Wait for another run holding the host lock");
  cmd->callback(ctx.command([&ctx, o] {
    const std::string day = o->as_of.empty() ? inventory::today_utc() : o->as_of;
    if (!inventory::is_valid_date(day))
      throw cli_error(fmt::format("--as-of '{}' is not a date", day), "use YYYY-MM-DD");
    auto lock = hold_host_lock(ctx, "reconcile", o->wait);
    const auto s = inventory::reconcile(ctx.db().sql(), day, people_rules_of(ctx.config()));
    print(fmt::format("reconciliation {} as of {}: {} licenses, {} active non-compliant\n",
                      s.reconciliation_id, s.as_of, s.licenses, s.non_compliant));
  }));
}

}  // namespace invhost::cli
