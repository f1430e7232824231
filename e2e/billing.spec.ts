import { expect, test } from "./fixtures";
import { listedInvoiceIds, renewProduct, switchPaymentMode } from "./billing-pages";
import { mailsTo, waitForMail } from "./mailbox";
import { sidebar, signIn, signOut } from "./pages";

const MAIL = "Mail Service (5 mailboxes) — helvetia";

// Amounts carry a no-break space between currency and digits (lib/format.ts): regexes match it with \s.
test.describe("who pays, for real: orders, invoices and the prepaid account", () => {
  test("partner pays: Marc's renewal is his invoice at the discount; back to customer pays, it is Claire's and Marc earns cashback", async ({ page }) => {
    const modeMailsBefore = (await mailsTo("marc@alpine-web.test")).filter((m) => !/INV-/.test(m.subject ?? "")).length;

    // Claire's invoices before anything changes, then the switch to partner pays.
    await signIn(page, "claire@helvetia-bakery.test");
    const claireBefore = await listedInvoiceIds(page);
    expect(claireBefore.length).toBeGreaterThan(0);
    await switchPaymentMode(page, "Alpine Web Studio", "Partner pays");
    await signOut(page);

    // Marc renews Helvetia's mail service: invoiced to Alpine at P − 20 %, VAT 8.1 %.
    await signIn(page, "marc@alpine-web.test");
    const message = await renewProduct(page, MAIL, /Invoiced to you: CHF\s62\.26 \(CHF\s72\.00 − CHF\s14\.40 reseller discount \+ 8\.1\s%\sVAT\)/);
    expect(message).toMatch(/Invoice INV-\d{6} \(CHF\s62\.26\) was issued to Alpine Web Studio\./);
    await page.getByRole("status").getByRole("link", { name: "View the invoice" }).click();
    await expect(page.getByRole("heading", { name: /^Invoice INV-\d{6}$/, level: 1 })).toBeVisible();
    const invoiceNumber = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Invoice ", "");
    await expect(page).toHaveTitle(`${invoiceNumber} · Invoices · Partner Manager`);
    const invoiceUrl = new URL(page.url()).pathname;
    const lines = page.getByRole("region", { name: "Lines" });
    await expect(lines.getByRole("row").filter({ hasText: MAIL })).toContainText("CHF 72.00");
    await expect(lines.getByRole("row").filter({ hasText: /Reseller discount \(20\s% of the public price\)/ })).toContainText("−CHF 14.40");
    await expect(page.getByTestId("invoice-total")).toHaveText("CHF 62.26");
    await expect(page.getByRole("region", { name: "Seller and buyer" })).toContainText("Billed to");
    await expect(page.getByRole("region", { name: "Seller and buyer" })).toContainText("Bahnhofstrasse 42");
    await expect(page.locator("dd").filter({ hasText: "Marc Keller (Alpine Web Studio)" })).toBeVisible();
    const pdf = await page.request.get(`${invoiceUrl}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await listedInvoiceIds(page)).toContain(invoiceUrl.split("/").pop());
    await signOut(page);

    // Claire cannot see it, not even by its address; her earlier invoices are all still there.
    await signIn(page, "claire@helvetia-bakery.test");
    expect((await page.goto(invoiceUrl))?.status()).toBe(404);
    expect((await page.request.get(`${invoiceUrl}/pdf`)).status()).toBe(404);
    const claireDuring = await listedInvoiceIds(page);
    expect(claireDuring).toEqual(claireBefore);
    const csv = await (await page.request.get("/invoices/export.csv")).text();
    expect(csv).toContain("Helvetia Bakery SA");
    expect(csv).not.toContain("Alpine Web Studio");

    // Back to customer pays (the demo ends as it began).
    await switchPaymentMode(page, "Alpine Web Studio", "Customer pays");
    await signOut(page);

    // Marc renews again: now Helvetia is invoiced the public price and Alpine earns 20 % cashback.
    await signIn(page, "marc@alpine-web.test");
    await sidebar(page).getByRole("link", { name: "Prepaid account" }).click();
    const balanceBefore = await page.getByTestId("prepaid-balance").textContent();
    const again = await renewProduct(page, MAIL, /Invoiced to Helvetia Bakery SA: CHF\s77\.83 .* You earn CHF\s14\.40 cashback\./);
    expect(again).toMatch(/was issued to Helvetia Bakery SA\. You earn CHF\s14\.40 cashback\./);
    await sidebar(page).getByRole("link", { name: "Prepaid account" }).click();
    const latest = page.getByRole("table").getByRole("row").nth(1);
    await expect(latest).toContainText("Cashback");
    await expect(latest).toContainText("Helvetia Bakery SA");
    await expect(latest).toContainText(MAIL);
    await expect(latest).toContainText("CHF 14.40");
    await expect(page.getByTestId("prepaid-balance")).not.toHaveText(balanceBefore ?? "");
    await signOut(page);

    // And the renewal lands in Claire's invoices, at the top.
    await signIn(page, "claire@helvetia-bakery.test");
    await sidebar(page).getByRole("link", { name: "Invoices" }).click();
    const top = page.getByRole("table").getByRole("row").nth(1);
    await expect(top).toContainText(MAIL);
    await expect(top).toContainText("CHF 77.83");
    await expect(top).toContainText("Unpaid");
    // …and in Claire's mailbox, in the language she works in (English, as this test signed her in), with the invoice attached.
    const claireMail = await waitForMail("claire@helvetia-bakery.test", /^Invoice INV-\d{6} to Helvetia Bakery SA: CHF\s77\.83$/);
    expect(claireMail.headers.get("content-language")).toBe("en");
    expect(claireMail.attachments[0]?.filename).toMatch(/^INV-\d{6}\.pdf$/);
    for (const id of claireBefore) expect(await listedInvoiceIds(page)).toContain(id);

    // Both switches emailed Marc; wait for them so later specs count from a settled mailbox. The renewal
    // invoiced to Alpine reached him too, once, with its PDF.
    await expect.poll(async () => (await mailsTo("marc@alpine-web.test")).filter((m) => !/INV-/.test(m.subject ?? "")).length, { timeout: 20_000 }).toBe(modeMailsBefore + 2);
    const invoiceMail = await waitForMail("marc@alpine-web.test", new RegExp(`^Invoice ${invoiceNumber} to Alpine Web Studio: CHF\\s62\\.26$`));
    expect(invoiceMail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[`${invoiceNumber}.pdf`, "application/pdf"]]);
    expect(invoiceMail.attachments[0]!.content.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await mailsTo("marc@alpine-web.test")).filter((m) => m.subject?.includes(invoiceNumber))).toHaveLength(1);
  });

  test("a limited partner sees the products it manages but cannot renew them", async ({ page }) => {
    await signIn(page, "sofia@lakeside-it.test");
    await sidebar(page).getByRole("link", { name: "Products" }).click();
    const row = page.getByRole("row").filter({ hasText: "Domain .ch — helvetia.ch" });
    await expect(row).toContainText("Limited");
    await expect(row).toContainText("The client renews");
    await expect(row.getByRole("button")).toHaveCount(0);
    // Its full-access clients' products, by contrast, it renews.
    await expect(page.getByRole("row").filter({ hasText: "Bern Architects GmbH" }).getByRole("button", { name: /^Renew / }).first()).toBeVisible();
  });

  test("a collaborator sees products but no invoices and cannot order", async ({ page }) => {
    await signIn(page, "luca@helvetia-bakery.test");
    await expect(sidebar(page).getByRole("link", { name: "Invoices" })).toHaveCount(0);
    await sidebar(page).getByRole("link", { name: "Products" }).click();
    await expect(page.getByRole("row").filter({ hasText: MAIL })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Renew / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "New order" })).toHaveCount(0);
    expect((await page.goto("/invoices"))?.status()).toBe(404);
    expect((await page.request.get("/invoices/export.csv")).status()).toBe(404);
  });

  test("Claire orders a new domain: it is installed in Helvetia and invoiced to Helvetia", async ({ page }) => {
    await signIn(page, "claire@helvetia-bakery.test");
    await sidebar(page).getByRole("link", { name: "Products" }).click();
    const panel = page.getByRole("region", { name: "Order a product" });
    await panel.getByRole("button", { name: "New order" }).click();
    await panel.getByRole("button", { name: "Place order" }).click();
    await expect(panel.getByText("Choose a product from the catalogue.")).toBeVisible();
    await panel.getByRole("radio", { name: /Domain \.com/ }).check();
    await panel.getByLabel("Name").fill("helvetia-e2e.com");
    await expect(panel.getByText(/Invoiced to you: CHF\s21\.51 \(CHF\s19\.90 \+ 8\.1\s%\sVAT\)\. Alpine Web Studio earns CHF\s3\.98 cashback\./)).toBeVisible();
    await panel.getByRole("button", { name: "Place order" }).click();
    await expect(panel.getByRole("status")).toContainText(/Ordered Domain \.com “helvetia-e2e\.com” for Helvetia Bakery SA\. Invoice INV-\d{6} \(CHF\s21\.51\) was issued to Helvetia Bakery SA\./);
    await expect(page.getByRole("row").filter({ hasText: "helvetia-e2e.com" })).toBeVisible();
  });
});
