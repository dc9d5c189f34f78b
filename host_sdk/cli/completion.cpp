#include "completion.hpp"

#include <fmt/format.h>

#include <string>

#include "cli_context.hpp"

namespace invhost::cli {
namespace {

// The words that may follow a command: its subcommands and its visible options' long names.
std::string words_of(const CLI::App& app) {
  std::string words;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    words += (words.empty() ? "" : " ") + sub->get_name();
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->get_group().empty()) continue;  // hidden from help: not offered either
    for (const auto& name : opt->get_lnames()) words += " --" + name;
  }
  return words;
}

// One case arm per command path (" connectors list"), depth first.
void add_cases(const CLI::App& app, const std::string& path, std::string& out) {
  out += fmt::format("    '{}') echo '{}' ;;\n", path, words_of(app));
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    add_cases(*sub, path + " " + sub->get_name(), out);
}

std::string bash_script(const CLI::App& root) {
  std::string cases;
  add_cases(root, "", cases);
  return "# bash completion for invhost, made by `invhost completion bash`.\n"
         "_invhost_words() {\n"
         "  case \"$1\" in\n" +
         cases +
         "    *) return 1 ;;\n"
         "  esac\n"
         "}\n"
         "_invhost() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" path=\"\" i next\n"
         "  # The command path so far: each word that names a subcommand of the path before it.\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    next=\"$path ${COMP_WORDS[i]}\"\n"
         "    if _invhost_words \"$next\" >/dev/null; then path=\"$next\"; fi\n"
         "  done\n"
         "  COMPREPLY=($(compgen -W \"$(_invhost_words \"$path\")\" -- \"$cur\"))\n"
         "}\n"
         "complete -F _invhost invhost\n";
}

}  // namespace

void register_completion_command(CLI::App& app) {
  auto* completion = app.add_subcommand("completion", "Print a shell completion script");
  auto* bash = completion->add_subcommand(
      "bash",
      "Bash completion: eval \"$(invhost completion bash)\", or install it into "
      "/usr/share/bash-completion/completions/invhost");
  completion->require_subcommand(1);
  bash->callback([&app] { print_exact(bash_script(app)); });
}

}  // namespace invhost::cli
