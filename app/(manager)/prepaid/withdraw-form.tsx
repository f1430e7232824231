"use client";
// Request a withdrawal from the prepaid account: an amount up to the balance.
import { useTransition, useState } from "react";
import { useForm } from "react-hook-form";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { withdrawalSchema, type WithdrawalInput } from "@/lib/validation/billing";
import { requestWithdrawal } from "./actions";
import { useConfirmKey } from "@/components/use-confirm-key";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";

export function WithdrawForm({ currency }: { currency: string }) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const form = useForm<WithdrawalInput>({ resolver: useTranslatedResolver(withdrawalSchema), defaultValues: { amount: "" } });
  const error = form.formState.errors.amount?.message;

  const submit = form.handleSubmit((values) => startTransition(async () => {
    const r = await requestWithdrawal({ ...values, idempotencyKey: confirmKey.key() });
    setResult({ ok: r.ok, message: r.message });
    if (r.ok) {
      form.reset({ amount: "" });
      confirmKey.renew();
    }
    else if (r.fieldErrors?.amount?.[0]) form.setError("amount", { message: r.fieldErrors.amount[0] });
  }));

  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <label htmlFor="withdraw-amount" className="block text-sm font-medium">Amount to withdraw ({currency})</label>
      <div className="flex gap-2">
        <input id="withdraw-amount" inputMode="decimal" autoComplete="off" className={`${inputClass} max-w-40`} placeholder="25.00"
          aria-invalid={Boolean(error)} aria-describedby={error ? "withdraw-amount-error" : undefined} {...form.register("amount")} />
        <button type="submit" className={buttonClass("primary")} disabled={pending}>{pending ? "Requesting…" : "Request withdrawal"}</button>
      </div>
      <p id="withdraw-amount-error" role="alert" className="text-sm text-red-700">{error}</p>
      <p role="status" className="text-sm text-green-800">{result?.ok ? result.message : ""}</p>
      {result && !result.ok && !error && <p role="alert" className="text-sm text-red-700">{result.message}</p>}
    </form>
  );
}
