// TEMPORARY handler: a single placeholder page so `invhost serve` runs end to end until the
// console's pages replace it. It reads nothing from the store.
#include <invhost/console/console_app.hpp>
#include <invhost/http/text_encoding.hpp>

namespace invhost::console {

http::handler make_console_handler(const console_settings& settings) {
  (void)settings;
  return [](const http::request& req, http::response& res) {
    if (req.path != "/") {
      res.send(404, "text/plain; charset=utf-8", "404 Not Found\n");
      return;
    }
    res.send(200, "text/html; charset=utf-8",
             "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             "<title>invhost console</title>"
             "<link rel=\"stylesheet\" href=\"/assets/console.css\"></head>"
             "<body><h1>invhost console</h1><p>The console is starting up; its pages come "
             "here.</p></body></html>\n");
  };
}

}  // namespace invhost::console
