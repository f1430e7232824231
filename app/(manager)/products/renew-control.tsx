"use client";
// Renew one product for a year: Renew → a confirmation that says who pays what → Confirm renewal.
import { useEffect, useRef, useState, useTransition } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/styles";
import { renewProduct } from "./actions";
import { useConfirmKey } from "@/components/use-confirm-key";

type Props = { productId: string; label: string; renewalDate: string; renewalLabel: string; quote: string };

export function RenewControl({ productId, label, renewalDate, renewalLabel, quote }: Props) {
  const t = useTranslations("products.renew");
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string; invoiceId?: string | null } | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const renewButton = useRef<HTMLButtonElement>(null);

  useEffect(() => { if (confirming) confirmButton.current?.focus(); }, [confirming]);
  // Cancel (or Escape) removes the confirmation and its buttons: the keyboard goes back to Renew.
  const cancel = () => { setConfirming(false); requestAnimationFrame(() => renewButton.current?.focus()); };

  const confirm = () => startTransition(async () => {
    const r = await renewProduct({ productId, renewalDate, idempotencyKey: confirmKey.key() });
    setResult(r.ok ? { ok: true, message: r.message, invoiceId: r.invoiceId } : { ok: false, message: r.message });
    setConfirming(false);
    requestAnimationFrame(() => renewButton.current?.focus());
  });

  return (
    <div className="space-y-2">
      {!confirming && (
        <button ref={renewButton} type="button" className={buttonClass("secondary")} aria-label={t("label", { label })}
          onClick={() => { setResult(null); confirmKey.renew(); setConfirming(true); }}>
          {t("button")}
        </button>
      )}
      {confirming && (
        <div role="group" aria-label={t("group", { label })} className="max-w-sm space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
          onKeyDown={(e) => { if (e.key === "Escape" && !pending) { e.preventDefault(); cancel(); } }}>
          <p>{t.rich("text", { label, date: renewalLabel, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          <p>{quote}</p>
          <div className="flex gap-2">
            <button ref={confirmButton} type="button" className={buttonClass("primary")} onClick={confirm} disabled={pending}>
              {pending ? t("renewing") : t("confirm")}
            </button>
            <button type="button" className={buttonClass("ghost")} onClick={cancel} disabled={pending}>{t("cancel")}</button>
          </div>
        </div>
      )}
      <div role="status" className="max-w-sm text-sm text-green-800">
        {result?.ok && (
          <>
            {result.message}{" "}
            {result.invoiceId && <Link href={`/invoices/${result.invoiceId}`} className="font-medium text-brand-700 underline">{t("viewInvoice")}</Link>}
          </>
        )}
      </div>
      {result && !result.ok && <p role="alert" className="max-w-sm text-sm text-red-700">{result.message}</p>}
    </div>
  );
}
