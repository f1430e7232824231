// Payment-mode changes per week (stacked: to partner pays, to customer pays) and today's split of
// active partnerships, as SVG. The same figures are in a table for screen readers and for anyone who
// wants the numbers. The figures and the words are read here; payment-mode-chart-view.tsx draws them.
import { countActiveByPaymentMode, countPaymentModeChangesByWeek } from "@/db/audit-stats";
import { lastWeeks } from "@/lib/audit-period";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";
import { PaymentModeChartView, type ChartWeek } from "./payment-mode-chart-view";

const WEEKS = 12;
const weekFormats = new Map<Locale, Intl.DateTimeFormat>();
const weekFormat = (locale: Locale) => {
  let f = weekFormats.get(locale);
  if (!f) weekFormats.set(locale, (f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { day: "numeric", month: "short", timeZone: "Europe/Zurich" })));
  return f;
};
const percent = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 100));

export async function PaymentModeChart({ now = new Date() }: { now?: Date }) {
  const [buckets, split, t, locale] = await Promise.all([
    countPaymentModeChangesByWeek(lastWeeks(now, WEEKS)), countActiveByPaymentMode(), getTranslations("audit"), getLocale(),
  ]);
  const weekLabel = weekFormat(locale);
  const totalChanges = buckets.reduce((s, b) => s + b.toPartner + b.toCustomer, 0);
  const active = split.customer + split.partner;
  const share = (count: number) => t("chart.share", { count, percent: percent(count, active) });
  return (
    <PaymentModeChartView
      weeks={buckets.map((b): ChartWeek => [weekLabel.format(b.start), b.toPartner, b.toCustomer])}
      split={split}
      w={{
        heading: t("chart.heading"),
        summary: t("chart.summary", {
          changes: totalChanges, weeks: WEEKS, active, customer: split.customer, customerPercent: percent(split.customer, active),
          partner: split.partner, partnerPercent: percent(split.partner, active),
        }),
        svgTitle: t("chart.svgTitle"), toPartner: t("chart.toPartner"), toCustomer: t("chart.toCustomer"), weeksStart: t("chart.weeksStart"),
        activeToday: t("chart.activeToday"), customerPays: t("chart.customerPays"), partnerPays: t("chart.partnerPays"),
        customerShare: share(split.customer), partnerShare: share(split.partner),
        tableSummary: t("chart.tableSummary"), tableCaption: t("chart.tableCaption"), weekOf: t("chart.weekOf"),
        toPartnerColumn: t("chart.toPartnerColumn"), toCustomerColumn: t("chart.toCustomerColumn"),
      }}
    />
  );
}
