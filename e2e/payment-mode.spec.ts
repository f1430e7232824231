import { actionIds } from "./action-client";
import { expect, test, type Route } from "./fixtures";
import { expectTranslated } from "./i18n";
import { mailsTo } from "./mailbox";
import { sidebar, signIn, signOut } from "./pages";

const MARC = "marc@alpine-web.test";

test.describe("changing the payment mode (the FAQ's steps)", () => {
  test("Claire, working in French, switches Alpine Web Studio to partner pays, and Marc is emailed in German", async ({ page }) => {
    // Marc reads German (his choice, made in his profile menu); Claire works in French.
    await signIn(page, MARC, "de-CH");
    await signOut(page);
    const before = (await mailsTo(MARC)).length;
    await signIn(page, "claire@helvetia-bakery.test", "fr-CH");
    const main = page.locator("main");
    await sidebar(page).getByRole("link", { name: "Partenaire" }).click();
    await expect(page.getByRole("heading", { name: "Partenaires", level: 1 })).toBeVisible();
    await expect(page).toHaveTitle("Partenaires · Partner Manager");
    await expect(sidebar(page).getByRole("link", { name: "Partenaire" })).toHaveAttribute("aria-current", "page");
    await expect(sidebar(page).getByRole("link", { name: "Produits" })).not.toHaveAttribute("aria-current", "page");
    await expectTranslated(main, "fr-CH");
    await page.getByRole("link", { name: "Alpine Web Studio" }).click();
    await expect(page.getByRole("heading", { name: "Alpine Web Studio", level: 1 })).toBeVisible();
    await expect(page).toHaveTitle("Alpine Web Studio · Partenaires · Partner Manager");
    await expectTranslated(main, "fr-CH");

    const payment = page.getByRole("region", { name: "Paiement" });
    await expect(payment.getByTestId("current-payment-mode")).toHaveText("Le client paie");
    await payment.getByRole("button", { name: "Modifier le mode de paiement" }).click();
    const modes = payment.getByRole("radiogroup", { name: "Mode de paiement" });
    await expect(modes.getByRole("radio", { name: /Le client paie/ })).toBeChecked();
    await expectTranslated(main, "fr-CH");
    await modes.getByRole("radio", { name: /Le partenaire paie/ }).check();
    // The consequences in numbers are held back on their way from the server: Confirm waits for them.
    const previewId = actionIds()["app/(manager)/partners/schedule-actions.ts#previewSwitch"]!;
    let heldPreview: (route: Route) => void = () => {};
    const previewHeld = new Promise<Route>((resolve) => { heldPreview = resolve; });
    await page.route(/\/partners\//, (route) => (route.request().headers()["next-action"] === previewId ? heldPreview(route) : route.fallback()));
    await payment.getByRole("button", { name: "Continuer" }).click();

    await expect(payment.getByRole("heading", { name: "Vérifier le changement" })).toBeFocused();
    const held = await previewHeld;
    await expect(payment.getByRole("status").filter({ hasText: "Calcul des conséquences…" })).toBeVisible();
    await expect(payment.getByRole("button", { name: "Confirmer" })).toBeDisabled();
    await held.continue();
    await page.unroute(/\/partners\//);
    await expect(payment.getByRole("region", { name: "Ce qui change, en chiffres" }).getByRole("table").first()).toBeVisible();
    await expect(payment.getByRole("button", { name: "Confirmer" })).toBeEnabled();
    await expect(payment.getByText("Le client paie → Le partenaire paie")).toBeVisible();
    await expect(payment.getByText("Les factures déjà émises restent où elles sont")).toBeVisible();
    await expect(payment.getByText("Alpine Web Studio est informé par e-mail.")).toBeVisible();
    await expectTranslated(main, "fr-CH");
    await payment.getByRole("button", { name: "Confirmer" }).click();

    await expect(payment.getByRole("status")).toHaveText("Mode de paiement changé en «\u00a0Le partenaire paie\u00a0». Alpine Web Studio en a été informé par e-mail.");
    await expect(payment.getByTestId("current-payment-mode")).toHaveText("Le partenaire paie");
    await expect(payment.getByRole("button", { name: "Modifier le mode de paiement" })).toBeFocused();
    const history = page.getByRole("region", { name: "Historique du mode de paiement" });
    await expect(history.getByRole("row").filter({ hasText: "Claire Dubois" }).first()).toContainText("Le client paie");
    await expect(history.getByRole("row").filter({ hasText: "Claire Dubois" }).first()).toContainText("Le partenaire paie");
    await expectTranslated(main, "fr-CH");

    // The partners list shows the new mode too, and it survives a reload.
    await page.reload();
    await expect(payment.getByTestId("current-payment-mode")).toHaveText("Le partenaire paie");

    // Marc reads the notice in German, whoever made the change and in whatever language. It waits out
    // the coalescing window (MAIL_COALESCE_SECONDS) first, and an earlier spec may have left one with the
    // same subject: wait for the new one and read the newest.
    await expect.poll(async () => (await mailsTo(MARC)).length, { timeout: 20_000 }).toBe(before + 1);
    const mail = (await mailsTo(MARC)).at(-1)!;
    expect(mail.subject).toBe("Helvetia Bakery SA hat den Zahlungsmodus auf «Partner zahlt» geändert");
    expect(mail.headers.get("content-language")).toBe("de-CH");
    expect(mail.text).toContain("Marc Keller");
    expect(mail.text).toContain("«Kunde zahlt»");
    expect(mail.text).toContain("«Partner zahlt»");
    expect(mail.text).toContain("Wiederverkäuferrabatt");
    expect(mail.text).not.toMatch(/Customer pays|Partner pays|reseller discount|Le partenaire paie|Le client paie/);
    expect(mail.html).toContain('<html lang="de-CH">');
    // Who changed it and when, an automaton's header, and why Marc gets it with where to manage it.
    expect(mail.text).toMatch(/Claire Dubois von Helvetia Bakery SA hat den Zahlungsmodus der Partnerschaft mit Alpine Web Studio am \d{1,2}\. \S+ \d{4} um \d\d:\d\d Uhr \(Schweizer Zeit\)/);
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.text).toMatch(/als gesetzlicher Vertreter von Alpine Web Studio eingetragen[\s\S]*Ihre Kunden in Partner Manager verwalten: http:\/\/127\.0\.0\.1:\d+\/clients/);
    expect((await mailsTo(MARC)).length).toBe(before + 1);

    // Switch back, through the same steps, so the demo ends as it began.
    await payment.getByRole("button", { name: "Modifier le mode de paiement" }).click();
    await payment.getByRole("radio", { name: /Le client paie/ }).check();
    await payment.getByRole("button", { name: "Continuer" }).click();
    await payment.getByRole("button", { name: "Confirmer" }).click();
    await expect(payment.getByRole("status")).toHaveText(/«\u00a0Le client paie\u00a0»/);
    await expect(payment.getByTestId("current-payment-mode")).toHaveText("Le client paie");
    await expect.poll(async () => (await mailsTo(MARC)).length, { timeout: 20_000 }).toBe(before + 2);
    await signOut(page);
  });

  test("a limited partnership explains why no mode can be chosen", async ({ page }) => {
    await signIn(page, "claire@helvetia-bakery.test");
    await sidebar(page).getByRole("link", { name: "Partner" }).click();
    await page.getByRole("link", { name: "Lakeside IT" }).click();
    const payment = page.getByRole("region", { name: "Payment" });
    await expect(payment.getByText(/limited access, so no payment mode can be chosen/)).toBeVisible();
    await expect(payment.getByRole("button", { name: "Edit payment mode" })).toHaveCount(0);
  });

  test("a collaborator has no Partner page", async ({ page }) => {
    await signIn(page, "luca@helvetia-bakery.test");
    await expect(sidebar(page).getByRole("link", { name: "Products" })).toBeVisible();
    await expect(sidebar(page).getByRole("link", { name: "Partner" })).toHaveCount(0);
    const response = await page.goto("/partners");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  });

  test("the partner cannot change the mode nor open the customer's partnership", async ({ page }) => {
    // Claire finds the partnership's address; Marc tries it.
    await signIn(page, "claire@helvetia-bakery.test");
    await sidebar(page).getByRole("link", { name: "Partner" }).click();
    await page.getByRole("link", { name: "Alpine Web Studio" }).click();
    await expect(page).toHaveURL(/\/partners\/[0-9a-f-]{36}$/);
    const url = new URL(page.url()).pathname;
    await signOut(page);

    await signIn(page, "marc@alpine-web.test");
    await expect(sidebar(page).getByRole("link", { name: "Clients" })).toBeVisible();
    await expect(sidebar(page).getByRole("link", { name: "Partner" })).toHaveCount(0);
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("button", { name: "Edit payment mode" })).toHaveCount(0);
    await page.goto("/clients");
    await expect(page.getByRole("row").filter({ hasText: "Helvetia Bakery SA" })).toContainText("Customer pays");
  });

  test("an administrator sees the partnership but no pencil", async ({ page }) => {
    await signIn(page, "hanna@helvetia-bakery.test");
    await sidebar(page).getByRole("link", { name: "Partner" }).click();
    await page.getByRole("link", { name: "Alpine Web Studio" }).click();
    await expect(page.getByRole("region", { name: "Payment" }).getByText(/Payment mode:/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit payment mode" })).toHaveCount(0);
    // Told who can act instead.
    await expect(page.getByTestId("read-only-hint")).toHaveText(/Only the legal representatives of Helvetia Bakery SA can change/);
  });
});

test("sign-in is refused for a while after ten wrong passwords for one email", async ({ page }) => {
  await page.goto("/login");
  for (let i = 0; i < 10; i++) {
    await page.getByLabel("Email").fill("nobody@throttle.test");
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    // The form resets once the answer is in: only then is the next try typed.
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  // Even the eleventh try is refused before its password is looked at.
  await page.getByLabel("Email").fill("nobody@throttle.test");
  await page.getByLabel("Password").fill("wrong-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-ins" })).toBeVisible();
});
