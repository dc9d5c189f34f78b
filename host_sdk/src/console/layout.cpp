#include "layout.hpp"

#include <fmt/format.h>

#include <array>
#include <invhost/html_text.hpp>

namespace invhost::console {

std::string esc(std::string_view text) {
  return html_escape(text);
}

namespace {

struct nav_item {
  section id;
  std::string_view path;
  std::string_view label;
};

constexpr std::array<nav_item, 6> navigation{{
    {section::overview, "/", "Overview"},
    {section::licenses, "/licenses", "Licenses"},
    {section::applications, "/applications", "Applications"},
    {section::connectors, "/connectors", "Connectors"},
    {section::mapping, "/mapping", "Data mapping"},
    {section::settings, "/settings", "Settings"},
}};

std::string top_bar(const page_context& ctx, section current) {
  std::string out = R"(<header class="topbar"><a class="brand" href="/">invhost</a>)";
  if (ctx.user) {
    out += R"(<nav aria-label="Main"><ul>)";
    for (const auto& item : navigation) {
      if (item.id == section::settings && !ctx.may(accounts::action::admin)) continue;
      out += fmt::format(R"(<li><a href="{}"{}>{}</a></li>)", esc(ctx.link(item.path)),
                         item.id == current ? R"( aria-current="page")" : "", item.label);
    }
    out += "</ul></nav>";
  }
  if (ctx.host->top_bar)
    out += fmt::format(
        R"(<a class="fsm-link" href="{}" target="_blank" rel="noopener">Flexera SaaS Manager</a>)",
        esc(*ctx.host->top_bar));
  if (ctx.user) {
    out += fmt::format(R"(<span class="who">{} ({})</span>)", esc(ctx.user->name),
                       accounts::role_name(ctx.user->role));
    if (ctx.state.settings.auth == auth_mode::local)
      out += fmt::format(
          R"(<form class="signout" method="post" action="/signout">{}<button type="submit">Sign out</button></form>)",
          csrf_field(ctx));
  }
  return out + "</header>";
}

}  // namespace

std::string csrf_field(const page_context& ctx) {
  if (!ctx.user || ctx.user->csrf.empty()) return {};
  return fmt::format(R"(<input type="hidden" name="csrf" value="{}">)", esc(ctx.user->csrf));
}

void send_page(page_context& ctx, unsigned status, std::string_view title, section current,
               std::string_view body) {
  std::string page = fmt::format(
      R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{} · invhost</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head><body>
<a class="skip-link" href="#main">Skip to content</a>
{}
<main id="main">
)",
      esc(title), top_bar(ctx, current));
  if (ctx.as_of_chosen)
    page += fmt::format(
        R"(<p class="as-of-banner">Positions as of <strong>{}</strong>. <a href="{}">Back to today</a></p>)",
        esc(ctx.as_of), esc(std::string(ctx.req.path)));
  page += body;
  page += "\n</main></body></html>\n";
  ctx.res.send(status, "text/html; charset=utf-8", page);
}

void send_error(page_context& ctx, unsigned status, std::string_view title,
                std::string_view message) {
  send_page(ctx, status, title, section::none,
            fmt::format("<h1>{}</h1><p>{}</p>", esc(title), esc(message)));
}

}  // namespace invhost::console
