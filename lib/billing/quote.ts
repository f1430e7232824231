// What an order would cost, said from the viewer's side, before it is placed, in the viewer's language
// (English when the caller does not say). Built on decideOrder, so a quote says what the invoice will.
import "server-only";
import type { Currency, OrderKind } from "../domain";
import { formatMoney, formatRate } from "../format";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";
import { translator } from "../i18n/translator";
import { decideOrder, type BillingOrg, type BillingPartnership, type PlacedBy } from "./rules";

export type QuoteInput = {
  kind: OrderKind;
  viewerOrgId: string;
  customer: BillingOrg;
  partnerships: BillingPartnership[];
  product: { label: string; priceMinor: number; currency: Currency };
  period: { start: string; end: string };
  placedBy: PlacedBy;
  /** The reader's language (the `invoices.quote` messages). */
  locale?: Locale;
};

/** One sentence: who would be invoiced how much, and who would earn what; or why it cannot be ordered. */
export function quoteSentence(q: QuoteInput): { ok: boolean; text: string } {
  const locale = q.locale ?? DEFAULT_LOCALE;
  const t = translator(locale, "invoices");
  let decision;
  try {
    decision = decideOrder({ kind: q.kind, customer: q.customer, partnerships: q.partnerships, product: q.product, period: q.period, placedBy: q.placedBy });
  } catch {
    return { ok: false, text: t("quote.notPriced") };
  }
  if (!decision.ok) return { ok: false, text: t("quote.clientOnly") };
  const { plan } = decision;
  const money = (m: number) => formatMoney(m, plan.currency, locale);
  const vat = formatRate(plan.lines[0]!.vatRateBp, locale);
  const discountLine = plan.lines[1];
  const breakdown = discountLine
    ? t("quote.breakdownDiscount", { price: money(q.product.priceMinor), discount: money(-discountLine.amountMinor), vat })
    : t("quote.breakdown", { subtotal: money(plan.subtotalMinor), vat });
  const payer = plan.payer === "customer" ? q.customer.name : (q.partnerships.find((p) => p.id === plan.partnershipId)?.partner.name ?? "");
  const sentences = [plan.payerOrgId === q.viewerOrgId
    ? t("quote.invoicedToYou", { total: money(plan.totalMinor), breakdown })
    : t("quote.invoicedTo", { payer, total: money(plan.totalMinor), breakdown })];
  if (plan.cashback) {
    const cashback = money(plan.cashback.amountMinor);
    const earner = q.partnerships.find((p) => p.partner.id === plan.cashback!.partnerOrgId)?.partner.name ?? "";
    sentences.push(plan.cashback.partnerOrgId === q.viewerOrgId ? t("quote.youEarn", { cashback }) : t("quote.partnerEarns", { partner: earner, cashback }));
  }
  return { ok: true, text: sentences.join(" ") };
}
