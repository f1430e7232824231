// The Partner pages in each of their states pass axe (WCAG 2.0/2.1/2.2 A and AA) on a desktop: the list,
// a partner with its editors open at each step, the end dialog, a pending invitation, adding a partner.
import { PHONE, expectAccessible } from "./a11y";
import { expect, test } from "./fixtures";
import { sidebar, signIn, signOut } from "./pages";

test("the Partner pages pass axe in every state", async ({ page }) => {
  await signIn(page, "claire@helvetia-bakery.test", "en");
  await sidebar(page).getByRole("link", { name: "Partner" }).click();
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await expectAccessible(page, "partners list");

  await page.getByRole("link", { name: "Alpine Web Studio", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Alpine Web Studio", level: 1 })).toBeVisible();
  await expectAccessible(page, "partner detail");
  const payment = page.getByRole("region", { name: "Payment", exact: true });
  await payment.getByRole("button", { name: "Edit payment mode" }).click();
  await expect(payment.getByRole("radiogroup", { name: "Payment mode" })).toBeVisible();
  await expectAccessible(page, "payment editor");
  await payment.getByRole("radio", { name: /Partner pays/ }).check();
  await payment.getByRole("button", { name: "Continue" }).click();
  await expect(payment.getByRole("heading", { name: "Verify the change" })).toBeFocused();
  await expectAccessible(page, "payment verify step");
  await page.keyboard.press("Escape");

  const access = page.getByRole("region", { name: "Access rights" });
  await access.getByRole("button", { name: "Edit access rights" }).click();
  await access.getByRole("radio", { name: /^Limited/ }).check();
  await expectAccessible(page, "access editor with products");
  await page.keyboard.press("Escape");

  await page.getByRole("region", { name: "End partnership" }).getByRole("button", { name: "End partnership" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAccessible(page, "end dialog");
  await page.keyboard.press("Escape");

  await page.goto("/partners/new?q=Jura");
  await page.getByRole("link", { name: "Choose Jura Hosting Partners" }).click();
  await expect(page.getByRole("radiogroup", { name: "Access" })).toBeVisible();
  await expectAccessible(page, "add a partner");

  // A partner that bills in another currency is listed, but cannot be chosen: partnerships are in one currency.
  await page.goto("/partners/new?q=Isar");
  const isar = page.getByRole("list", { name: "Matching partners" }).getByRole("listitem").filter({ hasText: "Isar Webagentur GmbH" });
  await expect(isar).toContainText("Bills in EUR");
  await expect(isar.getByRole("link")).toHaveCount(0);
  await signOut(page);

  // An administrator's read-only view and a pending invitation.
  await signIn(page, "hanna@helvetia-bakery.test", "en");
  await sidebar(page).getByRole("link", { name: "Partner" }).click();
  await expect(page.getByTestId("read-only-hint")).toBeVisible();
  await expectAccessible(page, "read-only list");
  await signOut(page);
  await signIn(page, "anna@zurich-legal.test", "en");
  await sidebar(page).getByRole("link", { name: "Partner" }).click();
  await page.getByRole("link", { name: "Alpine Web Studio", exact: true }).click();
  await expect(page.getByRole("region", { name: "Invitation" })).toBeVisible();
  await expectAccessible(page, "pending invitation");
  await page.getByRole("button", { name: "Delete invitation" }).click();
  await expectAccessible(page, "delete confirmation");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Delete invitation" })).toBeFocused();
});

// WCAG 1.4.10 asks for content usable at 320 CSS px: on a phone the sidebar is a menu (the shell), so the
// page has the window's whole width, and every Partner page, editor and step must fit it.
test("on a phone the partners list is a list of cards, and no Partner page is wider than its main area", async ({ page }) => {
  await signIn(page, "claire@helvetia-bakery.test", "en");
  await page.setViewportSize(PHONE);
  await page.goto("/partners");
  const cards = page.getByRole("list", { name: "Partnerships of Helvetia Bakery SA" });
  await expect(cards.getByRole("listitem").filter({ hasText: "Léman Digital Sàrl" })).toContainText(/Ended on/);
  await expect(page.getByRole("table")).toHaveCount(0);
  const overflow = () => page.locator("main").evaluate((m) => {
    const wide = [...m.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > m.getBoundingClientRect().right + 1);
    return { fits: m.scrollWidth <= m.clientWidth, width: m.clientWidth, wide: wide.slice(0, 5).map((el) => `${el.tagName}.${el.className}`) };
  });
  const fits = async (label: string) => {
    const o = await overflow();
    expect(o.width, "the main area is no wider than the phone").toBeLessThanOrEqual(PHONE.width);
    expect(o, label).toMatchObject({ fits: true, wide: [] });
  };
  await fits("list");
  await cards.getByRole("link", { name: "Alpine Web Studio", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Alpine Web Studio", level: 1 })).toBeVisible();
  await fits("detail");
  await page.getByRole("button", { name: "Edit payment mode" }).click();
  await page.getByRole("radio", { name: /Partner pays/ }).check();
  await fits("payment editor");
  await page.getByRole("button", { name: "Continue" }).click();
  await fits("verify step");
  await page.keyboard.press("Escape");
  await page.goto("/partners/new?q=Jura");
  await page.getByRole("link", { name: "Choose Jura Hosting Partners" }).click();
  await fits("add a partner");
  await expectAccessible(page, "add a partner on a phone");
});
