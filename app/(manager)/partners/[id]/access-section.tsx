"use client";
// Access rights: the current access and products, and the editor (choose → verify → confirm).
// Escape closes the editor and the focus returns to the pencil; a refused confirm moves it to the error.
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useTranslations } from "next-intl";
import { Pencil } from "lucide-react";
import { ProductPicker, type PickableProduct } from "@/components/product-picker";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { ACCESS_LEVELS, type AccessLevel, type PaymentMode } from "@/lib/domain";
import { planAccessChange } from "@/lib/lifecycle";
import type { Tense } from "@/lib/partnership-facts";
import { changeAccessSchema, type ChangeAccessInput } from "@/lib/validation/lifecycle";
import { changeAccess } from "../lifecycle-actions";
import { useConfirmKey } from "@/components/use-confirm-key";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";
import { AccessDetails } from "./section-details";

const ERROR_ID = "access-error";

type Props = {
  partnershipId: string; version: number; access: AccessLevel; paymentMode: PaymentMode;
  partnerName: string; customerName: string; products: PickableProduct[]; managedIds: string[]; canEdit: boolean; tense: Tense;
  /** Opened from the server-rendered view's pencil (deferred-editor.tsx): start at the edit step. */
  startEditing?: boolean;
  /** Scheduled switch (issue #14): the warning that limited access cancels the pending switch, in the reader's language. */
  pendingSwitchWarning?: string | null;
};

