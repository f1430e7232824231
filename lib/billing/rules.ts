// Who pays an order, what is invoiced and what the partner earns: PRODUCT.md's who-pays table, as one
// pure function. Pages, actions, the renewal job and the seed all bill through it (docs/billing.md).
import type { AccessLevel, Currency, OrderKind, PartnershipStatus, PaymentMode } from "../domain";
import { formatDate } from "../format";
import { applyBasisPoints, formatRate } from "./money";
import { vatRateBpFor } from "./vat";

export type BillingOrg = { id: string; name: string; currency: Currency; vatRateBp: number | null };

export type BillingPartnership = {
  id: string;
  status: PartnershipStatus;
  access: AccessLevel;
  paymentMode: PaymentMode;
  activatedAt: Date | null;
  /** With limited access: whether this product is one of those the partner manages. */
  managesProduct: boolean;
  partner: BillingOrg & { resellerRateBp: number | null };
};

/** Who places the order: a user of the customer, a user of one partner organization, or the renewal job. */
export type PlacedBy = { side: "customer" } | { side: "partner"; partnerOrgId: string } | { side: "system" };

export type OrderRequest = {
  kind: OrderKind;
  customer: BillingOrg;
  product: { label: string; priceMinor: number; currency: Currency };
  /** The period the order pays for: [start, end), calendar dates; the start is the date of supply for VAT. */
  period: { start: string; end: string };
  /** Every partnership of the customer, whatever its status: the rules pick the one that applies. */
  partnerships: readonly BillingPartnership[];
  placedBy: PlacedBy;
};

/**
 * What an invoice line says, as a message code and its values (docs/i18n.md): rendered in each reader's
 * language by lib/billing/invoice-text.ts; `description` is the same in English, stored beside it.
 */
export type InvoiceLineText =
  | { code: "subscription"; params: { product: string; kind: OrderKind; start: string; end: string } }
  | { code: "resellerDiscount"; params: { rateBp: number } };

export type InvoiceLinePlan = InvoiceLineText & { description: string; amountMinor: number; vatRateBp: number; vatMinor: number };

export type BillingPlan = {
  /** The partnership the order falls under, or null when no partner is involved. */
  partnershipId: string | null;
  payer: "customer" | "partner";
  payerOrgId: string;
  currency: Currency;
  lines: InvoiceLinePlan[];
  subtotalMinor: number;
  vatMinor: number;
  totalMinor: number;
  /** What the partner earns on the order, round(P × rate / 10,000), as a discount line or as cashback; 0 without one. */
  benefitMinor: number;
  cashback: { partnerOrgId: string; amountMinor: number; currency: Currency } | null;
};

export type BillingRefusal = "no_partnership" | "limited_partner" | "system_new_order";

export type BillingDecision = { ok: true; plan: BillingPlan } | { ok: false; reason: BillingRefusal };

const byActivation = (a: BillingPartnership, b: BillingPartnership) =>
  (a.activatedAt?.getTime() ?? 0) - (b.activatedAt?.getTime() ?? 0) || a.id.localeCompare(b.id);

/**
 * The partnership an order falls under. A partner's own order falls under its own partnership. An
 * order of the customer or of the renewal job falls under the partner that manages the product: a
 * limited partnership that lists it first (the customer assigned it that product by name), otherwise
 * a full-access partnership (the longest-standing one if several). Only active partnerships count:
 * pending, refused, ended and deleted ones give the partner nothing (rule 8).
 */
export function responsiblePartnership(
  partnerships: readonly BillingPartnership[],
  placedBy: PlacedBy,
): BillingPartnership | null {
  const active = partnerships.filter((p) => p.status === "active");
  if (placedBy.side === "partner") return active.find((p) => p.partner.id === placedBy.partnerOrgId) ?? null;
  const limited = active.filter((p) => p.access === "limited" && p.managesProduct).sort(byActivation)[0];
  if (limited) return limited;
  return active.filter((p) => p.access === "full").sort(byActivation)[0] ?? null;
}

export function decideOrder(req: OrderRequest): BillingDecision {
  const { product, customer, period } = req;
  if (!Number.isSafeInteger(product.priceMinor) || product.priceMinor < 0) throw new RangeError("a public price is a non-negative integer of minor units");
  if (req.kind === "new" && req.placedBy.side === "system") return { ok: false, reason: "system_new_order" };
  const p = responsiblePartnership(req.partnerships, req.placedBy);
  if (req.placedBy.side === "partner") {
    if (!p) return { ok: false, reason: "no_partnership" };
    if (p.access !== "full") return { ok: false, reason: "limited_partner" };
  }

  const rateBp = p?.partner.resellerRateBp ?? 0;
  const benefit = p ? applyBasisPoints(product.priceMinor, rateBp) : 0;
  // Partner pays only with full access, in partner mode, for what the partner or the renewal job orders;
  // what the customer orders directly is always invoiced to the customer.
  const partnerPays = p !== null && p.access === "full" && p.paymentMode === "partner" && req.placedBy.side !== "customer";
  const payer = partnerPays ? p.partner : customer;
  const vatRateBp = vatRateBpFor(payer, period.start);
  const line = (text: InvoiceLineText, description: string, amountMinor: number): InvoiceLinePlan =>
    ({ ...text, description, amountMinor, vatRateBp, vatMinor: applyBasisPoints(amountMinor, vatRateBp) });

  const lastDay = new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000);
  const what = req.kind === "renewal" ? "renewal" : "new subscription";
  const lines = [line(
    { code: "subscription", params: { product: product.label, kind: req.kind, start: period.start, end: lastDay.toISOString().slice(0, 10) } },
    `${product.label}: ${what}, ${formatDate(new Date(`${period.start}T00:00:00Z`))} – ${formatDate(lastDay)}`,
    product.priceMinor,
  )];
  if (partnerPays && benefit > 0) {
    lines.push(line({ code: "resellerDiscount", params: { rateBp } }, `Reseller discount (${formatRate(rateBp)} of the public price)`, -benefit));
  }

  const subtotalMinor = lines.reduce((s, l) => s + l.amountMinor, 0);
  const vatMinor = lines.reduce((s, l) => s + l.vatMinor, 0);
  // Cashback is credited in the partner's account currency; an order in another currency earns none
  // (docs/billing.md: partnerships are between organizations of one currency).
  const cashback = p && !partnerPays && benefit > 0 && p.partner.currency === product.currency
    ? { partnerOrgId: p.partner.id, amountMinor: benefit, currency: product.currency }
    : null;
  return {
    ok: true,
    plan: {
      partnershipId: p?.id ?? null,
      payer: partnerPays ? "partner" : "customer",
      payerOrgId: payer.id,
      currency: product.currency,
      lines,
      subtotalMinor,
      vatMinor,
      totalMinor: subtotalMinor + vatMinor,
      benefitMinor: partnerPays ? benefit : (cashback?.amountMinor ?? 0),
      cashback,
    },
  };
}
