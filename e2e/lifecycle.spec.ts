import { expect, test, type Page } from "./fixtures";
import { waitForMail } from "./mailbox";
import { DEMO_PASSWORD, sidebar, signIn } from "./pages";

const CLAIRE = "claire@helvetia-bakery.test";
const INES = "ines@jura-hosting.test";

async function openPartner(page: Page, name: string) {
  await sidebar(page).getByRole("link", { name: "Partner" }).click();
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
}

test.describe("the partnership lifecycle, both sides", () => {
  test("invite with full access and partner pays, accept by the emailed link, edit access, end with the password", async ({ browser }) => {
    const claire = await (await browser.newContext()).newPage();
    const ines = await (await browser.newContext()).newPage();

    // Claire invites Jura Hosting Partners: full access, partner pays.
    await signIn(claire, CLAIRE);
    await sidebar(claire).getByRole("link", { name: "Partner" }).click();
    await claire.getByRole("link", { name: "Add a partner" }).click();
    await claire.getByLabel("Partner name or the email of one of its members").fill(INES);
    await claire.getByRole("button", { name: "Search" }).click();
    await claire.getByRole("link", { name: "Choose Jura Hosting Partners" }).click();
    const invite = claire.getByRole("region", { name: "Invite Jura Hosting Partners" });
    await invite.getByRole("radiogroup", { name: "Access" }).getByRole("radio", { name: /^Full/ }).check();
    await invite.getByRole("radiogroup", { name: "Payment mode" }).getByRole("radio", { name: /Partner pays/ }).check();
    await invite.getByRole("button", { name: "Continue" }).click();
    await expect(invite.getByRole("heading", { name: "Verify the invitation" })).toBeFocused();
    await expect(invite.getByText("expires after 14 days")).toBeVisible();
    await expect(invite.getByRole("listitem").filter({ hasText: "Payment mode:" })).toContainText("Partner pays");
    await invite.getByRole("button", { name: "Send invitation" }).click();

    await expect(claire.getByRole("heading", { name: "Jura Hosting Partners", level: 1 })).toBeVisible();
    await expect(claire.getByRole("status").filter({ hasText: "Invitation sent to Jura Hosting Partners" })).toBeVisible();
    await expect(claire.getByRole("region", { name: "Invitation" })).toContainText("Waiting for the answer of Jura Hosting Partners");
    const partnershipPath = new URL(claire.url()).pathname;

    // Ines gets the email, opens the link signed out, signs in, and lands back on the invitation.
    const invitation = await waitForMail(INES, /Helvetia Bakery SA invites Jura Hosting Partners/);
    expect(invitation.text).toContain("Partner pays");
    const link = /https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]{43}/.exec(invitation.text ?? "")?.[0];
    expect(link).toBeTruthy();
    await ines.goto(link!);
    await expect(ines).toHaveURL(/\/login\?next=/);
    await ines.getByLabel("Email").fill(INES);
    await ines.getByLabel("Password").fill(DEMO_PASSWORD);
    await ines.getByRole("button", { name: "Sign in" }).click();
    await expect(ines).toHaveURL(/\/invitations\//);
    const offer = ines.getByRole("region", { name: "Helvetia Bakery SA invites Jura Hosting Partners" });
    await expect(offer).toContainText("Payment mode: Partner pays");
    await offer.getByRole("button", { name: "Accept the invitation of Helvetia Bakery SA" }).click();
    await expect(ines.getByRole("heading", { name: "Helvetia Bakery SA", level: 1 })).toBeVisible();
    await expect(ines.getByRole("status").filter({ hasText: "You accepted the invitation of Helvetia Bakery SA" })).toBeVisible();
    const clientPath = new URL(ines.url()).pathname;
    // The client is in Ines's list and in its CSV export.
    const csv = await ines.request.get("/clients/export");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toMatch(/^Helvetia Bakery SA,full,partner,,\d{4}-\d{2}-\d{2}\r$/m);
    // The link worked once.
    await ines.goto(link!);
    await expect(ines.getByRole("status").filter({ hasText: "has been accepted" })).toBeVisible();

    // Claire is told, and sees the partnership active with the partner paying.
    await waitForMail(CLAIRE, /Jura Hosting Partners accepted your invitation/);
    await claire.goto(partnershipPath);
    await expect(claire.getByRole("region", { name: "Payment" }).getByText("Payment mode: Partner pays")).toBeVisible();
    await expect(claire.getByText("Active", { exact: true })).toBeVisible();
    await sidebar(claire).getByRole("link", { name: "Partner" }).click();
    await expect(claire.getByRole("row").filter({ hasText: "Jura Hosting Partners" })).toContainText(/Full.*Partner pays.*Active/);

    // Claire gives Lakeside IT full access, then limited again with the same products.
    await openPartner(claire, "Lakeside IT");
    const access = claire.getByRole("region", { name: "Access rights" });
    await expect(access.getByTestId("current-access")).toHaveText("Limited");
    const products = (await access.getByRole("listitem").allTextContents()).map((t) => t.replace(/\s*\([^)]*\)\s*$/, "").trim());
    expect(products.length).toBeGreaterThan(0);
    await access.getByRole("button", { name: "Edit access rights" }).click();
    await access.getByRole("radiogroup", { name: "Access" }).getByRole("radio", { name: /^Full/ }).check();
    await access.getByRole("button", { name: "Continue" }).click();
    await expect(access.getByRole("heading", { name: "Verify the change" })).toBeFocused();
    await expect(access.getByText("Limited → Full")).toBeVisible();
    await access.getByRole("button", { name: "Confirm" }).click();
    await expect(access.getByRole("status")).toHaveText(/Access rights changed to “Full”/);
    await expect(access.getByTestId("current-access")).toHaveText("Full");

    await access.getByRole("button", { name: "Edit access rights" }).click();
    await access.getByRole("radiogroup", { name: "Access" }).getByRole("radio", { name: /^Limited/ }).check();
    await access.getByRole("button", { name: "Continue" }).click();
    await expect(access.getByRole("alert").filter({ hasText: "Choose at least one product" })).toBeVisible();
    for (const label of products) await access.getByRole("checkbox", { name: label, exact: true }).check();
    await access.getByRole("button", { name: "Continue" }).click();
    await expect(access.getByText("Full → Limited")).toBeVisible();
    await expect(access.getByText("The payment mode is reset to “Customer pays”")).toBeVisible();
    await access.getByRole("button", { name: "Confirm" }).click();
    await expect(access.getByRole("status")).toHaveText(/Access rights changed to “Limited”. The payment mode is now “Customer pays”/);
    await expect(access.getByTestId("current-access")).toHaveText("Limited");
    for (const label of products) await expect(access.getByRole("listitem").filter({ hasText: label })).toBeVisible();
    // In Sofia's language: Italian as seeded, English if an earlier spec signed her in in English.
    await waitForMail("sofia@lakeside-it.test", /changed your access to “Limited”|ha cambiato il Suo accesso in «Limitato»/);

    // Ines ends the partnership: a wrong password changes nothing, hers ends it.
    await ines.goto(clientPath);
    await ines.getByRole("region", { name: "End partnership" }).getByRole("button", { name: "End partnership" }).click();
    const dialog = ines.getByRole("dialog", { name: "End the partnership with Helvetia Bakery SA?" });
    await expect(dialog.getByLabel("Your password")).toBeFocused();
    await dialog.getByLabel("Your password").fill("not-my-password");
    await dialog.getByRole("button", { name: "End partnership" }).click();
    await expect(dialog.getByRole("alert").filter({ hasText: "That password is not correct" })).toBeVisible();
    await dialog.getByLabel("Your password").fill(DEMO_PASSWORD);
    await dialog.getByRole("button", { name: "End partnership" }).click();
    await expect(ines).toHaveURL(/\/clients\?notice=ended$/);
    await expect(ines.getByRole("status").filter({ hasText: "The partnership has ended" })).toBeVisible();
    await expect(ines.getByRole("link", { name: "Helvetia Bakery SA" })).toHaveCount(0);

    // Claire is emailed; Ines's pages for that client are gone.
    const ended = await waitForMail(CLAIRE, /Jura Hosting Partners ended its partnership with Helvetia Bakery SA/);
    expect(ended.text).toContain("renewals are invoiced to Helvetia Bakery SA");
    expect((await ines.goto(clientPath))?.status()).toBe(404);
    await claire.goto(partnershipPath);
    await expect(claire.getByText("Ended", { exact: true })).toBeVisible();
    await expect(claire.getByRole("button", { name: "Edit access rights" })).toHaveCount(0);
    // The facts of an ended partnership: from its start until the day it ended (today), in the past tense.
    const today = new Intl.DateTimeFormat("en-CH", { dateStyle: "medium", timeZone: "Europe/Zurich" }).format(new Date());
    await expect(claire.getByTestId("partnership-period")).toHaveText(new RegExp(`^Partner of Helvetia Bakery SA from .+ until ${today}$`));
    await expect(claire.getByRole("region", { name: "Access rights" })).toContainText("The partner managed all the products of Helvetia Bakery SA.");
    await expect(claire.getByRole("region", { name: "Payment", exact: true })).toContainText("Payment mode when the partnership ended: Partner pays");
    await sidebar(claire).getByRole("link", { name: "Partner" }).click();
    await expect(claire.getByRole("row").filter({ hasText: "Jura Hosting Partners" })).toContainText(`Ended on ${today}`);

    await claire.context().close();
    await ines.context().close();
  });
});
