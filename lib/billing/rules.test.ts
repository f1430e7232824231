// Every row of PRODUCT.md's who-pays table, in both currencies and both Swiss VAT periods.
import { describe, expect, it } from "vitest";
import type { AccessLevel, PartnershipStatus, PaymentMode } from "../domain";
import { decideOrder, responsiblePartnership, type BillingPartnership, type OrderRequest, type PlacedBy } from "./rules";

const CHF = { customer: { id: "c", name: "Helvetia Bakery SA", currency: "CHF" as const, vatRateBp: null } };
const EUR = { customer: { id: "c", name: "Boulangerie Lyonnaise SARL", currency: "EUR" as const, vatRateBp: 2000 } };

function partnership(over: { access: AccessLevel; paymentMode?: PaymentMode; status?: PartnershipStatus; managesProduct?: boolean; currency?: "CHF" | "EUR"; id?: string; partnerId?: string; activatedAt?: Date; rateBp?: number }): BillingPartnership {
  const currency = over.currency ?? "CHF";
  return {
    id: over.id ?? "ps", status: over.status ?? "active", access: over.access, paymentMode: over.paymentMode ?? "customer",
    activatedAt: over.activatedAt ?? new Date("2024-01-01T00:00:00Z"), managesProduct: over.managesProduct ?? false,
    partner: { id: over.partnerId ?? "p", name: "Alpine Web Studio", currency, vatRateBp: currency === "EUR" ? 1900 : null, resellerRateBp: over.rateBp ?? 2000 },
  };
}

function order(base: typeof CHF | typeof EUR, over: Partial<OrderRequest> & { start?: string }): OrderRequest {
  const start = over.start ?? "2025-03-01";
  return {
    kind: "renewal", customer: base.customer,
    product: { label: "Web Hosting Pro", priceMinor: 16_800, currency: base.customer.currency },
    period: { start, end: `${Number(start.slice(0, 4)) + 1}${start.slice(4)}` },
    partnerships: [], placedBy: { side: "customer" }, ...over,
  };
}

const byPartner: PlacedBy = { side: "partner", partnerOrgId: "p" };
const byCustomer: PlacedBy = { side: "customer" };
const bySystem: PlacedBy = { side: "system" };

// P = 168.00; rate 20 % → benefit 33.60. Swiss VAT 8.1 % from 2024, 7.7 % before; 20 % for the French customer, 19 % for the German partner.
type Row = {
  name: string; base: typeof CHF | typeof EUR; start: string; partnerships: BillingPartnership[]; placedBy: PlacedBy;
  payer: "customer" | "partner"; lines: [number, number][]; cashback: number | null;
};
const full = (paymentMode: PaymentMode, currency: "CHF" | "EUR" = "CHF") => [partnership({ access: "full", paymentMode, currency })];
const limitedManaging = (currency: "CHF" | "EUR" = "CHF") => [partnership({ access: "limited", managesProduct: true, currency })];
const ROWS: Row[] = [];
for (const [base, currency, start, customerVat, partnerVat] of [
  [CHF, "CHF", "2025-03-01", 810, 810], [CHF, "CHF", "2023-06-30", 770, 770], [EUR, "EUR", "2025-03-01", 2000, 1900],
] as const) {
  const vat = (amount: number, bp: number): [number, number] => [amount, Math.round((amount * bp) / 10_000)];
  const tag = `${currency}, supply ${start}`;
  for (const placedBy of [byPartner, byCustomer, bySystem]) {
    ROWS.push({ name: `full, customer pays, placed by ${placedBy.side} (${tag})`, base, start, partnerships: full("customer", currency), placedBy,
      payer: "customer", lines: [vat(16_800, customerVat)], cashback: 3_360 });
  }
  for (const placedBy of [byPartner, bySystem]) {
    ROWS.push({ name: `full, partner pays, placed by ${placedBy.side} (${tag})`, base, start, partnerships: full("partner", currency), placedBy,
      payer: "partner", lines: [vat(16_800, partnerVat), vat(-3_360, partnerVat)], cashback: null });
  }
  ROWS.push({ name: `full, partner pays, placed by the customer directly (${tag})`, base, start, partnerships: full("partner", currency), placedBy: byCustomer,
    payer: "customer", lines: [vat(16_800, customerVat)], cashback: 3_360 });
  for (const placedBy of [byCustomer, bySystem]) {
    ROWS.push({ name: `limited, product managed, placed by ${placedBy.side} (${tag})`, base, start, partnerships: limitedManaging(currency), placedBy,
      payer: "customer", lines: [vat(16_800, customerVat)], cashback: 3_360 });
    ROWS.push({ name: `limited, product not managed, placed by ${placedBy.side} (${tag})`, base, start,
      partnerships: [partnership({ access: "limited", managesProduct: false, currency })], placedBy, payer: "customer", lines: [vat(16_800, customerVat)], cashback: null });
    for (const status of ["ended", "pending", "refused", "deleted"] as const) {
      ROWS.push({ name: `${status} full partner-pays partnership, placed by ${placedBy.side} (${tag})`, base, start,
        partnerships: [partnership({ access: "full", paymentMode: "partner", status, currency })], placedBy, payer: "customer", lines: [vat(16_800, customerVat)], cashback: null });
    }
    ROWS.push({ name: `no partnership, placed by ${placedBy.side} (${tag})`, base, start, partnerships: [], placedBy,
      payer: "customer", lines: [vat(16_800, customerVat)], cashback: null });
  }
}

