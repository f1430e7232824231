// Page objects for the billing flows: payment mode switch, renewals, invoices, prepaid account.
import { expect, type Page } from "@playwright/test";
import { sidebar } from "./pages";

/** As a customer legal representative: Partner → the partner → pencil → mode → Continue → Confirm. */
export async function switchPaymentMode(page: Page, partnerName: string, mode: "Customer pays" | "Partner pays") {
  await sidebar(page).getByRole("link", { name: "Partner" }).click();
  await page.getByRole("link", { name: partnerName }).click();
  const payment = page.getByRole("region", { name: "Payment" });
  await payment.getByRole("button", { name: "Edit payment mode" }).click();
  await payment.getByRole("radio", { name: new RegExp(mode) }).check();
  await payment.getByRole("button", { name: "Continue" }).click();
  await payment.getByRole("button", { name: "Confirm" }).click();
  // The verify step's consequence preview has a status of its own while it computes: find the answer by its text.
  await expect(payment.getByRole("status").filter({ hasText: new RegExp(`“${mode}”`) })).toBeVisible();
}

/** Renews a product from the Products page and returns the confirmation the row announces. */
export async function renewProduct(page: Page, label: string, expectQuote: RegExp): Promise<string> {
  await sidebar(page).getByRole("link", { name: "Products" }).click();
  await page.getByRole("button", { name: `Renew ${label}`, exact: true }).click();
  const confirm = page.getByRole("group", { name: `Confirm the renewal of ${label}` });
  await expect(confirm).toContainText(expectQuote);
  await confirm.getByRole("button", { name: "Confirm renewal" }).click();
  const status = page.getByRole("status").filter({ hasText: `Renewed ${label} until` });
  await expect(status).toBeVisible();
  return (await status.textContent()) ?? "";
}

/** The ids of the invoices linked from the first page of the Invoices list. */
export async function listedInvoiceIds(page: Page): Promise<string[]> {
  await page.goto("/invoices");
  await expect(page.getByRole("heading", { name: "Invoices", level: 1 })).toBeVisible();
  const hrefs = await page.getByRole("table").getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return hrefs.map((h) => h.split("/").pop()!);
}
