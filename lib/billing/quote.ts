// What an order would cost, said from the viewer's side, before it is placed. Pure: built on decideOrder.
import type { Currency, OrderKind } from "../domain";
import { formatMoney } from "../format";
import { formatRate } from "./money";
import { decideOrder, type BillingOrg, type BillingPartnership, type PlacedBy } from "./rules";

export type QuoteInput = {
  kind: OrderKind;
  viewerOrgId: string;
  customer: BillingOrg;
  partnerships: BillingPartnership[];
  product: { label: string; priceMinor: number; currency: Currency };
  period: { start: string; end: string };
  placedBy: PlacedBy;
};

/** One sentence: who would be invoiced how much, and who would earn what; or why it cannot be ordered. */
export function quoteSentence(q: QuoteInput): { ok: boolean; text: string } {
  let decision;
  try {
    decision = decideOrder({ kind: q.kind, customer: q.customer, partnerships: q.partnerships, product: q.product, period: q.period, placedBy: q.placedBy });
  } catch {
    return { ok: false, text: "This order cannot be priced: the paying organization's VAT rate is not configured." };
  }
  if (!decision.ok) return { ok: false, text: "Only the client can order or renew this product." };
  const { plan } = decision;
  const money = (m: number) => formatMoney(m, plan.currency);
  const payer = plan.payerOrgId === q.viewerOrgId ? "you" : plan.payer === "customer" ? q.customer.name
    : (q.partnerships.find((p) => p.id === plan.partnershipId)?.partner.name ?? "the partner");
  const vat = formatRate(plan.lines[0]!.vatRateBp);
  const discountLine = plan.lines[1];
  const breakdown = discountLine
    ? `${money(q.product.priceMinor)} − ${money(-discountLine.amountMinor)} reseller discount + ${vat} VAT`
    : `${money(plan.subtotalMinor)} + ${vat} VAT`;
  let text = `Invoiced to ${payer}: ${money(plan.totalMinor)} (${breakdown}).`;
  if (plan.cashback) {
    const earner = plan.cashback.partnerOrgId === q.viewerOrgId ? "You earn"
      : `${q.partnerships.find((p) => p.partner.id === plan.cashback!.partnerOrgId)?.partner.name ?? "Your partner"} earns`;
    text += ` ${earner} ${money(plan.cashback.amountMinor)} cashback.`;
  }
  return { ok: true, text };
}
