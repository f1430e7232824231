// Languages through the real UI: the sign-in and not-found pages follow the browser, the profile menu
// switches the user's language (stored: <html lang>, texts and page title follow), and every demo
// person's shell is in their own language with nothing left in English.
import { expect, test } from "./fixtures";
import { expectTranslated } from "./i18n";
import { chooseLanguage, sidebar, signIn, signOut, type Locale } from "./pages";

const SIGN_IN: Record<Locale, { title: string; email: string; password: string; submit: string; wrong: string }> = {
  "fr-CH": { title: "Connexion · Partner Manager", email: "E-mail", password: "Mot de passe", submit: "Se connecter", wrong: "E-mail ou mot de passe incorrect." },
  "de-CH": { title: "Anmelden · Partner Manager", email: "E-Mail", password: "Passwort", submit: "Anmelden", wrong: "E-Mail-Adresse oder Passwort falsch." },
  "it-CH": { title: "Accesso · Partner Manager", email: "E-mail", password: "Password", submit: "Accedi", wrong: "E-mail o password errati." },
  en: { title: "Sign in · Partner Manager", email: "Email", password: "Password", submit: "Sign in", wrong: "Wrong email or password." },
};

for (const [locale, words] of Object.entries(SIGN_IN) as [Locale, (typeof SIGN_IN)[Locale]][]) {
  test(`the sign-in page follows a ${locale} browser`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page).toHaveTitle(words.title);
    await expectTranslated(page.locator("html"), locale);
    await page.getByLabel(words.email).fill("nobody@example.test");
    await page.getByLabel(words.password).fill("not-the-password");
    await page.getByRole("button", { name: words.submit }).click();
    await expect(page.getByRole("alert").filter({ hasText: words.wrong })).toBeVisible();
    await context.close();
  });
}

test("an unknown address answers 404 in the visitor's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "de-CH" });
  const page = await context.newPage();
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Seite nicht gefunden", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Seite nicht gefunden · Partner Manager");
  await expectTranslated(page.locator("main"), "de-CH");
  await context.close();
});

test("the profile menu changes the language at once and for good", async ({ page }) => {
  await signIn(page, "ines@jura-hosting.test", "en");
  const aside = page.getByRole("complementary");
  await aside.locator("summary").click();
  const language = aside.getByRole("group", { name: "Language" });
  await expect(language.getByRole("button")).toHaveText(["Français", "Deutsch", "Italiano", "English"]);
  await expect(language.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await expect(language.getByRole("button", { name: "Deutsch" })).toHaveAttribute("lang", "de-CH");

  await language.getByRole("button", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de-CH");
  await expect(sidebar(page).getByRole("link", { name: "Kunden" })).toBeVisible();
  await expect(aside.getByRole("button", { name: "Abmelden" })).toBeVisible();
  await expectTranslated(aside, "de-CH");

  // Stored on the user: a reload, or a new sign-in, stays German.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "de-CH");
  await aside.locator("summary").click();
  await expect(aside.getByRole("group", { name: "Sprache" }).getByRole("button", { name: "Deutsch" })).toHaveAttribute("aria-pressed", "true");
  await aside.getByRole("group", { name: "Sprache" }).getByRole("button", { name: "Italiano" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "it-CH");
  await expect(aside.getByRole("group", { name: "Lingua" })).toBeVisible();
  await expect(sidebar(page).getByRole("link", { name: "Clienti" })).toBeVisible();
  await expect(page).toHaveTitle(/Partner Manager/);

  await chooseLanguage(page, "en");
  await expect(sidebar(page).getByRole("link", { name: "Clients" })).toBeVisible();
  await signOut(page);
});

const PEOPLE: { email: string; locale: Locale; links: string[]; menu: string }[] = [
  { email: "claire@helvetia-bakery.test", locale: "fr-CH", links: ["Produits", "Partenaire", "Factures"], menu: "Menu" },
  { email: "marc@alpine-web.test", locale: "de-CH", links: ["Produkte", "Kunden", "Rechnungen", "Prepaid-Konto"], menu: "Menü" },
  { email: "sofia@lakeside-it.test", locale: "it-CH", links: ["Prodotti", "Clienti", "Fatture", "Conto prepagato"], menu: "Menu" },
  { email: "nora@manager.test", locale: "en", links: ["Audit"], menu: "Menu" },
];

for (const person of PEOPLE) {
  test(`${person.email} works in ${person.locale}: the shell says so, with nothing left in English`, async ({ page }) => {
    await signIn(page, person.email, person.locale);
    await expect(page.locator("html")).toHaveAttribute("lang", person.locale);
    for (const name of person.links) await expect(sidebar(page).getByRole("link", { name, exact: true })).toBeVisible();
    await page.getByRole("complementary").locator("summary").click();
    await expectTranslated(page.getByRole("complementary"), person.locale);
    // On a phone the sidebar hides behind the top bar's menu button, named in the same language.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole("banner").getByRole("button", { name: person.menu, exact: true })).toBeVisible();
    await expectTranslated(page.getByRole("banner"), person.locale);
    await page.setViewportSize({ width: 1280, height: 720 });
    await signOut(page);
  });
}
