// The auditor's console for people, in Nora's chosen language: amounts formatted, reasons and kinds in
// words, identifiers shortened with a copy button, the user agent summarised with the whole string one
// click away. The events it reads are refused attempts made over HTTP here, which change nothing.
import { expectAccessible } from "./a11y";
import { callAction, signInOverHttp } from "./action-client";
import { expect, test, type Page } from "./fixtures";
import { expectTranslated } from "./i18n";
import { chooseLanguage, signIn } from "./pages";

const NORA = "nora@manager.test";
const RAW = [/\b[a-z]+_[a-z_]+\b/, /Minor/, /\b100000\b/, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/];

async function expectNothingRaw(page: Page) {
  const text = await page.getByRole("main").innerText();
  for (const pattern of RAW) expect(text, `no raw ${pattern} on ${page.url()}`).not.toMatch(pattern);
}

test("Nora reads refused attempts in French and German: amounts, reasons, identifiers and browsers for people", async ({ page, baseURL, context }) => {
  const base = baseURL!;
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });

  // Nora, in French, finds the Helvetia – Alpine partnership's timeline link.
  await signIn(page, NORA, "fr-CH");
  await page.goto("/audit");
  await expect(page).toHaveTitle(/^Audit · /);
  await expectTranslated(page.locator("main"), "fr-CH");
  await expect(page.getByRole("columnheader", { name: "Version" })).toHaveCount(0);
  const timeline = page.getByRole("link", { name: "Chronologie de Helvetia Bakery SA et Alpine Web Studio" }).first();
  const href = (await timeline.getAttribute("href"))!;
  const partnershipId = href.split("/").pop()!;

  // Three refused attempts: a withdrawal by a collaborator (an amount), a stale payment-mode change
  // (a reason and a partnership), and an order with bad fields (a reason with details).
  const luca = await signInOverHttp(base, "luca@helvetia-bakery.test");
  const claire = await signInOverHttp(base, "claire@helvetia-bakery.test");
  const withdrawal = await callAction(base, "/prepaid", "app/(manager)/prepaid/actions.ts#requestWithdrawal", [{ amount: "1000" }], luca);
  expect(withdrawal.result).toMatchObject({ ok: false });
  const stale = await callAction(base, href.replace("/audit/partnerships", "/partners"), "app/(manager)/partners/actions.ts#changePaymentMode",
    [{ partnershipId, paymentMode: "partner", version: 999_999 }], claire);
  expect(stale.result).toMatchObject({ ok: false });
  const order = await callAction(base, "/products", "app/(manager)/products/actions.ts#orderProduct", [{ offer: "nope", label: "" }], claire);
  expect(order.result).toMatchObject({ ok: false });

  // The events, refused ones only: in French, with the amount formatted and the reasons in words.
  await page.goto("/audit/events?outcome=refused");
  await expect(page).toHaveTitle(/^Événements d’audit · /);
  const main = page.getByRole("main");
  await expect(main.getByRole("heading", { name: "Événements d’audit", level: 1 })).toBeVisible();
  await expectTranslated(page.locator("main"), "fr-CH");
  await expectNothingRaw(page);
  const rows = main.getByRole("table").getByRole("row");
  const withdrawalRow = rows.filter({ hasText: "Retrait du compte prépayé refusé" }).first();
  await expect(withdrawalRow).toContainText("Luca Bernasconi");
  await expect(withdrawalRow).toContainText("Motif : Le rôle ne le permet pas");
  await expect(withdrawalRow).toContainText(/Montant : 1\s000,00/);
  await expect(rows.filter({ hasText: "Changement du mode de paiement refusé" }).first()).toContainText("Motif : Modifié entre-temps par quelqu’un d’autre");
  await expect(rows.filter({ hasText: "Commande refusée" }).first()).toContainText(/Motif : Saisie non valable \((Offre|Nom), (Offre|Nom)\)/);
  // The browser named, the whole user agent on demand.
  const ua = withdrawalRow.locator("details");
  await expect(ua.locator("summary")).toBeVisible();
  await ua.locator("summary").click();
  await expect(ua).toHaveAttribute("open", "");
  await expectAccessible(page, "/audit/events in French");

  // The partnership's timeline, titled with both organizations: the request's identifier shortened,
  // copied whole by its button, announced; the full user agent behind its summary.
  await page.goto(href);
  await expect(page).toHaveTitle(/^Helvetia Bakery SA et Alpine Web Studio · Chronologie · /);
  await expectTranslated(page.locator("main"), "fr-CH");
  await expectNothingRaw(page);
  const event = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Changement du mode de paiement refusé" }) }).first();
  await expect(event).toContainText("Motif : Modifié entre-temps par quelqu’un d’autre");
  await expect(event).toContainText("Mode de paiement : Le partenaire paie");
  const copy = event.getByRole("button", { name: /^Copier l’identifiant [0-9a-f]{8}…$/ });
  await expect(copy).toBeVisible();
  const shown = (await event.locator("code").first().innerText()).replace("…", "");
  await copy.click();
  await expect(event.getByRole("status").filter({ hasText: "Copié" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.startsWith(shown)).toBe(true);
  expect(copied.length).toBeGreaterThan(shown.length);
  await expectAccessible(page, "a partnership's timeline in French");

  // The same pages in German, chosen in the profile menu.
  await chooseLanguage(page, "de-CH");
  for (const path of ["/audit", "/audit/events?outcome=refused", "/audit/notifications", href]) {
    await page.goto(path);
    await expectTranslated(page.locator("main"), "de-CH");
    await expectNothingRaw(page);
  }
  await expect(page.getByRole("listitem").filter({ hasText: "Änderung des Zahlungsmodus abgelehnt" }).first())
    .toContainText("Grund: Inzwischen von jemand anderem geändert");

  // An empty filtered list says how to see everything.
  await page.goto("/audit/events?kind=invoice.paid&from=2001-01-01&to=2001-01-02");
  await expect(page.getByText("Kein Ereignis entspricht diesen Filtern.")).toBeVisible();
  await page.getByRole("link", { name: "Filter zurücksetzen, um alle Ereignisse zu sehen." }).click();
  await expect(page).toHaveURL(/\/audit\/events$/);

  // Nora back in English, her language in the demo.
  await chooseLanguage(page, "en");
});
