// Every page of the app, as the demo person who sees it, held to the shell's promises (issue #12): no
// sideways scrolling at 320, 390 and 1280 px, and no axe violation (WCAG 2.0/2.1/2.2 A and AA) at 390
// and 1280 px in the light and the dark theme. The list of signed-in pages follows
// app/(manager)/**/page.tsx: a test below fails when a page file has no case here. Each person signs in
// once; every case opens a fresh context with that person's cookies (so the CSP watch covers it).
import fs from "node:fs";
import path from "node:path";
import { createClient } from "@libsql/client";
import { expectGoodEverywhere } from "./a11y";
import { expect, test, type BrowserContext, type Page } from "./fixtures";
import { signIn, type Locale } from "./pages";

type Person = "claire" | "hanna" | "marc" | "ines" | "nora" | "newcomer";
const PEOPLE: Record<Person, { email: string; locale: Locale }> = {
  claire: { email: "claire@helvetia-bakery.test", locale: "fr-CH" },
  hanna: { email: "hanna@helvetia-bakery.test", locale: "fr-CH" },
  marc: { email: "marc@alpine-web.test", locale: "de-CH" },
  ines: { email: "ines@jura-hosting.test", locale: "en" },
  nora: { email: "nora@manager.test", locale: "en" },
  newcomer: { email: "newcomer@example.test", locale: "en" },
};

/**
 * A user in no organization (the only one who sees the start page itself): no demo person is, so one is
 * added to the e2e server's database, with the demo password (the hash is copied from Ines's row).
 */
async function addNewcomer(): Promise<void> {
  const db = createClient({ url: "file:.data/e2e.db" });
  try {
    await db.execute({
      sql: `INSERT INTO users (id, email, name, password_hash, is_auditor, locale, locale_chosen, created_at)
            SELECT 'e2e-newcomer', ?, 'Noah Newcomer', password_hash, 0, 'en', 1, created_at FROM users WHERE email = ?
            ON CONFLICT DO NOTHING`,
      args: [PEOPLE.newcomer.email, PEOPLE.ines.email],
    });
  } finally {
    db.close();
  }
}

/** A page: its route file, who opens it, and how (a path, or the first matching link of a list). */
type Case = { route: string; who: Person; path: string; via?: RegExp; note?: string; redirectsTo?: string; sees?: string[] };
const CASES: Case[] = [
  { route: "/products", who: "claire", path: "/products" },
  { route: "/products", who: "marc", path: "/products" },
  { route: "/products", who: "ines", path: "/products", note: "no partnership yet" },
  { route: "/partners", who: "claire", path: "/partners" },
  { route: "/partners/new", who: "claire", path: "/partners/new" },
  { route: "/partners/[id]", who: "claire", path: "/partners", via: /^\/partners\/(?!new$)[^/?]+$/ },
  { route: "/clients", who: "marc", path: "/clients" },
  { route: "/clients", who: "ines", path: "/clients", note: "empty" },
  { route: "/clients/[id]", who: "marc", path: "/clients", via: /^\/clients\/[^/?]+$/ },
  { route: "/invoices", who: "claire", path: "/invoices" },
  { route: "/invoices", who: "marc", path: "/invoices" },
  { route: "/invoices/[id]", who: "claire", path: "/invoices", via: /^\/invoices\/[^/?.]+$/ },
  { route: "/invoices/[id]", who: "marc", path: "/invoices", via: /^\/invoices\/[^/?.]+$/ },
  { route: "/prepaid", who: "marc", path: "/prepaid" },
  { route: "/prepaid", who: "ines", path: "/prepaid", note: "zero balance" },
  { route: "/organization", who: "hanna", path: "/organization", note: "an administrator in two organizations: read-only, the switcher" },
  { route: "/organization", who: "marc", path: "/organization" },
  { route: "/audit", who: "nora", path: "/audit" },
  { route: "/audit/events", who: "nora", path: "/audit/events" },
  { route: "/audit/notifications", who: "nora", path: "/audit/notifications" },
  { route: "/audit/partnerships/[id]", who: "nora", path: "/audit", via: /^\/audit\/partnerships\/[^/?]+$/ },
  { route: "/", who: "newcomer", path: "/", note: "in no organization: the start page tells what comes next",
    sees: ["Welcome, Noah Newcomer", "You are not a member of any organization yet.", "When an organization invites you, open the link in its email"] },
  { route: "/", who: "nora", path: "/", note: "the start page sends her to her first section", redirectsTo: "/audit" },
  { route: "404", who: "ines", path: "/no-such-page", note: "the signed-in 404" },
];

/** Cases that fail for a reason outside the shell (a feature page being converted by another helper). */
const FIXME: Record<string, string> = {};

test("every page file of the signed-in app has a case here", () => {
  const root = path.join(process.cwd(), "app", "(manager)");
  const routes = (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith("page.tsx"))
    .map((f) => `/${path.dirname(f).split(path.sep).join("/")}`.replace(/^\/\.$/, "/"));
  const covered = new Set(CASES.map((c) => c.route));
  expect(routes.length).toBeGreaterThan(10);
  expect(routes.filter((r) => !covered.has(r))).toEqual([]);
});

const states = new Map<Person, Awaited<ReturnType<BrowserContext["storageState"]>>>();

async function as(browser: import("./fixtures").Browser, who: Person): Promise<Page> {
  if (!states.has(who)) {
    if (who === "newcomer") await addNewcomer();
    const context = await browser.newContext();
    await signIn(await context.newPage(), PEOPLE[who].email, PEOPLE[who].locale);
    states.set(who, await context.storageState());
    await context.close();
  }
  const context = await browser.newContext({ storageState: states.get(who) });
  return context.newPage();
}

for (const c of CASES) {
  const label = `${c.via ? c.route : c.path} as ${c.who}${c.note ? ` (${c.note})` : ""}`;
  test(label, async ({ browser }) => {
    if (FIXME[label]) test.fixme(true, FIXME[label]);
    const page = await as(browser, c.who);
    await page.goto(c.path);
    if (c.redirectsTo) {
      await expect(page).toHaveURL(new RegExp(`${c.redirectsTo}$`));
      await page.context().close();
      return;
    }
    if (c.via) {
      const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      const href = hrefs.find((h) => c.via!.test(h));
      expect(href, `a link to ${c.route} on ${c.path}`).toBeTruthy();
      await page.goto(href!);
    }
    await expect(page.locator("main h1")).toHaveCount(1);
    await expect(page.getByRole("main")).toHaveCount(1);
    for (const text of c.sees ?? []) await expect(page.getByRole("main")).toContainText(text);
    await expectGoodEverywhere(page, label);
    await page.context().close();
  });
}

test("the sign-in page and a visitor's 404", async ({ page }) => {
  for (const p of ["/login", "/no-such-page"]) {
    await page.goto(p);
    await expect(page.getByRole("main")).toHaveCount(1);
    await expectGoodEverywhere(page, `${p} as a visitor`);
  }
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@example.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeFocused();
  // The email stays as typed, the password is asked again.
  await expect(page.getByLabel("Email")).toHaveValue("nobody@example.test");
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expectGoodEverywhere(page, "a failed sign-in");
});
