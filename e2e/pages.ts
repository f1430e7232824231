// Page objects for the flows the specs repeat.
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "manager-demo";

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
}

export function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Main" });
}
