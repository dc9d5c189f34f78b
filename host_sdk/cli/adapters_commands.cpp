// invhost adapters list
#include <fmt/format.h>

#include <boost/json.hpp>
#include <invhost/manifest.hpp>

#include "commands.hpp"
#include "list_output.hpp"

namespace invhost::cli {
namespace {

void list_adapters(cli_context& ctx, const std::string& format) {
  const auto dirs = manifest_search_path(ctx.config().adapter_paths);
  const auto& cat = ctx.catalog();
  if (format == "json") {
    boost::json::array adapters;
    for (const auto& m : cat.manifests) {
      boost::json::object settings;
      for (const auto& [k, s] : m.settings)
        settings[k] = {{"type", s.type},
                       {"description", s.description},
                       {"secret", s.secret},
                       {"required", s.required}};
      adapters.push_back({{"id", m.id},
                          {"name", m.name},
                          {"version", m.version},
                          {"abi", fmt::format("{}.{}", m.abi_major, m.abi_minor)},
                          {"manifest", m.file.string()},
                          {"library", m.library.string()},
                          {"settings", std::move(settings)}});
    }
    boost::json::array problems;
    for (const auto& p : cat.problems)
      problems.push_back({{"file", p.file.string()}, {"message", p.message}});
    boost::json::array searched;
    for (const auto& d : dirs) searched.emplace_back(d.string());
    print_exact(boost::json::serialize(boost::json::object{{"adapters", std::move(adapters)},
                                                           {"problems", std::move(problems)},
                                                           {"search_path", std::move(searched)}}) +
                "\n");
    return;
  }
  boost::json::array rows;
  for (const auto& m : cat.manifests)
    rows.push_back({{"id", m.id},
                    {"version", m.version},
                    {"abi", fmt::format("{}.{}", m.abi_major, m.abi_minor)},
                    {"name", m.name},
                    {"manifest", m.file.string()}});
  print_rows(format,
             {{"id", "ID"},
              {"version", "VERSION"},
              {"abi", "ABI"},
              {"name", "NAME"},
              {"manifest", "MANIFEST"}},
             rows);
  if (format == "csv") {
    // CSV holds the adapters alone; a problem with a manifest still reaches the person.
    for (const auto& p : cat.problems) print_error("warning: " + p.message + "\n");
    return;
  }
  if (!cat.problems.empty()) {
    print("\nProblems:\n");
    for (const auto& p : cat.problems) print("  " + p.message + "\n");
  }
  if (cat.manifests.empty() && cat.problems.empty()) {
    std::string where;
    for (const auto& d : dirs) where += "  " + d.string() + "\n";
    print("No adapter manifests found. Searched:\n" + where);
  }
}

}  // namespace

void register_adapters_commands(CLI::App& app, cli_context& ctx) {
  auto* group = app.add_subcommand("adapters", "Adapters found along the manifest search path");
  group->require_subcommand(1);
  auto format = std::make_shared<std::string>("table");
  auto* list = group->add_subcommand("list", "List adapter manifests and any problems with them");
  add_list_format_option(list, *format);
  list->callback(ctx.command([&ctx, format] { list_adapters(ctx, *format); }));
}

}  // namespace invhost::cli
