// The console in Debian's chromium, driven by playwright-core (console_test.py starts the host,
// the simulator and `invhost serve`, and passes their addresses in the environment).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

const url = process.env.CONSOLE_URL;
const password = process.env.CONSOLE_PASSWORD;
const asOf = process.env.CONSOLE_AS_OF;
const artifacts = process.env.CONSOLE_ARTIFACTS;
const report = JSON.parse(readFileSync(process.env.CONSOLE_REPORT, "utf8"));

const hostileHtml = "<img src=x onerror=alert(1)>";
const hostileCsv = '=HYPERLINK("http://x")';
const hostileApplication = '"><svg onload=alert(3)>';

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});
after(async () => { await browser?.close(); });

// A page of a fresh browser context that fails the test on any console error, failed request,
// or script dialog (an alert() from injected markup would open one).
async function openPage(viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ viewport, baseURL: url });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // A request the browser itself abandoned because the page navigated on (the favicon of a page
  // left at once) is no failure of the console.
  page.on("requestfailed", (r) => {
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`failed request: ${r.url()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 500 || r.status() === 404) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("dialog", async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  return { context, page, problems };
}

async function signIn(page, name) {
  await page.goto("/signin");
  await page.getByLabel("Account name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"));
}

async function asAdmin(fn, viewport) {
  const session = await openPage(viewport);
  try {
    await signIn(session.page, "ada");
    await fn(session.page, session);
    assert.deepEqual(session.problems, []);
  } finally {
    await session.context.close();
  }
}

function licensesOfReport() {
  return report.licenses.filter((l) => l.status === "active");
}

function idOf(license) {
  return license.id;
}

// Every page of the console for the test tenant, as paths.
function everyPage() {
  const license = licensesOfReport()[0];
  const tabs = ["", "/position", "/entitlements", "/consumption", "/purchases", "/ownership",
    "/history"];
  const runId = JSON.parse(execFileSync(process.env.INVHOST, ["runs", "--format", "json"],
    { env: process.env })).at(0).id;
  const day = `as_of=${asOf}`;
  return ["/", `/?${day}`, `/licenses?${day}`, `/licenses?sort=-shortfall&${day}`,
    ...tabs.map((t) => `/licenses/${idOf(license)}${t}?${day}`), `/applications?${day}`,
    `/applications/${encodeURIComponent(hostileApplication)}?${day}`,
    "/connectors", "/connectors/acme-fsm", `/runs/${runId}`, "/mapping", "/settings"];
}

test("sign-in refuses a wrong password, admits the right one, and sign-out ends the session", async () => {
  const { context, page, problems } = await openPage();
  await page.goto("/licenses");
  assert.match(new URL(page.url()).pathname, /^\/signin/);
  await page.getByLabel("Account name").fill("ada");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("The account name or the password is not right.").waitFor();
  await page.getByLabel("Account name").fill("ada");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === "/licenses");
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "invhost_session");
  assert.ok(session, "a session cookie");
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, "Strict");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.pathname === "/signin");
  await page.goto("/licenses");
  assert.match(new URL(page.url()).pathname, /^\/signin/);
  // The 401 of the wrong password is the only failing response expected.
  assert.deepEqual(problems.filter((p) => !p.includes("401")), []);
  await context.close();
});

test("every page renders with no console error, no failed request and no WCAG 2.1 AA violation", async () => {
  await asAdmin(async (page) => {
    for (const path of everyPage()) {
      const response = await page.goto(path);
      assert.equal(response.status(), 200, path);
      const axe = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      assert.deepEqual(axe.violations.map((v) => `${path}: ${v.id}: ${v.help} (${v.nodes.length})`), []);
    }
  });
});

test("screenshots of every page at 1366x768 and 390x844", async () => {
  for (const viewport of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    await asAdmin(async (page) => {
      for (const path of everyPage()) {
        await page.goto(path);
        const name = (path.startsWith("/?") || path === "/" ? `overview${path.slice(1)}` : path.slice(1))
          .replace(/[^a-z0-9]+/gi, "-").replace(/-+$/, "");
        await page.screenshot({ path: `${artifacts}/${name}-${viewport.width}x${viewport.height}.png`,
          fullPage: true });
      }
    }, viewport);
  }
});

test("the top-bar link follows the setting", async () => {
  await asAdmin(async (page) => {
    const fsm = page.getByRole("link", { name: "Flexera SaaS Manager" });
    await page.goto("/settings");
    await page.getByLabel("Show the Flexera SaaS Manager link in the top bar").check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();
    assert.equal(await fsm.getAttribute("href"), "https://app.flexera.com/orgs/4242/saas");
    assert.equal(await fsm.getAttribute("target"), "_blank");
    assert.match(await fsm.getAttribute("rel"), /noopener/);
    await page.getByLabel("Show the Flexera SaaS Manager link in the top bar").uncheck();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();
    assert.equal(await fsm.count(), 0);
  });
});

test("every license's FSM link is its source_url", async () => {
  await asAdmin(async (page) => {
    for (const license of report.licenses) {
      await page.goto(`/licenses/${idOf(license)}`);
      const link = page.getByRole("link", { name: "Open in Flexera SaaS Manager" });
      assert.equal(await link.getAttribute("href"), license.source_url, license.name);
      assert.equal(await link.getAttribute("target"), "_blank");
      assert.match(await link.getAttribute("rel"), /noopener/);
    }
  });
});

test("list, detail, CSV and JSON agree for every license", async () => {
  await asAdmin(async (page) => {
    const query = `?as_of=${asOf}`;
    const json = await (await page.request.get(`/licenses.json${query}`)).json();
    // The same shape as `invhost report --format json`, and the same licenses and numbers (the
    // list adds its own fields to each license, and sorts by name).
    assert.deepEqual(Object.keys(json).sort(), Object.keys(report).sort());
    assert.equal(json.licenses.length, report.licenses.length);
    const listed = new Map(json.licenses.map((l) => [l.id, l]));
    for (const license of report.licenses) {
      for (const [field, value] of Object.entries(license))
        assert.deepEqual(listed.get(license.id)?.[field], value, `${license.name} ${field}`);
    }
    assert.deepEqual(json.totals, report.totals);
    const csv = await (await page.request.get(`/licenses.csv${query}`)).text();
    const lines = csv.trimEnd().split("\r\n");
    assert.equal(lines.length, report.licenses.length + 1);
    await page.goto(`/licenses${query}&per_page=500`);
    for (const license of report.licenses) {
      const row = page.locator(`tr[data-license-id="${idOf(license)}"]`);
      assert.equal(await row.locator('[data-field="name"]').innerText(), license.name);
      assert.equal(await row.locator('[data-field="consumed"]').innerText(),
        license.consumed === null ? "—" : String(license.consumed));
    }
    for (const license of report.licenses) {
      await page.goto(`/licenses/${idOf(license)}/position${query}`);
      for (const field of ["entitled", "consumed", "available", "shortfall", "inactive", "unused_cost", "true_up_cost"]) {
        const want = license[field] === null ? "—" : String(license[field]);
        assert.equal(await page.locator(`[data-field="${field}"]`).innerText(), want,
          `${license.name} ${field}`);
      }
    }
  });
});

test("the consumption tab sorts by any column, and its CSV is the reclaim list", async () => {
  await asAdmin(async (page) => {
    const license = [...licensesOfReport()].sort((a, b) => b.consumed - a.consumed)[0];
    const csv = await (await page.request.get(`/licenses/${idOf(license)}/consumption.csv?as_of=${asOf}`)).text();
    const rows = csv.trimEnd().split("\r\n").slice(1).map((line) => line.split(","));
    assert.equal(rows.length, license.consumed, "one row per consumer");
    assert.equal(rows.filter((r) => r[6] === "true").length, license.inactive, "inactive rows");
    const emails = rows.map((r) => r[1]);
    const ascending = [...emails].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    await page.goto(`/licenses/${idOf(license)}/consumption?sort=email&as_of=${asOf}`);
    assert.deepEqual(await page.locator("#consumption tbody tr td:first-child").allInnerTexts(), ascending);
    await page.goto(`/licenses/${idOf(license)}/consumption?sort=-email&as_of=${asOf}`);
    assert.deepEqual(await page.locator("#consumption tbody tr td:first-child").allInnerTexts(),
      [...ascending].reverse());
  });
});

test("as_of shows that date to this request only", async () => {
  await asAdmin(async (page) => {
    await page.goto(`/?as_of=${asOf}`);
    await page.getByText(`License positions as of ${asOf}.`).waitFor();
    // Links keep the date; another page without it shows today.
    assert.match(await page.getByRole("link", { name: "Licenses", exact: true }).getAttribute("href"),
      new RegExp(`as_of=${asOf}`));
    await page.goto("/");
    const today = new Date().toISOString().slice(0, 10);
    await page.getByText(`License positions as of ${today}.`).waitFor();
  });
});

test("hostile names stay inert in HTML and CSV", async () => {
  await asAdmin(async (page, session) => {
    await page.goto(`/licenses?as_of=${asOf}`);
    await page.getByText(hostileHtml, { exact: true }).first().waitFor();
    assert.equal(await page.locator("img[src=x]").count(), 0);
    const hostile = report.licenses.find((l) => l.name === hostileHtml);
    await page.goto(`/licenses/${idOf(hostile)}`);
    assert.equal(await page.locator("img[src=x]").count(), 0);
    await page.goto("/applications");
    assert.equal(await page.locator("svg[onload]").count(), 0);
    const csv = await (await page.request.get(`/licenses.csv?as_of=${asOf}`)).text();
    assert.ok(!csv.includes(`\r\n${hostileCsv}`) && !csv.includes(`,${hostileCsv}`),
      "a formula left as it is");
    assert.ok(csv.includes(`'=HYPERLINK(`), "the formula neutralised");
    assert.deepEqual(session.problems, []);
  });
});

