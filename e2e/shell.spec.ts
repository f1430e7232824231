// The signed-in shell (issue #12): below md the sidebar is a menu button disclosing it, operable by
// keyboard alone (focus kept inside while open, Escape closes and gives focus back); after following a
// link focus is on the new page's h1; a 404 keeps the shell, has its own title and one `main`; tables
// stack on a phone; the dark theme follows the system; the organization switcher shows whole names.
import { DESKTOP, PHONE } from "./a11y";
import { expect, test, type Page } from "./fixtures";
import { sidebar, signIn } from "./pages";

const menuButton = (page: Page) => page.getByRole("banner").getByRole("button", { name: "Menu" });

test("below md the sidebar is a menu button whose disclosure works by keyboard alone", async ({ page }) => {
  await signIn(page, "ines@jura-hosting.test");
  await page.setViewportSize(PHONE);
  // A fresh document: the keyboard starts at its top, not where the sign-in button was before the navigation.
  await page.reload();
  await expect(page.getByRole("complementary")).toBeHidden();
  const button = menuButton(page);
  await expect(button).toHaveAttribute("aria-expanded", "false");

  // The top bar's button is the first stop of the keyboard; Enter opens the sidebar over the page.
  await page.locator("body").press("Tab");
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(sidebar(page)).toBeVisible();
  await expect(page.locator("main")).toHaveAttribute("inert", "");

  // Tab goes through the sidebar's controls and comes back to the button, never to the page behind.
  const stops: string[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      return { inside: !!el?.closest("#sidebar, header"), onButton: el?.getAttribute("aria-controls") === "sidebar", text: el?.textContent?.trim() ?? "" };
    });
    expect(where.inside, `Tab stop ${i + 1} (${where.text}) stays in the open menu`).toBe(true);
    if (where.onButton) break;
    stops.push(where.text);
  }
  await expect(button).toBeFocused();
  expect(stops).toEqual(expect.arrayContaining(["Products", "Clients", "Invoices", "Sign out"]));
  // Shift+Tab from the button wraps to the sidebar's last control.
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("complementary").getByRole("button", { name: "Sign out everywhere" })).toBeFocused();

  // Escape closes it and gives focus back to the button.
  await page.keyboard.press("Escape");
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("complementary")).toBeHidden();
  await expect(button).toBeFocused();
  await expect(page.locator("main")).not.toHaveAttribute("inert", "");

  // Following a link closes the menu and puts focus on the new page's h1.
  await page.keyboard.press("Enter");
  await sidebar(page).getByRole("link", { name: "Invoices" }).click();
  await expect(page).toHaveURL(/\/invoices$/);
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(page.locator("main h1")).toBeFocused();

  // On a desktop the sidebar is in place and the menu button is gone.
  await page.setViewportSize(DESKTOP);
  await expect(sidebar(page)).toBeVisible();
  await expect(page.getByRole("banner")).toBeHidden();
});

test("after following a link, focus is on the new page's h1", async ({ page }) => {
  await signIn(page, "marc@alpine-web.test", "de-CH");
  await sidebar(page).getByRole("link", { name: "Rechnungen" }).click();
  await expect(page).toHaveURL(/\/invoices$/);
  await expect(page.locator("main h1")).toBeFocused();
  await sidebar(page).getByRole("link", { name: "Kunden" }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.locator("main h1")).toBeFocused();
  await expect(page.locator("main h1")).toHaveAttribute("tabindex", "-1");
});

test("a signed-in 404 keeps the shell, says so in its title and has one main", async ({ page }) => {
  await signIn(page, "claire@helvetia-bakery.test", "fr-CH");
  // An unknown address.
  let response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Page introuvable · Partner Manager");
  await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
  await expect(sidebar(page).getByRole("link", { name: "Factures" })).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);

  // A record that is not hers (notFound() from a page): inside the manager layout.
  response = await page.goto("/invoices/00000000-0000-0000-0000-000000000000");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Page introuvable · Partner Manager");
  await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
  await expect(sidebar(page)).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);
});

