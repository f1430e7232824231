// The lint rules that keep user-visible literals out of converted components (eslint.config.mjs).
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(code: string, filePath = "components/lint-fixture.tsx"): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("user-visible literals in components", () => {
  it("fails on text in JSX, in a child's condition, in a visible attribute, and in a page title", async () => {
    const found = await problems(`
      export const metadata = { title: "Invoices" };
      export function Card({ ok }: { ok: boolean }) {
        return (<section aria-label="Payment"><h2>Payment mode</h2><p>{ok ? "Saved" : "Failed"}</p><input placeholder="Search" /></section>);
      }
    `);
    expect(found.some((m) => m.includes("Payment mode"))).toBe(true);
    expect(found.some((m) => m.includes("“Saved”"))).toBe(true);
    expect(found.some((m) => m.includes("“Payment” in the aria-label attribute"))).toBe(true);
    expect(found.some((m) => m.includes("“Search” in the placeholder attribute"))).toBe(true);
    expect(found.some((m) => m.includes("“Invoices” in the page title"))).toBe(true);
  }, 60_000);

  it("accepts translated text, class names, punctuation and symbols", async () => {
    expect(await problems(`
      import { useTranslations } from "next-intl";
      export function Card({ a, b }: { a: string; b: string }) {
        const t = useTranslations("common");
        return (<p className="text-sm" aria-label={t("saving")}>{a} · {b} — {t("saving")}{b ? "" : null}</p>);
      }
    `)).toEqual([]);
  }, 60_000);
});
