// What the Payment and Access sections say when nobody edits them: rendered by the server-rendered
// views (section-views.tsx) and by the editors' view step alike, so both read the same.
import { ACCESS_INFO } from "@/lib/access-info";
import { PAYMENT_MODE_INFO, type AccessLevel, type PaymentMode } from "@/lib/domain";

export function PaymentDetails({ access, paymentMode, partnerName }: { access: AccessLevel; paymentMode: PaymentMode; partnerName: string }) {
  const info = PAYMENT_MODE_INFO[access === "full" ? paymentMode : "customer"];
  return (
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
  );
}

export function AccessDetails({ access, customerName, managed }: { access: AccessLevel; customerName: string; managed: { id: string; label: string; category: string }[] }) {
  return (
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
  );
}
