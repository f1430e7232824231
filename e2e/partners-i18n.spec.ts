// Every Partner page sampled in the language of a user who works in it (db/seed.ts): no message key shown
// as text, no English UI word left. Each page's title names it.
import { expectGoodEverywhere } from "./a11y";
import { expect, test, type Page } from "./fixtures";
import { expectTranslated } from "./i18n";
import { waitForMail } from "./mailbox";
import { sidebar, signIn, signOut, type Locale } from "./pages";

const CLAIRE = "claire@helvetia-bakery.test";
const INES = "ines@jura-hosting.test";

const LIST: Record<Locale, { link: string; title: string }> = {
  "fr-CH": { link: "Partenaire", title: "Partenaires" },
  "de-CH": { link: "Partner", title: "Partner" },
  "it-CH": { link: "Partner", title: "Partner" },
  en: { link: "Partner", title: "Partners" },
};

async function sample(page: Page, locale: Locale) {
  await expectTranslated(page.locator("main"), locale);
  await expectTranslated(page.locator("html"), locale);
}

/** The list, then each named partner's page, sampled; returns to the list between them. */
async function samplePartners(page: Page, locale: Locale, partners: string[]) {
  await sidebar(page).getByRole("link", { name: LIST[locale].link, exact: true }).click();
  await expect(page.getByRole("heading", { name: LIST[locale].title, level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(`${LIST[locale].title} · Partner Manager`);
  await sample(page, locale);
  for (const name of partners) {
    await page.getByRole("link", { name, exact: true }).first().click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page).toHaveTitle(`${name} · ${LIST[locale].title} · Partner Manager`);
    await sample(page, locale);
    await page.goBack();
  }
}

test.describe("the Partner pages in each user's language", () => {
  test("French: Claire's partners (active, limited, ended), the editors, and adding a partner", async ({ page }) => {
    await signIn(page, CLAIRE, "fr-CH");
    await samplePartners(page, "fr-CH", ["Alpine Web Studio", "Lakeside IT", "Léman Digital Sàrl"]);
    // The ended partnership, in the past tense and with its end date.
    await page.getByRole("link", { name: "Léman Digital Sàrl", exact: true }).click();
    await expect(page.getByTestId("partnership-period")).toHaveText(/^Partenaire de Helvetia Bakery SA du .+ au .+$/);
    await expect(page.getByRole("region", { name: "Droits d’accès" })).toContainText("Le partenaire gérait tous les produits de Helvetia Bakery SA.");
    await page.goBack();
    await expect(page.getByRole("row").filter({ hasText: "Léman Digital Sàrl" })).toContainText("Terminé le");

    // The access editor, open, then on limited access with its product picker (categories and their boxes).
    await page.getByRole("link", { name: "Alpine Web Studio", exact: true }).click();
    await page.getByRole("button", { name: "Modifier les droits d’accès" }).click();
    await expect(page.getByRole("radiogroup", { name: "Accès" })).toBeVisible();
    await sample(page, "fr-CH");
    await page.getByRole("radiogroup", { name: "Accès" }).getByRole("radio", { name: /Accès limité/ }).check();
    await expect(page.getByRole("checkbox").first()).toBeVisible();
    await sample(page, "fr-CH");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("button", { name: "Modifier les droits d’accès" })).toBeFocused();

    // Adding a partner: search, choose, the form and its verify step.
    await page.goto("/partners/new");
    await expect(page).toHaveTitle("Ajouter un partenaire · Partner Manager");
    await page.getByLabel("Nom du partenaire ou e-mail de l’un de ses membres").fill("Jura");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await sample(page, "fr-CH");
    await page.getByRole("link", { name: "Choisir Jura Hosting Partners" }).click();
    const invite = page.getByRole("region", { name: "Inviter Jura Hosting Partners" });
    await expect(invite.getByRole("radiogroup", { name: "Accès" })).toBeVisible();
    await sample(page, "fr-CH");
    await invite.getByRole("button", { name: "Continuer" }).click();
    await expect(invite.getByRole("heading", { name: "Vérifier l’invitation" })).toBeFocused();
    await sample(page, "fr-CH");
  });

  test("German: a pending invitation (Anna) and a refused one next to an active partner (Sarah), editors open", async ({ page }) => {
    await signIn(page, "anna@zurich-legal.test", "de-CH");
    await samplePartners(page, "de-CH", ["Alpine Web Studio"]);
    await page.getByRole("link", { name: "Alpine Web Studio", exact: true }).click();
    await expect(page.getByRole("region", { name: "Einladung" })).toContainText("Warten auf die Antwort von Alpine Web Studio.");
    await expect(page.getByRole("region", { name: "Zugriffsrechte" })).toContainText("Nach der Annahme wird der Partner alle Produkte von Zürich Legal Partners verwalten.");
    await signOut(page);

    await signIn(page, "sarah@basel-pharma.test", "de-CH");
    await samplePartners(page, "de-CH", ["Lakeside IT", "Léman Digital Sàrl"]);
    await expect(page.getByRole("row").filter({ hasText: "Léman Digital Sàrl" })).toContainText("Geschlossen am");
    // A refused invitation never began: it reads in the conditional, not as an ended partnership.
    await page.getByRole("link", { name: "Léman Digital Sàrl", exact: true }).click();
    await expect(page.getByRole("region", { name: "Zugriffsrechte" })).toContainText("In der Einladung angebotener Zugriff: Eingeschränkt");
    await expect(page.getByRole("region", { name: "Zahlung", exact: true })).toContainText("In der Einladung angebotener Zahlungsmodus: Kunde zahlt");
    await page.goBack();
    await page.getByRole("link", { name: "Lakeside IT", exact: true }).click();
    await page.getByRole("button", { name: "Zahlungsmodus bearbeiten" }).click();
    await expect(page.getByRole("radiogroup", { name: "Zahlungsmodus" })).toBeVisible();
    await sample(page, "de-CH");
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Zugriffsrechte bearbeiten" }).click();
    await expect(page.getByRole("radiogroup", { name: "Zugriff" })).toBeVisible();
    await sample(page, "de-CH");
    await page.keyboard.press("Escape");
    await page.getByRole("region", { name: "Partnerschaft beenden" }).getByRole("button", { name: "Partnerschaft beenden" }).click();
    await expect(page.getByRole("dialog", { name: "Die Partnerschaft mit Lakeside IT beenden?" })).toBeVisible();
    await sample(page, "de-CH");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.goto("/partners/new");
    await expect(page).toHaveTitle("Partner hinzufügen · Partner Manager");
    await sample(page, "de-CH");
  });

  test("Italian and English: Paolo's limited partner, Claire's list in English", async ({ page }) => {
    await signIn(page, "paolo@ticino-vini.test", "it-CH");
    await samplePartners(page, "it-CH", ["Alpine Web Studio"]);
    await page.goto("/partners/new");
    await expect(page).toHaveTitle("Aggiungi un partner · Partner Manager");
    await sample(page, "it-CH");
    await signOut(page);

    await signIn(page, CLAIRE, "en");
    await samplePartners(page, "en", ["Alpine Web Studio", "Léman Digital Sàrl"]);
  });

  test("the emailed invitation page in each language, then Claire resends and deletes the invitation (Escape keeps it)", async ({ page }) => {
    // Claire invites Jura Hosting Partners in French.
    await signIn(page, CLAIRE, "fr-CH");
    await page.goto("/partners/new?q=Jura");
    await page.getByRole("link", { name: "Choisir Jura Hosting Partners" }).click();
    const invite = page.getByRole("region", { name: "Inviter Jura Hosting Partners" });
    await invite.getByRole("button", { name: "Continuer" }).click();
    await invite.getByRole("button", { name: "Envoyer l’invitation" }).click();
    await expect(page.getByRole("region", { name: "Invitation" })).toContainText("En attente de la réponse de Jura Hosting Partners.");
    await sample(page, "fr-CH");
    const partnershipPath = new URL(page.url()).pathname;
    await signOut(page);

    const mail = await waitForMail(INES, /Helvetia Bakery SA/);
    const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? "")?.[0];
    expect(link).toBeTruthy();
    const titles: Record<Locale, string> = {
      "fr-CH": "Invitation de Helvetia Bakery SA", "de-CH": "Einladung von Helvetia Bakery SA",
      "it-CH": "Invito di Helvetia Bakery SA", en: "Invitation from Helvetia Bakery SA",
    };
    for (const locale of ["de-CH", "it-CH", "fr-CH", "en"] as const) {
      await signIn(page, INES, locale);
      await page.goto(link!);
      await expect(page).toHaveTitle(`${titles[locale]} · Partner Manager`);
      await expectTranslated(page.locator("main"), locale);
      await expectTranslated(page.locator("html"), locale);
      // The one page the whole-app sweep (a11y-pages.spec.ts) cannot reach: its token comes by email.
      if (locale === "en") await expectGoodEverywhere(page, "the invitation page");
      await signOutFromInvitation(page);
    }

    // Claire deletes it: Escape keeps it and gives the focus back, then she confirms.
    await signIn(page, CLAIRE, "fr-CH");
    await page.goto(partnershipPath);
    const section = page.getByRole("region", { name: "Invitation" });
    // Resending keeps the focus on the button, which is disabled while it runs.
    const resend = section.getByRole("button", { name: "Renvoyer l’invitation" });
    await resend.click();
    await expect(section.getByRole("status")).toHaveText(/^Une nouvelle invitation a été envoyée par e-mail à Jura Hosting Partners/);
    await expect(resend).toBeFocused();
    const remove = section.getByRole("button", { name: "Supprimer l’invitation" });
    await remove.click();
    await expect(section.getByRole("group")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(section.getByRole("group")).toHaveCount(0);
    await expect(remove).toBeFocused();
    await remove.click();
    await section.getByRole("group").getByRole("button", { name: "Supprimer l’invitation" }).click();
    await expect(page.getByRole("status").filter({ hasText: "L’invitation à Jura Hosting Partners a été supprimée" })).toBeVisible();
    await sample(page, "fr-CH");
    await sidebar(page).getByRole("link", { name: "Partenaire" }).click();
    await expect(page.getByRole("row").filter({ hasText: "Supprimé" }).filter({ hasText: "Jura Hosting Partners" })).toContainText("Clos le");
  });
});

/** The invitation page has no sidebar: back to the app to sign out. */
async function signOutFromInvitation(page: Page) {
  await page.goto("/clients");
  await signOut(page);
}
