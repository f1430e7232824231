// The Products page in Claire's French: every word translated, and the keyboard never dropped on the
// body: New order moves it into the form, Escape or Cancel brings it back to New order; Renew moves it to
// the confirmation, Cancel or Escape back to Renew. Nothing is ordered or renewed here.
import { expectAccessible } from "./a11y";
import { expect, test } from "./fixtures";
import { expectTranslated } from "./i18n";
import { signIn } from "./pages";

test("Claire's Products page in French keeps the focus where she works", async ({ page }) => {
  await signIn(page, "claire@helvetia-bakery.test", "fr-CH");
  await page.goto("/products");
  await expect(page).toHaveTitle(/^Helvetia Bakery SA · Produits · /);
  await expect(page.getByRole("heading", { name: "Produits", level: 1 })).toBeVisible();
  await expectTranslated(page.locator("main"), "fr-CH");
  await expect(page.getByRole("main")).not.toContainText(/Web hosting|Mail service|\ba year\b/);

  // New order → the focus goes into the form; Escape closes it and returns to New order.
  const panel = page.getByRole("region", { name: "Commander un produit" });
  await panel.getByRole("button", { name: "Nouvelle commande" }).click();
  await expect(panel.getByRole("radio").first()).toBeFocused();
  await expectTranslated(panel, "fr-CH");
  await expect(panel).toContainText(/CHF par an/);
  await expectAccessible(page, "/products with the order form open");
  await page.keyboard.press("Escape");
  await expect(panel.getByRole("radio")).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Nouvelle commande" })).toBeFocused();
  // … and Cancel does the same.
  await panel.getByRole("button", { name: "Nouvelle commande" }).press("Enter");
  await expect(panel.getByRole("radio").first()).toBeFocused();
  await panel.getByRole("button", { name: "Annuler" }).click();
  await expect(panel.getByRole("button", { name: "Nouvelle commande" })).toBeFocused();

  // Renew → the confirmation button; Cancel → back to Renew; Escape too.
  const renew = page.getByRole("button", { name: /^Renouveler / }).first();
  const name = (await renew.getAttribute("aria-label"))!;
  await renew.click();
  const group = page.getByRole("group", { name: /^Confirmer le renouvellement de / });
  await expect(group.getByRole("button", { name: "Confirmer le renouvellement" })).toBeFocused();
  await expectTranslated(group, "fr-CH");
  await group.getByRole("button", { name: "Annuler" }).click();
  await expect(page.getByRole("button", { name, exact: true })).toBeFocused();
  await page.getByRole("button", { name, exact: true }).press("Enter");
  await expect(group.getByRole("button", { name: "Confirmer le renouvellement" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(group).toHaveCount(0);
  await expect(page.getByRole("button", { name, exact: true })).toBeFocused();
});
