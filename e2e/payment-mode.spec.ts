import { expect, test } from "./fixtures";
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
    await sidebar(page).getByRole("link", { name: "Partenaire" }).click();
    await expect(page.getByRole("heading", { name: "Partner", level: 1 })).toBeVisible();
    await expect(sidebar(page).getByRole("link", { name: "Partenaire" })).toHaveAttribute("aria-current", "page");
    await expect(sidebar(page).getByRole("link", { name: "Produits" })).not.toHaveAttribute("aria-current", "page");
    await page.getByRole("link", { name: "Alpine Web Studio" }).click();
    await expect(page.getByRole("heading", { name: "Alpine Web Studio", level: 1 })).toBeVisible();

    const payment = page.getByRole("region", { name: "Payment" });
    await expect(payment.getByText("Payment mode: Customer pays")).toBeVisible();
    await payment.getByRole("button", { name: "Edit payment mode" }).click();
    const modes = payment.getByRole("radiogroup", { name: "Payment mode" });
    await expect(modes.getByRole("radio", { name: /Customer pays/ })).toBeChecked();
    await modes.getByRole("radio", { name: /Partner pays/ }).check();
    await payment.getByRole("button", { name: "Continue" }).click();

    await expect(payment.getByRole("heading", { name: "Verify the change" })).toBeFocused();
    await expect(payment.getByText("Customer pays → Partner pays")).toBeVisible();
    await expect(payment.getByText("Invoices already issued stay where they are")).toBeVisible();
    await expect(payment.getByText("Alpine Web Studio is notified by email.")).toBeVisible();
    await payment.getByRole("button", { name: "Confirm" }).click();

    await expect(payment.getByRole("status")).toHaveText(/Payment mode changed to “Partner pays”/);
    await expect(payment.getByText("Payment mode: Partner pays")).toBeVisible();
    const history = page.getByRole("region", { name: "Payment mode history" });
    await expect(history.getByRole("row").filter({ hasText: "Claire Dubois" }).first()).toContainText("Customer pays");
    await expect(history.getByRole("row").filter({ hasText: "Claire Dubois" }).first()).toContainText("Partner pays");

    // The partners list shows the new mode too, and it survives a reload.
    await page.reload();
    await expect(payment.getByText("Payment mode: Partner pays")).toBeVisible();

    // The email waits out the coalescing window (MAIL_COALESCE_SECONDS) first; an earlier spec may have
    // left one with the same subject, so wait for the new one and read the newest.
    await expect.poll(async () => (await mailsTo(MARC)).length, { timeout: 20_000 }).toBe(before + 1);
    const mail = (await mailsTo(MARC)).at(-1)!;
    expect(mail.subject).toBe("Helvetia Bakery SA hat den Zahlungsmodus auf «Partner zahlt» geändert");
    expect(mail.headers.get("content-language")).toBe("de-CH");
    expect(mail.text).toContain("Guten Tag Marc Keller");
    expect(mail.text).toContain("von «Kunde zahlt» auf «Partner zahlt»");
    expect(mail.text).toContain("Wiederverkäuferrabatt");
    expect(mail.text).not.toMatch(/Customer pays|Partner pays|reseller discount/);
    expect(mail.html).toContain('<html lang="de-CH">');
    // Who changed it and when, an automaton's header, and why Marc gets it with where to manage it.
    expect(mail.text).toMatch(/Claire Dubois von Helvetia Bakery SA hat den Zahlungsmodus der Partnerschaft mit Alpine Web Studio am \d{1,2}\. \S+ \d{4} um \d\d:\d\d Uhr \(Schweizer Zeit\)/);
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.text).toMatch(/als gesetzlicher Vertreter von Alpine Web Studio eingetragen[\s\S]*Ihre Kunden in Partner Manager verwalten: http:\/\/127\.0\.0\.1:\d+\/clients/);
    expect((await mailsTo(MARC)).length).toBe(before + 1);

    // Switch back, through the same steps, so the demo ends as it began.
    await payment.getByRole("button", { name: "Edit payment mode" }).click();
    await payment.getByRole("radio", { name: /Customer pays/ }).check();
    await payment.getByRole("button", { name: "Continue" }).click();
    await payment.getByRole("button", { name: "Confirm" }).click();
    await expect(payment.getByRole("status")).toHaveText(/“Customer pays”/);
    await expect(payment.getByText("Payment mode: Customer pays")).toBeVisible();
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
