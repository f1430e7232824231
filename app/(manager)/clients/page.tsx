import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/pager";
import { notFound } from "next/navigation";
import { InvitationAnswer } from "@/components/invitation-answer";
import { Notice, noticeFrom } from "@/components/notice";
import { AccessLabel, PaymentModeLabel } from "@/components/partnership-badges";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { latestInvitations, listPendingInvitations } from "@/db/invitation-reads";
import { decodeClientCursor, encodeClientCursor, listActiveClients, listManagedProductsFor } from "@/db/lifecycle";
import { formatDate } from "@/lib/format";
import { invitationState, lifecycleDenial } from "@/lib/lifecycle";
import { canSeeClientsPage } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Clients" };

const NOTICES = {
  refused: "You refused the invitation. The customer has been notified by email.",
  ended: "The partnership has ended: you no longer have access to that client's products. The client has been notified by email.",
};

export default async function ClientsPage({ searchParams }: PageProps<"/clients">) {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeeClientsPage(m)) notFound();
  const { after, notice } = await searchParams;
  const cursor = decodeClientCursor(after);
  const [pending, page] = await Promise.all([
    listPendingInvitations({ partnerOrgId: m.orgId }),
    listActiveClients({ partnerOrgId: m.orgId, after: cursor }),
  ]);
  const ids = [...pending.map((p) => p.id), ...page.rows.map((p) => p.id)];
  const [products, links] = await Promise.all([
    listManagedProductsFor({ partnershipIds: ids }),
    latestInvitations({ partnershipIds: pending.map((p) => p.id) }),
  ]);
  const canAnswer = lifecycleDenial("accept", { role: m.role, side: "partner" }, "pending") === null;
  const now = new Date();
  const productList = (id: string) => (products.get(id) ?? []).map((x) => x.label).join(", ") || "—";

  return (
    <section aria-labelledby="clients-title" className="space-y-6">
      <header>
        <h1 id="clients-title" className="text-2xl font-semibold">Clients</h1>
        <p className="mt-1 text-sm text-slate-600">The customers {m.orgName} manages, with the access and payment mode each chose.</p>
      </header>
      <Notice text={noticeFrom(notice, NOTICES)} />

      <section aria-labelledby="invitations-title" className={cardClass}>
        <h2 id="invitations-title" className="text-lg font-semibold">Pending invitations</h2>
        {pending.length === 0 ? <p className="mt-2 text-sm text-slate-600">No invitation is waiting for an answer.</p> : (
          <ul className="mt-3 divide-y divide-slate-100">
            {pending.map((p) => {
              const link = links.get(p.id);
              const live = link && invitationState(link, now) === "live";
              return (
                <li key={p.id} className="space-y-2 py-3 text-sm">
                  <p id={`invitation-${p.id}`} className="font-medium">
                    <Link href={`/clients/${p.id}`} className="text-brand-700 hover:underline">{p.customerName}</Link>
                  </p>
                  <p>
                    Access: <AccessLabel access={p.access} />
                    {p.access === "full" ? <>; payment mode: <PaymentModeLabel access={p.access} paymentMode={p.paymentMode} /></> : `; products: ${productList(p.id)}`}
                    . Invited on {formatDate(p.createdAt)}
                    {link && (live ? `; the invitation expires on ${formatDate(link.expiresAt)}.` : `; the invitation expired on ${formatDate(link.expiresAt)}: ask ${p.customerName} to send it again.`)}
                  </p>
                  {canAnswer && live && <InvitationAnswer partnershipId={p.id} version={p.version} customerName={p.customerName} />}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="active-clients-title" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="active-clients-title" className="text-lg font-semibold">Active clients</h2>
          <a href="/clients/export" className={buttonClass("secondary")} download>Export CSV</a>
        </div>
        {page.rows.length === 0 ? <p className="text-slate-600">No client{cursor ? " on this page" : " yet"}.</p> : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Clients of {m.orgName}, newest first</caption>
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-3">Client</th>
                  <th scope="col" className="px-4 py-3">Access</th>
                  <th scope="col" className="px-4 py-3">Payment mode</th>
                  <th scope="col" className="px-4 py-3">Products</th>
                  <th scope="col" className="px-4 py-3">Since</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((p) => (
                  <tr key={p.id} id={`client-${p.id}`}>
                    <td className="px-4 py-3 font-medium">
                      <Link href={`/clients/${p.id}`} className="text-brand-700 hover:underline">{p.customerName}</Link>
                    </td>
                    <td className="px-4 py-3"><AccessLabel access={p.access} /></td>
                    <td className="px-4 py-3"><PaymentModeLabel access={p.access} paymentMode={p.paymentMode} /></td>
                    <td className="px-4 py-3">{p.access === "full" ? "All" : productList(p.id)}</td>
                    <td className="px-4 py-3">{formatDate(p.activatedAt ?? p.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager label="Clients pages" isFirst={!cursor} firstHref="/clients"
          nextHref={page.next ? `/clients?after=${encodeClientCursor(page.next)}` : null} />
      </section>
    </section>
  );
}
