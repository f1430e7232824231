// The price sentences the Products page shows before anyone clicks: built with the billing rules.
import "server-only";
import { partnershipsForProduct, type CustomerBilling } from "@/db/billing-context";
import { billingNow } from "@/lib/billing/clock";
import { addYears, zurichDate } from "@/lib/billing/period";
import { quoteSentence } from "@/lib/billing/quote";
import type { PlacedBy } from "@/lib/billing/rules";
import { CATALOGUE } from "@/lib/catalogue";
import type { UserMembership } from "@/db/users";
import type { Currency } from "@/lib/domain";
import { formatMoney } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { translator } from "@/lib/i18n/translator";
import { categoryName } from "@/lib/product-category";
import { OFFER_KEYS } from "./messages";

const placedByOf = (m: UserMembership): PlacedBy => (m.orgIsPartner ? { side: "partner", partnerOrgId: m.orgId } : { side: "customer" });

export function renewalQuote(
  m: UserMembership,
  ctx: CustomerBilling | undefined,
  p: { id: string; label: string; priceMinor: number; currency: Currency; renewalDate: string; status: string },
  locale: Locale,
): { ok: boolean; text: string } {
  if (!ctx) return { ok: false, text: "" };
  const today = zurichDate(billingNow());
  const start = p.status === "expired" && p.renewalDate < today ? today : p.renewalDate;
  return quoteSentence({
    kind: "renewal", viewerOrgId: m.orgId, customer: ctx.customer, partnerships: partnershipsForProduct(ctx, p.id),
    product: p, period: { start, end: addYears(start) }, placedBy: placedByOf(m), locale,
  });
}

export type OfferQuote = { code: string; name: string; category: string; price: string; quote: string };

/** Each catalogue offer at this customer's price, and who would pay what if the viewer ordered it today. */
export function offerQuotes(m: UserMembership, ctx: CustomerBilling, locale: Locale): OfferQuote[] {
  const today = zurichDate(billingNow());
  const t = translator(locale, "products");
  const offerName = (code: string, name: string) => (OFFER_KEYS[code] ? t(`offer.${OFFER_KEYS[code]!}`) : name);
  return CATALOGUE.map((offer) => {
    const priceMinor = offer.prices[ctx.customer.currency];
    const q = quoteSentence({
      kind: "new", viewerOrgId: m.orgId, customer: ctx.customer, partnerships: partnershipsForProduct(ctx, null),
      product: { label: offerName(offer.code, offer.name), priceMinor, currency: ctx.customer.currency }, period: { start: today, end: addYears(today) },
      placedBy: placedByOf(m), locale,
    });
    return {
      code: offer.code, name: offerName(offer.code, offer.name), category: categoryName(t, offer.category),
      price: t("perYear", { price: formatMoney(priceMinor, ctx.customer.currency, locale) }), quote: q.text,
    };
  });
}

