// Issue #9 against the production server: what an attacker's browser or script can send, and what it gets.
import { expect, test, type Browser, type BrowserContext } from "./fixtures";
import { E2E_PORT } from "./ports";
import { DEMO_PASSWORD, sidebar, signIn, signOut } from "./pages";

const APP = `http://127.0.0.1:${E2E_PORT}`;

test.describe("security", () => {
  test("every response carries the security headers, with a fresh script nonce", async ({ request }) => {
    const nonces = new Set<string>();
    for (const path of ["/login", "/partners", "/invoices/export.csv", "/api/auth/csrf", "/robots.txt", "/no-such-page"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      const h = res.headers();
      expect(h["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(h["content-security-policy"], path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"], path).toContain("camera=()");
      nonces.add(/'nonce-([^']+)'/.exec(h["content-security-policy"]!)![1]!);
    }
    expect(nonces.size).toBe(6);
  });

  test("the server names each request itself: a client's X-Request-Id is not taken", async ({ request }) => {
    const res = await request.get("/login", { headers: { "X-Request-Id": "client-chosen", "x-pm-request-id": "client-chosen" } });
    expect(res.headers()["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("no page, not even one on the app's own origin, can frame a signed-in page", async ({ page, csp }) => {
    await signIn(page, "claire@helvetia-bakery.test");
    await sidebar(page).getByRole("link", { name: "Partner" }).click();
    await page.getByRole("link", { name: "Alpine Web Studio" }).click();
    await expect(page.getByRole("button", { name: "Edit payment mode" })).toBeVisible();
    const target = page.url();
    // The most favourable attacker: a page on the app's own origin (say, an uploaded HTML file), so the
    // session cookie goes along with the frame. Playwright serves it; the frame's request reaches the app.
    const attacker = `${APP}/attacker.html`;
    await page.route(attacker, (route) => route.fulfill({ contentType: "text/html", body: `<h1>Win a prize</h1><iframe title="app" src="${target}"></iframe>` }));
    csp.allow(/frame-ancestors/);
    const framed = page.waitForResponse((r) => r.url() === target);
    await page.goto(attacker);
    expect((await framed).status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Win a prize" })).toBeVisible();
    await expect.poll(() => csp.violations.some((v) => /frame-ancestors 'none'/.test(v))).toBe(true);
    await expect(page.frameLocator("iframe").getByRole("button", { name: "Edit payment mode" })).toHaveCount(0);
  });

  for (const next of ["%2F%5Cevil.example%2Fx", "%2F%09%2Fevil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example"]) {
    test(`sign-in with next=${next} stays on the app`, async ({ page }) => {
      const navigations: string[] = [];
      page.on("request", (r) => { if (r.isNavigationRequest()) navigations.push(r.url()); });
      await page.goto(`/login?next=${next}`);
      await page.getByLabel("Email").fill("hanna@helvetia-bakery.test");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(sidebar(page)).toBeVisible();
      expect(new URL(page.url()).origin).toBe(APP);
      expect(navigations.filter((u) => !u.startsWith(APP))).toEqual([]);
    });
  }

  test("after sign-out, a copy of the session cookie is worth nothing", async ({ page, browser }) => {
    await signIn(page, "marc@alpine-web.test");
    const stolen = await page.context().cookies();
    await signOut(page);
    const replay = await cookieJarWith(browser, stolen);
    const fresh = await browser.newContext();
    for (const context of [replay, fresh]) {
      const tab = await context.newPage();
      await tab.goto("/clients");
      await expect(tab.getByRole("button", { name: "Sign in" })).toBeVisible();
      expect((await context.request.get("/clients/export", { maxRedirects: 0 })).status()).toBe(404);
    }
  });

  test("sign out everywhere ends the user's session in every other browser", async ({ page, browser }) => {
    await signIn(page, "sofia@lakeside-it.test");
    const laptop = await (await browser.newContext()).newPage();
    await signIn(laptop, "sofia@lakeside-it.test");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page.getByRole("status").filter({ hasText: "You were signed out on every browser and device." })).toBeVisible();
    await laptop.reload();
    await expect(laptop.getByRole("button", { name: "Sign in" })).toBeVisible();
  });

  test("rotating X-Forwarded-For does not buy more password guesses", async ({ request }) => {
    const codes: (string | null)[] = [];
    for (let i = 0; i < 11; i++) {
      const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
      const res = await request.post("/api/auth/callback/credentials", {
        form: { csrfToken: csrf.csrfToken, email: "paolo@ticino-vini.test", password: `guess-${i}` },
        headers: { "X-Forwarded-For": `203.0.113.${i}` },
        maxRedirects: 0,
      });
      codes.push(new URL(res.headers()["location"]!).searchParams.get("code"));
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill("credentials"));
    expect(codes[10]).toBe("rate_limited");
  });
});

async function cookieJarWith(browser: Browser, cookies: Awaited<ReturnType<BrowserContext["cookies"]>>) {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  return context;
}
