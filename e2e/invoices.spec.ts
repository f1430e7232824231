// The billing area through the real UI, each person in their own language: Claire (French) reads an
// overdue invoice with its Swiss VAT content and filters; Sofia (Italian) pays one from the prepaid
// account by keyboard; Marc (German) withdraws with precise errors and a verify step; Ines (English) sets
// her organization's billing details. Every page state is checked for axe and for reflow at 390 px.
import { expect, test, type Page } from "./fixtures";
import { DESKTOP, expectAccessible, expectNoHorizontalScroll, PHONE } from "./a11y";
import { expectTranslated } from "./i18n";
import { sidebar, signIn, signOut, type Locale } from "./pages";

/**
 * axe and no sideways scrolling, at the phone's width and the desktop's, for the page state shown now.
 * Until the shell's responsive sidebar lands (issue #12, shell part), the 256 px sidebar leaves a phone
 * 134 px: the reflow check then hides it (a style attribute, which the CSP allows) to measure this page's
 * own content at the width the collapsed sidebar will leave. Remove the hiding once the shell is merged.
 */
async function expectGoodAtBothWidths(page: Page, label: string) {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    const hidden = size === PHONE && await page.evaluate(() => {
      const aside = document.querySelector("aside");
      if (!aside || getComputedStyle(aside).display === "none" || aside.getBoundingClientRect().width < 200) return false;
      aside.style.display = "none";
      return true;
    });
    await expectNoHorizontalScroll(page, `${label} at ${size.width} px`);
    if (hidden) await page.evaluate(() => { document.querySelector("aside")!.style.display = ""; });
    await expectAccessible(page, `${label} at ${size.width} px`);
  }
}

/**
 * The sampling check on this area's own parts of the page: the filter form and the pager are shared
 * components being converted by another area (their "Apply filters" is still English on this branch).
 */
async function expectAreaTranslated(page: Page, locale: Locale) {
  for (const part of await page.locator("main > * > :not([role=search]):not(nav)").all()) {
    if ((await part.innerText()).trim()) await expectTranslated(part, locale);
  }
}

