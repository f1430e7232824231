"use client";
// The invitation: access (limited with products, or full with a payment mode) → verify → send.
import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { ProductPicker, type PickableProduct } from "@/components/product-picker";
import { buttonClass } from "@/components/ui/styles";
import { ACCESS_INFO } from "@/lib/access-info";
import { ACCESS_LEVELS, PAYMENT_MODE_INFO, PAYMENT_MODES, type AccessLevel } from "@/lib/domain";
import { INVITATION_TTL_DAYS } from "@/lib/lifecycle";
import { invitePartnerSchema, type InvitePartnerInput } from "@/lib/validation/lifecycle";
import { invitePartner } from "../lifecycle-actions";
import { useConfirmKey } from "@/components/use-confirm-key";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";

function Choice({ name, value, checked, onChange, label, help }: {
  name: string; value: string; checked: boolean; onChange: () => void; label: string; help: string;
}) {
  return (
    <label className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
      <input type="radio" name={name} value={value} checked={checked} onChange={onChange} className="mt-1" aria-describedby={`${name}-${value}-help`} />
      <span>
        <span className="block text-sm font-medium">{label}</span>
        <span id={`${name}-${value}-help`} className="block text-sm text-slate-600">{help}</span>
      </span>
    </label>
  );
}

export function InviteForm({ partner, products }: { partner: { id: string; name: string }; products: PickableProduct[] }) {
  const [step, setStep] = useState<"edit" | "verify">("edit");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const router = useRouter();
  const verifyHeading = useRef<HTMLHeadingElement>(null);
  const form = useForm<InvitePartnerInput>({
    resolver: useTranslatedResolver(invitePartnerSchema),
    defaultValues: { partnerOrgId: partner.id, access: "full", paymentMode: "customer", productIds: [] },
  });
  const v = useWatch({ control: form.control }) as InvitePartnerInput;
  const errors = form.formState.errors;

  useEffect(() => {
    if (step === "verify") verifyHeading.current?.focus();
  }, [step]);

  const onAccess = (access: AccessLevel) => {
    form.setValue("access", access);
    // Limited access always means the customer pays; full access needs no product list.
    if (access === "limited") form.setValue("paymentMode", "customer");
    else form.setValue("productIds", []);
  };
  const onContinue = form.handleSubmit(() => { setError(null); confirmKey.renew(); setStep("verify"); });
  const onSend = () => startTransition(async () => {
    setError(null);
    const result = await invitePartner({ ...form.getValues(), idempotencyKey: confirmKey.key() });
    if (result.ok) router.push(`/partners/${result.partnershipId}?notice=invited`);
    else setError(result.message);
  });
  const chosen = products.filter((p) => v.productIds?.includes(p.id));

  if (step === "verify") {
    return (
      <div className="mt-4 space-y-3">
        <h3 ref={verifyHeading} tabIndex={-1} className="text-base font-semibold">Verify the invitation</h3>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>Partner: <strong>{partner.name}</strong></li>
          <li>Access: <strong>{ACCESS_INFO[v.access].label}</strong>. {ACCESS_INFO[v.access].explanation}</li>
          {v.access === "full" ? (
            <li>Payment mode: <strong>{PAYMENT_MODE_INFO[v.paymentMode].label}</strong>. {PAYMENT_MODE_INFO[v.paymentMode].explanation}</li>
          ) : <li>Products: {chosen.map((p) => p.label).join(", ")}.</li>}
          <li>
            {partner.name}&apos;s legal representatives receive an email with a link to accept or refuse. The link works once
            and expires after {INVITATION_TTL_DAYS} days.
          </li>
          <li>Nothing changes until {partner.name} accepts.</li>
        </ul>
        <p role="alert" className="text-sm text-red-700">{error}</p>
        <div className="flex gap-2">
          <button type="button" className={buttonClass("primary")} onClick={onSend} disabled={pending}>{pending ? "Sending…" : "Send invitation"}</button>
          <button type="button" className={buttonClass("secondary")} onClick={() => setStep("edit")} disabled={pending}>Back</button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={onContinue} noValidate className="mt-4 space-y-4">
      <fieldset role="radiogroup" aria-label="Access">
        <legend className="text-sm font-medium">Access</legend>
        <div className="mt-2 space-y-2">
          {ACCESS_LEVELS.map((level) => (
            <Choice key={level} name="access" value={level} checked={v.access === level} onChange={() => onAccess(level)}
              label={ACCESS_INFO[level].label} help={ACCESS_INFO[level].explanation} />
          ))}
        </div>
      </fieldset>
      {v.access === "limited" ? (
        <ProductPicker products={products} value={v.productIds ?? []} errorId="invite-products-error" error={errors.productIds?.message}
          onChange={(ids) => form.setValue("productIds", ids, { shouldValidate: form.formState.isSubmitted })} />
      ) : (
        <fieldset role="radiogroup" aria-label="Payment mode" aria-describedby={errors.paymentMode ? "invite-mode-error" : undefined}>
          <legend className="text-sm font-medium">Payment mode</legend>
          <div className="mt-2 space-y-2">
            {PAYMENT_MODES.map((mode) => (
              <Choice key={mode} name="paymentMode" value={mode} checked={v.paymentMode === mode} onChange={() => form.setValue("paymentMode", mode)}
                label={PAYMENT_MODE_INFO[mode].label} help={PAYMENT_MODE_INFO[mode].explanation} />
            ))}
          </div>
          <p id="invite-mode-error" role="alert" className="text-sm text-red-700">{errors.paymentMode?.message}</p>
        </fieldset>
      )}
      <p role="alert" className="text-sm text-red-700">{errors.partnerOrgId?.message ?? error}</p>
      <button type="submit" className={buttonClass("primary")}>Continue</button>
    </form>
  );
}
