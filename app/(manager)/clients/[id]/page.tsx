import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EndPartnership } from "@/components/end-partnership";
import { InvitationAnswer } from "@/components/invitation-answer";
import { Notice, noticeFrom } from "@/components/notice";
import { Badge } from "@/components/ui/badge";
import { cardClass } from "@/components/ui/styles";
import { latestInvitations } from "@/db/invitation-reads";
import { getPartnerPartnership, listManagedProducts } from "@/db/partnerships";
import { getPendingSwitch } from "@/db/scheduled-switches";
import { effectivePaymentMode } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { categoryName } from "@/lib/product-category";
import { isWellFormedId } from "@/lib/ids";
import { invitationState, lifecycleDenial } from "@/lib/lifecycle";
import { canSeeClientsPage } from "@/lib/permissions";
import { getViewer, requireViewer } from "@/lib/session";
import { endPartnershipAsPartner } from "../actions";
import { ScheduledSwitch } from "../../partners/[id]/scheduled-switch";

/** The partnership the signed-in partner may see, or null. */
async function visibleClient(id: string) {
  const m = (await getViewer())?.current;
  if (!m || !canSeeClientsPage(m) || !isWellFormedId(id)) return null;
  return getPartnerPartnership({ id, partnerOrgId: m.orgId });
}

export async function generateMetadata({ params }: PageProps<"/clients/[id]">): Promise<Metadata> {
  const p = await visibleClient((await params).id);
  return { title: p ? (await getTranslations("clients"))("detail.title", { customer: p.customerName }) : undefined };
}

export default async function ClientPage({ params, searchParams }: PageProps<"/clients/[id]">) {
  const { id } = await params;
  const { notice } = await searchParams;
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeeClientsPage(m) || !isWellFormedId(id)) notFound();
  const p = await getPartnerPartnership({ id, partnerOrgId: m.orgId });
  if (!p) notFound();
  const [managed, links, t, d, locale, pendingSwitch, pt] = await Promise.all([
    p.access === "limited" ? listManagedProducts({ partnershipId: p.id }) : Promise.resolve([]),
    p.status === "pending" ? latestInvitations({ partnershipIds: [p.id] }) : Promise.resolve(null),
    getTranslations("clients"), getTranslations("domain"), getLocale(),
    getPendingSwitch(null, { partnershipId: p.id }), // scheduled switch (issue #14), shown to the partner too
    getTranslations("products"),
  ]);
  const mode = effectivePaymentMode(p);
  const actor = { role: m.role, side: "partner" as const };
  const link = links?.get(p.id);
  const live = link ? invitationState(link, new Date()) === "live" : false;
  const date = (x: Date) => formatDate(x, locale);
  const customer = p.customerName;
  const notices = { accepted: t("notice.accepted", { customer }) };
  const tone = p.status === "active" ? "green" : p.status === "pending" ? "amber" : "slate";
  return (
    <article aria-labelledby="client-title" className="max-w-3xl space-y-6">
      <nav aria-label={t("detail.breadcrumb")} className="text-sm"><Link href="/clients" className="text-brand-700 hover:underline">{t("list.title")}</Link></nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="client-title" tabIndex={-1} className="text-2xl font-semibold">{customer}</h1>
        <Badge tone={tone}>{d(`status.${p.status}`)}</Badge>
        <p className="w-full text-sm text-slate-600">
          {p.status === "active" ? t("detail.since", { date: date(p.activatedAt ?? p.createdAt) }) : t("detail.invitedOn", { date: date(p.createdAt) })}
        </p>
      </header>
      <Notice text={noticeFrom(notice, notices)} />
      {p.status === "pending" && (
        <section aria-labelledby="client-invitation-title" className={cardClass}>
          <h2 id="client-invitation-title" className="text-lg font-semibold">{t("detail.invitation")}</h2>
          <p className="mt-2 text-sm">
            {t("detail.invites", { customer, org: m.orgName })}{" "}
            {link && (live ? t("list.expiresOn", { date: date(link.expiresAt) }) : t("list.expiredOn", { date: date(link.expiresAt), customer }))}
          </p>
          {live && lifecycleDenial("accept", actor, p.status) === null && (
            <div className="mt-3"><InvitationAnswer partnershipId={p.id} version={p.version} customerName={customer} /></div>
          )}
        </section>
      )}
      <section aria-labelledby="client-payment-title" className={cardClass}>
        <h2 id="client-payment-title" className="text-lg font-semibold">{t("detail.payment")}</h2>
        <p className="mt-2 text-sm">{t("detail.paymentMode")} <strong>{d(`paymentMode.${mode}`)}</strong></p>
        <p className="mt-1 text-sm text-slate-600">
          {mode === "partner" ? t("detail.partnerPays") : t("detail.customerPays")}{" "}{t("detail.onlyClient")}
        </p>
      </section>
      {pendingSwitch && <ScheduledSwitch pending={pendingSwitch} current={p.paymentMode} currentVersion={p.version} />}
      <section aria-labelledby="client-access-title" className={cardClass}>
        <h2 id="client-access-title" className="text-lg font-semibold">{t("detail.access")}</h2>
        <p className="mt-2 text-sm">{t("detail.accessLabel")} <strong>{d(`access.${p.access}`)}</strong></p>
        {p.access === "limited" && (
          <ul className="mt-2 list-disc pl-5 text-sm">
            {managed.map((prod) => <li key={prod.id}>{prod.label} <span className="text-slate-500">{t("detail.productCategory", { category: categoryName(pt, prod.category) })}</span></li>)}
          </ul>
        )}
      </section>
      {lifecycleDenial("end", actor, p.status) === null && (
        <EndPartnership partnershipId={p.id} version={p.version} action={endPartnershipAsPartner} afterHref="/clients?notice=ended"
          title={t("detail.end.title", { customer })}
          consequences={[t("detail.end.loseAccess", { customer }), t("detail.end.invoicesStay"), t("detail.end.notified", { customer })]} />
      )}
    </article>
  );
}
