import { describe, expect, it } from "vitest";
import { consequencePreview, type PreviewInput } from "./preview";

const helvetia = { id: "helvetia", name: "Helvetia Bakery SA", currency: "CHF" as const, vatRateBp: null };
const alpine = { id: "alpine", name: "Alpine Web Studio", currency: "CHF" as const, vatRateBp: null, resellerRateBp: 2_000 };
const lakeside = { id: "lakeside", name: "Lakeside IT", currency: "CHF" as const, vatRateBp: null, resellerRateBp: 1_500 };

const input = (over: Partial<PreviewInput> = {}): PreviewInput => ({
  customer: helvetia,
  partnerships: [
    { id: "p-alpine", status: "active", access: "full", paymentMode: "customer", activatedAt: new Date("2024-01-01"), partner: alpine, managed: new Set() },
    { id: "p-lakeside", status: "active", access: "limited", paymentMode: "customer", activatedAt: new Date("2025-01-01"), partner: lakeside, managed: new Set(["domain"]) },
  ],
  partnershipId: "p-alpine",
  chosen: "partner",
  from: "2026-12-01",
  products: [
    { id: "hosting", label: "Web Hosting Pro", priceMinor: 16_800, currency: "CHF", renewalDate: "2027-01-15" },
    { id: "domain", label: "Domain .ch", priceMinor: 1_590, currency: "CHF", renewalDate: "2027-02-01" },
    { id: "mail", label: "Mail", priceMinor: 6_000, currency: "CHF", renewalDate: "2026-12-01" },
    { id: "later", label: "Later", priceMinor: 1_000, currency: "CHF", renewalDate: "2027-12-01" },
    { id: "before", label: "Before", priceMinor: 1_000, currency: "CHF", renewalDate: "2026-11-30" },
  ],
  ...over,
});

describe("the consequence preview", () => {
  it("prices each renewal in the window under both modes, as docs/billing.md's worked example", () => {
    const p = consequencePreview(input());
    expect(p.until).toBe("2027-12-01");
    // The domain falls under Lakeside's limited partnership (it lists it): unaffected, not shown.
    // "before" renews on 2026-11-30, before the window; its next renewal 2027-11-30 is inside it.
    expect(p.rows.map((r) => [r.productId, r.renewalDate])).toEqual([
      ["mail", "2026-12-01"], ["hosting", "2027-01-15"], ["before", "2027-11-30"],
    ]);
    const hosting = p.rows.find((r) => r.productId === "hosting")!;
    expect(hosting.current).toMatchObject({ ok: true, payer: "customer", payerOrgId: "helvetia", subtotalMinor: 16_800, vatMinor: 1_361, totalMinor: 18_161, vatRateBp: 810, benefit: "cashback", benefitMinor: 3_360 });
    expect(hosting.chosen).toMatchObject({ ok: true, payer: "partner", payerOrgId: "alpine", subtotalMinor: 13_440, vatMinor: 1_089, totalMinor: 14_529, benefit: "discount", benefitMinor: 3_360 });
  });

  it("adds up per payer under each mode", () => {
    const p = consequencePreview(input());
    const sum = (mode: "current" | "chosen", payer: "customer" | "partner") =>
      p.rows.map((r) => r[mode]).filter((s) => s.ok && s.payer === payer).reduce((t, s) => t + (s.ok ? s.totalMinor : 0), 0);
    expect(p.totals.current.customer.totalMinor).toBe(sum("current", "customer"));
    expect(p.totals.current.partner.count).toBe(0);
    expect(p.totals.chosen.customer.count).toBe(0);
    expect(p.totals.chosen.partner.totalMinor).toBe(sum("chosen", "partner"));
    expect(p.totals.current.cashbackMinor).toBe(p.totals.chosen.discountMinor);
    expect(p.totals.current.cashbackMinor).toBe(3_360 + 1_200 + 200);
  });

  it("covers an overdue product from the window's first day only, and a later schedule's window", () => {
    const p = consequencePreview(input({ from: "2027-02-01" }));
    expect(p.until).toBe("2028-02-01");
    expect(p.rows.map((r) => [r.productId, r.renewalDate])).toEqual([
      ["before", "2027-11-30"], ["later", "2027-12-01"], ["mail", "2027-12-01"], ["hosting", "2028-01-15"],
    ]);
  });

  it("lists a renewal it cannot price (EUR payer without a VAT rate) and leaves it out of the totals", () => {
    const eur = { ...helvetia, currency: "EUR" as const, vatRateBp: null };
    const p = consequencePreview(input({ customer: eur, products: [{ id: "x", label: "X", priceMinor: 1_000, currency: "EUR", renewalDate: "2027-01-01" }] }));
    expect(p.rows).toHaveLength(1);
    expect(p.rows[0]!.current.ok).toBe(false);
    expect(p.unpriced).toBe(1);
    expect(p.totals.current.customer.count).toBe(0);
  });
});
