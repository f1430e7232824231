// The consequence preview of a payment-mode switch (issue #14): for each renewal of the customer's products
// that falls under the partnership within the next 12 months (from the switch's date), who would be
// invoiced how much under the current mode and under the chosen one, and what the partner earns. Every
// figure comes from decideOrder (lib/billing/rules.ts), the function that bills the renewal when it
// happens, with the renewal job as the one who places it: no second copy of the rules. Pure.
import type { Currency, PaymentMode } from "../domain";
import { addYears } from "./period";
import { decideOrder, type BillingOrg, type BillingPartnership, type BillingPlan } from "./rules";
import { VatConfigurationError } from "./vat";

export type PreviewProduct = { id: string; label: string; priceMinor: number; currency: Currency; renewalDate: string };

export type PreviewInput = {
  customer: BillingOrg;
  /** The customer's active partnerships with the products each limited one lists (db/billing-context.ts). */
  partnerships: (Omit<BillingPartnership, "managesProduct"> & { managed: ReadonlySet<string> })[];
  /** The partnership whose mode would change, and the mode chosen. */
  partnershipId: string;
  chosen: PaymentMode;
  /** The customer's active products (the renewal job renews only those). */
  products: readonly PreviewProduct[];
  /** The first day the chosen mode would apply (today, or the scheduled date), Zurich calendar date. */
  from: string;
};

/** One side of a row: who is invoiced what for that renewal, and what the partner earns on it. */
export type PreviewSide =
  | {
    ok: true; payer: "customer" | "partner"; payerOrgId: string; subtotalMinor: number; vatMinor: number; totalMinor: number;
    vatRateBp: number; benefitMinor: number; benefit: "discount" | "cashback" | null; lines: BillingPlan["lines"];
  }
  | { ok: false };

export type PreviewRow = { productId: string; label: string; renewalDate: string; currency: Currency; priceMinor: number; current: PreviewSide; chosen: PreviewSide };

export type PayerTotals = { subtotalMinor: number; vatMinor: number; totalMinor: number; count: number };
export type ModeTotals = { customer: PayerTotals; partner: PayerTotals; cashbackMinor: number; discountMinor: number };

export type Preview = {
  from: string;
  /** The day after the window: [from, until). */
  until: string;
  currency: Currency;
  rows: PreviewRow[];
  totals: { current: ModeTotals; chosen: ModeTotals };
  /** Renewals that could not be priced (an EUR payer without a VAT rate): listed, left out of the totals. */
  unpriced: number;
};

const zero = (): PayerTotals => ({ subtotalMinor: 0, vatMinor: 0, totalMinor: 0, count: 0 });
const emptyTotals = (): ModeTotals => ({ customer: zero(), partner: zero(), cashbackMinor: 0, discountMinor: 0 });

/** The renewal dates of a product in [from, until): its next one, then yearly (an overdue product from `from` on). */
function renewalsIn(renewalDate: string, from: string, until: string): string[] {
  const out: string[] = [];
  for (let d = renewalDate, n = 0; d < until && n < 60; d = addYears(d), n++) if (d >= from) out.push(d);
  return out;
}

export function consequencePreview(input: PreviewInput): Preview {
  const until = addYears(input.from);
  const target = input.partnerships.find((p) => p.id === input.partnershipId);
  if (!target) throw new RangeError("the partnership is not among the customer's active partnerships");
  const withMode = (mode: PaymentMode, productId: string): BillingPartnership[] => input.partnerships.map(({ managed, ...p }) => ({
    ...p, paymentMode: p.id === input.partnershipId ? mode : p.paymentMode, managesProduct: managed.has(productId),
  }));
  const side = (mode: PaymentMode, product: PreviewProduct, start: string): PreviewSide | "elsewhere" => {
    let decision;
    try {
      decision = decideOrder({
        kind: "renewal", customer: input.customer, placedBy: { side: "system" }, period: { start, end: addYears(start) },
        product: { label: product.label, priceMinor: product.priceMinor, currency: product.currency }, partnerships: withMode(mode, product.id),
      });
    } catch (error) {
      if (error instanceof VatConfigurationError) return { ok: false };
      throw error;
    }
    if (!decision.ok) return { ok: false };
    const { plan } = decision;
    if (plan.partnershipId !== input.partnershipId) return "elsewhere";
    return {
      ok: true, payer: plan.payer, payerOrgId: plan.payerOrgId, subtotalMinor: plan.subtotalMinor, vatMinor: plan.vatMinor,
      totalMinor: plan.totalMinor, vatRateBp: plan.lines[0]!.vatRateBp, benefitMinor: plan.benefitMinor,
      benefit: plan.benefitMinor === 0 ? null : plan.payer === "partner" ? "discount" : "cashback", lines: plan.lines,
    };
  };

  const rows: PreviewRow[] = [];
  for (const product of input.products) {
    for (const date of renewalsIn(product.renewalDate, input.from, until)) {
      const current = side(target.paymentMode, product, date);
      const chosen = side(input.chosen, product, date);
      // A product another partnership manages (a limited one that lists it) is unaffected: not shown.
      if (current === "elsewhere" || chosen === "elsewhere") continue;
      rows.push({ productId: product.id, label: product.label, renewalDate: date, currency: product.currency, priceMinor: product.priceMinor, current, chosen });
    }
  }
  rows.sort((a, b) => (a.renewalDate < b.renewalDate ? -1 : a.renewalDate > b.renewalDate ? 1 : a.label.localeCompare(b.label) || a.productId.localeCompare(b.productId)));

  const totals = { current: emptyTotals(), chosen: emptyTotals() };
  let unpriced = 0;
  for (const row of rows) {
    if (!row.current.ok || !row.chosen.ok) { unpriced++; continue; }
    for (const mode of ["current", "chosen"] as const) {
      const s = row[mode] as Extract<PreviewSide, { ok: true }>;
      const t = totals[mode][s.payer];
      t.subtotalMinor += s.subtotalMinor;
      t.vatMinor += s.vatMinor;
      t.totalMinor += s.totalMinor;
      t.count++;
      if (s.benefit === "cashback") totals[mode].cashbackMinor += s.benefitMinor;
      if (s.benefit === "discount") totals[mode].discountMinor += s.benefitMinor;
    }
  }
  return { from: input.from, until, currency: input.customer.currency, rows, totals, unpriced };
}
