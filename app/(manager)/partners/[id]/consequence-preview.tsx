"use client";
// The consequence preview in the verify step (issue #14): who would be invoiced how much for the renewals
// of the next 12 months (from the switch's date) under the current mode and the chosen one, computed on the
// server by the billing rules (previewSwitch). Concise by default: the totals per payer and the next three
// renewals; every renewal in a <details>, fetched when it is first opened (a customer with 500 products
// would otherwise download them all with every verify step). Tables with captions; the figures arrive formatted.
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { PaymentMode } from "@/lib/domain";
import { previewSwitch } from "../schedule-actions";
import type { PreviewView, SideView } from "./preview-view";


export function ConsequencePreview({ partnershipId, current, chosen, effectiveDate, partnerName, onSettled }: {
  partnershipId: string; current: PaymentMode; chosen: PaymentMode; effectiveDate: string | null; partnerName: string;
  /** Told whether the figures of the current choice are shown (or failed): the verify step confirms only then. Stable. */
  onSettled?: (settled: boolean) => void;
}) {
  const t = useTranslations("schedule.preview");
  const d = useTranslations("domain");
  const [state, setState] = useState<{ key: string; view: PreviewView | null; error: string | null } | null>(null);
  const [all, setAll] = useState<{ key: string; rows: PreviewView["rows"] | null; error: string | null } | null>(null);
  const key = `${partnershipId}:${chosen}:${effectiveDate ?? "now"}`;

  useEffect(() => {
    let live = true;
    previewSwitch({ partnershipId, paymentMode: chosen, effectiveDate })
      .then((r) => { if (live) setState({ key, view: r.ok ? r.preview : null, error: r.ok ? null : r.message }); })
      .catch(() => { if (live) setState({ key, view: null, error: t("failed") }); });
    return () => { live = false; };
  }, [partnershipId, chosen, effectiveDate, key, t]);

  const loaded = state?.key === key ? state : null;
  const settled = loaded !== null;
  useEffect(() => { onSettled?.(settled); }, [settled, onSettled]);
  useEffect(() => () => onSettled?.(false), [onSettled]);
  const allRows = all?.key === key ? all : null;
  const expand = (open: boolean) => {
    if (!open || allRows) return;
    setAll({ key, rows: null, error: null });
    previewSwitch({ partnershipId, paymentMode: chosen, effectiveDate, all: true })
      .then((r) => setAll({ key, rows: r.ok ? r.preview.rows : null, error: r.ok ? null : r.message }))
      .catch(() => setAll({ key, rows: null, error: t("failed") }));
  };
  const modes = { current: d(`paymentMode.${current}`), chosen: d(`paymentMode.${chosen}`) };
  const benefit = (b: { kind: "cashback" | "discount"; amount: string } | null) => (b ? t(b.kind, { amount: b.amount }) : t("nothing"));
  const side = (s: SideView) => (s.ok ? (
    <>
      <span className="block">{t("invoiced", { payer: s.payer, incl: s.incl, excl: s.excl, rate: s.rate })}</span>
      {s.benefit && <span className="block text-slate-600">{benefit(s.benefit)}</span>}
    </>
  ) : t("notPriced"));
  const renewals = (rows: PreviewView["rows"], caption: string) => (
    <table className="w-full text-left text-sm">
      <caption className="text-left text-sm font-medium">{caption}</caption>
      <thead className="text-xs uppercase text-slate-500">
        <tr>
          <th scope="col" className="py-1 pr-2">{t("renewal")}</th><th scope="col" className="pr-2">{t("product")}</th>
          <th scope="col" className="pr-2">{t("currentMode", { mode: modes.current })}</th><th scope="col">{t("chosenMode", { mode: modes.chosen })}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {rows.map((r) => (
          <tr key={r.key}>
            <td className="py-1 pr-2 whitespace-nowrap">{r.date}</td>
            <th scope="row" className="pr-2 font-normal">{r.product}</th>
            <td className="pr-2">{side(r.current)}</td>
            <td>{side(r.chosen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <section aria-labelledby="preview-title" aria-busy={!loaded} className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="consequence-preview">
      <h4 id="preview-title" className="text-sm font-semibold">{t("heading")}</h4>
      {!loaded && <p role="status" className="text-sm text-slate-600">{t("loading")}</p>}
      {loaded?.error && <p role="alert" className="text-sm text-red-700">{loaded.error}</p>}
      {loaded?.view && (() => {
        const v = loaded.view;
        return (
          <>
            <p className="text-sm text-slate-700">{t("period", { from: v.from, to: v.to, partner: partnerName })}</p>
            <table className="w-full text-left text-sm">
              <caption className="text-left text-sm font-medium">{t("totalsCaption", { from: v.from, to: v.to })}</caption>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-1 pr-2">{t("payer")}</th>
                  <th scope="col" className="pr-2">{t("currentMode", { mode: modes.current })}</th>
                  <th scope="col">{t("chosenMode", { mode: modes.chosen })}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {v.totals.map((row) => (
                  <tr key={row.payer}>
                    <th scope="row" className="py-1 pr-2 font-normal">{row.payer}</th>
                    {[row.current, row.chosen].map((c, i) => (
                      <td key={i} className="pr-2">
                        <span className="block">{c.count > 0 ? t("amounts", { incl: c.incl, excl: c.excl }) : t("nothing")}</span>
                        <span className="block text-slate-600">{t("renewals", { count: c.count })}</span>
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row" className="py-1 pr-2 font-normal">{t("benefit", { partner: partnerName })}</th>
                  <td className="pr-2">{benefit(v.benefit.current)}</td>
                  <td>{benefit(v.benefit.chosen)}</td>
                </tr>
              </tbody>
            </table>
            {v.unpriced > 0 && <p className="text-sm text-amber-800">{t("unpriced", { count: v.unpriced })}</p>}
            {v.count === 0 ? <p className="text-sm text-slate-600">{t("none", { partner: partnerName })}</p> : (
              <>
                {renewals(v.rows, t("nextCaption"))}
                {v.count > v.rows.length && (
                  <details onToggle={(e) => expand(e.currentTarget.open)}>
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("showAll", { count: v.count })}</summary>
                    <div className="mt-2 overflow-x-auto" aria-busy={!allRows?.rows}>
                      {allRows?.rows ? renewals(allRows.rows, t("allCaption", { from: v.from, to: v.to }))
                        : allRows?.error ? <p role="alert" className="text-sm text-red-700">{allRows.error}</p>
                          : <p role="status" className="text-sm text-slate-600">{t("loading")}</p>}
                    </div>
                  </details>
                )}
              </>
            )}
            <div className="space-y-1">
              <h5 className="text-sm font-semibold">{t("unpaidHeading")}</h5>
              {v.unpaid.length === 0 ? <p className="text-sm text-slate-600">{t("unpaidNone")}</p> : (
                <table className="w-full text-left text-sm">
                  <caption className="text-left text-sm text-slate-700">{t("unpaidIntro")}</caption>
                  <thead className="text-xs uppercase text-slate-500">
                    <tr><th scope="col" className="py-1 pr-2">{t("number")}</th><th scope="col" className="pr-2">{t("amount")}</th><th scope="col">{t("due")}</th></tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {v.unpaid.map((i) => (
                      <tr key={i.number}><td className="py-1 pr-2">{i.number}</td><td className="pr-2">{i.amount}</td><td>{i.due ?? t("nothing")}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p className="text-sm text-slate-600">{t("unpaidPartner", { partner: partnerName })}</p>
            </div>
          </>
        );
      })()}
    </section>
  );
}
