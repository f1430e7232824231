// Issue #14 end to end: Claire (French) schedules "Partner pays" for the first day of next month after
// reading the consequence preview; she sees the scheduled switch on the partner's page, Marc (German) sees
// it on his client's page and is emailed; then the clock is moved to that day through the test-only time
// source (a TEST_CLOCK_FILE given to `npm run renewals`, never a sleep) and the job applies it, once.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { expectTranslated } from "./i18n";
import { waitForMail } from "./mailbox";
import { sidebar, signIn, signOut } from "./pages";
import { E2E_PORT } from "./ports";

const CLAIRE = "claire@helvetia-bakery.test";
const MARC = "marc@alpine-web.test";

/** Today in Zurich, and the first day of next month (YYYY-MM-DD). */
function firstOfNextMonth(): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich" }).format(new Date());
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** `npm run renewals` as cron would start it, against the e2e server's database, at the time in the clock file. */
function runRenewalJob(clockFile: string) {
  const run = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/renewals.ts"], {
    env: {
      ...process.env, DATABASE_URL: "file:.data/e2e.db", TEST_CLOCK_FILE: clockFile, NODE_ENV: "production",
      AUTH_SECRET: "e2e-renewals-cli-secret-0123456789abcdef", APP_URL: `http://127.0.0.1:${E2E_PORT}`,
    },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: run.status, output: `${run.stdout}\n${run.stderr}` };
}

