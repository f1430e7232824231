// The `test` every spec uses: Playwright's, plus a watch on every browser context the test opens (its
// own and any made with browser.newContext()) that fails the test when the browser reports a
// Content-Security-Policy violation. The policy (proxy.ts) is the production one, so the whole suite
// proves the app works under it. A test that provokes a violation on purpose says which with `csp.allow`.
import { test as base, expect, type BrowserContext } from "@playwright/test";

export { expect };
export type { Browser, BrowserContext, Page, Route } from "@playwright/test";

type CspWatch = { violations: string[]; allow(pattern: RegExp): void };

async function watch(context: BrowserContext, violations: string[]): Promise<void> {
  context.on("console", (message) => {
    if (/Content[ -]Security[ -]Policy|CSP violation/i.test(message.text())) violations.push(`${message.text()} (${message.location().url})`);
  });
  // Some violations (an eval probe caught in a try) reach the console only through this event.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline code"} at ${e.sourceFile}:${e.lineNumber}`));
  });
}

export const test = base.extend<{ csp: CspWatch }>({
  csp: [
    async ({ context, browser }, provide) => {
      const violations: string[] = [];
      const allowed: RegExp[] = [];
      await watch(context, violations);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const created = await newContext(...args);
        await watch(created, violations);
        return created;
      };
      try {
        await provide({ violations, allow: (pattern) => allowed.push(pattern) });
      } finally {
        browser.newContext = newContext;
      }
      expect(violations.filter((v) => !allowed.some((p) => p.test(v))), "CSP violations reported by the browser").toEqual([]);
    },
    { auto: true },
  ],
});
