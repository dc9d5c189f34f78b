// What every request of one console shares: its settings, database connections, configuration
// and the sign-in limiter.
#ifndef INVHOST_CONSOLE_STATE_HPP
#define INVHOST_CONSOLE_STATE_HPP

#include <invhost/accounts/signin_limiter.hpp>
#include <invhost/console/console_app.hpp>

#include "host_snapshot.hpp"
#include "positions_cache.hpp"
#include "run_jobs.hpp"
#include "store_pool.hpp"

namespace invhost::console {

struct console_state {
  // Reads the configuration and opens (migrating) the database. Throws config_error,
  // store_error.
  explicit console_state(console_settings s)
      : settings(std::move(s)),
        hosts(settings.home),
        pool(effective_database(hosts.current()->config, settings.home, settings.db),
             settings.database_connections) {}

  console_settings settings;
  host_snapshots hosts;
  store_pool pool;
  accounts::signin_limiter limiter;
  positions_cache positions;
  run_jobs jobs;  // last: its threads end before the pool they borrow from
};

}  // namespace invhost::console

#endif
