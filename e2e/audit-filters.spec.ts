// The auditor's organization and user filters: a searchable combobox (ARIA 1.2), used by keyboard only,
// whose matches come from the server; the chosen value survives the round trip through the URL.
import { expect, test } from "./fixtures";
import { signIn } from "./pages";

test("Nora filters the events by organization and actor with the keyboard alone", async ({ page }) => {
  await signIn(page, "nora@manager.test");
  await page.goto("/audit/events");
  const filters = page.getByRole("search", { name: "Filters" });
  const org = filters.getByRole("combobox", { name: "Organization" });
  await expect(org).toHaveAttribute("aria-expanded", "false");

  // Typing asks the server; the first match is active, the arrows move through the matches.
  await org.focus();
  await page.keyboard.type("web");
  const listbox = filters.getByRole("listbox", { name: "Organization" });
  await expect(listbox).toBeVisible();
  await expect(org).toHaveAttribute("aria-expanded", "true");
  await expect(listbox.getByRole("option")).toHaveText(["Alpine Web Studio", "Isar Webagentur GmbH"]);
  await expect(listbox.getByRole("option", { name: "Alpine Web Studio" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("ArrowDown");
  const isar = listbox.getByRole("option", { name: "Isar Webagentur GmbH" });
  await expect(isar).toHaveAttribute("aria-selected", "true");
  await expect(org).toHaveAttribute("aria-activedescendant", (await isar.getAttribute("id"))!);
  await page.keyboard.press("ArrowDown"); // wraps to the first
  await expect(listbox.getByRole("option", { name: "Alpine Web Studio" })).toHaveAttribute("aria-selected", "true");

  // Escape closes the list and keeps the text; ArrowDown opens it again; Enter picks.
  await page.keyboard.press("Escape");
  await expect(listbox).toBeHidden();
  await expect(org).toHaveAttribute("aria-expanded", "false");
  await expect(org).toHaveValue("web");
  await page.keyboard.press("ArrowDown");
  await expect(listbox).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(org).toHaveValue("Alpine Web Studio");
  await expect(listbox).toBeHidden();

  // Leaving the field right after typing: the search is dropped, no list opens behind the user's back.
  await org.fill("");
  await org.focus();
  await page.keyboard.type("web");
  await page.keyboard.press("Tab");
  await page.waitForTimeout(600); // past the search's 150 ms pause and its answer
  await expect(listbox).toBeHidden();
  await expect(org).toHaveAttribute("aria-expanded", "false");
  // Back in the field, the arrow asks again; Enter picks.
  await org.focus();
  await page.keyboard.press("ArrowDown");
  await expect(listbox).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(org).toHaveValue("Alpine Web Studio");

  // Users are found by email too.
  const actor = filters.getByRole("combobox", { name: "Actor" });
  await actor.focus();
  await page.keyboard.type("claire@");
  await expect(filters.getByRole("option", { name: "Claire Dubois (claire@helvetia-bakery.test)" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(actor).toHaveValue("Claire Dubois (claire@helvetia-bakery.test)");

  // Enter with the list closed submits the form: the ids go into the URL, the names come back.
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]org=[\w-]+/);
  await expect(page).toHaveURL(/[?&]actor=[\w-]+/);
  await expect(filters.getByRole("combobox", { name: "Organization" })).toHaveValue("Alpine Web Studio");
  await expect(filters.getByRole("combobox", { name: "Actor" })).toHaveValue("Claire Dubois (claire@helvetia-bakery.test)");
  const rows = page.getByRole("table", { name: /Audit events/ }).getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows.first()).toBeVisible();
  for (const row of (await rows.all()).slice(0, 5)) await expect(row).toContainText("Claire Dubois");

  // A second Escape on a closed list clears the choice.
  const orgAgain = filters.getByRole("combobox", { name: "Organization" });
  await orgAgain.focus();
  await page.keyboard.press("Escape");
  await expect(orgAgain).toHaveValue("");
});

test("the search behind the combobox is for auditors only", async ({ page }) => {
  expect((await page.request.get("/audit/search?kind=org&q=a")).status()).toBe(404);
  await signIn(page, "claire@helvetia-bakery.test");
  expect((await page.request.get("/audit/search?kind=org&q=a")).status()).toBe(404);
});

test("every page has a favicon and app icons (no 404 in the console)", async ({ page }) => {
  for (const [path, type] of [["/favicon.ico", "image/x-icon"], ["/icon.svg", "image/svg+xml"], ["/apple-icon.png", "image/png"]] as const) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"]).toContain(type);
  }
  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
});
