// The console's static files (host_sdk/src/console/assets/), embedded at build time.
#ifndef INVHOST_CONSOLE_ASSETS_HPP
#define INVHOST_CONSOLE_ASSETS_HPP

#include <invhost/http/assets.hpp>

namespace invhost::console {

// Every file of the assets folder, by its file name.
http::asset_table console_assets();

}  // namespace invhost::console

#endif
