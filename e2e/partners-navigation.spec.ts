// Every partner page has its own title, so the route announcer (Next's `next-route-announcer`, which
// reads document.title after a client navigation) says which partner is now shown.
import { expect, test } from "./fixtures";
import { chooseLanguage, sidebar, signIn } from "./pages";

test("the route announcer reads the partner's name when going from one partner to another", async ({ page }) => {
  await signIn(page, "claire@helvetia-bakery.test", "en");
  const announcer = page.locator("next-route-announcer #__next-route-announcer__");

  await sidebar(page).getByRole("link", { name: "Partner" }).click();
  await expect(page).toHaveTitle("Partners · Partner Manager");
  await page.getByRole("link", { name: "Alpine Web Studio", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Alpine Web Studio", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Alpine Web Studio · Partners · Partner Manager");
  await expect(announcer).toHaveText("Alpine Web Studio · Partners · Partner Manager");

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Partners" }).click();
  await expect(announcer).toHaveText("Partners · Partner Manager");
  await page.getByRole("link", { name: "Lakeside IT", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Lakeside IT", level: 1 })).toBeVisible();
  await expect(announcer).toHaveText("Lakeside IT · Partners · Partner Manager");

  // Back in the history, to the other partner: announced by name again.
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Alpine Web Studio", level: 1 })).toBeVisible();
  await expect(announcer).toHaveText("Alpine Web Studio · Partners · Partner Manager");

  // The same in French: the partner's name first, then the section.
  await chooseLanguage(page, "fr-CH");
  await sidebar(page).getByRole("link", { name: "Partenaire" }).click();
  await page.getByRole("link", { name: "Lakeside IT", exact: true }).click();
  await expect(announcer).toHaveText("Lakeside IT · Partenaires · Partner Manager");
  await page.getByRole("navigation", { name: "Fil d’Ariane" }).getByRole("link", { name: "Partenaires" }).click();
  await page.getByRole("link", { name: "Alpine Web Studio", exact: true }).click();
  await expect(announcer).toHaveText("Alpine Web Studio · Partenaires · Partner Manager");
});