test("Claire reads an overdue invoice in French: seller, her address, supply period, VAT per rate, terms", async ({ page }) => {
  await signIn(page, "claire@helvetia-bakery.test", "fr-CH");
  await sidebar(page).getByRole("link", { name: "Factures" }).click();
  await expect(page).toHaveTitle("Factures · Partner Manager");
  await expectAreaTranslated(page, "fr-CH");
  await expectGoodAtBothWidths(page, "/invoices");

  // The overdue filter lists the invoice left unpaid three months ago, and only unpaid ones.
  const filters = page.getByRole("search", { name: "Filtrer les factures" });
  await filters.getByLabel("État").selectOption({ label: "En retard" });
  await filters.getByRole("button").first().click();
  await expect(page).toHaveURL(/status=overdue/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("En retard");
  const number = (await rows.nth(1).getByRole("link").textContent())!;
  // Clearing the filters clears the form too (the page stays mounted: its fields kept the old choice).
  await filters.getByRole("link", { name: "Effacer les filtres" }).click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(filters.getByLabel("État")).toHaveValue("");
  await filters.getByLabel("État").selectOption({ label: "En retard" });
  await filters.getByRole("button").first().click();
  await expect(page).toHaveURL(/status=overdue/);
  await rows.nth(1).getByRole("link").click();

  await expect(page).toHaveTitle(`${number} · Factures · Partner Manager`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Facture ${number}`);
  const parties = page.getByRole("region", { name: "Fournisseur et destinataire" });
  await expect(parties).toContainText("Demo Hosting AG (fictitious)");
  await expect(parties).toContainText("No TVA CHE-123.456.789 MWST");
  await expect(parties).toContainText("Rue de Bourg 15");
  await expect(parties).toContainText("1003 Lausanne");
  const facts = page.getByRole("region", { name: "Détails" });
  await expect(facts).toContainText("Période de la prestation");
  await expect(facts).toContainText(/En retard : échue le .*, il y a \d+ jours/);
  await expect(facts).toContainText(/Payable dans les 30 jours, d’ici au .*, sans déduction\./);
  await expect(facts).toContainText(/Référence QR\s*\d{2}( \d{5}){5}/);
  const lines = page.getByRole("region", { name: "Lignes" });
  await expect(lines).toContainText("Total hors TVA");
  await expect(lines).toContainText(/TVA \d+,\d\s%\ssur /);
  await expect(lines).toContainText("Total TVA comprise");
  // A customer's invoice is paid by bank transfer: no prepaid account here.
  await expect(page.getByRole("button", { name: "Payer avec le compte prépayé" })).toHaveCount(0);
  await expectAreaTranslated(page, "fr-CH");
  await expectGoodAtBothWidths(page, "/invoices/[id]");

  const pdf = await page.request.get(`${new URL(page.url()).pathname}/pdf`);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).toString("latin1")).toContain(`Facture ${number}`);
  const csv = (await (await page.request.get("/invoices/export.csv?status=overdue")).text()).replace(/^\ufeff/, "").split("\r\n");
  expect(csv[0]).toBe("number,issued,due,status,overdue,paid,payment_method,payer,for_organization,product,order,currency,subtotal,vat,total");
  expect(csv[1]).toMatch(new RegExp(`^${number},\\d{4}-\\d{2}-\\d{2},\\d{4}-\\d{2}-\\d{2},unpaid,true,,,Helvetia Bakery SA,`));
});

test("Sofia pays an invoice from the prepaid account in Italian, by keyboard; Marc's account is too low and says so", async ({ page }) => {
  await signIn(page, "marc@alpine-web.test", "de-CH");
  await sidebar(page).getByRole("link", { name: "Rechnungen" }).click();
  await page.getByRole("search").getByLabel("Status").selectOption({ label: "Offen" });
  await page.getByRole("search").getByRole("button").first().click();
  await page.getByRole("table").getByRole("row").nth(1).getByRole("link").click();
  const marcPays = page.getByRole("region", { name: "Zahlung" });
  await expect(marcPays.getByRole("button", { name: "Mit dem Prepaid-Konto bezahlen" })).toBeDisabled();
  await expect(marcPays).toContainText(/Das Prepaid-Konto enthält CHF.*: zu wenig, um CHF.* zu bezahlen\./);
  await expectAreaTranslated(page, "de-CH");
  await signOut(page);

  await signIn(page, "sofia@lakeside-it.test", "it-CH");
  await sidebar(page).getByRole("link", { name: "Conto prepagato" }).click();
  const balanceBefore = (await page.getByTestId("prepaid-balance").textContent())!;
  await sidebar(page).getByRole("link", { name: "Fatture" }).click();
  await page.getByRole("search").getByLabel("Stato").selectOption({ label: "Non pagata" });
  await page.getByRole("search").getByRole("button").first().click();
  await page.getByRole("table").getByRole("row").nth(1).getByRole("link").click();
  const total = (await page.getByTestId("invoice-total").textContent())!;
  // The same invoice open in a second tab, paid meanwhile in the first (below).
  const otherTab = await page.context().newPage();
  await otherTab.goto(page.url());
  const payment = page.getByRole("region", { name: "Pagamento" });
  const open = payment.getByRole("button", { name: "Paga con il conto prepagato" });

  // Keyboard only: the verify step takes focus, Escape closes it and gives focus back.
  await open.focus();
  await page.keyboard.press("Enter");
  const verify = payment.getByRole("group", { name: "Verifichi il pagamento" });
  await expect(verify).toContainText(`${total} sarà addebitato sul conto prepagato di Lakeside IT`);
  await expect(verify.getByRole("heading", { name: "Verifichi il pagamento" })).toBeFocused();
  await expectGoodAtBothWidths(page, "/invoices/[id] pay verify step");
  await page.keyboard.press("Escape");
  await expect(verify).toHaveCount(0);
  await expect(open).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(verify.getByRole("button", { name: "Conferma il pagamento" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(payment.getByRole("status")).toContainText(/La fattura INV-\d{6} è pagata: .* è stato addebitato sul conto prepagato\. Nuovo saldo: /);
  await expect(page.locator("article header")).toContainText("Pagata");
  await expect(payment).toContainText(/Pagata il .*, dal conto prepagato/);
  await expect(payment.getByRole("button", { name: "Paga con il conto prepagato" })).toHaveCount(0);

  // In the other tab, the stale page's payment is refused, and the page then shows the invoice paid.
  const otherPayment = otherTab.getByRole("region", { name: "Pagamento" });
  await otherPayment.getByRole("button", { name: "Paga con il conto prepagato" }).click();
  await otherPayment.getByRole("button", { name: "Conferma il pagamento" }).click();
  await expect(otherPayment.getByRole("alert")).toHaveText("Questa fattura è già pagata: non è stato addebitato nulla.");
  await expect(otherTab.locator("article header")).toContainText("Pagata");
  await expect(otherPayment.getByRole("button", { name: "Paga con il conto prepagato" })).toHaveCount(0);
  await otherTab.close();

  await sidebar(page).getByRole("link", { name: "Conto prepagato" }).click();
  await expect(page.getByTestId("prepaid-balance")).not.toHaveText(balanceBefore);
  const latest = page.getByRole("table").getByRole("row").nth(1);
  await expect(latest).toContainText("Pagamento di fattura");
  await expect(latest.getByRole("link", { name: /^Fattura INV-\d{6}$/ })).toBeVisible();
  await expectAreaTranslated(page, "it-CH");
});

test("Marc withdraws in German: precise amount errors, a verify step with the destination, a requested payout", async ({ page }) => {
  await signIn(page, "marc@alpine-web.test", "de-CH");
  await sidebar(page).getByRole("link", { name: "Prepaid-Konto" }).click();
  await expect(page).toHaveTitle("Prepaid-Konto · Partner Manager");
  await expect(page.getByRole("region", { name: "Auszahlen" })).toContainText("Auszahlung per Banküberweisung auf CH93 0076 2011 6238 5295 7.");
  // The seeded withdrawal was paid out; its status says so.
  await expect(page.getByRole("table")).toContainText(/Auf CH93 0076 2011 6238 5295 7: ausbezahlt am /);
  await expectAreaTranslated(page, "de-CH");
  await expectGoodAtBothWidths(page, "/prepaid");

  const amount = page.getByLabel("Auszuzahlender Betrag (CHF)");
  const cont = page.getByRole("button", { name: "Weiter" });
  await amount.fill("99999999");
  await cont.click();
  await expect(page.getByRole("alert").filter({ hasText: "Das ist mehr als das Maximum einer Auszahlung (1’000’000.00)." })).toBeVisible();
  await expect(amount).toHaveAttribute("aria-invalid", "true");
  await amount.fill("9'000");
  await cont.click();
  await expect(page.getByRole("alert").filter({ hasText: "Das ist mehr als das Guthaben: Beziehen Sie höchstens den angezeigten Betrag." })).toBeVisible();
  await amount.fill("abc");
  await cont.click();
  await expect(page.getByRole("alert").filter({ hasText: "Geben Sie einen Betrag wie 25, 25.50 oder 1’000.50 ein." })).toBeVisible();

  await amount.fill("1.00");
  await cont.click();
  const verify = page.getByRole("group", { name: "Auszahlung prüfen" });
  await expect(verify).toContainText(/CHF\s1\.00 wird auf CH93 0076 2011 6238 5295 7 überwiesen\. Guthaben nach der Auszahlung: CHF\s/);
  await expectGoodAtBothWidths(page, "/prepaid withdrawal verify step");
  await page.keyboard.press("Escape");
  await expect(verify).toHaveCount(0);
  await expect(amount).toBeFocused();
  await cont.click();
  await verify.getByRole("button", { name: "Auszahlung bestätigen" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Auszahlung von CHF\s1\.00 auf CH93 0076 2011 6238 5295 7 beantragt\. Neues Guthaben: CHF\s/ })).toBeVisible();
  // No error is left beside the success.
  await expect(page.getByRole("main").getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);
  const latest = page.getByRole("table").getByRole("row").nth(1);
  await expect(latest).toContainText("Auszahlung");
  await expect(latest).toContainText("Auf CH93 0076 2011 6238 5295 7: beantragt");
  await expect(latest).toContainText(/−CHF\s1\.00/);
});

test("Ines sets Jura Hosting Partners' billing address and payout account; the prepaid page follows", async ({ page }) => {
  await signIn(page, "ines@jura-hosting.test", "en");
  await sidebar(page).getByRole("link", { name: "Prepaid account" }).click();
  const withdraw = page.getByRole("region", { name: "Withdraw" });
  await expect(withdraw).toContainText("No bank account for withdrawals yet: a legal representative adds one on the Organization page.");
  await withdraw.getByRole("link", { name: "Add a bank account" }).click();

  await expect(page).toHaveTitle("Jura Hosting Partners · Organization · Partner Manager");
  await expectAreaTranslated(page, "en");
  await page.getByLabel("Street and number").fill("Rue de la Gare 3");
  await page.getByLabel("Postal code").fill("28000");
  await page.getByLabel("City").fill("Delémont");
  await page.getByLabel("IBAN").fill("CH93 0076 2011 6238 5295 8");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a postal code (4 digits in Switzerland).")).toBeVisible();
  await expect(page.getByText("The check digits do not match: check the IBAN for a typo.")).toBeVisible();
  await expect(page.getByLabel("IBAN")).toHaveAttribute("aria-invalid", "true");
  await expectGoodAtBothWidths(page, "/organization with errors");

  await page.getByLabel("Postal code").fill("2800");
  await page.getByLabel("IBAN").fill("ch93 0076 2011 6238 5295 7");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Billing details saved." })).toBeFocused();

  await sidebar(page).getByRole("link", { name: "Prepaid account" }).click();
  await expect(withdraw).toContainText("Nothing to withdraw: the balance is CHF");
  await expect(withdraw.getByLabel("Amount to withdraw (CHF)")).toBeDisabled();
  await expect(withdraw.getByRole("button", { name: "Continue" })).toBeDisabled();
  await expect(withdraw.getByLabel("Amount to withdraw (CHF)")).toHaveAccessibleDescription(/Nothing to withdraw/);
  await expectGoodAtBothWidths(page, "/prepaid at a zero balance");
  await signOut(page);

  // An administrator reads the details and is told who can change them.
  await signIn(page, "elena@alpine-web.test", "de-CH");
  await sidebar(page).getByRole("link", { name: "Organisation" }).click();
  await expect(page.getByText("Nur ein gesetzlicher Vertreter von Alpine Web Studio kann diese Angaben ändern.")).toBeVisible();
  await expect(page.getByText("CH93 0076 2011 6238 5295 7")).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expectAreaTranslated(page, "de-CH");
  await expectGoodAtBothWidths(page, "/organization read only");
});