test("tables become stacked rows on a phone, each value after its column's name, and stay tables on a desktop", async ({ page }) => {
  await signIn(page, "claire@helvetia-bakery.test", "fr-CH");
  // /invoices writes its labels in its markup; /partners and /products have none: the shell adds them.
  for (const path of ["/invoices", "/partners", "/products"]) {
    await page.goto(path);
    const table = page.locator("main table").first();
    const row = table.locator("tbody tr").first();
    await page.setViewportSize(PHONE);
    await expect(row, `${path} at 390 px`).toHaveCSS("display", "block");
    const labels = await table.evaluate((t: HTMLTableElement) => ({
      headers: [...t.tHead!.rows[0]!.cells].map((c) => c.textContent!.trim()),
      cells: [...t.tBodies[0]!.rows[0]!.cells].map((c) => c.getAttribute("data-label")),
    }));
    expect(labels.cells, `${path}: each cell labelled with its column`).toEqual(labels.headers);
    await page.setViewportSize(DESKTOP);
    await expect(row, `${path} at 1280 px`).toHaveCSS("display", "table-row");
  }
});

test("the dark theme follows the system's preference", async ({ page }) => {
  await signIn(page, "ines@jura-hosting.test");
  const luminance = () => page.evaluate(() => {
    const probe = (css: string) => {
      const c = document.createElement("canvas").getContext("2d")!;
      c.fillStyle = css;
      c.fillRect(0, 0, 1, 1);
      const [r, g, b] = c.getImageData(0, 0, 1, 1).data;
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    };
    const body = getComputedStyle(document.body);
    return { background: probe(body.backgroundColor), text: probe(body.color) };
  });
  await page.emulateMedia({ colorScheme: "light" });
  const light = await luminance();
  expect(light.background).toBeGreaterThan(0.9);
  expect(light.text).toBeLessThan(0.2);
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await luminance();
  expect(dark.background).toBeLessThan(0.1);
  expect(dark.text).toBeGreaterThan(0.9);
});

test("the organization switcher shows every organization's whole name", async ({ page }) => {
  await signIn(page, "hanna@helvetia-bakery.test", "fr-CH");
  const group = page.getByRole("complementary").getByRole("group", { name: "Organisation" });
  await expect(group.getByRole("button", { name: "Helvetia Bakery SA" })).toHaveAttribute("aria-pressed", "true");
  const other = group.getByRole("button", { name: "Ticino Vini SA" });
  await expect(other).toHaveAttribute("aria-pressed", "false");
  for (const b of await group.getByRole("button").all()) {
    expect(await b.evaluate((el) => el.scrollWidth <= el.clientWidth), `${await b.textContent()} is not cut`).toBe(true);
  }
  await other.click();
  await expect(group.getByRole("button", { name: "Ticino Vini SA" })).toHaveAttribute("aria-pressed", "true");
  await group.getByRole("button", { name: "Helvetia Bakery SA" }).click();
  await expect(group.getByRole("button", { name: "Helvetia Bakery SA" })).toHaveAttribute("aria-pressed", "true");
});

test("without JavaScript a phone shows the sidebar above the page instead of a menu button that cannot open", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "marc@alpine-web.test", "de-CH");
  const cookies = await context.storageState();
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: cookies, viewport: PHONE });
  const bare = await noScript.newPage();
  await bare.goto("/invoices");
  await expect(sidebar(bare).getByRole("link", { name: "Kunden" })).toBeVisible();
  await expect(bare.getByRole("button", { name: "Menü" })).toBeHidden();
  await expect(bare.locator("main h1")).toBeVisible();
  await noScript.close();
  await context.close();
});

test("a page's title comes with the page: when the new h1 appears after a link, the title already names it", async ({ page }) => {
  await signIn(page, "claire@helvetia-bakery.test", "fr-CH");
  await sidebar(page).getByRole("link", { name: "Partenaire", exact: true }).click();
  await expect(page).toHaveTitle("Partenaires · Partner Manager");
  // Record the document's title at the first moment the partner's h1 is in the page.
  await page.evaluate(() => {
    const w = window as unknown as { titleAtH1?: string };
    const seen = () => {
      if (w.titleAtH1 === undefined && document.querySelector("main h1")?.textContent === "Alpine Web Studio") w.titleAtH1 = document.title;
    };
    new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole("link", { name: "Alpine Web Studio", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Alpine Web Studio", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { titleAtH1?: string }).titleAtH1)).toBe("Alpine Web Studio · Partenaires · Partner Manager");
  // A page loaded from scratch has it in its head, before its body.
  const html = await (await page.request.get(page.url())).text();
  expect(html.slice(0, html.indexOf("<body"))).toContain("<title>Alpine Web Studio · Partenaires · Partner Manager</title>");
});