// The nightly was the connection's first import, and complete: every license of the tenant's
// source file is new, and nothing was there to update, retire, bring back or supersede.
test("the run page says what the merge did", async () => {
  const tenantLicenses = JSON.parse(readFileSync("tenant/licenses.json", "utf8")).length;
  const nightly = JSON.parse(execFileSync(process.env.INVHOST, ["runs", "--format", "json"],
    { env: process.env })).at(-1);
  await asAdmin(async (page) => {
    await page.goto(`/runs/${nightly.id}`);
    const counts = page.locator("dt", { hasText: /^Licenses merged$/ })
      .locator("xpath=following-sibling::dd[1]");
    assert.equal((await counts.textContent()).trim(),
      `${tenantLicenses} new, 0 updated, 0 retired, 0 returned, 0 superseded`);
  });
});

test("an admin checks a connection and runs it now, through the pipeline", async () => {
  await asAdmin(async (page) => {
    await page.goto("/connectors/acme-fsm");
    await page.getByRole("button", { name: "Check the connection" }).click();
    await page.getByText(/^Check passed: /).waitFor();
    const before = JSON.parse(execFileSync(process.env.INVHOST, ["runs", "--format", "json"],
      { env: process.env })).length;
    await page.getByRole("button", { name: "Run now" }).click();
    await page.getByText(/Last import started here: run \d+, staged; merged: /).waitFor({ timeout: 120000 });
    const runs = JSON.parse(execFileSync(process.env.INVHOST, ["runs", "--format", "json"],
      { env: process.env }));
    assert.equal(runs.length, before + 1);
    assert.equal(runs[0].outcome, "staged");
    assert.equal(runs[0].merge_status, "merged");
  });
});