describe("decideOrder: the who-pays table", () => {
  it.each(ROWS.map((r) => [r.name, r] as const))("%s", (_name, row) => {
    const decision = decideOrder(order(row.base, { start: row.start, partnerships: row.partnerships, placedBy: row.placedBy }));
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    const { plan } = decision;
    expect(plan.payer).toBe(row.payer);
    expect(plan.payerOrgId).toBe(row.payer === "partner" ? "p" : "c");
    expect(plan.currency).toBe(row.base.customer.currency);
    expect(plan.lines.map((l) => [l.amountMinor, l.vatMinor])).toEqual(row.lines);
    const subtotal = row.lines.reduce((s, [a]) => s + a, 0);
    const vat = row.lines.reduce((s, [, v]) => s + v, 0);
    expect(plan).toMatchObject({ subtotalMinor: subtotal, vatMinor: vat, totalMinor: subtotal + vat });
    expect(plan.cashback).toEqual(row.cashback === null ? null : { partnerOrgId: "p", amountMinor: row.cashback, currency: row.base.customer.currency });
    if (row.payer === "partner") expect(plan.lines[1]!.description).toBe("Reseller discount (20 % of the public price)");
  });

  it("refuses an order placed by a limited partner, new or renewal", () => {
    for (const kind of ["new", "renewal"] as const) {
      expect(decideOrder(order(CHF, { kind, partnerships: limitedManaging(), placedBy: byPartner }))).toEqual({ ok: false, reason: "limited_partner" });
    }
  });

  it("refuses an order placed by a partner whose partnership is not active", () => {
    for (const status of ["pending", "ended", "refused", "deleted"] as const) {
      const partnerships = [partnership({ access: "full", paymentMode: "partner", status })];
      expect(decideOrder(order(CHF, { partnerships, placedBy: byPartner }))).toEqual({ ok: false, reason: "no_partnership" });
    }
    expect(decideOrder(order(CHF, { partnerships: full("partner"), placedBy: { side: "partner", partnerOrgId: "other" } })))
      .toEqual({ ok: false, reason: "no_partnership" });
  });

  it("never lets the renewal job place a new subscription", () => {
    expect(decideOrder(order(CHF, { kind: "new", placedBy: bySystem }))).toEqual({ ok: false, reason: "system_new_order" });
  });

  it("describes the line with the product, the kind and the period", () => {
    const d = decideOrder(order(CHF, { kind: "new", start: "2025-03-01" }));
    expect(d.ok && d.plan.lines[0]!.description).toBe("Web Hosting Pro: new subscription, 1 Mar 2025 – 29 Feb 2026".replace("29 Feb", "28 Feb"));
  });

  it("rounds the benefit half up: 0.5 centime becomes 1", () => {
    // 1,590 × 1,500 / 10,000 = 238.5 → 239; its 8.1 % VAT −19.359 → −19.
    const d = decideOrder(order(CHF, { product: { label: "Domain .ch", priceMinor: 1_590, currency: "CHF" }, partnerships: [partnership({ access: "full", paymentMode: "partner", rateBp: 1500 })], placedBy: byPartner }));
    expect(d.ok && d.plan.lines.map((l) => [l.amountMinor, l.vatMinor])).toEqual([[1_590, 129], [-239, -19]]);
    expect(d.ok && d.plan.totalMinor).toBe(1_590 + 129 - 239 - 19);
  });

  it("credits no cashback in a currency other than the partner's account", () => {
    const d = decideOrder(order(EUR, { partnerships: full("customer", "CHF"), placedBy: byCustomer }));
    expect(d.ok && d.plan.cashback).toBeNull();
    expect(d.ok && d.plan.benefitMinor).toBe(0);
  });

  it("rejects a negative or fractional public price", () => {
    expect(() => decideOrder(order(CHF, { product: { label: "x", priceMinor: -1, currency: "CHF" } }))).toThrow(RangeError);
    expect(() => decideOrder(order(CHF, { product: { label: "x", priceMinor: 10.5, currency: "CHF" } }))).toThrow(RangeError);
  });
});

describe("responsiblePartnership", () => {
  const fullOld = partnership({ access: "full", id: "full-old", partnerId: "a", activatedAt: new Date("2023-01-01") });
  const fullNew = partnership({ access: "full", id: "full-new", partnerId: "b", activatedAt: new Date("2024-01-01") });
  const limited = partnership({ access: "limited", id: "limited", partnerId: "c", managesProduct: true });

  it("gives a product listed for a limited partner to that partner, before any full-access partner", () => {
    expect(responsiblePartnership([fullOld, limited], byCustomer)?.id).toBe("limited");
    expect(responsiblePartnership([fullOld, limited], bySystem)?.id).toBe("limited");
  });

  it("otherwise picks the longest-standing full-access partnership", () => {
    expect(responsiblePartnership([fullNew, fullOld], byCustomer)?.id).toBe("full-old");
    expect(responsiblePartnership([fullNew, { ...limited, managesProduct: false }], bySystem)?.id).toBe("full-new");
  });

  it("uses the placing partner's own partnership for its orders", () => {
    expect(responsiblePartnership([fullOld, fullNew, limited], { side: "partner", partnerOrgId: "b" })?.id).toBe("full-new");
  });
});
