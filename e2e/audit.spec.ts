import fs from "node:fs";
import { expect, test, type Page } from "./fixtures";
import { chooseInCombobox, sidebar, signIn, signOut } from "./pages";

const CLAIRE = "claire@helvetia-bakery.test";
const MODES = ["Customer pays", "Partner pays"] as const;

/** Claire switches Alpine Web Studio to the other payment mode; returns [from, to]. */
async function flipAlpinePaymentMode(page: Page): Promise<[string, string]> {
  await signIn(page, CLAIRE);
  await sidebar(page).getByRole("link", { name: "Partner" }).click();
  await page.getByRole("link", { name: "Alpine Web Studio" }).click();
  const payment = page.getByRole("region", { name: "Payment" });
  const from = (await payment.getByTestId("current-payment-mode").textContent())?.trim() ?? "";
  expect(MODES).toContain(from);
  const to = from === MODES[0] ? MODES[1] : MODES[0];
  await payment.getByRole("button", { name: "Edit payment mode" }).click();
  await payment.getByRole("radio", { name: new RegExp(to) }).check();
  await payment.getByRole("button", { name: "Continue" }).click();
  // Confirm once the consequences are shown, as Claire reads them: until then their own status is in the region too.
  await expect(payment.getByText("Computing the consequences…")).toBeHidden();
  await payment.getByRole("button", { name: "Confirm" }).click();
  await expect(payment.getByRole("status")).toHaveText(new RegExp(`Payment mode changed to “${to}”`));
  await signOut(page);
  return [from, to];
}

async function downloadText(page: Page, link: string): Promise<string> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: link }).click();
  return fs.readFileSync(await (await download).path(), "utf8");
}

