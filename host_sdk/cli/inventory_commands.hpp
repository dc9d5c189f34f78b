// Command groups over the inventory (licenses, purchases, reconcile, report, nightly, runs apply)
// and the pieces `invhost run` borrows: the host lock and the merge after staging.
#ifndef INVHOST_CLI_INVENTORY_COMMANDS_HPP
#define INVHOST_CLI_INVENTORY_COMMANDS_HPP

#include <CLI/CLI.hpp>
#include <cstdint>
#include <invhost/inventory/merge.hpp>
#include <invhost/inventory/run_lock.hpp>
#include <string>

#include "cli_context.hpp"

namespace invhost::cli {

void register_licenses_commands(CLI::App& app, cli_context& ctx);   // licenses ..., purchases add
void register_reconcile_commands(CLI::App& app, cli_context& ctx);  // reconcile
void register_report_commands(CLI::App& app, cli_context& ctx);     // report
void register_nightly_commands(CLI::App& app, cli_context& ctx);    // nightly, runs apply
void register_supersede_commands(CLI::App& app, cli_context& ctx);  // supersede ...

// `licenses users`, added to the licenses group.
void add_license_users_command(CLI::App& licenses, cli_context& ctx);

// The latest reconciliation of `day`, computed now (under the host lock) when there is none: the
// positions a view of that date reads. purpose names the view in the lock's holder.
std::int64_t positions_of(cli_context& ctx, const std::string& day, const std::string& purpose);

// The one-run-at-a-time lock on <home>/invhost.lock. Without wait, a held lock is a cli_error
// naming its holder.
inventory::run_lock hold_host_lock(cli_context& ctx, const std::string& purpose, bool wait);

// Prints what the merge of run `run_id` did; returns the exit code it implies (0 merged, 2 held,
// 1 not mergeable).
int report_merge(std::int64_t run_id, const inventory::merge_result& m);

}  // namespace invhost::cli

#endif
