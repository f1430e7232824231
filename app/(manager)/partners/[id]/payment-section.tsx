"use client";
// The Payment section: current mode, the pencil editor (choose → verify → confirm) and the result.
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Pencil } from "lucide-react";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { PAYMENT_MODE_INFO, PAYMENT_MODES, type AccessLevel, type PaymentMode } from "@/lib/domain";
import { changePaymentModeSchema, type ChangePaymentModeInput } from "@/lib/validation/partnership";
import { changePaymentMode } from "../actions";
import { useConfirmKey } from "@/components/use-confirm-key";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";
import { PaymentDetails } from "./section-details";

type Props = {
  partnershipId: string;
  version: number;
  access: AccessLevel;
  paymentMode: PaymentMode;
  partnerName: string;
  canEdit: boolean;
  /** Opened from the server-rendered view's pencil (deferred-editor.tsx): start at the edit step. */
  startEditing?: boolean;
};

export function PaymentSection({ partnershipId, version, access, paymentMode, partnerName, canEdit, startEditing = false }: Props) {
  const [step, setStep] = useState<"view" | "edit" | "verify">(startEditing ? "edit" : "view");
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string>("");
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const pencil = useRef<HTMLButtonElement>(null);
  const verifyHeading = useRef<HTMLHeadingElement>(null);
  const returnFocus = useRef(false);
  const form = useForm<ChangePaymentModeInput>({
    resolver: useTranslatedResolver(changePaymentModeSchema),
    defaultValues: { partnershipId, version, paymentMode },
  });
  const chosen = useWatch({ control: form.control, name: "paymentMode" });

  // After a save the page re-renders with the new version and mode: the form follows them.
  useEffect(() => {
    form.reset({ partnershipId, version, paymentMode });
  }, [form, partnershipId, version, paymentMode]);
  // Focus follows the step: the chosen radio, the verify heading, then back to the pencil.
  useEffect(() => {
    if (step === "verify") verifyHeading.current?.focus();
    if (step === "edit") document.querySelector<HTMLInputElement>(`input[name="paymentMode"]:checked`)?.focus();
    if (step === "view" && returnFocus.current) {
      returnFocus.current = false;
      pencil.current?.focus();
    }
  }, [step]);

  const cancel = () => {
    form.reset({ partnershipId, version, paymentMode });
    setError(null);
    returnFocus.current = true;
    setStep("view");
  };

  const onContinue = form.handleSubmit((values) => {
    setError(null);
    if (values.paymentMode === paymentMode) {
      form.setError("paymentMode", { message: "Choose a different payment mode, or cancel." });
      return;
    }
    confirmKey.renew();
    setStep("verify");
  });

  const onConfirm = () => {
    setError(null);
    startTransition(async () => {
      const result = await changePaymentMode({ ...form.getValues(), idempotencyKey: confirmKey.key() });
      if (result.ok) {
        setSuccess(result.message);
        returnFocus.current = true;
        setStep("view");
      } else {
        setError(result.message);
        const field = result.fieldErrors?.paymentMode?.[0];
        if (field) form.setError("paymentMode", { message: field });
      }
    });
  };

  const fieldError = form.formState.errors.paymentMode?.message;

  return (
    <section aria-labelledby="payment-title" className={cardClass}>
      <div className="flex items-center justify-between">
        <h2 id="payment-title" className="text-lg font-semibold">Payment</h2>
        {canEdit && step === "view" && (
          <button ref={pencil} type="button" aria-label="Edit payment mode" title="Edit payment mode"
            className={buttonClass("ghost")} onClick={() => { setSuccess(""); setStep("edit"); }}>
            <Pencil aria-hidden className="size-4" />
          </button>
        )}
      </div>

      <p role="status" className="mt-2 text-sm font-medium text-green-800">{success}</p>

      {step === "view" && <PaymentDetails access={access} paymentMode={paymentMode} partnerName={partnerName} />}

      {step === "edit" && (
        <form onSubmit={onContinue} className="mt-4 space-y-4" noValidate>
          <fieldset role="radiogroup" aria-label="Payment mode" aria-describedby={fieldError ? "payment-mode-error" : undefined}>
            <legend className="text-sm font-medium">Payment mode</legend>
            <div className="mt-2 space-y-2">
              {PAYMENT_MODES.map((mode) => (
                <label key={mode} className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" value={mode} {...form.register("paymentMode")} aria-describedby={`mode-${mode}-help`} className="mt-1" />
                  <span>
                    <span className="block text-sm font-medium">{PAYMENT_MODE_INFO[mode].label}{mode === paymentMode ? " (current)" : ""}</span>
                    <span id={`mode-${mode}-help`} className="block text-sm text-slate-600">{PAYMENT_MODE_INFO[mode].explanation}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <p id="payment-mode-error" role="alert" className="text-sm text-red-700">{fieldError}</p>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")}>Continue</button>
            <button type="button" className={buttonClass("secondary")} onClick={cancel}>Cancel</button>
          </div>
        </form>
      )}

      {step === "verify" && (
        <div className="mt-4 space-y-3">
          <h3 ref={verifyHeading} tabIndex={-1} className="text-base font-semibold">Verify the change</h3>
          <p className="text-sm">
            Payment mode: <strong>{PAYMENT_MODE_INFO[paymentMode].label}</strong> → <strong>{PAYMENT_MODE_INFO[chosen].label}</strong>
          </p>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>{PAYMENT_MODE_INFO[chosen].explanation}</li>
            <li>It applies to orders and renewals placed from now on.</li>
            <li>Invoices already issued stay where they are, paid or not.</li>
            <li>{partnerName} is notified by email.</li>
          </ul>
          <p role="alert" className="text-sm text-red-700">{error}</p>
          <div className="flex gap-2">
            <button type="button" className={buttonClass("primary")} onClick={onConfirm} disabled={pending}>
              {pending ? "Saving…" : "Confirm"}
            </button>
            <button type="button" className={buttonClass("secondary")} onClick={() => setStep("edit")} disabled={pending}>Back</button>
            <button type="button" className={buttonClass("ghost")} onClick={cancel} disabled={pending}>Cancel</button>
          </div>
        </div>
      )}
    </section>
  );
}
