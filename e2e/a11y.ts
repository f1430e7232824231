// Shared page checks for phone and accessibility: every spec that opens a page can hold it to them.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "./fixtures";

/** WCAG 2.0 A/AA, 2.1 AA and 2.2 AA: the rules axe runs on every page state we check. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Fails with axe's own report (rule, target, summary) when the page state has any violation. */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  // Right after a client navigation Next may not have put the new page's <title> in yet: wait for one
  // (a page that never gets a title still fails here, and axe's document-title rule stays on).
  await expect(page, `a title on ${label}`).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const found = violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${n.failureSummary ?? v.help}`));
  expect(found, `axe violations on ${label}`).toEqual([]);
}

/** WCAG 1.4.10 Reflow: the page itself never scrolls sideways (a wide element may scroll inside its own box). */
export async function expectNoHorizontalScroll(page: Page, label = page.url()): Promise<void> {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  expect(overflow.scrollWidth, `${label} scrolls sideways at ${overflow.clientWidth} px`).toBeLessThanOrEqual(overflow.clientWidth);
}

/** A phone in portrait (390 × 844) and a desktop (1280 × 800), the two widths every page is checked at. */
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

/** The narrowest width WCAG 1.4.10 asks for: a small phone, or a 1280 px window at 400 % zoom. */
export const NARROW = { width: 320, height: 640 };

/**
 * Every check the shell promises for the page shown now, without reloading it (the width and the colour
 * scheme apply live): no sideways scroll at 320, 390 and 1280 px, and axe at 390 and 1280 px in the light
 * and the dark theme. Leaves the page at the desktop width in the light theme.
 */
export async function expectGoodEverywhere(page: Page, label: string): Promise<void> {
  for (const size of [NARROW, PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await expectNoHorizontalScroll(page, `${label} at ${size.width} px`);
    if (size === NARROW) continue;
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await expectAccessible(page, `${label} at ${size.width} px, ${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
}
