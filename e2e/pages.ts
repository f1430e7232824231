// Page objects for the flows the specs repeat.
import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "manager-demo";

export type Locale = "fr-CH" | "de-CH" | "it-CH" | "en";
export const LOCALE_NAMES: Record<Locale, string> = { "fr-CH": "Français", "de-CH": "Deutsch", "it-CH": "Italiano", en: "English" };

/**
 * Signs in (the sign-in page follows the browser: English here), then makes sure the user works in
 * `locale`, choosing it in the profile menu if needed: the choice is stored, so emails to that user
 * follow it too. Specs written against screens not converted yet pass "en" (the default).
 */
export async function signIn(page: Page, email: string, locale: Locale = "en") {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(sidebar(page)).toBeVisible();
  await chooseLanguage(page, locale);
}

/** The profile menu's language buttons, each named in its own language. */
export async function chooseLanguage(page: Page, locale: Locale) {
  if ((await page.locator("html").getAttribute("lang")) === locale) return;
  const menu = page.getByRole("complementary").locator("details");
  if ((await menu.getAttribute("open")) === null) await menu.locator("summary").click();
  await menu.getByRole("button", { name: LOCALE_NAMES[locale], exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

const SIGN_OUT = /^(Sign out|Se déconnecter|Abmelden|Esci)$/;

export async function signOut(page: Page) {
  await page.getByRole("complementary").getByRole("button", { name: SIGN_OUT }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

/** The sidebar's navigation, in whatever language the user works. */
export function sidebar(page: Page) {
  return page.getByRole("complementary").getByRole("navigation");
}

/** Picks an option of a filter combobox by typing part of its name and pressing Enter on the match. */
export async function chooseInCombobox(scope: Locator, label: string, typed: string, option: string) {
  const box = scope.getByRole("combobox", { name: label });
  await box.fill(typed);
  await expect(scope.getByRole("option", { name: option, selected: true })).toBeVisible();
  await box.press("Enter");
  await expect(box).toHaveValue(option);
}
