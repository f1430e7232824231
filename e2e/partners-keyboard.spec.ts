// The FAQ's steps by keyboard alone (Tab, Enter, Space, arrows, Escape), and where the focus goes when
// an editor closes: back to the pencil that opened it.
import { expect, test, type Page } from "./fixtures";

type Locator = ReturnType<Page["locator"]>;
import { sidebar, signIn, signOut } from "./pages";

const CLAIRE = "claire@helvetia-bakery.test";

/** Presses Tab until `target` has the focus: how a keyboard user reaches it. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test("the FAQ flow by keyboard alone: Partner → partner → pencil → mode → Continue → Confirm, and Escape closes each step", async ({ page }) => {
  await signIn(page, CLAIRE, "en");
  await page.mouse.move(0, 0);

  await tabTo(page, sidebar(page).getByRole("link", { name: "Partner" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Partners", level: 1 })).toBeVisible();
  await tabTo(page, page.getByRole("link", { name: "Alpine Web Studio", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Alpine Web Studio", level: 1 })).toBeVisible();

  const payment = page.getByRole("region", { name: "Payment" });
  const pencil = payment.getByRole("button", { name: "Edit payment mode" });
  const modes = payment.getByRole("radiogroup", { name: "Payment mode" });

  // Escape at the choose step: the editor closes and the focus is back on the pencil.
  await tabTo(page, pencil);
  await page.keyboard.press("Enter");
  await expect(modes.getByRole("radio", { name: /Customer pays/ })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(modes).toHaveCount(0);
  await expect(pencil).toBeFocused();

  // Escape at the verify step: nothing is saved, the focus is back on the pencil.
  await page.keyboard.press("Enter");
  await expect(modes.getByRole("radio", { name: /Customer pays/ })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(modes.getByRole("radio", { name: /Partner pays/ })).toBeChecked();
  await tabTo(page, payment.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await expect(payment.getByRole("heading", { name: "Verify the change" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(payment.getByRole("heading", { name: "Verify the change" })).toHaveCount(0);
  await expect(pencil).toBeFocused();
  await expect(payment.getByTestId("current-payment-mode")).toHaveText("Customer pays");

  // The whole change: arrows choose, Enter continues, Space confirms.
  await page.keyboard.press("Space");
  await expect(modes.getByRole("radio", { name: /Customer pays/ })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await tabTo(page, payment.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await expect(payment.getByRole("heading", { name: "Verify the change" })).toBeFocused();
  await expect(payment.getByText("Customer pays → Partner pays")).toBeVisible();
  await tabTo(page, payment.getByRole("button", { name: "Confirm" }));
  await page.keyboard.press("Space");
  await expect(payment.getByRole("status")).toHaveText(/Payment mode changed to “Partner pays”/);
  await expect(payment.getByTestId("current-payment-mode")).toHaveText("Partner pays");
  await expect(pencil).toBeFocused();

  // And back, by keyboard again, so the demo ends as it began.
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowUp");
  await expect(modes.getByRole("radio", { name: /Customer pays/ })).toBeChecked();
  await tabTo(page, payment.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await tabTo(page, payment.getByRole("button", { name: "Confirm" }));
  await page.keyboard.press("Enter");
  await expect(payment.getByTestId("current-payment-mode")).toHaveText("Customer pays");
  await expect(pencil).toBeFocused();

  // The access editor closes on Escape too, and gives the focus back to its pencil.
  const access = page.getByRole("region", { name: "Access rights" });
  const accessPencil = access.getByRole("button", { name: "Edit access rights" });
  await tabTo(page, accessPencil);
  await page.keyboard.press("Enter");
  await expect(access.getByRole("radiogroup", { name: "Access" }).getByRole("radio", { checked: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(access.getByRole("radiogroup", { name: "Access" })).toHaveCount(0);
  await expect(accessPencil).toBeFocused();

  // A step that cannot go on puts the focus on what it says: the access unchanged.
  await page.keyboard.press("Enter");
  await tabTo(page, access.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await expect(access.getByRole("alert").filter({ hasText: "Change the access or the products, or cancel." })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(accessPencil).toBeFocused();
  await signOut(page);
});

test("a confirm refused because someone else changed the partnership meanwhile puts the focus on the error", async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  for (const page of [first, second]) {
    await signIn(page, CLAIRE, "en");
    await sidebar(page).getByRole("link", { name: "Partner" }).click();
    await page.getByRole("link", { name: "Alpine Web Studio", exact: true }).click();
    const payment = page.getByRole("region", { name: "Payment", exact: true });
    await payment.getByRole("button", { name: "Edit payment mode" }).click();
    await payment.getByRole("radio", { name: /Partner pays/ }).check();
    await payment.getByRole("button", { name: "Continue" }).click();
  }
  const one = first.getByRole("region", { name: "Payment", exact: true });
  await one.getByRole("button", { name: "Confirm" }).click();
  await expect(one.getByTestId("current-payment-mode")).toHaveText("Partner pays");

  const two = second.getByRole("region", { name: "Payment", exact: true });
  await two.getByRole("button", { name: "Confirm" }).click();
  const error = two.getByRole("alert").filter({ hasText: "changed by someone else meanwhile" });
  await expect(error).toBeFocused();
  // Escape still closes the editor and gives the focus back to the pencil.
  await second.keyboard.press("Escape");
  await expect(two.getByRole("button", { name: "Edit payment mode" })).toBeFocused();

  // Back as the demo began.
  await one.getByRole("button", { name: "Edit payment mode" }).click();
  await one.getByRole("radio", { name: /Customer pays/ }).check();
  await one.getByRole("button", { name: "Continue" }).click();
  await one.getByRole("button", { name: "Confirm" }).click();
  await expect(one.getByTestId("current-payment-mode")).toHaveText("Customer pays");
  await first.context().close();
  await second.context().close();
});
