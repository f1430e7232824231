"use client";
// The invitation: access (limited with products, or full with a payment mode) → verify → send.
import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { useTranslations } from "next-intl";
import { ProductPicker, type PickableProduct } from "@/components/product-picker";
import { buttonClass } from "@/components/ui/styles";
import { ACCESS_LEVELS, PAYMENT_MODES, type AccessLevel } from "@/lib/domain";
import { INVITATION_TTL_DAYS } from "@/lib/lifecycle";
import { invitePartnerSchema, type InvitePartnerInput } from "@/lib/validation/lifecycle";
import { invitePartner } from "../lifecycle-actions";
import { useConfirmKey } from "@/components/use-confirm-key";
import { useTranslatedResolver } from "@/lib/i18n/use-translated-resolver";

const MODE_ERROR_ID = "invite-mode-error";

function Choice({ name, value, checked, onChange, label, help }: {
  name: string; value: string; checked: boolean; onChange: () => void; label: string; help: string;
}) {
  return (
    <label className="flex cursor-pointer gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
      <input type="radio" name={name} value={value} checked={checked} onChange={onChange} className="mt-1" aria-describedby={`${name}-${value}-help`} />
      <span className="min-w-0">
        <span className="block text-sm font-medium">{label}</span>
        <span id={`${name}-${value}-help`} className="block text-sm text-slate-600">{help}</span>
      </span>
    </label>
  );
}

export function InviteForm({ partner, products }: { partner: { id: string; name: string }; products: PickableProduct[] }) {
  const t = useTranslations("partners");
  const d = useTranslations("domain");
  const [step, setStep] = useState<"edit" | "verify">("edit");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirmKey = useConfirmKey();
  const router = useRouter();
  const verifyHeading = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);
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
    else { setError(result.message); setTimeout(() => errorRef.current?.focus(), 0); }
  });
  const chosen = products.filter((p) => v.productIds?.includes(p.id));

  if (step === "verify") {
    return (
      <div className="mt-4 space-y-3" onKeyDown={(e) => { if (e.key === "Escape" && !pending) { e.preventDefault(); setStep("edit"); } }}>
        <h3 ref={verifyHeading} tabIndex={-1} className="text-base font-semibold">{t("new.verifyTitle")}</h3>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>{t.rich("new.partner", { name: partner.name, strong: (c) => <strong>{c}</strong> })}</li>
          <li>{t.rich("new.access", { access: d(`access.${v.access}`), explanation: t(`access.explanation.${v.access}`), strong: (c) => <strong>{c}</strong> })}</li>
          {v.access === "full" ? (
            <li>{t.rich("new.paymentMode", { mode: d(`paymentMode.${v.paymentMode}`), explanation: d(`paymentModeExplanation.${v.paymentMode}`), strong: (c) => <strong>{c}</strong> })}</li>
          ) : <li>{t("new.products", { products: chosen.map((p) => p.label).join(", ") })}</li>}
          <li>{t("new.emailed", { name: partner.name, days: INVITATION_TTL_DAYS })}</li>
          <li>{t("new.nothingUntil", { name: partner.name })}</li>
        </ul>
        <p ref={errorRef} tabIndex={-1} role="alert" className="text-sm text-red-700">{error}</p>
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass("primary")} onClick={onSend} disabled={pending}>{pending ? t("new.sending") : t("new.send")}</button>
          <button type="button" className={buttonClass("secondary")} onClick={() => setStep("edit")} disabled={pending}>{t("steps.back")}</button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={onContinue} noValidate className="mt-4 space-y-4">
      <fieldset role="radiogroup" aria-label={t("access.legend")}>
        <legend className="text-sm font-medium">{t("access.legend")}</legend>
        <div className="mt-2 space-y-2">
          {ACCESS_LEVELS.map((level) => (
            <Choice key={level} name="access" value={level} checked={v.access === level} onChange={() => onAccess(level)}
              label={d(`accessLong.${level}`)} help={t(`access.explanation.${level}`)} />
          ))}
        </div>
      </fieldset>
      {v.access === "limited" ? (
        <ProductPicker products={products} value={v.productIds ?? []} errorId="invite-products-error" error={errors.productIds?.message}
          onChange={(ids) => form.setValue("productIds", ids, { shouldValidate: form.formState.isSubmitted })} />
      ) : (
        <fieldset role="radiogroup" aria-label={t("payment.legend")} aria-describedby={errors.paymentMode ? MODE_ERROR_ID : undefined}>
          <legend className="text-sm font-medium">{t("payment.legend")}</legend>
          <div className="mt-2 space-y-2">
            {PAYMENT_MODES.map((mode) => (
              <Choice key={mode} name="paymentMode" value={mode} checked={v.paymentMode === mode} onChange={() => form.setValue("paymentMode", mode)}
                label={d(`paymentMode.${mode}`)} help={d(`paymentModeExplanation.${mode}`)} />
            ))}
          </div>
          <p id={MODE_ERROR_ID} role="alert" className="text-sm text-red-700">{errors.paymentMode?.message}</p>
        </fieldset>
      )}
      <p role="alert" className="text-sm text-red-700">{errors.partnerOrgId?.message ?? error}</p>
      <button type="submit" className={buttonClass("primary")}>{t("steps.continue")}</button>
    </form>
  );
}
