// Payment-mode changes per week (stacked: to partner pays, to customer pays) and today's split of
// active partnerships, drawn as SVG on the server. The same figures are in a table for screen readers
// and for anyone who wants the numbers.
import { countActiveByPaymentMode, countPaymentModeChangesByWeek } from "@/db/audit-stats";
import { niceMax } from "@/lib/audit-chart";
import { lastWeeks } from "@/lib/audit-period";
import { cardClass } from "@/components/ui/styles";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";

const WEEKS = 12;
const W = 600, H = 200, LEFT = 32, BOTTOM = 24, TOP = 8;
const weekFormats = new Map<Locale, Intl.DateTimeFormat>();
const weekFormat = (locale: Locale) => {
  let f = weekFormats.get(locale);
  if (!f) weekFormats.set(locale, (f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, { day: "numeric", month: "short", timeZone: "Europe/Zurich" })));
  return f;
};
const tenth = (n: number) => Math.round(n * 10) / 10;
const percent = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 100));

export async function PaymentModeChart({ now = new Date() }: { now?: Date }) {
  const weeks = lastWeeks(now, WEEKS);
  const [buckets, split, t, locale] = await Promise.all([
    countPaymentModeChangesByWeek(weeks), countActiveByPaymentMode(), getTranslations("audit"), getLocale(),
  ]);
  const weekLabel = weekFormat(locale);
  const totalChanges = buckets.reduce((s, b) => s + b.toPartner + b.toCustomer, 0);
  const max = niceMax(Math.max(...buckets.map((b) => b.toPartner + b.toCustomer)));
  const slot = (W - LEFT) / WEEKS;
  const y = (n: number) => tenth(H - BOTTOM - (n / max) * (H - BOTTOM - TOP));
  const x = (i: number) => tenth(LEFT + i * slot + slot * 0.2);
  const barWidth = tenth(slot * 0.6);
  const ticks = max % 2 === 0 ? [0, max / 2, max] : [0, max];
  const active = split.customer + split.partner;
  const summary = t("chart.summary", {
    changes: totalChanges, weeks: WEEKS, active, customer: split.customer, customerPercent: percent(split.customer, active),
    partner: split.partner, partnerPercent: percent(split.partner, active),
  });

  return (
    <section aria-labelledby="chart-title" className={cardClass}>
      <h2 id="chart-title" className="text-lg font-semibold">{t("chart.heading")}</h2>
      <p id="chart-summary" className="mt-1 text-sm text-slate-600">{summary}</p>
      <div className="mt-4 grid gap-6 lg:grid-cols-[2fr_1fr]">
        <figure>
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-svg-title chart-summary" className="h-auto w-full">
            <title id="chart-svg-title">{t("chart.svgTitle")}</title>
            {/* Coordinates to a tenth of a unit and one class per series (the SVG travels in the markup and the payload). */}
            <g className="stroke-slate-200">
              {ticks.map((tick) => <line key={tick} x1={LEFT} x2={W} y1={y(tick)} y2={y(tick)} />)}
            </g>
            <g className="fill-slate-500 text-[10px]" textAnchor="end">
              {ticks.map((tick) => <text key={tick} x={LEFT - 6} y={y(tick) + 4}>{tick}</text>)}
            </g>
            <g className="fill-slate-400">
              {buckets.map((b, i) => b.toCustomer > 0 && <rect key={i} x={x(i)} width={barWidth} y={y(b.toCustomer)} height={tenth(y(0) - y(b.toCustomer))} />)}
            </g>
            <g className="fill-brand-600">
              {buckets.map((b, i) => b.toPartner > 0 && (
                <rect key={i} x={x(i)} width={barWidth} y={y(b.toCustomer + b.toPartner)} height={tenth(y(b.toCustomer) - y(b.toCustomer + b.toPartner))} />
              ))}
            </g>
            <g className="fill-slate-500 text-[10px]" textAnchor="middle">
              {buckets.map((b, i) => i % 2 === (WEEKS - 1) % 2 && <text key={i} x={tenth(x(i) + barWidth / 2)} y={H - 6}>{weekLabel.format(b.start)}</text>)}
            </g>
          </svg>
          <figcaption className="mt-2 flex gap-4 text-xs text-slate-600">
            <span><span aria-hidden className="mr-1 inline-block size-2.5 bg-brand-600" />{t("chart.toPartner")}</span>
            <span><span aria-hidden className="mr-1 inline-block size-2.5 bg-slate-400" />{t("chart.toCustomer")}</span>
            <span>{t("chart.weeksStart")}</span>
          </figcaption>
        </figure>
        <div>
          <h3 className="text-sm font-semibold">{t("chart.activeToday")}</h3>
          <div aria-hidden className="mt-2 flex h-4 overflow-hidden rounded bg-slate-100">
            <div className="bg-slate-400" style={{ width: `${percent(split.customer, active)}%` }} />
            <div className="bg-brand-600" style={{ width: `${percent(split.partner, active)}%` }} />
          </div>
          <dl className="mt-2 space-y-1 text-sm">
            <div className="flex justify-between"><dt>{t("chart.customerPays")}</dt><dd>{t("chart.share", { count: split.customer, percent: percent(split.customer, active) })}</dd></div>
            <div className="flex justify-between"><dt>{t("chart.partnerPays")}</dt><dd>{t("chart.share", { count: split.partner, percent: percent(split.partner, active) })}</dd></div>
          </dl>
        </div>
      </div>
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer text-brand-700">{t("chart.tableSummary")}</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">{t("chart.tableCaption")}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr><th scope="col" className="py-1">{t("chart.weekOf")}</th><th scope="col">{t("chart.toPartnerColumn")}</th><th scope="col">{t("chart.toCustomerColumn")}</th></tr>
          </thead>
          <tbody>
            {buckets.map((b, i) => (
              <tr key={i}><td className="py-1">{weekLabel.format(b.start)}</td><td>{b.toPartner}</td><td>{b.toCustomer}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
