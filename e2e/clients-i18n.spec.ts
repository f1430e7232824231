// The Clients pages in Marc's German: titles name his organization and the client, every word of the
// pages is translated.
import { expect, test } from "./fixtures";
import { expectTranslated } from "./i18n";
import { signIn } from "./pages";

test("Marc's clients in German", async ({ page }) => {
  await signIn(page, "marc@alpine-web.test", "de-CH");
  await page.goto("/clients");
  await expect(page).toHaveTitle(/^Alpine Web Studio · Kunden · /);
  await expect(page.getByRole("heading", { name: "Kunden", level: 1 })).toBeVisible();
  const active = page.getByRole("region", { name: "Aktive Kunden" });
  await expectTranslated(active, "de-CH");
  // The pending invitations: their texts (the answer buttons are the invitation component's, sampled
  // with the partners' pages).
  const invitations = page.getByRole("region", { name: "Ausstehende Einladungen" });
  for (const text of await invitations.locator("h2, li > p").all()) await expectTranslated(text, "de-CH");
  await expect(active.getByRole("columnheader")).toHaveText(["Kunde", "Zugriff", "Zahlungsmodus", "Produkte", "Seit"]);

  await active.getByRole("link", { name: "Helvetia Bakery SA" }).click();
  await expect(page).toHaveTitle(/^Helvetia Bakery SA · Kunden · /);
  await expect(page.getByRole("heading", { name: "Helvetia Bakery SA", level: 1 })).toBeVisible();
  for (const region of ["Zahlung", "Zugriffsrechte"]) await expectTranslated(page.getByRole("region", { name: region }), "de-CH");
  await expect(page.getByRole("region", { name: "Zahlung" })).toContainText("Nur der Kunde kann den Zahlungsmodus ändern.");
});
