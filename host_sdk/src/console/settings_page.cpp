// /settings (admin): the top-bar link, internal domains and the console's accounts. Saving edits
// invhost.toml in place, as `invhost settings set` does, so the person's comments stay.
#include <fmt/format.h>

#include <invhost/accounts/users.hpp>
#include <invhost/config_edit.hpp>
#include <invhost/host_log.hpp>
#include <invhost/host_settings.hpp>

#include "layout.hpp"
#include "pages.hpp"

namespace invhost::console {

namespace {

std::string settings_body(page_context& ctx, const host_config& shown, std::string_view problem,
                          std::string_view problem_field, bool saved) {
  std::string body = "<h1>Settings</h1>";
  if (!problem.empty())
    body += fmt::format(
        R"(<div class="error-summary" role="alert" tabindex="-1"><h2>There is a problem</h2><p><a href="#{}">{}</a></p></div>)",
        problem_field, esc(problem));
  if (saved) body += R"(<p class="notice" role="status">Settings saved.</p>)";
  const auto fsm_default = [&] {
    host_config c = shown;
    c.top_bar.enabled = true;
    c.top_bar.url.clear();
    return top_bar_link(c);
  }();
  body += fmt::format(
      R"(<form method="post" action="/settings">{}
<fieldset><legend>Top-bar link to Flexera SaaS Manager</legend>
<p><input type="checkbox" id="top_bar_enabled" name="top_bar_enabled" value="true"{}> <label for="top_bar_enabled">Show the Flexera SaaS Manager link in the top bar</label></p>
<p><label for="top_bar_url">Link address</label>
<span class="hint" id="top_bar_url_hint">{}</span>
<input id="top_bar_url" name="top_bar_url" type="url" maxlength="2048" value="{}" aria-describedby="top_bar_url_hint"></p>
</fieldset>
<p><label for="internal_domains">Internal email domains</label>
<span class="hint" id="internal_domains_hint">Users of any other domain are external. Separate domains with commas.</span>
<input id="internal_domains" name="internal_domains" maxlength="4096" value="{}" aria-describedby="internal_domains_hint"></p>
<p><button type="submit">Save settings</button></p>
</form>)",
      csrf_field(ctx), shown.top_bar.enabled ? " checked" : "",
      fsm_default ? esc("Empty: the FSM connection's top_bar_link_template, now " + *fsm_default)
                  : "Empty: the FSM connection's top_bar_link_template (none is set).",
      esc(shown.top_bar.url), esc(host_setting_value(shown, "internal_domains")));

  body +=
      R"(<h2>Accounts</h2><table><caption>Console accounts</caption><thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">State</th></tr></thead><tbody>)";
  for (const auto& a : accounts::list_accounts(ctx.db().sql()))
    body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", esc(a.name),
                        accounts::role_name(a.role), esc(a.created_at),
                        a.disabled ? "disabled" : "enabled");
  body +=
      "</tbody></table><p>Accounts are managed with <code>invhost users add|remove|set-role|"
      "passwd</code>.</p>";
  return body;
}

}  // namespace

void settings_page(page_context& ctx, args) {
  send_page(ctx, 200, "Settings", section::settings,
            settings_body(ctx, ctx.host->config, {}, {}, ctx.req.query.get("saved").has_value()));
}

void settings_save(page_context& ctx, args) {
  const host_config& before = ctx.host->config;
  host_config after = before;
  const std::string url = ctx.req.form.get("top_bar_url").value_or("");
  const std::string domains = ctx.req.form.get("internal_domains").value_or("");
  std::string field = "top_bar_url";
  try {
    set_host_setting(after, "top_bar_link.enabled",
                     ctx.req.form.get("top_bar_enabled") ? "true" : "false");
    if (!url.empty() && !url.starts_with("https://") && !url.starts_with("http://"))
      throw config_error("The link address must start with https:// or http://.");
    set_host_setting(after, "top_bar_link.url", url);
    field = "internal_domains";
    set_host_setting(after, "internal_domains", domains);
  } catch (const config_error& e) {
    host_config shown = after;
    shown.top_bar.url = url;
    send_page(ctx, 400, "Settings", section::settings,
              settings_body(ctx, shown, e.what(), field, false));
    return;
  }
  const auto edited = edit_config_text(ctx.host->config_text, before, after);
  const auto file = config_path(ctx.state.settings.home);
  // A layout that cannot be edited in place is written afresh: the person's text stays beside it.
  if (!edited.layout_kept) save_config_text(file.string() + ".bak", ctx.host->config_text);
  save_config_text(file, edited.text);
  host_log(log_level::info, fmt::format("console: {} changed the settings", ctx.user->name));
  ctx.res.redirect("/settings?saved=1");
}

}  // namespace invhost::console
