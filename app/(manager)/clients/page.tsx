import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessLabel, PaymentModeLabel, StatusBadge } from "@/components/partnership-badges";
import { listPartnerClients } from "@/db/partnerships";
import { formatDate } from "@/lib/format";
import { canSeeClientsPage } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Clients" };

export default async function ClientsPage() {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeeClientsPage(m)) notFound();
  const rows = await listPartnerClients({ partnerOrgId: m.orgId });
  return (
    <section aria-labelledby="clients-title" className="space-y-6">
      <header>
        <h1 id="clients-title" className="text-2xl font-semibold">Clients</h1>
        <p className="mt-1 text-sm text-slate-600">The customers {m.orgName} manages, with the access and payment mode each chose.</p>
      </header>
      {rows.length === 0 ? <p className="text-slate-600">No client yet.</p> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Clients of {m.orgName}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Client</th>
                <th scope="col" className="px-4 py-3">Access</th>
                <th scope="col" className="px-4 py-3">Payment mode</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Since</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => (
                <tr key={p.id} id={`client-${p.id}`}>
                  <td className="px-4 py-3 font-medium">
                    <Link href={`/clients/${p.id}`} className="text-brand-700 hover:underline">{p.customerName}</Link>
                  </td>
                  <td className="px-4 py-3"><AccessLabel access={p.access} /></td>
                  <td className="px-4 py-3"><PaymentModeLabel access={p.access} paymentMode={p.paymentMode} /></td>
                  <td className="px-4 py-3"><StatusBadge status={p.status} /></td>
                  <td className="px-4 py-3">{formatDate(p.activatedAt ?? p.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
