// The Payment and Access sections as they read before anyone edits them: server-rendered, the same
// markup as the editors' view step (payment-section.tsx, access-section.tsx), which replace them once
// the pencil is pressed.
import { cardClass } from "@/components/ui/styles";
import { ACCESS_INFO } from "@/lib/access-info";
import { PAYMENT_MODE_INFO, type AccessLevel, type PaymentMode } from "@/lib/domain";
import { EditButton } from "./deferred-editor";

export function PaymentView({ access, paymentMode, partnerName, canEdit }: { access: AccessLevel; paymentMode: PaymentMode; partnerName: string; canEdit: boolean }) {
  const info = PAYMENT_MODE_INFO[access === "full" ? paymentMode : "customer"];
  return (
    <section aria-labelledby="payment-title" className={cardClass}>
      <div className="flex items-center justify-between">
        <h2 id="payment-title" className="text-lg font-semibold">Payment</h2>
        {canEdit && <EditButton label="Edit payment mode" />}
      </div>
      <p role="status" className="mt-2 text-sm font-medium text-green-800" />
      <div className="mt-2">
        <p className="text-sm">Payment mode: <strong data-testid="current-payment-mode">{info.label}</strong></p>
        <p className="mt-1 text-sm text-slate-600">{info.explanation}</p>
        {access === "limited" && (
          <p className="mt-2 text-sm text-slate-600">
            {partnerName} has limited access, so no payment mode can be chosen: the customer always pays.
            Give the partner full access to choose who pays.
          </p>
        )}
      </div>
    </section>
  );
}

export function AccessView({ access, customerName, managed, canEdit }: {
  access: AccessLevel; customerName: string; managed: { id: string; label: string; category: string }[]; canEdit: boolean;
}) {
  return (
    <section aria-labelledby="access-title" className={cardClass}>
      <div className="flex items-center justify-between">
        <h2 id="access-title" className="text-lg font-semibold">Access rights</h2>
        {canEdit && <EditButton label="Edit access rights" />}
      </div>
      <p role="status" className="mt-2 text-sm font-medium text-green-800" />
      <div className="mt-2 text-sm">
        <p>Access: <strong data-testid="current-access">{ACCESS_INFO[access].label}</strong></p>
        {access === "full" ? <p className="mt-1 text-slate-600">The partner manages all of {customerName}&apos;s products.</p> : (
          <>
            <h3 className="mt-3 font-semibold">Products managed</h3>
            {managed.length === 0 ? <p className="text-slate-600">None.</p> : (
              <ul className="mt-1 list-disc pl-5">{managed.map((p) => <li key={p.id}>{p.label} <span className="text-slate-500">({p.category})</span></li>)}</ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
