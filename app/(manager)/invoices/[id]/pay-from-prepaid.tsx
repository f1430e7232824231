"use client";
// "Pay from prepaid account": a verify step that says what will be debited and what remains, then
// Confirm. Escape or Cancel closes the step and gives focus back to the button that opened it.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/styles";
import { useConfirmKey } from "@/components/use-confirm-key";
import { payInvoice } from "../actions";

export function PayFromPrepaid({ invoiceId, paid, verify, balance, blocked }: {
  invoiceId: string;
  /** Once paid (after the Confirm, the page re-renders with it): how it was paid. The result stays beside it. */
  paid: string | null;
  /** The verify step's sentences, formatted by the server: what is debited, and the balance before and after. */
  verify: string;
  balance: string;
  /** Why it cannot be paid from the account (empty, too little, another currency), or null. */
  blocked: string | null;
}) {
  const t = useTranslations("invoices");
  const [step, setStep] = useState<"closed" | "verify">("closed");
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const router = useRouter();
  const openButton = useRef<HTMLButtonElement>(null);
  const verifyHeading = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (step === "verify") verifyHeading.current?.focus();
  }, [step]);

  const close = () => {
    setStep("closed");
    // The step is gone: focus goes back to the control that opened it.
    requestAnimationFrame(() => openButton.current?.focus());
  };

  const confirm = () => startTransition(async () => {
    const r = await payInvoice({ invoiceId, idempotencyKey: confirmKey.key() });
    setResult({ ok: r.ok, message: r.message });
    setStep("closed");
    if (r.ok) confirmKey.renew();
    // A refusal may come from a change made elsewhere (paid in another tab, a balance that moved): the
    // page shows the invoice and the balance as they are now, the message stays.
    else router.refresh();
    requestAnimationFrame(() => (r.ok ? resultRef.current : openButton.current ?? resultRef.current)?.focus());
  });

  const blockedId = blocked ? "pay-blocked" : undefined;
  return (
    <div className="space-y-3">
      {/* A new result replaces the previous one: never an old success beside a new error. */}
      <p ref={resultRef} tabIndex={-1} role={result && !result.ok ? "alert" : "status"} className={`text-sm ${result?.ok ? "text-green-800" : "text-red-700"}`}>
        {result?.message ?? ""}
      </p>
      {paid && <p className="text-sm">{paid}</p>}
      {!paid && !result?.ok && step === "closed" && (
        <>
          <button ref={openButton} type="button" className={buttonClass("primary")} disabled={blocked !== null}
            aria-describedby={blockedId} onClick={() => { setResult(null); setStep("verify"); }}>
            {t("pay.open")}
          </button>
          {blocked && <p id={blockedId} className="text-sm text-slate-600">{blocked}</p>}
        </>
      )}
      {step === "verify" && (
        <div role="group" aria-labelledby="pay-verify-heading" className="space-y-3 rounded-md border border-slate-200 p-4"
          onKeyDown={(e) => { if (e.key === "Escape" && !pending) { e.stopPropagation(); close(); } }}>
          <h3 id="pay-verify-heading" ref={verifyHeading} tabIndex={-1} className="font-semibold">{t("pay.verifyHeading")}</h3>
          <p className="text-sm">{verify}</p>
          <p className="text-sm text-slate-600">{balance}</p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={buttonClass("primary")} disabled={pending} onClick={confirm}>{pending ? t("pay.paying") : t("pay.confirm")}</button>
            <button type="button" className={buttonClass("secondary")} disabled={pending} onClick={close}>{t("pay.cancel")}</button>
          </div>
        </div>
      )}
    </div>
  );
}
