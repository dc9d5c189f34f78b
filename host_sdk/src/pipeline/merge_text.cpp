#include <fmt/format.h>

#include <invhost/pipeline/pipeline.hpp>

namespace invhost::pipeline {

std::string describe(const inventory::merge_result& m) {
  if (m.status != inventory::merge_status::merged)
    return fmt::format("{}: {}", inventory::to_string(m.status), m.reason);
  return fmt::format("merged: {} new, {} updated, {} retired, {} returned{}", m.licenses_new,
                     m.licenses_updated, m.licenses_retired, m.licenses_returned,
                     m.superseded > 0 ? fmt::format(", {} superseded", m.superseded) : "");
}

}  // namespace invhost::pipeline
