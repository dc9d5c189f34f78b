// Every page of the console, one function per URL (the URLs are a contract: console_app.cpp
// lists them). Each receives the request's context and the path segments its route left open
// ("/licenses/{}/{}": the id and the tab), still to be checked by the page.
#ifndef INVHOST_CONSOLE_PAGES_HPP
#define INVHOST_CONSOLE_PAGES_HPP

#include <span>
#include <string>

#include "page_context.hpp"

namespace invhost::console {

using args = std::span<const std::string>;

void overview_page(page_context& ctx, args);
void licenses_page(page_context& ctx, args);
void licenses_csv(page_context& ctx, args);
void licenses_json(page_context& ctx, args);
void license_page(page_context& ctx, args a);  // "/licenses/{id}" and "/licenses/{id}/{tab}"
void license_consumption_csv(page_context& ctx, args a);
void license_edit(page_context& ctx, args a);  // POST: local fields
void applications_page(page_context& ctx, args);
void application_page(page_context& ctx, args a);
void connectors_page(page_context& ctx, args);
void connector_page(page_context& ctx, args);
void connector_run_now(page_context& ctx, args);
void connector_check(page_context& ctx, args);  // POST: the adapter's connection check
void run_page(page_context& ctx, args a);
void run_apply(page_context& ctx, args a);  // POST: apply a held run (override)
void mapping_page(page_context& ctx, args);
void settings_page(page_context& ctx, args);
void settings_save(page_context& ctx, args);

}  // namespace invhost::console

#endif