test("a POST without its CSRF token is refused", async () => {
  await asAdmin(async (page) => {
    const refused = await page.request.post("/settings",
      { form: { top_bar_enabled: "true", top_bar_url: "https://evil.example" } });
    assert.equal(refused.status(), 403);
    await page.goto("/settings");
    assert.notEqual(await page.getByLabel("Link address").inputValue(), "https://evil.example");
  });
});

test("an editor's change of a local field is saved and shows in the history, with who", async () => {
  const { context, page, problems } = await openPage();
  await signIn(page, "eddie");
  const license = licensesOfReport().at(-1);
  await page.goto(`/licenses/${idOf(license)}/ownership`);
  await page.getByLabel("Owner").fill("Dana Scully <dana@contoso.example.com>");
  await page.getByLabel("Groups").fill("finance, emea");
  await page.getByRole("button", { name: "Save" }).click();
  await page.waitForURL((u) => u.pathname === `/licenses/${idOf(license)}/ownership`);
  assert.equal(await page.getByLabel("Owner").inputValue(), "Dana Scully <dana@contoso.example.com>");
  await page.goto(`/licenses/${idOf(license)}/history`);
  const rows = await page.locator("tbody tr").allInnerTexts();
  assert.ok(rows.some((r) => r.includes("owner: (empty) → Dana Scully <dana@contoso.example.com>") &&
    r.includes("eddie")), rows.join("\n"));
  assert.ok(rows.some((r) => r.includes("group") && r.includes("finance") && r.includes("eddie")),
    rows.join("\n"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a viewer reads but cannot edit", async () => {
  const { context, page } = await openPage();
  await signIn(page, "vera");
  const license = licensesOfReport()[0];
  await page.goto(`/licenses/${idOf(license)}/ownership`);
  assert.equal(await page.getByRole("button", { name: "Save" }).count(), 0);
  const cookies = await page.evaluate(() => document.cookie);  // HttpOnly: no script reads it
  assert.ok(!cookies.includes("invhost_session"));
  // Even a well-formed POST with the viewer's own CSRF token is refused.
  await page.goto(`/licenses/${idOf(license)}`);
  const token = await page.locator('form.signout input[name="csrf"]').getAttribute("value");
  const refused = await page.request.post(`/licenses/${idOf(license)}/edit`,
    { form: { csrf: token, owner: "Mallory" }, headers: { Origin: url } });
  assert.equal(refused.status(), 403);
  await page.goto(`/licenses/${idOf(license)}/ownership`);
  assert.ok(!(await page.locator("main").innerText()).includes("Mallory"));
  await page.goto("/settings");
  assert.equal(await page.locator("h1").innerText(), "Not allowed");
  await context.close();
});

test("the console works by keyboard", async () => {
  const { context, page } = await openPage();
  await page.goto("/signin");
  await page.keyboard.press("Tab");  // skip link
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.type("ada");
  await page.keyboard.press("Tab");
  await page.keyboard.type(password);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === "/");
  // From the top of the page, Tab reaches the Licenses link; Enter follows it.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    const text = await page.evaluate(() => document.activeElement?.textContent);
    if (text === "Licenses") break;
  }
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === "/licenses");
  await context.close();
});
