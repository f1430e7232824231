// The process-wide translators: shared per locale and namespace, and word for word what a fresh
// use-intl translator says, for every message of every catalogue.
import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { CATALOGUES, NAMESPACES } from "./catalog";
import { LOCALES, TIME_ZONE } from "./locales";
import { translator } from "./translator";

function leaves(tree: unknown, prefix = ""): string[] {
  if (typeof tree === "string") return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe("translator", () => {
  it("is one per locale and namespace, kept across calls", () => {
    expect(translator("fr-CH", "invoices")).toBe(translator("fr-CH", "invoices"));
    expect(translator("fr-CH", "invoices")).not.toBe(translator("de-CH", "invoices"));
    expect(translator("fr-CH", "invoices")).not.toBe(translator("fr-CH", "audit"));
  });

  it("says what a fresh translator says, twice, for every message without values", () => {
    const quiet = () => {}; // messages that need values report it; both sides give the same fallback
    for (const locale of LOCALES) {
      for (const ns of NAMESPACES) {
        const fresh = createTranslator({ locale, messages: CATALOGUES[locale], namespace: ns, timeZone: TIME_ZONE, onError: quiet });
        const kept = translator(locale, ns) as unknown as (key: string) => string;
        const keys = leaves(CATALOGUES[locale][ns]);
        expect(keys.length).toBeGreaterThan(0);
        const plain = keys.filter((k) => !/[{<]/.test(fresh.raw(k as never) as string));
        for (const key of plain) {
          expect(kept(key)).toBe(fresh(key as never));
          expect(kept(key)).toBe(fresh(key as never));
        }
      }
    }
  });

  it("formats values on every call, never from a remembered text", () => {
    const t = translator("en", "invoices");
    const a = t("list.intro", { org: "Helvetia Bakery SA" });
    const b = t("list.intro", { org: "Alpine Web Studio" });
    expect(a).toContain("Helvetia Bakery SA");
    expect(b).toContain("Alpine Web Studio");
    expect(b).not.toContain("Helvetia");
  });

  it("answers has() for keys built from data without remembering the missing ones as found", () => {
    const t = translator("en", "audit");
    expect(t.has("change.field.paymentMode" as never)).toBe(true);
    for (let i = 0; i < 3; i++) expect(t.has(`change.field.no-such-field-${i}` as never)).toBe(false);
    expect(t.has("change.field.paymentMode" as never)).toBe(true);
  });
});
