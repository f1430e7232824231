// The consequence preview as the verify step shows it: amounts and dates formatted in the reader's
// language on the server, so the client component only lays them out (and carries no formatting code).
import "server-only";
import type { PreviewSide } from "@/lib/billing/preview";
import type { SwitchPreview } from "@/db/switch-preview";
import { addDays } from "@/lib/billing/terms";
import { formatDate, formatMoney, formatRate } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";

export type SideView =
  | { ok: true; payer: string; incl: string; excl: string; rate: string; benefit: { kind: "cashback" | "discount"; amount: string } | null }
  | { ok: false };
export type TotalView = { incl: string; excl: string; count: number };
export type PreviewView = {
  from: string;
  to: string;
  totals: { payer: string; current: TotalView; chosen: TotalView }[];
  benefit: { current: { kind: "cashback" | "discount"; amount: string } | null; chosen: { kind: "cashback" | "discount"; amount: string } | null };
  /** The next NEXT_RENEWALS renewals, or all of them when asked (the expanded list). */
  rows: { key: string; date: string; product: string; current: SideView; chosen: SideView }[];
  /** How many renewals the period holds. */
  count: number;
  unpaid: { number: string; amount: string; due: string | null }[];
  unpriced: number;
};

/** What the concise preview lists; the rest is formatted and sent only when the reader expands it. */
export const NEXT_RENEWALS = 3;

export function previewView(p: SwitchPreview, { locale, customerName, partnerName, all = false }: {
  locale: Locale; customerName: string; partnerName: string; all?: boolean;
}): PreviewView {
  const money = (minor: number) => formatMoney(minor, p.currency, locale);
  const day = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`), locale);
  const side = (s: PreviewSide): SideView => s.ok
    ? {
      ok: true, payer: s.payer === "customer" ? customerName : partnerName, incl: money(s.totalMinor), excl: money(s.subtotalMinor),
      rate: formatRate(s.vatRateBp, locale), benefit: s.benefit ? { kind: s.benefit, amount: money(s.benefitMinor) } : null,
    }
    : { ok: false };
  const total = (t: SwitchPreview["totals"]["current"]["customer"]): TotalView => ({ incl: money(t.totalMinor), excl: money(t.subtotalMinor), count: t.count });
  const benefit = (t: SwitchPreview["totals"]["current"]) =>
    t.discountMinor > 0 ? { kind: "discount" as const, amount: money(t.discountMinor) }
      : t.cashbackMinor > 0 ? { kind: "cashback" as const, amount: money(t.cashbackMinor) } : null;
  return {
    from: day(p.from),
    to: day(addDays(p.until, -1)),
    totals: (["customer", "partner"] as const).map((payer) => ({
      payer: payer === "customer" ? customerName : partnerName, current: total(p.totals.current[payer]), chosen: total(p.totals.chosen[payer]),
    })),
    benefit: { current: benefit(p.totals.current), chosen: benefit(p.totals.chosen) },
    count: p.rows.length,
    rows: (all ? p.rows : p.rows.slice(0, NEXT_RENEWALS)).map((r) => ({ key: `${r.productId}@${r.renewalDate}`, date: day(r.renewalDate), product: r.label, current: side(r.current), chosen: side(r.chosen) })),
    unpaid: p.unpaid.map((i) => ({ number: i.number, amount: formatMoney(i.totalMinor, i.currency, locale), due: i.dueDate ? day(i.dueDate) : null })),
    unpriced: p.unpriced,
  };
}
