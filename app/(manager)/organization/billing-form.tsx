"use client";
// The billing address (and, for partners, the payout IBAN) of the current organization, for its legal
// representatives. Field errors come from the same schema on both sides, and the result replaces the
// last one: an old "saved" never stays beside a new error.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";
import { BILLING_COUNTRIES, billingDetailsSchema, type BillingDetails, type BillingDetailsInput } from "@/lib/validation/organization";
import { saveBillingDetails } from "./actions";

type Field = "street" | "postalCode" | "city" | "country" | "iban";

export function BillingForm({ initial, countries, withIban }: {
  initial: BillingDetailsInput;
  /** Each country code with its name in the reader's language. */
  countries: Record<(typeof BILLING_COUNTRIES)[number], string>;
  withIban: boolean;
}) {
  const t = useTranslations("organization");
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const resultRef = useRef<HTMLParagraphElement>(null);
  const form = useForm<BillingDetailsInput, unknown, BillingDetails>({ resolver: useTranslatedResolver(billingDetailsSchema), defaultValues: initial });
  const errors = form.formState.errors;

  // The action parses the fields as typed (the same schema normalises the IBAN on the server).
  const submit = form.handleSubmit(() => startTransition(async () => {
    setResult(null);
    const r = await saveBillingDetails(form.getValues());
    setResult({ ok: r.ok, message: r.message });
    for (const [name, messages] of Object.entries(r.ok ? {} : r.fieldErrors ?? {})) {
      if (messages[0]) form.setError(name as Field, { message: messages[0] }, { shouldFocus: true });
    }
  }), () => setResult(null));
  // A success moves focus to its message (the form stays; nothing else to go to).
  useEffect(() => { if (result?.ok) resultRef.current?.focus(); }, [result]);

  const field = (name: Field, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => {
    const error = errors[name]?.message;
    const describedBy = [hint ? `billing-${name}-hint` : null, error ? `billing-${name}-error` : null].filter(Boolean).join(" ") || undefined;
    return (
      <div>
        <label htmlFor={`billing-${name}`} className="block text-sm font-medium">{label}</label>
        <input id={`billing-${name}`} className={`${inputClass} mt-1`} aria-invalid={Boolean(error)} aria-describedby={describedBy} {...props} {...form.register(name)} />
        {hint && <p id={`billing-${name}-hint`} className="mt-1 text-xs text-slate-600">{hint}</p>}
        <p id={`billing-${name}-error`} className="text-sm text-red-700">{error}</p>
      </div>
    );
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-6">
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">{t("billingHeading")}</legend>
        {field("street", t("street"), { autoComplete: "address-line1" })}
        <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
          {field("postalCode", t("postalCode"), { autoComplete: "postal-code", inputMode: "numeric" })}
          {field("city", t("city"), { autoComplete: "address-level2" })}
        </div>
        <div>
          <label htmlFor="billing-country" className="block text-sm font-medium">{t("country")}</label>
          <select id="billing-country" className={`${inputClass} mt-1`} aria-invalid={Boolean(errors.country)}
            aria-describedby={errors.country ? "billing-country-error" : undefined} {...form.register("country")}>
            {BILLING_COUNTRIES.map((c) => <option key={c} value={c}>{countries[c]}</option>)}
          </select>
          <p id="billing-country-error" className="text-sm text-red-700">{errors.country?.message}</p>
        </div>
      </fieldset>
      {withIban && (
        <fieldset className="space-y-3">
          <legend className="text-lg font-semibold">{t("payoutHeading")}</legend>
          <p className="text-sm text-slate-600">{t("payoutIntro")}</p>
          {field("iban", t("iban"), { autoComplete: "off", spellCheck: false }, t("ibanHint"))}
        </fieldset>
      )}
      <div className="space-y-2">
        <button type="submit" className={buttonClass("primary")} disabled={pending}>{pending ? t("saving") : t("save")}</button>
        <p ref={resultRef} tabIndex={-1} role="status" className="text-sm text-green-800">{result?.ok ? result.message : ""}</p>
        {result && !result.ok && <p role="alert" className="text-sm text-red-700">{result.message}</p>}
      </div>
    </form>
  );
}
