// Progressive enhancement only: every page works without this file.
"use strict";

// A filter that changes submits its form, so the list follows without a click.
document.querySelectorAll("form.filters select").forEach((select) => {
  select.addEventListener("change", () => select.form.requestSubmit());
});

// A page showing a run in progress reloads itself until the run ends.
if (document.querySelector("[data-refresh]")) {
  setTimeout(() => window.location.reload(), 2000);
}
