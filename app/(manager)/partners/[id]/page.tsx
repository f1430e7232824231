import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessLabel, StatusBadge } from "@/components/partnership-badges";
import { cardClass } from "@/components/ui/styles";
import { listPaymentModeHistory } from "@/db/audit";
import { getCustomerPartnership, listManagedProducts } from "@/db/partnerships";
import { PAYMENT_MODE_INFO, type PaymentMode } from "@/lib/domain";
import { formatDate, formatDateTime } from "@/lib/format";
import { canSeePartnersPage, paymentModeChangeDenial } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";
import { PaymentSection } from "./payment-section";

export const metadata: Metadata = { title: "Partner" };

const modeLabel = (m: string | null) => (m === "customer" || m === "partner" ? PAYMENT_MODE_INFO[m as PaymentMode].label : "—");

export default async function PartnerPage({ params }: PageProps<"/partners/[id]">) {
  const { id } = await params;
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeePartnersPage(m) || id.length > 64) notFound();
  const p = await getCustomerPartnership({ id, customerOrgId: m.orgId });
  if (!p) notFound();
  const [history, managed] = await Promise.all([
    listPaymentModeHistory({ partnershipId: p.id }),
    p.access === "limited" ? listManagedProducts({ partnershipId: p.id }) : Promise.resolve([]),
  ]);
  const denial = paymentModeChangeDenial(m.role, p);

  return (
    <article aria-labelledby="partner-title" className="max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/partners" className="text-brand-700 hover:underline">Partner</Link></nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="partner-title" className="text-2xl font-semibold">{p.partnerName}</h1>
        <StatusBadge status={p.status} />
        <p className="w-full text-sm text-slate-600">Partner of {p.customerName} since {formatDate(p.activatedAt ?? p.createdAt)}</p>
      </header>

      <PaymentSection
        partnershipId={p.id}
        version={p.version}
        access={p.access}
        paymentMode={p.paymentMode}
        partnerName={p.partnerName}
        canEdit={denial === null}
      />

      <section aria-labelledby="history-title" className={cardClass}>
        <h2 id="history-title" className="text-lg font-semibold">Payment mode history</h2>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">The payment mode has not changed since the partnership began.</p>
        ) : (
          <table className="mt-3 w-full text-left text-sm">
            <caption className="sr-only">Payment mode changes, newest first</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr><th scope="col" className="py-2">When</th><th scope="col">Who</th><th scope="col">From</th><th scope="col">To</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.map((h) => (
                <tr key={h.id}>
                  <td className="py-2">{formatDateTime(h.at)}</td>
                  <td>{h.actorName ?? "—"}</td>
                  <td>{modeLabel(h.from)}</td>
                  <td>{modeLabel(h.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="access-title" className={cardClass}>
        <h2 id="access-title" className="text-lg font-semibold">Access rights</h2>
        <p className="mt-2 text-sm">Access: <strong><AccessLabel access={p.access} /></strong></p>
        {p.access === "full" ? (
          <p className="mt-1 text-sm text-slate-600">The partner manages all of {p.customerName}&apos;s products.</p>
        ) : (
          <>
            <h3 className="mt-3 text-sm font-semibold">Products managed</h3>
            {managed.length === 0 ? <p className="text-sm text-slate-600">None.</p> : (
              <ul className="mt-1 list-disc pl-5 text-sm">
                {managed.map((prod) => <li key={prod.id}>{prod.label} <span className="text-slate-500">({prod.category})</span></li>)}
              </ul>
            )}
          </>
        )}
      </section>
    </article>
  );
}
