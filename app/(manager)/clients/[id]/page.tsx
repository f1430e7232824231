import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessLabel, PaymentModeLabel, StatusBadge } from "@/components/partnership-badges";
import { cardClass } from "@/components/ui/styles";
import { getPartnerPartnership, listManagedProducts } from "@/db/partnerships";
import { effectivePaymentMode } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { canSeeClientsPage } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Client" };

export default async function ClientPage({ params }: PageProps<"/clients/[id]">) {
  const { id } = await params;
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeeClientsPage(m) || id.length > 64) notFound();
  const p = await getPartnerPartnership({ id, partnerOrgId: m.orgId });
  if (!p) notFound();
  const managed = p.access === "limited" ? await listManagedProducts({ partnershipId: p.id }) : [];
  const mode = effectivePaymentMode(p);
  return (
    <article aria-labelledby="client-title" className="max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/clients" className="text-brand-700 hover:underline">Clients</Link></nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="client-title" className="text-2xl font-semibold">{p.customerName}</h1>
        <StatusBadge status={p.status} />
        <p className="w-full text-sm text-slate-600">Client since {formatDate(p.activatedAt ?? p.createdAt)}</p>
      </header>
      <section aria-labelledby="client-payment-title" className={cardClass}>
        <h2 id="client-payment-title" className="text-lg font-semibold">Payment</h2>
        <p className="mt-2 text-sm">Payment mode: <strong><PaymentModeLabel access={p.access} paymentMode={p.paymentMode} /></strong></p>
        <p className="mt-1 text-sm text-slate-600">
          {mode === "partner"
            ? "You pay the orders and renewals you place for this client, at your reseller discount, and see those invoices."
            : "The client pays and sees the invoices; you earn cashback in your prepaid account."}{" "}
          Only the client can change the payment mode.
        </p>
      </section>
      <section aria-labelledby="client-access-title" className={cardClass}>
        <h2 id="client-access-title" className="text-lg font-semibold">Access rights</h2>
        <p className="mt-2 text-sm">Access: <strong><AccessLabel access={p.access} /></strong></p>
        {p.access === "limited" && (
          <ul className="mt-2 list-disc pl-5 text-sm">
            {managed.map((prod) => <li key={prod.id}>{prod.label} <span className="text-slate-500">({prod.category})</span></li>)}
          </ul>
        )}
      </section>
    </article>
  );
}
