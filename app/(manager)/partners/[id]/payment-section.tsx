"use client";
// The Payment section: current mode, the pencil editor (choose → verify → confirm) and the result.
// Escape closes the editor and the focus returns to the pencil; a refused confirm moves it to the error.
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useLocale, useTranslations } from "next-intl";
import { Pencil } from "lucide-react";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { PAYMENT_MODES, type AccessLevel, type PaymentMode } from "@/lib/domain";
import { longDate } from "@/lib/i18n/long-date";
import { toLocale } from "@/lib/i18n/locales";
import type { Tense } from "@/lib/partnership-facts";
import { changePaymentModeSchema, type ChangePaymentModeInput } from "@/lib/validation/partnership";
import { changePaymentMode } from "../actions";
import { scheduleSwitchAction } from "../schedule-actions";
import { ConsequencePreview } from "./consequence-preview";
import { EffectiveField, type Effective, type ScheduleLimits } from "./effective-field";
import { useConfirmKey } from "@/components/use-confirm-key";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";
import { PaymentDetails } from "./section-details";

const FIELD_ERROR_ID = "payment-mode-error";

type Props = {
  partnershipId: string;
  version: number;
  access: AccessLevel;
  paymentMode: PaymentMode;
  partnerName: string;
  canEdit: boolean;
  tense: Tense;
  /** Opened from the server-rendered view's pencil (deferred-editor.tsx): start at the edit step. */
  startEditing?: boolean;
  /** Scheduled switch (issue #14): the dates a switch may be scheduled for, and the pending one. */
  schedule?: { limits: ScheduleLimits; pending: { paymentMode: PaymentMode; dateLabel: string } | null } | null;
};

