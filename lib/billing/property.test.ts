// Property tests: for any order the rules accept, the invoice adds up and no centime appears or vanishes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACCESS_LEVELS, PAYMENT_MODES } from "../domain";
import { applyBasisPoints } from "./money";
import { decideOrder, type BillingPartnership, type OrderRequest } from "./rules";

const currency = fc.constantFrom("CHF" as const, "EUR" as const);
const isoDate = fc.date({ min: new Date("2019-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const partnershipArb = (i: number) => fc.record({
  status: fc.constantFrom("pending" as const, "active" as const, "ended" as const, "refused" as const, "deleted" as const),
  access: fc.constantFrom(...ACCESS_LEVELS),
  paymentMode: fc.constantFrom(...PAYMENT_MODES),
  managesProduct: fc.boolean(),
  rateBp: fc.integer({ min: 0, max: 3_500 }),
  currency,
  vatRateBp: fc.integer({ min: 0, max: 2_700 }),
  activatedDay: fc.integer({ min: 0, max: 3_000 }),
}).map((r): BillingPartnership => ({
  id: `ps-${i}`, status: r.status, access: r.access, paymentMode: r.paymentMode, managesProduct: r.managesProduct,
  activatedAt: new Date(r.activatedDay * 86_400_000),
  partner: { id: `partner-${i}`, name: `Partner ${i}`, currency: r.currency, vatRateBp: r.vatRateBp, resellerRateBp: r.rateBp },
}));

const requestArb: fc.Arbitrary<OrderRequest> = fc.record({
  kind: fc.constantFrom("new" as const, "renewal" as const),
  currency,
  customerVat: fc.integer({ min: 0, max: 2_700 }),
  priceMinor: fc.integer({ min: 0, max: 100_000_000_000 }),
  start: isoDate,
  partnerships: fc.tuple(partnershipArb(0), partnershipArb(1), partnershipArb(2)).chain((all) => fc.subarray(all)),
  placedBy: fc.oneof(
    fc.constant({ side: "customer" as const }),
    fc.constant({ side: "system" as const }),
    fc.integer({ min: 0, max: 3 }).map((i) => ({ side: "partner" as const, partnerOrgId: `partner-${i}` })),
  ),
}).map((r) => ({
  kind: r.kind,
  customer: { id: "customer", name: "Customer", currency: r.currency, vatRateBp: r.customerVat },
  product: { label: "Product", priceMinor: r.priceMinor, currency: r.currency },
  period: { start: r.start, end: r.start },
  partnerships: r.partnerships,
  placedBy: r.placedBy,
}));

describe("billing properties", () => {
  it("lines + VAT = total, and every line's VAT follows its own rate", () => {
    fc.assert(fc.property(requestArb, (req) => {
      const d = decideOrder(req);
      if (!d.ok) return;
      const { plan } = d;
      expect(plan.subtotalMinor).toBe(plan.lines.reduce((s, l) => s + l.amountMinor, 0));
      expect(plan.vatMinor).toBe(plan.lines.reduce((s, l) => s + l.vatMinor, 0));
      expect(plan.totalMinor).toBe(plan.subtotalMinor + plan.vatMinor);
      for (const l of plan.lines) {
        expect(Number.isSafeInteger(l.amountMinor) && Number.isSafeInteger(l.vatMinor)).toBe(true);
        expect(l.vatMinor).toBe(applyBasisPoints(l.amountMinor, l.vatRateBp));
      }
    }), { numRuns: 2_000 });
  });

  it("creates and loses no centime: what the provider keeps plus what the partner earns is the public price", () => {
    fc.assert(fc.property(requestArb, (req) => {
      const d = decideOrder(req);
      if (!d.ok) return;
      const { plan } = d;
      const P = req.product.priceMinor;
      const cashback = plan.cashback?.amountMinor ?? 0;
      const discount = P - plan.subtotalMinor;
      // The partner earns either a discount or cashback, never both.
      expect(discount === 0 || cashback === 0).toBe(true);
      expect(plan.benefitMinor).toBe(discount + cashback);
      expect(plan.subtotalMinor - cashback + plan.benefitMinor).toBe(P);
      expect(plan.benefitMinor).toBeGreaterThanOrEqual(0);
      expect(plan.benefitMinor).toBeLessThanOrEqual(applyBasisPoints(P, 3_500));
      if (plan.payer === "partner") expect(plan.cashback).toBeNull();
    }), { numRuns: 2_000 });
  });

  it("bills the customer for everything the customer orders itself", () => {
    fc.assert(fc.property(requestArb, (req) => {
      const d = decideOrder({ ...req, placedBy: { side: "customer" } });
      expect(d.ok).toBe(true);
      if (d.ok) expect(d.plan).toMatchObject({ payer: "customer", payerOrgId: "customer", subtotalMinor: req.product.priceMinor });
    }), { numRuns: 500 });
  });
});