export function AccessSection(props: Props) {
  const { partnershipId, version, access, paymentMode, partnerName, customerName, products, managedIds, canEdit, tense, startEditing = false, pendingSwitchWarning = null } = props;
  const t = useTranslations("partners.access");
  const s = useTranslations("partners.steps");
  const d = useTranslations("domain");
  const [step, setStep] = useState<"view" | "edit" | "verify">(startEditing ? "edit" : "view");
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState("");
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const pencil = useRef<HTMLButtonElement>(null);
  const verifyHeading = useRef<HTMLHeadingElement>(null);
  const initial = { partnershipId, version, access, productIds: access === "limited" ? managedIds : [] };
  const form = useForm<ChangeAccessInput>({ resolver: useTranslatedResolver(changeAccessSchema), defaultValues: initial });
  const chosen = useWatch({ control: form.control }) as ChangeAccessInput;
  const managedKey = managedIds.join(",");

  // After a save the page re-renders with the new version and access: the form follows them.
  useEffect(() => {
    form.reset({ partnershipId, version, access, productIds: access === "limited" ? managedKey.split(",").filter(Boolean) : [] });
  }, [form, partnershipId, version, access, managedKey]);
  useEffect(() => {
    if (step === "verify") verifyHeading.current?.focus();
    if (step === "edit") document.querySelector<HTMLInputElement>(`input[name="access"]:checked`)?.focus();
  }, [step]);

  const toView = () => { setError(null); setStep("view"); setTimeout(() => pencil.current?.focus(), 0); };
  const cancel = () => { form.reset(initial); toView(); };
  const inFlight = useRef(false);
  const onKeyDown = (e: React.KeyboardEvent) => {
    // Not while the request is out; after its answer, even if the page is still refreshing (see payment-section.tsx).
    if (e.key === "Escape" && step !== "view" && !inFlight.current) { e.preventDefault(); cancel(); }
  };
  // By id, not a ref: the same handler runs from react-hook-form's submit callback.
  const showError = (message: string) => { setError(message); setTimeout(() => document.getElementById(ERROR_ID)?.focus(), 0); };
  const onAccess = (next: AccessLevel) => {
    form.setValue("access", next);
    // Full access covers everything; going back to limited starts from the products managed today.
    form.setValue("productIds", next === "full" ? [] : managedIds, { shouldValidate: form.formState.isSubmitted });
  };
  const plan = planAccessChange({ access, paymentMode, productIds: managedIds }, { access: chosen.access, productIds: chosen.productIds ?? [] });
  const onContinue = form.handleSubmit(() => {
    setError(null);
    if (plan.unchanged) return showError(t("unchangedHint"));
    confirmKey.renew();
    setStep("verify");
  });
  const onConfirm = () => startTransition(async () => {
    setError(null);
    inFlight.current = true;
    const result = await changeAccess({ ...form.getValues(), idempotencyKey: confirmKey.key() }).finally(() => { inFlight.current = false; });
    if (result.ok) { setSuccess(result.message); toView(); } else showError(result.message);
  });
  const label = (id: string) => products.find((p) => p.id === id)?.label ?? id;
  const managed = products.filter((p) => managedIds.includes(p.id));

  return (
    <section aria-labelledby="access-title" className={cardClass} onKeyDown={onKeyDown}>
      <div className="flex items-center justify-between">
        <h2 id="access-title" className="text-lg font-semibold">{t("title")}</h2>
        {canEdit && step === "view" && (
          <button ref={pencil} type="button" aria-label={t("edit")} title={t("edit")} className={buttonClass("ghost")}
            onClick={() => { setSuccess(""); setStep("edit"); }}>
            <Pencil aria-hidden className="size-4" />
          </button>
        )}
      </div>
      <p role="status" className="mt-2 text-sm font-medium text-green-800">{success}</p>

      {step === "view" && <AccessDetails access={access} customerName={customerName} managed={managed} tense={tense} />}

      {step === "edit" && (
        <form onSubmit={onContinue} noValidate className="mt-4 space-y-4">
          <fieldset role="radiogroup" aria-label={t("legend")}>
            <legend className="text-sm font-medium">{t("legend")}</legend>
            <div className="mt-2 space-y-2">
              {ACCESS_LEVELS.map((level) => (
                <label key={level} className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" name="access" value={level} checked={chosen.access === level} onChange={() => onAccess(level)} className="mt-1" aria-describedby={`access-${level}-help`} />
                  <span className="min-w-0">
                    <span className="block text-sm font-medium">
                      {level === access ? t("currentOption", { access: d(`accessLong.${level}`) }) : d(`accessLong.${level}`)}
                    </span>
                    <span id={`access-${level}-help`} className="block text-sm text-slate-600">{t(`explanation.${level}`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {chosen.access === "limited" && (
            <ProductPicker products={products} value={chosen.productIds ?? []} errorId="access-products-error"
              error={form.formState.errors.productIds?.message}
              onChange={(ids) => form.setValue("productIds", ids, { shouldValidate: form.formState.isSubmitted })} />
          )}
          <p id={ERROR_ID} tabIndex={-1} role="alert" className="text-sm text-red-700">{error}</p>
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
            {t.rich("summary", { from: d(`access.${access}`), to: d(`access.${plan.access}`), strong: (c) => <strong>{c}</strong> })}
          </p>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {plan.access === "full" && <li>{t("willManageAll", { partnerName, customerName })}</li>}
            {plan.added.length > 0 && <li>{t("added", { products: plan.added.map(label).join(", ") })}</li>}
            {plan.removed.length > 0 && <li>{t("removed", { products: plan.removed.map(label).join(", ") })}</li>}
            {plan.resetsPaymentMode && (
              <li>{t.rich("resetsPaymentMode", { mode: d("paymentMode.customer"), strong: (c) => <strong>{c}</strong> })}</li>
            )}
            {access === "full" && plan.access === "limited" && pendingSwitchWarning && <li><strong>{pendingSwitchWarning}</strong></li>}
            {access === "limited" && plan.access === "full" && (
              <li>{t("startsCustomer", { mode: d("paymentMode.customer") })}</li>
            )}
            <li>{t("appliesFromNow")}</li>
            <li>{t("notified", { partnerName })}</li>
          </ul>
          <p id={ERROR_ID} tabIndex={-1} role="alert" className="text-sm text-red-700">{error}</p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={buttonClass("primary")} onClick={onConfirm} disabled={pending}>{pending ? s("saving") : s("confirm")}</button>
            <button type="button" className={buttonClass("secondary")} onClick={() => setStep("edit")} disabled={pending}>{s("back")}</button>
            <button type="button" className={buttonClass("ghost")} onClick={cancel} disabled={pending}>{s("cancel")}</button>
          </div>
        </div>
      )}
    </section>
  );
}