export function PaymentSection({ partnershipId, version, access, paymentMode, partnerName, canEdit, tense, startEditing = false, schedule = null }: Props) {
  const t = useTranslations("partners.payment");
  // Scheduled switch (issue #14): "Effective: now / on a date".
  const e = useTranslations("schedule.editor");
  const [effective, setEffective] = useState<Effective>({ when: "now", date: "" });
  const [effectiveError, setEffectiveError] = useState<string | null>(null);
  const scheduled = schedule !== null && effective.when === "date";
  // In the language's Swiss form, as the server writes dates ("1 July 2026" in English, not "July 1, 2026").
  const locale = toLocale(useLocale());
  const dateLabel = (isoDate: string) => longDate(isoDate, locale);
  const s = useTranslations("partners.steps");
  const d = useTranslations("domain");
  const [step, setStep] = useState<"view" | "edit" | "verify">(startEditing ? "edit" : "view");
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string>("");
  const [pending, startTransition] = useTransition();
  // Confirm waits for the consequences in numbers (or their failure): nobody confirms a switch unseen.
  const [previewSettled, setPreviewSettled] = useState(false);
  const confirmKey = useConfirmKey();
  const pencil = useRef<HTMLButtonElement>(null);
  const verifyHeading = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
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
    setEffective({ when: "now", date: "" });
    setEffectiveError(null);
    returnFocus.current = true;
    setStep("view");
  };
  // Escape waits only while the request is out. Once its answer is shown the transition can stay
  // pending while the page refreshes behind it; a user reading a refusal may close the editor then.
  const inFlight = useRef(false);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === "Escape" && step !== "view" && !inFlight.current) {
      e.preventDefault();
      cancel();
    }
  };

  const onContinue = form.handleSubmit((values) => {
    setError(null);
    if (values.paymentMode === paymentMode) {
      form.setError("paymentMode", { message: t("chooseDifferent") }, { shouldFocus: true });
      return;
    }
    setEffectiveError(null);
    if (scheduled && !effective.date) {
      setEffectiveError(e("dateRequired"));
      document.getElementById("effective-date")?.focus();
      return;
    }
    confirmKey.renew();
    setStep("verify");
  });

  const onConfirm = () => {
    setError(null);
    startTransition(async () => {
      inFlight.current = true;
      const result = await (scheduled
        ? scheduleSwitchAction({ ...form.getValues(), effectiveDate: effective.date, idempotencyKey: confirmKey.key() })
        : changePaymentMode({ ...form.getValues(), idempotencyKey: confirmKey.key() })
      ).finally(() => { inFlight.current = false; });
      if (result.ok) {
        setEffective({ when: "now", date: "" });
        setSuccess(result.message);
        returnFocus.current = true;
        setStep("view");
      } else {
        setError(result.message);
        const field = result.fieldErrors?.paymentMode?.[0];
        if (field) form.setError("paymentMode", { message: field });
        const dateError = result.fieldErrors?.effectiveDate?.[0];
        if (dateError) setEffectiveError(dateError);
        setTimeout(() => errorRef.current?.focus(), 0);
      }
    });
  };

  const fieldError = form.formState.errors.paymentMode?.message;

  return (
    <section aria-labelledby="payment-title" className={cardClass} onKeyDown={onKeyDown}>
      <div className="flex items-center justify-between">
        <h2 id="payment-title" className="text-lg font-semibold">{t("title")}</h2>
        {canEdit && step === "view" && (
          <button ref={pencil} type="button" aria-label={t("edit")} title={t("edit")}
            className={buttonClass("ghost")} onClick={() => { setSuccess(""); setStep("edit"); }}>
            <Pencil aria-hidden className="size-4" />
          </button>
        )}
      </div>

      <p role="status" className="mt-2 text-sm font-medium text-green-800">{success}</p>

      {step === "view" && <PaymentDetails access={access} paymentMode={paymentMode} partnerName={partnerName} tense={tense} />}

      {step === "edit" && (
        <form onSubmit={onContinue} className="mt-4 space-y-4" noValidate>
          <fieldset role="radiogroup" aria-label={t("legend")} aria-describedby={fieldError ? FIELD_ERROR_ID : undefined}>
            <legend className="text-sm font-medium">{t("legend")}</legend>
            <div className="mt-2 space-y-2">
              {PAYMENT_MODES.map((mode) => (
                <label key={mode} className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" value={mode} {...form.register("paymentMode")} aria-describedby={`mode-${mode}-help`} className="mt-1" />
                  <span className="min-w-0">
                    <span className="block text-sm font-medium">
                      {mode === paymentMode ? t("currentOption", { mode: d(`paymentMode.${mode}`) }) : d(`paymentMode.${mode}`)}
                    </span>
                    <span id={`mode-${mode}-help`} className="block text-sm text-slate-600">{d(`paymentModeExplanation.${mode}`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <p id={FIELD_ERROR_ID} role="alert" className="text-sm text-red-700">{fieldError}</p>
          {schedule && <EffectiveField value={effective} onChange={setEffective} limits={schedule.limits} error={effectiveError} />}
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClass("primary")}>{s("continue")}</button>
            <button type="button" className={buttonClass("secondary")} onClick={cancel}>{s("cancel")}</button>
          </div>
        </form>
      )}

      {step === "verify" && (
        <div className="mt-4 space-y-3">
          <h3 ref={verifyHeading} tabIndex={-1} className="text-base font-semibold">{t("verifyTitle")}</h3>
          <p className="text-sm">
            {t.rich("summary", {
              from: d(`paymentMode.${paymentMode}`), to: d(`paymentMode.${chosen}`),
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>{d(`paymentModeExplanation.${chosen}`)}</li>
            <li>{scheduled ? e("appliesFrom", { date: dateLabel(effective.date) }) : t("appliesFromNow")}</li>
            {schedule?.pending && (
              <li>
                {scheduled
                  ? e("replaces", { mode: d(`paymentMode.${schedule.pending.paymentMode}`), date: schedule.pending.dateLabel })
                  : e("dropsPending", { mode: d(`paymentMode.${schedule.pending.paymentMode}`), date: schedule.pending.dateLabel })}
              </li>
            )}
            <li>{t("invoicesStay")}</li>
            <li>{t("notified", { partnerName })}</li>
          </ul>
          <ConsequencePreview partnershipId={partnershipId} current={paymentMode} chosen={chosen} effectiveDate={scheduled ? effective.date : null} partnerName={partnerName} onSettled={setPreviewSettled} />
          <p ref={errorRef} tabIndex={-1} role="alert" className="text-sm text-red-700">{error}</p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={buttonClass("primary")} onClick={onConfirm} disabled={pending || !previewSettled}>
              {scheduled ? (pending ? e("scheduling") : e("schedule")) : pending ? s("saving") : s("confirm")}
            </button>
            <button type="button" className={buttonClass("secondary")} onClick={() => setStep("edit")} disabled={pending}>{s("back")}</button>
            <button type="button" className={buttonClass("ghost")} onClick={cancel} disabled={pending}>{s("cancel")}</button>
          </div>
        </div>
      )}
    </section>
  );
}
