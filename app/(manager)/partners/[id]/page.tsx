import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EndPartnership } from "@/components/end-partnership";
import { Notice, noticeFrom } from "@/components/notice";
import { StatusBadge } from "@/components/partnership-badges";
import { cardClass } from "@/components/ui/styles";
import { listPaymentModeHistory } from "@/db/audit";
import { latestInvitations } from "@/db/invitation-reads";
import { getCustomerPartnership, listManagedProducts } from "@/db/partnerships";
import { listOrgProducts } from "@/db/products";
import { PAYMENT_MODE_INFO, type PaymentMode } from "@/lib/domain";
import { formatDate, formatDateTime } from "@/lib/format";
import { invitationState, lifecycleDenial } from "@/lib/lifecycle";
import { canSeePartnersPage, paymentModeChangeDenial } from "@/lib/permissions";
import { requireViewer } from "@/lib/session";
import { endPartnershipAsCustomer } from "../lifecycle-actions";
import { DeferredEditor } from "./deferred-editor";
import { InvitationSection } from "./invitation-section";
import { AccessView, PaymentView } from "./section-views";

export const metadata: Metadata = { title: "Partner" };

const modeLabel = (m: string | null) => (m === "customer" || m === "partner" ? PAYMENT_MODE_INFO[m as PaymentMode].label : "—");

export default async function PartnerPage({ params, searchParams }: PageProps<"/partners/[id]">) {
  const { id } = await params;
  const { notice } = await searchParams;
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeePartnersPage(m) || id.length > 64) notFound();
  const p = await getCustomerPartnership({ id, customerOrgId: m.orgId });
  if (!p) notFound();
  const [history, managed, products, invitations] = await Promise.all([
    listPaymentModeHistory({ partnershipId: p.id }),
    p.access === "limited" ? listManagedProducts({ partnershipId: p.id }) : Promise.resolve([]),
    listOrgProducts({ orgId: m.orgId }),
    p.status === "pending" ? latestInvitations({ partnershipIds: [p.id] }) : Promise.resolve(null),
  ]);
  const denial = paymentModeChangeDenial(m.role, p);
  const actor = { role: m.role, side: "customer" as const };
  const invitation = invitations?.get(p.id);
  const canEditAccess = lifecycleDenial("change_access", actor, p.status) === null;
  const linkState = !invitation ? "" : invitationState(invitation, new Date()) === "expired"
    ? `Its link expired on ${formatDate(invitation.expiresAt)}: resend it to give ${p.partnerName} a new one.`
    : `Its link works until ${formatDate(invitation.expiresAt)}.`;
  const notices = {
    invited: `Invitation sent to ${p.partnerName}: its legal representatives have been emailed a link to accept or refuse.`,
    deleted: `The invitation to ${p.partnerName} was deleted and its link no longer works. ${p.partnerName} has been notified by email.`,
    ended: `The partnership with ${p.partnerName} has ended: it no longer has access to your products. ${p.partnerName} has been notified by email.`,
  };

  return (
    <article aria-labelledby="partner-title" className="max-w-3xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/partners" className="text-brand-700 hover:underline">Partner</Link></nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="partner-title" className="text-2xl font-semibold">{p.partnerName}</h1>
        <StatusBadge status={p.status} />
        <p className="w-full text-sm text-slate-600">
          {p.status === "active" && `Partner of ${p.customerName} since ${formatDate(p.activatedAt ?? p.createdAt)}`}
          {p.status === "pending" && `Invited on ${formatDate(p.createdAt)}`}
          {p.status === "ended" && `Partner of ${p.customerName} until ${formatDate(p.updatedAt)}`}
          {(p.status === "refused" || p.status === "deleted") && `Invitation of ${formatDate(p.createdAt)}, closed on ${formatDate(p.updatedAt)}`}
        </p>
      </header>
      <Notice text={noticeFrom(notice, notices)} />

      {p.status === "pending" && (
        <InvitationSection partnershipId={p.id} version={p.version} partnerName={p.partnerName}
          sentOn={invitation ? formatDate(invitation.sentAt) : null} linkState={linkState}
          canEdit={lifecycleDenial("resend", actor, p.status) === null} />
      )}

      <DeferredEditor editor="payment" props={{
        partnershipId: p.id, version: p.version, access: p.access, paymentMode: p.paymentMode, partnerName: p.partnerName, canEdit: denial === null,
      }}>
        <PaymentView access={p.access} paymentMode={p.paymentMode} partnerName={p.partnerName} canEdit={denial === null} />
      </DeferredEditor>

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

      <DeferredEditor editor="access" props={{
        partnershipId: p.id, version: p.version, access: p.access, paymentMode: p.paymentMode, partnerName: p.partnerName,
        customerName: p.customerName, managedIds: managed.map((x) => x.id), canEdit: canEditAccess,
        products: [...products, ...managed.filter((x) => !products.some((y) => y.id === x.id))],
      }}>
        <AccessView access={p.access} customerName={p.customerName} managed={managed} canEdit={canEditAccess} />
      </DeferredEditor>

      {lifecycleDenial("end", actor, p.status) === null && (
        <EndPartnership partnershipId={p.id} version={p.version} action={endPartnershipAsCustomer}
          afterHref={`/partners/${p.id}?notice=ended`} title={`End the partnership with ${p.partnerName}?`}
          consequences={[
            `${p.partnerName} loses access to ${p.customerName}'s products at once, and renewals are invoiced to ${p.customerName} from then on.`,
            "Invoices already issued stay where they are, paid or not.",
            `${p.partnerName} is notified by email. Working together again takes a new invitation.`,
          ]} />
      )}
    </article>
  );
}
