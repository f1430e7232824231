// The Payment and Access sections as they read before anyone edits them: server-rendered, with the
// pencil that loads the editor (deferred-editor.tsx), which then replaces the section.
import { useTranslations } from "next-intl";
import { cardClass } from "@/components/ui/styles";
import type { AccessLevel, PaymentMode } from "@/lib/domain";
import type { Tense } from "@/lib/partnership-facts";
import { EditButton } from "./deferred-editor";
import { AccessDetails, PaymentDetails } from "./section-details";

function SectionView({ id, title, editLabel, children }: { id: string; title: string; editLabel: string | null; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={cardClass}>
      <div className="flex items-center justify-between">
        <h2 id={id} className="text-lg font-semibold">{title}</h2>
        {editLabel && <EditButton label={editLabel} />}
      </div>
      <p role="status" className="mt-2 text-sm font-medium text-green-800" />
      {children}
    </section>
  );
}

export function PaymentView({ access, paymentMode, partnerName, canEdit, tense }: {
  access: AccessLevel; paymentMode: PaymentMode; partnerName: string; canEdit: boolean; tense: Tense;
}) {
  const t = useTranslations("partners.payment");
  return (
    <SectionView id="payment-title" title={t("title")} editLabel={canEdit ? t("edit") : null}>
      <PaymentDetails access={access} paymentMode={paymentMode} partnerName={partnerName} tense={tense} />
    </SectionView>
  );
}

export function AccessView({ access, customerName, managed, canEdit, tense }: {
  access: AccessLevel; customerName: string; managed: { id: string; label: string; category: string }[]; canEdit: boolean; tense: Tense;
}) {
  const t = useTranslations("partners.access");
  return (
    <SectionView id="access-title" title={t("title")} editLabel={canEdit ? t("edit") : null}>
      <AccessDetails access={access} customerName={customerName} managed={managed} tense={tense} />
    </SectionView>
  );
}
