// The emailed invitation link: signs the user in first, then shows the invitation with Accept and Refuse.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { cache } from "react";
import { signOutAction } from "@/app/(manager)/actions";
import { InvitationAnswer } from "@/components/invitation-answer";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { findInvitationByToken } from "@/db/invitation-reads";
import { listManagedProducts } from "@/db/partnerships";
import { formatDate } from "@/lib/format";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { categoryName } from "@/lib/product-category";
import { hashInvitationToken, invitationPath, isWellFormedToken } from "@/lib/invitation-token";
import { invitationState, lifecycleDenial } from "@/lib/lifecycle";
import { invitationLinkMessage } from "@/lib/lifecycle-messages";
import { getViewer } from "@/lib/session";

const findByToken = cache(async (token: string) =>
  isWellFormedToken(token) ? findInvitationByToken({ tokenHash: hashInvitationToken(token) }) : null);

/** "Invitation from Helvetia Bakery SA" only to a member of the invited organization; "Invitation" to anyone else. */
export async function generateMetadata({ params }: PageProps<"/invitations/[token]">): Promise<Metadata> {
  const t = await getTranslations("invitations");
  const viewer = await getViewer();
  const hit = viewer ? await findByToken((await params).token) : null;
  const mine = hit && viewer?.memberships.some((x) => x.orgId === hit.partnerOrgId);
  return { title: mine ? t("pageTitle", { customerName: hit.customerName }) : t("title"), referrer: "no-referrer" };
}

async function Shell({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("invitations");
  return (
    <main className="mx-auto max-w-xl space-y-6 px-6 py-16">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {children}
    </main>
  );
}

export default async function InvitationPage({ params }: PageProps<"/invitations/[token]">) {
  const { token } = await params;
  const viewer = await getViewer();
  // Sign in first, then come back to this very link.
  if (!viewer) redirect(`/login?next=${encodeURIComponent(invitationPath(token))}`);
  const [t, d, locale, hit, pt] = await Promise.all([getTranslations("invitations"), getTranslations("domain"), getLocale(), findByToken(token), getTranslations("products")]);
  if (!hit) return <Shell><p role="alert" className="text-sm text-red-700">{invitationLinkMessage("unknown", locale)}</p></Shell>;

  const membership = viewer.memberships.find((x) => x.orgId === hit.partnerOrgId);
  if (!membership) {
    return (
      <Shell>
        <p role="alert" className="text-sm text-red-700">{t("otherOrganization", { email: viewer.email })}</p>
        <form action={signOutAction}><button type="submit" className={buttonClass("secondary")}>{t("signOut")}</button></form>
      </Shell>
    );
  }
  if (hit.status !== "pending") {
    return (
      <Shell>
        <p role="status" className="text-sm">{t(`closed.${hit.status}`)}</p>
        {hit.status === "active" && <Link href={`/clients/${hit.id}`} className="text-brand-700 hover:underline">{t("openClient", { customerName: hit.customerName })}</Link>}
        {hit.status !== "active" && <Link href="/clients" className="text-brand-700 hover:underline">{t("openClients")}</Link>}
      </Shell>
    );
  }
  const state = invitationState(hit, new Date());
  if (state !== "live") return <Shell><p role="alert" className="text-sm text-red-700">{invitationLinkMessage(state, locale)}</p></Shell>;

  const products = hit.access === "limited" ? await listManagedProducts({ partnershipId: hit.id }) : [];
  const canAnswer = lifecycleDenial("accept", { role: membership.role, side: "partner" }, hit.status) === null;
  const strong = (c: React.ReactNode) => <strong>{c}</strong>;
  const accessKey = hit.access === "full" ? "accessFull" : "accessLimited";
  const modeKey = hit.paymentMode === "partner" ? "modePartner" : "modeCustomer";
  return (
    <Shell>
      <section aria-labelledby="invitation-summary" className={cardClass}>
        <h2 id="invitation-summary" className="text-lg font-semibold">{t("summary", { customerName: hit.customerName, partnerName: hit.partnerName })}</h2>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
          <li>{t.rich(accessKey, { access: d(`access.${hit.access}`), customerName: hit.customerName, strong })}</li>
          {hit.access === "limited" && <li>{products.map((p) => t("product", { label: p.label, category: categoryName(pt, p.category) })).join(", ")}</li>}
          {hit.access === "full" && (
            <li>{t.rich(modeKey, { mode: d(`paymentMode.${hit.paymentMode}`), customerName: hit.customerName, strong })}</li>
          )}
          <li>{t("worksUntil", { date: formatDate(hit.expiresAt, locale) })}</li>
        </ul>
        <div className="mt-4">
          {canAnswer
            ? <InvitationAnswer partnershipId={hit.id} version={hit.version} customerName={hit.customerName} token={token} />
            : <p className="text-sm text-slate-600">{t("onlyLegal", { partnerName: hit.partnerName })}</p>}
        </div>
      </section>
    </Shell>
  );
}
