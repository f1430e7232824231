// Every partner page has its own title, so the route announcer (Next's `next-route-announcer`) says which
// partner is now shown. The announcer reads document.title after a client navigation, or the page's h1
// when the new title has not streamed in yet (Next streams metadata): both start with the partner's name,
// so the announcement names the partner either way, never the previous one.
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
  await expect(announcer).toHaveText(/^Alpine Web Studio( · |$)/);

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Partners" }).click();
  await expect(announcer).toHaveText(/^Partners( · |$)/);
  await page.getByRole("link", { name: "Lakeside IT", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Lakeside IT", level: 1 })).toBeVisible();
  await expect(announcer).toHaveText(/^Lakeside IT( · |$)/);

  // Back in the history, to the other partner: announced by name again.
  await page.goBack();
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Alpine Web Studio", level: 1 })).toBeVisible();
  await expect(announcer).toHaveText(/^Alpine Web Studio( · |$)/);

  // The same in French: the partner's name first, then the section.
  await chooseLanguage(page, "fr-CH");
  await sidebar(page).getByRole("link", { name: "Partenaire" }).click();
  await page.getByRole("link", { name: "Lakeside IT", exact: true }).click();
  await expect(announcer).toHaveText(/^Lakeside IT( · |$)/);
  await expect(page).toHaveTitle("Lakeside IT · Partenaires · Partner Manager");
  await page.getByRole("navigation", { name: "Fil d’Ariane" }).getByRole("link", { name: "Partenaires" }).click();
  await page.getByRole("link", { name: "Alpine Web Studio", exact: true }).click();
  await expect(announcer).toHaveText(/^Alpine Web Studio( · |$)/);
});