test("Claire schedules “Partner pays” for the first day of next month; Marc sees it and is emailed; the job applies it at that date", async ({ page }) => {
  test.setTimeout(180_000);
  const date = firstOfNextMonth();
  const [y, m] = date.split("-").map(Number) as [number, number];
  const frDay = new Intl.DateTimeFormat("fr-CH", { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
  const deDay = new Intl.DateTimeFormat("de-CH", { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));

  // Marc works in German (his stored choice, which his emails follow).
  await signIn(page, MARC, "de-CH");
  await signOut(page);

  await signIn(page, CLAIRE, "fr-CH");
  await sidebar(page).getByRole("link", { name: "Partenaire" }).click();
  await page.getByRole("link", { name: "Alpine Web Studio" }).click();
  const payment = page.getByRole("region", { name: "Paiement" });
  await payment.getByRole("button", { name: "Modifier le mode de paiement" }).click();
  await payment.getByRole("radiogroup", { name: "Mode de paiement" }).getByRole("radio", { name: /Le partenaire paie/ }).check();
  await payment.getByRole("radio", { name: "À une date" }).check();
  await payment.getByLabel("Date (à 00 h 00, heure de Zurich)").fill(date);
  await payment.getByRole("button", { name: "Continuer" }).click();

  // The verify step: the rules for that date, and the consequences in numbers.
  await expect(payment.getByRole("heading", { name: "Vérifier le changement" })).toBeFocused();
  await expect(payment.getByText(`Il s’applique dès le ${frDay} à 00 h 00`)).toBeVisible();
  const preview = payment.getByRole("region", { name: "Ce qui change, en chiffres" });
  const totals = preview.getByRole("table", { name: /^Totaux du .* par payeur$/ });
  await expect(totals).toBeVisible();
  const alpineRow = totals.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Alpine Web Studio", exact: true }) });
  await expect(alpineRow).toContainText("CHF");
  await expect(totals.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Ce que gagne Alpine Web Studio" }) })).toContainText("Remise");
  await expect(preview.getByRole("table", { name: "Les prochains renouvellements" })).toBeVisible();
  await expectTranslated(page.locator("main"), "fr-CH");
  await payment.getByRole("button", { name: "Planifier" }).click();
  await expect(payment.getByRole("status")).toHaveText(/Planifié\s:\s«\sLe partenaire paie\s» dès le/);

  // On the page, for both sides: what, from when, who scheduled it and when.
  const scheduled = page.getByRole("region", { name: "Changement planifié" });
  await expect(scheduled).toContainText(`Le partenaire paie dès le ${frDay}`);
  await expect(scheduled).toContainText("Planifié par Claire Dubois le");
  await expect(payment.getByTestId("current-payment-mode")).toHaveText("Le client paie");
  await signOut(page);

  await signIn(page, MARC, "de-CH");
  await page.goto("/clients");
  await page.getByRole("link", { name: "Helvetia Bakery SA" }).click();
  const marcSees = page.getByRole("region", { name: "Geplanter Wechsel" });
  await expect(marcSees).toContainText(`Partner zahlt ab ${deDay}`);
  await expect(marcSees).toContainText("Geplant von Claire Dubois am");
  const mail = await waitForMail(MARC, /hat den Zahlungsmodus «Partner zahlt» ab .* geplant/);
  expect(mail.text).toContain("Claire Dubois (Helvetia Bakery SA) hat geplant");
  expect(mail.headers.get("content-language")).toBe("de-CH");

  // The day comes: the job (as cron runs it) at 00:30 Zurich time on that date applies the switch.
  const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pm-clock-")), "now");
  fs.writeFileSync(clockFile, `${date}T00:30:00+01:00`);
  const first = runRenewalJob(clockFile);
  expect(first.output).toContain("Scheduled switches: 1 applied");
  expect(first.output).toContain("TEST_CLOCK_FILE is set");
  const second = runRenewalJob(clockFile);
  expect(second.output).toContain("Scheduled switches: 0 applied");

  await page.reload();
  await expect(page.getByRole("region", { name: "Geplanter Wechsel" })).toHaveCount(0);
  const applied = await waitForMail(MARC, /ist jetzt «Partner zahlt»/);
  expect(applied.text).toContain("von «Kunde zahlt» auf «Partner zahlt»");
  await signOut(page);

  // Claire's page shows the new mode and no pending switch; she switches back now, so the demo ends as it began.
  await signIn(page, CLAIRE, "fr-CH");
  await page.goto("/partners");
  await page.getByRole("link", { name: "Alpine Web Studio" }).click();
  await expect(page.getByRole("region", { name: "Changement planifié" })).toHaveCount(0);
  await expect(payment.getByTestId("current-payment-mode")).toHaveText("Le partenaire paie");
  await payment.getByRole("button", { name: "Modifier le mode de paiement" }).click();
  await payment.getByRole("radio", { name: /Le client paie/ }).check();
  await payment.getByRole("button", { name: "Continuer" }).click();
  await payment.getByRole("button", { name: "Confirmer" }).click();
  await expect(payment.getByRole("status")).toHaveText(/Le client paie/);
});

test("cancelling a scheduled switch: the page says so once the switch is gone", async ({ page }) => {
  const date = firstOfNextMonth();
  const [y, m] = date.split("-").map(Number) as [number, number];
  const deDay = new Intl.DateTimeFormat("de-CH", { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
  await signIn(page, "sarah@basel-pharma.test", "de-CH");
  await sidebar(page).getByRole("link", { name: "Partner", exact: true }).click();
  await page.getByRole("link", { name: "Lakeside IT", exact: true }).click();
  const payment = page.getByRole("region", { name: "Zahlung", exact: true });
  await payment.getByRole("button", { name: "Zahlungsmodus bearbeiten" }).click();
  await payment.getByRole("radiogroup", { name: "Zahlungsmodus" }).getByRole("radio", { name: /Partner zahlt/ }).check();
  await payment.getByRole("radio", { name: "An einem Datum" }).check();
  await payment.getByLabel("Datum (um 00:00 Uhr, Zürcher Zeit)").fill(date);
  await payment.getByRole("button", { name: "Weiter" }).click();
  await expect(payment.getByText(`Er gilt ab ${deDay} um 00:00 Uhr`)).toBeVisible();
  await payment.getByRole("button", { name: "Planen" }).click();
  const scheduled = page.getByRole("region", { name: "Geplanter Wechsel" });
  await expect(scheduled).toContainText(`Partner zahlt ab ${deDay}`);
  await expect(scheduled.getByTestId("scheduled-switch-stale")).toHaveCount(0);

  // She then changes the mode now, and back: the switch was scheduled on a partnership no longer in force,
  // and the page says it will not apply.
  for (const mode of [/Partner zahlt/, /Kunde zahlt/]) {
    await payment.getByRole("button", { name: "Zahlungsmodus bearbeiten" }).click();
    await payment.getByRole("radiogroup", { name: "Zahlungsmodus" }).getByRole("radio", { name: mode }).check();
    await payment.getByRole("button", { name: "Weiter" }).click();
    await payment.getByRole("button", { name: "Bestätigen" }).click();
    await expect(payment.getByRole("status")).toHaveText(mode);
  }
  await page.reload();
  await expect(scheduled.getByTestId("scheduled-switch-stale")).toHaveText(
    "Er wird nicht angewendet: Die Partnerschaft wurde nach der Planung geändert. Planen Sie ihn erneut, damit er gilt.",
  );

  await scheduled.getByRole("button", { name: "Geplanten Wechsel abbrechen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Der geplante Wechsel wurde abgebrochen. Lakeside IT wurde per E-Mail benachrichtigt." })).toBeVisible();
  await expect(scheduled).toHaveCount(0);
  await expect(payment.getByTestId("current-payment-mode")).toHaveText("Kunde zahlt");
  await signOut(page);
});
