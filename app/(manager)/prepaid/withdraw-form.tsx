"use client";
// A withdrawal from the prepaid account: an amount up to the balance → a verify step naming the amount,
// the destination account and the balance after → Confirm. Escape or Cancel goes back to the amount.
// Each attempt's result replaces the last: an old success never stays beside a new error.
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { useConfirmKey } from "@/components/use-confirm-key";
import type { Currency } from "@/lib/domain";
import { formatMoney, parseAmount } from "@/lib/format";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";
import { withdrawalFormSchema, type WithdrawalInput } from "@/lib/validation/billing";
import { requestWithdrawal } from "./actions";

export function WithdrawForm({ currency, balanceMinor, iban, disabledReason = null }: {
  currency: Currency;
  balanceMinor: number;
  iban: string;
  /** Why nothing can be withdrawn now (an empty account): the form stays in view, disabled, with the reason. */
  disabledReason?: string | null;
}) {
  const t = useTranslations("prepaid");
  const tv = useTranslations("validation");
  const locale = useLocale();
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [verify, setVerify] = useState<{ amount: string; minor: number } | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  // An amount typed in another currency ("EUR 500" here in CHF) is refused before the verify step.
  const schema = useMemo(() => withdrawalFormSchema(currency), [currency]);
  const form = useForm<WithdrawalInput>({ resolver: useTranslatedResolver(schema), defaultValues: { amount: "" } });
  const error = form.formState.errors.amount?.message;
  const verifyHeading = useRef<HTMLHeadingElement>(null);
  const amountInput = useRef<HTMLInputElement | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const money = (minor: number) => formatMoney(minor, currency, locale);

  useEffect(() => { if (verify) verifyHeading.current?.focus(); }, [verify]);

  const toVerify = form.handleSubmit((values) => {
    const parsed = parseAmount(values.amount);
    if (!parsed.ok) return;
    if (parsed.minor > balanceMinor) {
      setResult(null);
      form.setError("amount", { message: tv("amount.aboveBalance") }, { shouldFocus: true });
      return;
    }
    setResult(null);
    setVerify({ amount: values.amount, minor: parsed.minor });
  }, () => setResult(null));

  const back = () => {
    setVerify(null);
    requestAnimationFrame(() => amountInput.current?.focus());
  };

  const confirm = () => startTransition(async () => {
    if (!verify) return;
    const r = await requestWithdrawal({ amount: verify.amount, idempotencyKey: confirmKey.key() });
    setResult({ ok: r.ok, message: r.message });
    setVerify(null);
    if (r.ok) {
      form.reset({ amount: "" });
      confirmKey.renew();
      requestAnimationFrame(() => resultRef.current?.focus());
    } else {
      if (r.fieldErrors?.amount?.[0]) form.setError("amount", { message: r.fieldErrors.amount[0] });
      requestAnimationFrame(() => amountInput.current?.focus());
    }
  });

  const { ref: registerRef, ...amountField } = form.register("amount");
  const describedBy = disabledReason ? "withdraw-disabled" : error ? "withdraw-amount-error withdraw-amount-hint" : "withdraw-amount-hint";
  return (
    <div className="space-y-2">
      {verify ? (
        <div role="group" aria-labelledby="withdraw-verify-heading" className="space-y-3"
          onKeyDown={(e) => { if (e.key === "Escape" && !pending) { e.stopPropagation(); back(); } }}>
          <h3 id="withdraw-verify-heading" ref={verifyHeading} tabIndex={-1} className="font-semibold">{t("withdraw.verifyHeading")}</h3>
          <p className="text-sm">{t("withdraw.verify", { amount: money(verify.minor), iban, after: money(balanceMinor - verify.minor) })}</p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={buttonClass("primary")} disabled={pending} onClick={confirm}>{pending ? t("withdraw.requesting") : t("withdraw.confirm")}</button>
            <button type="button" className={buttonClass("secondary")} disabled={pending} onClick={back}>{t("withdraw.cancel")}</button>
          </div>
        </div>
      ) : (
        <form onSubmit={toVerify} noValidate className="space-y-2">
          <label htmlFor="withdraw-amount" className="block text-sm font-medium">{t("withdraw.amount", { currency })}</label>
          {disabledReason && <p id="withdraw-disabled" className="text-sm text-slate-600">{disabledReason}</p>}
          <fieldset disabled={Boolean(disabledReason)} className="flex flex-wrap gap-2">
            <input id="withdraw-amount" inputMode="decimal" autoComplete="off" className={`${inputClass} max-w-40`}
              aria-invalid={Boolean(error)} aria-describedby={describedBy}
              ref={(el) => { registerRef(el); amountInput.current = el; }} {...amountField} />
            <button type="submit" className={buttonClass("primary")}>{t("withdraw.continue")}</button>
          </fieldset>
          {!disabledReason && <p id="withdraw-amount-hint" className="text-xs text-slate-600">{t("withdraw.amountHint", { balance: money(balanceMinor) })}</p>}
          <p id="withdraw-amount-error" role="alert" className="text-sm text-red-700">{error}</p>
        </form>
      )}
      <p ref={resultRef} tabIndex={-1} role="status" className="text-sm text-green-800">{result?.ok ? result.message : ""}</p>
      {result && !result.ok && !error && <p role="alert" className="text-sm text-red-700">{result.message}</p>}
    </div>
  );
}
