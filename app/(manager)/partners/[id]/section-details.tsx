// What the Payment and Access sections say when nobody edits them: rendered by the server-rendered
// views (section-views.tsx) and by the editors' view step alike, so both read the same. The tense
// follows the status: an ended partnership "managed", a pending invitation "will manage".
import { useTranslations } from "next-intl";
import type { AccessLevel, PaymentMode } from "@/lib/domain";
import type { Tense } from "@/lib/partnership-facts";

export function PaymentDetails({ access, paymentMode, partnerName, tense }: {
  access: AccessLevel; paymentMode: PaymentMode; partnerName: string; tense: Tense;
}) {
  const t = useTranslations("partners.payment");
  const d = useTranslations("domain");
  const mode = access === "full" ? paymentMode : "customer";
  return (
    <div className="mt-2">
      <p className="text-sm">{t("current", { tense })} <strong data-testid="current-payment-mode">{d(`paymentMode.${mode}`)}</strong></p>
      <p className="mt-1 text-sm text-slate-600">{t(`explanation.${mode}`, { tense })}</p>
      {access === "limited" && tense === "present" && <p className="mt-2 text-sm text-slate-600">{t("limited", { partnerName })}</p>}
    </div>
  );
}

export function AccessDetails({ access, customerName, managed, tense }: {
  access: AccessLevel; customerName: string; managed: { id: string; label: string; category: string }[]; tense: Tense;
}) {
  const t = useTranslations("partners.access");
  const d = useTranslations("domain");
  return (
    <div className="mt-2 text-sm">
      <p>{t("current", { tense })} <strong data-testid="current-access">{d(`access.${access}`)}</strong></p>
      {access === "full" ? <p className="mt-1 text-slate-600">{t("fullDetail", { tense, customerName })}</p> : (
        <>
          <h3 className="mt-3 font-semibold">{t("managedTitle", { tense })}</h3>
          {managed.length === 0 ? <p className="text-slate-600">{t("none")}</p> : (
            <ul className="mt-1 list-disc pl-5">{managed.map((p) => <li key={p.id}>{t("product", { label: p.label, category: p.category })}</li>)}</ul>
          )}
        </>
      )}
    </div>
  );
}
