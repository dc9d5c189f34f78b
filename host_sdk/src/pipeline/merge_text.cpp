#include <fmt/format.h>

#include <invhost/pipeline/pipeline.hpp>

namespace invhost::pipeline {

std::string describe(const inventory::merge_result& m) {
  if (m.status != inventory::merge_status::merged)
    return fmt::format("{}: {}", inventory::to_string(m.status), m.reason);
  return "merged: " + inventory::counts_text(m);
}

}  // namespace invhost::pipeline
