// The emailed invitation link: signs the user in first, then shows the invitation with Accept and Refuse.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/(manager)/actions";
import { InvitationAnswer } from "@/components/invitation-answer";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { findInvitationByToken } from "@/db/invitation-reads";
import { listManagedProducts } from "@/db/partnerships";
import { ACCESS_LABELS, PAYMENT_MODE_INFO } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { hashInvitationToken, invitationPath, isWellFormedToken } from "@/lib/invitation-token";
import { invitationState, lifecycleDenial } from "@/lib/lifecycle";
import { INVITATION_LINK_MESSAGES } from "@/lib/lifecycle-messages";
import { getViewer } from "@/lib/session";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const CLOSED = {
  active: "This invitation has been accepted: the partnership is active.",
  refused: "This invitation was refused.",
  deleted: "The customer withdrew this invitation.",
  ended: "This partnership has ended.",
} as const;

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto max-w-xl space-y-6 px-6 py-16">
      <h1 className="text-2xl font-semibold">Invitation</h1>
      {children}
    </main>
  );
}

export default async function InvitationPage({ params }: PageProps<"/invitations/[token]">) {
  const { token } = await params;
  const viewer = await getViewer();
  // Sign in first, then come back to this very link.
  if (!viewer) redirect(`/login?next=${encodeURIComponent(invitationPath(token))}`);
  const hit = isWellFormedToken(token) ? await findInvitationByToken({ tokenHash: hashInvitationToken(token) }) : null;
  if (!hit) return <Shell><p role="alert" className="text-sm text-red-700">{INVITATION_LINK_MESSAGES.unknown}</p></Shell>;

  const membership = viewer.memberships.find((x) => x.orgId === hit.partnerOrgId);
  if (!membership) {
    return (
      <Shell>
        <p role="alert" className="text-sm text-red-700">
          This invitation is addressed to another organization. You are signed in as {viewer.email}: sign in with the account
          the invitation was sent to.
        </p>
        <form action={signOutAction}><button type="submit" className={buttonClass("secondary")}>Sign out</button></form>
      </Shell>
    );
  }
  if (hit.status !== "pending") {
    return (
      <Shell>
        <p role="status" className="text-sm">{CLOSED[hit.status]}</p>
        {hit.status === "active" && <Link href={`/clients/${hit.id}`} className="text-brand-700 hover:underline">Open {hit.customerName}</Link>}
        {hit.status !== "active" && <Link href="/clients" className="text-brand-700 hover:underline">Open your clients</Link>}
      </Shell>
    );
  }
  const state = invitationState(hit, new Date());
  if (state !== "live") return <Shell><p role="alert" className="text-sm text-red-700">{INVITATION_LINK_MESSAGES[state]}</p></Shell>;

  const products = hit.access === "limited" ? await listManagedProducts({ partnershipId: hit.id }) : [];
  const canAnswer = lifecycleDenial("accept", { role: membership.role, side: "partner" }, hit.status) === null;
  return (
    <Shell>
      <section aria-labelledby="invitation-summary" className={cardClass}>
        <h2 id="invitation-summary" className="text-lg font-semibold">{hit.customerName} invites {hit.partnerName}</h2>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
          <li>Access: <strong>{ACCESS_LABELS[hit.access]}</strong>{hit.access === "full" ? `: you would manage all of ${hit.customerName}'s products.` : ": you would manage these products:"}</li>
          {hit.access === "limited" && <li>{products.map((p) => `${p.label} (${p.category})`).join(", ")}</li>}
          {hit.access === "full" && (
            <li>
              Payment mode: <strong>{PAYMENT_MODE_INFO[hit.paymentMode].label}</strong>:{" "}
              {hit.paymentMode === "partner"
                ? `you would pay the orders and renewals you make for ${hit.customerName}, at your reseller discount, and see those invoices.`
                : `${hit.customerName} would pay the orders and renewals you make; you earn cashback in your prepaid account.`}
            </li>
          )}
          <li>This link works once, until {formatDate(hit.expiresAt)}.</li>
        </ul>
        <div className="mt-4">
          {canAnswer
            ? <InvitationAnswer partnershipId={hit.id} version={hit.version} customerName={hit.customerName} token={token} />
            : <p className="text-sm text-slate-600">Only {hit.partnerName}&apos;s legal representatives can accept or refuse it.</p>}
        </div>
      </section>
    </Shell>
  );
}
