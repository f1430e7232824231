// The sampling check of a page in one language: no message key left untranslated, and none of a fixed
// list of English UI words (unless the locale's own catalogue uses the same word: "Audit", "Total").
// Use it on every converted page: `await expectTranslated(page.locator("main"), "fr-CH")`.
import fs from "node:fs";
import path from "node:path";
import { expect, type Locator } from "@playwright/test";
import type { Locale } from "./pages";

const NAMESPACES = fs.readdirSync(path.join(process.cwd(), "messages", "en")).map((f) => f.replace(/\.json$/, ""));
const KEY = new RegExp(`\\b(?:${NAMESPACES.join("|")})\\.[A-Za-z_]+(?:\\.[A-Za-z_]+)*\\b`);

/** Words an untranslated screen gives away. Extend it when a converted page shows one left behind. */
export const ENGLISH_UI_WORDS = [
  "Sign in", "Sign out", "Products", "Invoices", "Invoice", "Prepaid account", "Language", "Organization", "Switch",
  "Save", "Saving", "Cancel", "Continue", "Confirm", "Back", "Edit", "Delete", "Status", "Payment mode", "Customer pays",
  "Partner pays", "Full access", "Limited access", "Pending", "Active", "Ended", "Refused", "Amount", "Search", "Next",
  "Previous", "Not found", "Welcome", "Collaborator", "Legal representative", "Email", "Password", "Profile", "Download",
  "Export", "Filter", "Platform audit", "No organization", "Renewal", "Order", "Withdrawal", "Paid", "Unpaid", "Access",
  "Clients", "Partner", "Main", "Sent", "Failed", "Show", "Apply", "Reset", "Close", "Open", "the",
  // Product categories, stored in English (lib/product-category.ts): a page must name them in its language.
  "Web hosting", "Mail service",
];

function catalogueText(locale: Locale): string {
  const dir = path.join(process.cwd(), "messages", locale);
  return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
}

/** What a person reads or hears in `scope`: visible text, accessible names and hints, and (for the whole page) its title. */
async function readable(scope: Locator): Promise<string> {
  return scope.evaluate((root) => {
    const attrs = ["aria-label", "title", "placeholder", "alt", "aria-description"];
    const own = [...root.querySelectorAll("*")].flatMap((el) => attrs.map((a) => el.getAttribute(a) ?? ""));
    const title = root === document.documentElement ? document.title : "";
    return [(root as HTMLElement).innerText, title, ...own].join("\n");
  });
}

export async function expectTranslated(scope: Locator, locale: Locale): Promise<void> {
  const text = await readable(scope);
  expect(text.trim().length, "the sampled scope shows nothing").toBeGreaterThan(0);
  expect(text, "a message key shown instead of its text").not.toMatch(KEY);
  if (locale === "en") return;
  const own = catalogueText(locale);
  const leftovers = ENGLISH_UI_WORDS
    .filter((w) => !new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, "u").test(own))
    .filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, "u").test(text));
  expect(leftovers, `English words on a ${locale} page`).toEqual([]);
}
