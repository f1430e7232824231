"use client";
// Access rights: the current access and products, and the editor (choose → verify → confirm).
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Pencil } from "lucide-react";
import { ProductPicker, type PickableProduct } from "@/components/product-picker";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { ACCESS_INFO } from "@/lib/access-info";
import { ACCESS_LEVELS, PAYMENT_MODE_INFO, type AccessLevel, type PaymentMode } from "@/lib/domain";
import { planAccessChange } from "@/lib/lifecycle";
import { changeAccessSchema, type ChangeAccessInput } from "@/lib/validation/lifecycle";
import { changeAccess } from "../lifecycle-actions";
import { useConfirmKey } from "@/components/use-confirm-key";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";
import { AccessDetails } from "./section-details";

type Props = {
  partnershipId: string; version: number; access: AccessLevel; paymentMode: PaymentMode;
  partnerName: string; customerName: string; products: PickableProduct[]; managedIds: string[]; canEdit: boolean;
  /** Opened from the server-rendered view's pencil (deferred-editor.tsx): start at the edit step. */
  startEditing?: boolean;
};

export function AccessSection(props: Props) {
  const { partnershipId, version, access, paymentMode, partnerName, customerName, products, managedIds, canEdit, startEditing = false } = props;
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
  const onAccess = (next: AccessLevel) => {
    form.setValue("access", next);
    // Full access covers everything; going back to limited starts from the products managed today.
    form.setValue("productIds", next === "full" ? [] : managedIds, { shouldValidate: form.formState.isSubmitted });
  };
  const plan = planAccessChange({ access, paymentMode, productIds: managedIds }, { access: chosen.access, productIds: chosen.productIds ?? [] });
  const onContinue = form.handleSubmit(() => {
    setError(null);
    if (plan.unchanged) return setError("Change the access or the products, or cancel.");
    confirmKey.renew();
    setStep("verify");
  });
  const onConfirm = () => startTransition(async () => {
    setError(null);
    const result = await changeAccess({ ...form.getValues(), idempotencyKey: confirmKey.key() });
    if (result.ok) { setSuccess(result.message); toView(); } else setError(result.message);
  });
  const label = (id: string) => products.find((p) => p.id === id)?.label ?? id;
  const managed = products.filter((p) => managedIds.includes(p.id));

  return (
    <section aria-labelledby="access-title" className={cardClass}>
      <div className="flex items-center justify-between">
        <h2 id="access-title" className="text-lg font-semibold">Access rights</h2>
        {canEdit && step === "view" && (
          <button ref={pencil} type="button" aria-label="Edit access rights" title="Edit access rights" className={buttonClass("ghost")}
            onClick={() => { setSuccess(""); setStep("edit"); }}>
            <Pencil aria-hidden className="size-4" />
          </button>
        )}
      </div>
      <p role="status" className="mt-2 text-sm font-medium text-green-800">{success}</p>

      {step === "view" && <AccessDetails access={access} customerName={customerName} managed={managed} />}

      {step === "edit" && (
        <form onSubmit={onContinue} noValidate className="mt-4 space-y-4">
          <fieldset role="radiogroup" aria-label="Access">
            <legend className="text-sm font-medium">Access</legend>
            <div className="mt-2 space-y-2">
              {ACCESS_LEVELS.map((level) => (
                <label key={level} className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
                  <input type="radio" name="access" value={level} checked={chosen.access === level} onChange={() => onAccess(level)} className="mt-1" aria-describedby={`access-${level}-help`} />
                  <span>
                    <span className="block text-sm font-medium">{ACCESS_INFO[level].label}{level === access ? " (current)" : ""}</span>
                    <span id={`access-${level}-help`} className="block text-sm text-slate-600">{ACCESS_INFO[level].explanation}</span>
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
          <p role="alert" className="text-sm text-red-700">{error}</p>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")}>Continue</button>
            <button type="button" className={buttonClass("secondary")} onClick={cancel}>Cancel</button>
          </div>
        </form>
      )}

      {step === "verify" && (
        <div className="mt-4 space-y-3">
          <h3 ref={verifyHeading} tabIndex={-1} className="text-base font-semibold">Verify the change</h3>
          <p className="text-sm">Access: <strong>{ACCESS_INFO[access].label}</strong> → <strong>{ACCESS_INFO[plan.access].label}</strong></p>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {plan.access === "full" && <li>{partnerName} will manage all of {customerName}&apos;s products.</li>}
            {plan.added.length > 0 && <li>Products added: {plan.added.map(label).join(", ")}.</li>}
            {plan.removed.length > 0 && <li>Products removed: {plan.removed.map(label).join(", ")}.</li>}
            {plan.resetsPaymentMode && (
              <li><strong>The payment mode is reset to “{PAYMENT_MODE_INFO.customer.label}”</strong>: with limited access the customer always pays.</li>
            )}
            {access === "limited" && plan.access === "full" && (
              <li>The payment mode starts as “{PAYMENT_MODE_INFO.customer.label}”; you can then change it in the Payment section.</li>
            )}
            <li>It applies from now on; invoices already issued stay where they are.</li>
            <li>{partnerName} is notified by email.</li>
          </ul>
          <p role="alert" className="text-sm text-red-700">{error}</p>
          <div className="flex gap-2">
            <button type="button" className={buttonClass("primary")} onClick={onConfirm} disabled={pending}>{pending ? "Saving…" : "Confirm"}</button>
            <button type="button" className={buttonClass("secondary")} onClick={() => setStep("edit")} disabled={pending}>Back</button>
            <button type="button" className={buttonClass("ghost")} onClick={cancel} disabled={pending}>Cancel</button>
          </div>
        </div>
      )}
    </section>
  );
}
