// The host's state in Prometheus text format, for node_exporter's textfile collector: written
// after every run when `[host] metrics_textfile_dir` is set.
#ifndef INVHOST_CLI_METRICS_TEXTFILE_HPP
#define INVHOST_CLI_METRICS_TEXTFILE_HPP

#include <string>

#include "cli_context.hpp"

namespace invhost::cli {

// The metrics: runs by connection and outcome; each connection's last run (duration per phase,
// records per stream, requests) and last success; licenses by compliance and true-up exposure
// per currency from the newest reconciliation (the report's own numbers).
std::string metrics_text(cli_context& ctx);

// Writes invhost.prom into the configured folder (atomically: a temporary file renamed over
// it, so the collector never reads half a file). Does nothing when no folder is configured; a
// failure is a warning, never the run's failure.
void write_metrics_if_configured(cli_context& ctx) noexcept;

}  // namespace invhost::cli

#endif
