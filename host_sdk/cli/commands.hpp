// Command groups. Each registers its subcommands on the app; add a group with one line in main.cpp.
#ifndef INVHOST_CLI_COMMANDS_HPP
#define INVHOST_CLI_COMMANDS_HPP

#include <CLI/CLI.hpp>

#include "cli_context.hpp"

namespace invhost::cli {

void register_connectors_commands(CLI::App& app, cli_context& ctx);            // connectors ...
void register_connector_settings_commands(CLI::App* group, cli_context& ctx);  // connectors set
void register_settings_commands(CLI::App& app, cli_context& ctx);  // settings show|set|unset
void register_adapters_commands(CLI::App& app, cli_context& ctx);  // adapters list
void register_run_commands(CLI::App& app, cli_context& ctx);       // run ID, runs
void register_health_commands(CLI::App& app, cli_context& ctx);    // health
void register_people_commands(CLI::App& app, cli_context& ctx);    // people list|show|alias
void register_users_commands(CLI::App& app, cli_context& ctx);     // users add|list|remove|...
void register_serve_commands(CLI::App& app, cli_context& ctx);     // serve

// "key=value" of an option or argument, split at the first '='. Throws cli_error naming `option`.
std::pair<std::string, std::string> split_pair(const std::string& text, const char* option);

// Throws cli_error when `changed`, as the configuration now stands, would import the same source
// as another enabled connection (source_identity.hpp).
void refuse_same_source(cli_context& ctx, const connector_entry& changed);

}  // namespace invhost::cli

#endif