test.describe("the auditor's console", () => {
  test("Nora finds Claire's payment-mode change, sees the partner's email sent, and exports it", async ({ page }) => {
    const [from, to] = await flipAlpinePaymentMode(page);

    await signIn(page, "nora@manager.test");
    await sidebar(page).getByRole("link", { name: "Audit" }).click();
    await expect(page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
    await expect(page.getByRole("img", { name: /Payment-mode changes per week/ })).toBeVisible();
    // The chart's figures as a table: twelve weeks whose changes add up to the summary's count, this
    // week's (the last row) with Claire's change to `to` in it; a bar for each week with changes.
    const chart = page.getByRole("region", { name: "Payment modes" });
    await chart.getByText("Changes per week as a table").click();
    const weeks = chart.getByRole("table", { name: "Payment-mode changes per week" }).getByRole("row").filter({ has: page.getByRole("cell") });
    await expect(weeks).toHaveCount(12);
    const figures = await weeks.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].slice(1).map((c) => Number(c.textContent))));
    const changes = figures.reduce((s, [p, c]) => s + p! + c!, 0);
    expect(changes).toBeGreaterThan(0);
    await expect(chart.getByText(/payment-mode changes? in the last 12 weeks/)).toContainText(`${changes} payment-mode change`);
    expect(figures.at(-1)![to === "Partner pays" ? 0 : 1]).toBeGreaterThan(0);
    expect(await chart.locator("svg rect").count()).toBe(figures.reduce((n, [p, c]) => n + (p! > 0 ? 1 : 0) + (c! > 0 ? 1 : 0), 0));

    // Filter the partnerships on Helvetia Bakery SA.
    const filters = page.getByRole("search", { name: "Filters" });
    await chooseInCombobox(filters, "Customer", "helvetia", "Helvetia Bakery SA");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]customer=/);
    const table = page.getByRole("table", { name: /Partnerships across organizations/ });
    const rows = table.getByRole("row").filter({ has: page.getByRole("cell") });
    await expect(rows.first()).toBeVisible();
    for (const row of await rows.all()) await expect(row).toContainText("Helvetia Bakery SA");
    const alpine = rows.filter({ hasText: "Alpine Web Studio" });
    await expect(alpine).toContainText(to);

    // The CSV export holds the filtered list, the partnership's new mode included.
    const partnershipsCsv = await downloadText(page, "Export CSV");
    const line = partnershipsCsv.split("\r\n").find((l) => l.includes("Helvetia Bakery SA,Alpine Web Studio"));
    expect(line).toContain(`,active,full,${to === "Partner pays" ? "partner" : "customer"},`);
    expect(partnershipsCsv).not.toContain("Matterhorn Sports AG");

    // The timeline: Claire, her organization, before → after, where from, and Marc's email sent.
    await alpine.getByRole("link", { name: "Timeline of Helvetia Bakery SA and Alpine Web Studio" }).click();
    await expect(page.getByRole("heading", { name: "Helvetia Bakery SA – Alpine Web Studio", level: 1 })).toBeVisible();
    const event = () => page.getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Payment mode changed" }) })
      .filter({ hasText: `Payment mode: ${from} → ${to}` })
      .last();
    await expect(event()).toContainText("Claire Dubois");
    await expect(event()).toContainText("For Helvetia Bakery SA");
    await expect(event()).toContainText(/IP\s*\S*127\.0\.0\.1/);
    // The browser named (Playwright's headless Chromium on Linux), the whole user agent on demand.
    await expect(event()).toContainText(/Browser\s*(Headless )?Chrome \d+ on Linux/);
    await event().locator("details summary").click();
    await expect(event().locator("details")).toContainText(/Full user agent: Mozilla\/5\.0/);
    // The request's identifier shortened, with a button to copy it whole.
    await expect(event()).toContainText(/Request\s*[0-9a-f]{8}…/);
    await expect(event().getByRole("button", { name: /^Copy the identifier [0-9a-f]{8}…$/ })).toBeVisible();
    const mail = () => event().getByRole("table", { name: "Notifications caused" }).getByRole("row").filter({ hasText: "marc@alpine-web.test" });
    // The worker polls every second in e2e: reload until it has delivered the email.
    await expect(async () => {
      await page.reload();
      await expect(mail()).toContainText("Sent", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(mail()).toContainText(/1 attempt\b/);

    // The same event in the events view and its CSV export.
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Audit" }).click();
    await page.getByRole("navigation", { name: "Audit sections" }).getByRole("link", { name: "Events" }).click();
    const eventFilters = page.getByRole("search", { name: "Filters" });
    await chooseInCombobox(eventFilters, "Organization", "Bakery", "Helvetia Bakery SA");
    await eventFilters.getByLabel("Kind").selectOption({ label: "Payment mode changed" });
    await eventFilters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("row").filter({ hasText: "Claire Dubois" }).first()).toContainText(`${from} → ${to}`);
    const eventsCsv = await downloadText(page, "Export CSV");
    const eventLine = eventsCsv.split("\r\n").find((l) => l.includes("payment_mode.changed") && l.includes(`Payment mode: ${from} → ${to}`));
    expect(eventLine).toContain("Claire Dubois");
    expect(eventLine).toContain("Helvetia Bakery SA,Alpine Web Studio");
    await signOut(page);

    // Claire puts the demo back as it was.
    const [back] = await flipAlpinePaymentMode(page);
    expect(back).toBe(to);
  });

  test("the notifications view lists the emails with their delivery state", async ({ page }) => {
    await signIn(page, "nora@manager.test");
    await page.goto("/audit/notifications?state=sent");
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Delivery state")).toHaveValue("sent");
    const rows = page.getByRole("table", { name: /Notifications/ }).getByRole("row").filter({ has: page.getByRole("cell") });
    await expect(rows.first()).toContainText("Sent");
    await expect(page.getByRole("button", { name: /Retry now/ })).toHaveCount(0);
    // A forged filter value is named and ignored, never a server error.
    const response = await page.goto("/audit/notifications?state=lost&after=zzz");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("status").filter({ hasText: "Ignored a value" })).toContainText("Delivery state, Page");
  });

  for (const [who, email] of [["Marc, a partner", "marc@alpine-web.test"], ["Claire, a customer", CLAIRE]] as const) {
    test(`${who}, gets a 404 on the console and its exports`, async ({ page }) => {
      await signIn(page, email);
      await expect(sidebar(page).getByRole("link", { name: "Audit" })).toHaveCount(0);
      for (const path of ["/audit", "/audit/events", "/audit/notifications"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
        await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
      }
      for (const path of ["/audit/export", "/audit/events/export?org=x"]) {
        const response = await page.request.get(path);
        expect(response.status(), path).toBe(404);
        expect(await response.text()).not.toContain(",");
      }
    });
  }
});
