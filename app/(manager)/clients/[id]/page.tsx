import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EndPartnership } from "@/components/end-partnership";
import { InvitationAnswer } from "@/components/invitation-answer";
import { Notice, noticeFrom } from "@/components/notice";
import { AccessLabel, PaymentModeLabel, StatusBadge } from "@/components/partnership-badges";
import { cardClass } from "@/components/ui/styles";
import { latestInvitations } from "@/db/invitation-reads";
import { getPartnerPartnership, listManagedProducts } from "@/db/partnerships";
import { getPendingSwitch } from "@/db/scheduled-switches";
import { effectivePaymentMode } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { invitationState, lifecycleDenial } from "@/lib/lifecycle";
import { canSeeClientsPage } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";
import { endPartnershipAsPartner } from "../actions";
import { ScheduledSwitch } from "../../partners/[id]/scheduled-switch";

export const metadata: Metadata = { title: "Client" };

export default async function ClientPage({ params, searchParams }: PageProps<"/clients/[id]">) {
  const { id } = await params;
  const { notice } = await searchParams;
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeeClientsPage(m) || id.length > 64) notFound();
  const p = await getPartnerPartnership({ id, partnerOrgId: m.orgId });
  if (!p) notFound();
  const [managed, links, pendingSwitch] = await Promise.all([
    p.access === "limited" ? listManagedProducts({ partnershipId: p.id }) : Promise.resolve([]),
    p.status === "pending" ? latestInvitations({ partnershipIds: [p.id] }) : Promise.resolve(null),
    getPendingSwitch(null, { partnershipId: p.id }), // scheduled switch (issue #14), shown to the partner too
  ]);
  const mode = effectivePaymentMode(p);
  const actor = { role: m.role, side: "partner" as const };
  const link = links?.get(p.id);
  const live = link ? invitationState(link, new Date()) === "live" : false;
  const notices = { accepted: `You accepted the invitation of ${p.customerName}: the partnership is active. ${p.customerName} has been notified by email.` };
  return (
    <article aria-labelledby="client-title" className="max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/clients" className="text-brand-700 hover:underline">Clients</Link></nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="client-title" className="text-2xl font-semibold">{p.customerName}</h1>
        <StatusBadge status={p.status} />
        <p className="w-full text-sm text-slate-600">
          {p.status === "active" ? `Client since ${formatDate(p.activatedAt ?? p.createdAt)}` : `Invited on ${formatDate(p.createdAt)}`}
        </p>
      </header>
      <Notice text={noticeFrom(notice, notices)} />
      {p.status === "pending" && (
        <section aria-labelledby="client-invitation-title" className={cardClass}>
          <h2 id="client-invitation-title" className="text-lg font-semibold">Invitation</h2>
          <p className="mt-2 text-sm">
            {p.customerName} invites {m.orgName} to manage its products.{" "}
            {link && (live ? `The invitation expires on ${formatDate(link.expiresAt)}.` : `The invitation expired on ${formatDate(link.expiresAt)}: ask ${p.customerName} to send it again.`)}
          </p>
          {live && lifecycleDenial("accept", actor, p.status) === null && (
            <div className="mt-3"><InvitationAnswer partnershipId={p.id} version={p.version} customerName={p.customerName} /></div>
          )}
        </section>
      )}
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
      {pendingSwitch && <ScheduledSwitch pending={pendingSwitch} current={p.paymentMode} />}
      <section aria-labelledby="client-access-title" className={cardClass}>
        <h2 id="client-access-title" className="text-lg font-semibold">Access rights</h2>
        <p className="mt-2 text-sm">Access: <strong><AccessLabel access={p.access} /></strong></p>
        {p.access === "limited" && (
          <ul className="mt-2 list-disc pl-5 text-sm">
            {managed.map((prod) => <li key={prod.id}>{prod.label} <span className="text-slate-500">({prod.category})</span></li>)}
          </ul>
        )}
      </section>
      {lifecycleDenial("end", actor, p.status) === null && (
        <EndPartnership partnershipId={p.id} version={p.version} action={endPartnershipAsPartner} afterHref="/clients?notice=ended"
          title={`End the partnership with ${p.customerName}?`}
          consequences={[
            `You lose access to ${p.customerName}'s products at once, and its renewals are invoiced to ${p.customerName} from then on.`,
            "Invoices already issued stay where they are, paid or not.",
            `${p.customerName} is notified by email. Working together again takes a new invitation from ${p.customerName}.`,
          ]} />
      )}
    </article>
  );
}
