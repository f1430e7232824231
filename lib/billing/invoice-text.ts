// How an invoice reads in one language: its lines (stored as a code and values, rendered per reader),
// VAT per rate, the payment terms and the payment, for the page, the PDF and the emails alike.
import "server-only";
import type { Currency, InvoiceParty, PaymentMethod } from "../domain";
import { formatDate, formatMoney, formatRate } from "../format";
import type { Locale } from "../i18n/locales";
import { translator } from "../i18n/translator";

export type LineForText = { description: string; code: string | null; params: Record<string, string | number> | null };

const day = (isoDate: string, locale: Locale) => formatDate(new Date(`${isoDate}T12:00:00Z`), locale);

/**
 * A line in the reader's language. Lines issued with a code are rendered from it; a line without one
 * (issued before codes existed), or with a code this version does not know, reads as it was issued.
 */
export function lineText(line: LineForText, locale: Locale): string {
  const t = translator(locale, "invoices");
  const p = line.params ?? {};
  if (line.code === "subscription" && typeof p.product === "string" && typeof p.start === "string" && typeof p.end === "string") {
    return t("line.subscription", { product: p.product, kind: t(p.kind === "renewal" ? "kind.renewal" : "kind.new"), start: day(p.start, locale), end: day(p.end, locale) });
  }
  if (line.code === "resellerDiscount" && typeof p.rateBp === "number") {
    return t("line.resellerDiscount", { rate: formatRate(p.rateBp, locale) });
  }
  return line.description;
}

/** VAT grouped by rate, as MWSTG art. 26 asks: the rate, the amount it applies to and the tax. */
export function vatByRate(lines: readonly { amountMinor: number; vatRateBp: number; vatMinor: number }[]) {
  const groups = new Map<number, { rateBp: number; baseMinor: number; vatMinor: number }>();
  for (const l of lines) {
    const g = groups.get(l.vatRateBp) ?? { rateBp: l.vatRateBp, baseMinor: 0, vatMinor: 0 };
    g.baseMinor += l.amountMinor;
    g.vatMinor += l.vatMinor;
    groups.set(l.vatRateBp, g);
  }
  return [...groups.values()].sort((a, b) => a.rateBp - b.rateBp);
}

/** The supply period as a reader writes it: "1 Mar 2026 – 28 Feb 2027" (one day alone when it is one). */
export function supplyPeriodText(inv: { supplyStart: string | null; supplyEnd: string | null }, locale: Locale): string | null {
  if (!inv.supplyStart) return null;
  if (!inv.supplyEnd || inv.supplyEnd === inv.supplyStart) return day(inv.supplyStart, locale);
  return translator(locale, "invoices")("detail.period", { start: day(inv.supplyStart, locale), end: day(inv.supplyEnd, locale) });
}

/** The payment terms in words: "Payable within 30 days, by 31 Mar 2026, without deduction." */
export function paymentTermsText(inv: { paymentTermsDays: number | null; dueDate: string | null }, locale: Locale): string | null {
  if (!inv.dueDate) return null;
  const t = translator(locale, "invoices");
  return inv.paymentTermsDays === null
    ? t("terms.byDate", { due: day(inv.dueDate, locale) })
    : t("terms.within", { days: inv.paymentTermsDays, due: day(inv.dueDate, locale) });
}

/** "Paid on 12 Mar 2026 from the prepaid account", or null while unpaid. */
export function paymentText(inv: { status: string; paidAt: Date | null; paymentMethod: PaymentMethod | null }, locale: Locale): string | null {
  if (inv.status !== "paid" || !inv.paidAt) return null;
  const t = translator(locale, "invoices");
  return t("payment.paidOn", { date: formatDate(inv.paidAt, locale), method: inv.paymentMethod ?? "unknown" });
}

/** A party's address lines (street, "8000 Zürich", country when abroad), nothing when it has none. */
export function addressLines(party: InvoiceParty | null, seenFrom = "CH"): string[] {
  const a = party?.address;
  if (!a) return [];
  return [a.street, `${a.postalCode} ${a.city}`, ...(a.country !== seenFrom ? [a.country] : [])];
}

export const moneyIn = (currency: Currency, locale: Locale) => (minor: number) => formatMoney(minor, currency, locale);

export const dayText = day;
