// Page objects for the flows the specs repeat.
import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "manager-demo";

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

export function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}

/** Picks an option of a filter combobox by typing part of its name and pressing Enter on the match. */
export async function chooseInCombobox(scope: Locator, label: string, typed: string, option: string) {
  const box = scope.getByRole("combobox", { name: label });
  await box.fill(typed);
  await expect(scope.getByRole("option", { name: option, selected: true })).toBeVisible();
  await box.press("Enter");
  await expect(box).toHaveValue(option);
}
