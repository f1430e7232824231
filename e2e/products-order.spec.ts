// Marc orders for a client he picks by name: the order panel's Client combobox asks the server for
// matches (/products/clients), and the offers at that client's price arrive once it is chosen. The page
// itself carries neither the client list nor any client's quotes.
import { expect, test } from "./fixtures";
import { chooseInCombobox, sidebar, signIn } from "./pages";

test("Marc picks Matterhorn Sports AG in the Client combobox, sees its quote and orders for it", async ({ page }) => {
  await signIn(page, "marc@alpine-web.test");
  await sidebar(page).getByRole("link", { name: "Products" }).click();
  const panel = page.getByRole("region", { name: "Order a product" });
  await panel.getByRole("button", { name: "New order" }).click();
  await expect(panel.getByRole("combobox", { name: "Client" })).toBeFocused();
  await expect(panel.getByText("Choose the client first: its offers and prices appear here.")).toBeVisible();
  await expect(panel.getByRole("radio")).toHaveCount(0);

  // A limited client (Ticino) and a pending one (Zürich) are not offered.
  await panel.getByRole("combobox", { name: "Client" }).fill("Ticino");
  await expect(panel.getByText("No client matches.")).toBeAttached();
  await chooseInCombobox(panel, "Client", "matter", "Matterhorn Sports AG");
  await panel.getByRole("radio", { name: /Domain \.com/ }).check();
  await panel.getByLabel("Name").fill("matterhorn-e2e.com");
  await expect(panel.getByText(/Invoiced to you: CHF\s\d+\.\d{2}/)).toBeVisible();
  await panel.getByRole("button", { name: "Place order" }).click();
  await expect(panel.getByRole("status")).toContainText(/Ordered Domain \.com “matterhorn-e2e\.com” for Matterhorn Sports AG\./);
  await expect(page.getByRole("row").filter({ hasText: "matterhorn-e2e.com" })).toBeVisible();
});
