import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessLabel, PaymentModeLabel, StatusBadge } from "@/components/partnership-badges";
import { buttonClass } from "@/components/ui/styles";
import { listCustomerPartnerships } from "@/db/partnerships";
import { formatDate } from "@/lib/format";
import { lifecycleDenial } from "@/lib/lifecycle";
import { canSeePartnersPage } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Partner" };

export default async function PartnersPage() {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeePartnersPage(m)) notFound();
  const rows = await listCustomerPartnerships({ customerOrgId: m.orgId });
  return (
    <section aria-labelledby="partners-title" className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 id="partners-title" className="text-2xl font-semibold">Partner</h1>
          <p className="mt-1 text-sm text-slate-600">
            The partners that manage {m.orgName}&apos;s products, their access and who pays.
          </p>
        </div>
        {lifecycleDenial("invite", { role: m.role, side: "customer" }, null) === null && (
          <Link href="/partners/new" className={buttonClass("primary")}>Add a partner</Link>
        )}
      </header>
      {rows.length === 0 ? (
        <p className="text-slate-600">No partner yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Partnerships of {m.orgName}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Partner</th>
                <th scope="col" className="px-4 py-3">Access</th>
                <th scope="col" className="px-4 py-3">Payment mode</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Since</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => (
                <tr key={p.id}>
                  <td className="px-4 py-3 font-medium">
                    <Link href={`/partners/${p.id}`} className="text-brand-700 hover:underline">{p.partnerName}</Link>
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
