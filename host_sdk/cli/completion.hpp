// `invhost completion bash`: a bash completion script made from the command tree itself, so it
// knows every command and option the binary has.
#ifndef INVHOST_CLI_COMPLETION_HPP
#define INVHOST_CLI_COMPLETION_HPP

#include <CLI/CLI.hpp>

namespace invhost::cli {

void register_completion_command(CLI::App& app);

}  // namespace invhost::cli

#endif
