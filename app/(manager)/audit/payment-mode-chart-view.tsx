"use client";
// The payment-mode chart's drawing (payment-mode-chart.tsx reads the figures and words on the server).
// A client component only for the weight of /audit: drawn on the server, its SVG and table also
// travelled as some 6 KB of element tree in the RSC payload; here the payload carries twelve weeks of
// numbers and the words, and the markup is the same.
import { niceMax } from "@/lib/audit-chart";

const WEEKS_SHOWN_EVERY = 2;
const W = 600, H = 200, LEFT = 32, BOTTOM = 24, TOP = 8;
const tenth = (n: number) => Math.round(n * 10) / 10;
const percent = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 100));

/** A week: its label ("3 Nov"), changes to "partner pays", changes to "customer pays". */
export type ChartWeek = [label: string, toPartner: number, toCustomer: number];
export type ChartWords = {
  heading: string; summary: string; svgTitle: string; toPartner: string; toCustomer: string; weeksStart: string; activeToday: string;
  customerPays: string; partnerPays: string; customerShare: string; partnerShare: string;
  tableSummary: string; tableCaption: string; weekOf: string; toPartnerColumn: string; toCustomerColumn: string;
};

export function PaymentModeChartView({ weeks, split, w }: { weeks: ChartWeek[]; split: { customer: number; partner: number }; w: ChartWords }) {
  const n = weeks.length;
  const max = niceMax(Math.max(0, ...weeks.map(([, p, c]) => p + c)));
  const slot = (W - LEFT) / n;
  const y = (v: number) => tenth(H - BOTTOM - (v / max) * (H - BOTTOM - TOP));
  const x = (i: number) => tenth(LEFT + i * slot + slot * 0.2);
  const barWidth = tenth(slot * 0.6);
  const ticks = max % 2 === 0 ? [0, max / 2, max] : [0, max];
  const active = split.customer + split.partner;

  return (
    <section aria-labelledby="chart-title" className="card">
      <h2 id="chart-title" className="text-lg font-semibold">{w.heading}</h2>
      <p id="chart-summary" className="mt-1 text-sm text-slate-600">{w.summary}</p>
      <div className="mt-4 grid gap-6 lg:grid-cols-[2fr_1fr]">
        <figure>
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-svg-title chart-summary" className="h-auto w-full">
            <title id="chart-svg-title">{w.svgTitle}</title>
            <g className="stroke-slate-200">
              {ticks.map((tick) => <line key={tick} x1={LEFT} x2={W} y1={y(tick)} y2={y(tick)} />)}
            </g>
            <g className="fill-slate-500 text-[10px]" textAnchor="end">
              {ticks.map((tick) => <text key={tick} x={LEFT - 6} y={y(tick) + 4}>{tick}</text>)}
            </g>
            <g className="fill-slate-400">
              {weeks.map(([, , c], i) => c > 0 && <rect key={i} x={x(i)} width={barWidth} y={y(c)} height={tenth(y(0) - y(c))} />)}
            </g>
            <g className="fill-brand-600">
              {weeks.map(([, p, c], i) => p > 0 && <rect key={i} x={x(i)} width={barWidth} y={y(c + p)} height={tenth(y(c) - y(c + p))} />)}
            </g>
            <g className="fill-slate-500 text-[10px]" textAnchor="middle">
              {weeks.map(([label], i) => i % WEEKS_SHOWN_EVERY === (n - 1) % WEEKS_SHOWN_EVERY && <text key={i} x={tenth(x(i) + barWidth / 2)} y={H - 6}>{label}</text>)}
            </g>
          </svg>
          <figcaption className="mt-2 flex gap-4 text-xs text-slate-600">
            <span><span aria-hidden className="mr-1 inline-block size-2.5 bg-brand-600" />{w.toPartner}</span>
            <span><span aria-hidden className="mr-1 inline-block size-2.5 bg-slate-400" />{w.toCustomer}</span>
            <span>{w.weeksStart}</span>
          </figcaption>
        </figure>
        <div>
          <h3 className="text-sm font-semibold">{w.activeToday}</h3>
          <div aria-hidden className="mt-2 flex h-4 overflow-hidden rounded bg-slate-100">
            <div className="bg-slate-400" style={{ width: `${percent(split.customer, active)}%` }} />
            <div className="bg-brand-600" style={{ width: `${percent(split.partner, active)}%` }} />
          </div>
          <dl className="mt-2 space-y-1 text-sm">
            <div className="flex justify-between"><dt>{w.customerPays}</dt><dd>{w.customerShare}</dd></div>
            <div className="flex justify-between"><dt>{w.partnerPays}</dt><dd>{w.partnerShare}</dd></div>
          </dl>
        </div>
      </div>
      <details className="mt-4 text-sm">
        <summary className="cursor-pointer text-brand-700">{w.tableSummary}</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">{w.tableCaption}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr><th scope="col" className="py-1">{w.weekOf}</th><th scope="col">{w.toPartnerColumn}</th><th scope="col">{w.toCustomerColumn}</th></tr>
          </thead>
          <tbody>
            {weeks.map(([label, p, c], i) => <tr key={i}><td className="py-1">{label}</td><td>{p}</td><td>{c}</td></tr>)}
          </tbody>
        </table>
      </details>
    </section>
  );
}
