import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EndPartnership } from "@/components/end-partnership";
import { Notice, noticeFrom } from "@/components/notice";
import { StatusBadge } from "@/components/partnership-badges";
import { cardClass } from "@/components/ui/styles";
import { listPaymentModeHistory } from "@/db/audit";
import { latestInvitations } from "@/db/invitation-reads";
import { getCustomerPartnership, listManagedProducts } from "@/db/partnerships";
import { getPendingSwitch } from "@/db/scheduled-switches";
import { listOrgProducts } from "@/db/products";
import { zurichDate } from "@/lib/billing/period";
import { now } from "@/lib/clock";
import { formatDate, formatDateTime, formatLongDate } from "@/lib/format";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { categoryName } from "@/lib/product-category";
import { isWellFormedId } from "@/lib/ids";
import { invitationState, lifecycleDenial } from "@/lib/lifecycle";
import { partnershipPeriod, partnershipTense } from "@/lib/partnership-facts";
import { canSeePartnersPage, paymentModeChangeDenial } from "@/lib/permissions";
import { switchDateRange } from "@/lib/scheduled-switch";
import { requireViewer } from "@/lib/session";
import { endPartnershipAsCustomer } from "../lifecycle-actions";
import { DeferredEditor } from "./deferred-editor";
import { InvitationSection } from "./invitation-section";
import { ScheduledSwitch } from "./scheduled-switch";
import { AccessView, PaymentView } from "./section-views";

/** The partnership the viewer may see, or null (another organization's, a forged id, a role without the page). */
const visiblePartnership = cache(async (id: string) => {
  const viewer = await requireViewer();
  const m = viewer.current;
  if (!m || !canSeePartnersPage(m) || !isWellFormedId(id)) return null;
  const p = await getCustomerPartnership({ id, customerOrgId: m.orgId });
  return p ? { p, m } : null;
});

export async function generateMetadata({ params }: PageProps<"/partners/[id]">): Promise<Metadata> {
  const found = await visiblePartnership((await params).id);
  return { title: found ? (await getTranslations("partners"))("detail.title", { partnerName: found.p.partnerName }) : undefined };
}

export default async function PartnerPage({ params, searchParams }: PageProps<"/partners/[id]">) {
  const { id } = await params;
  const { notice } = await searchParams;
  const found = await visiblePartnership(id);
  if (!found) notFound();
  const { p, m } = found;
  const [t, d, locale, history, storedManaged, storedProducts, invitations, pendingSwitch, e, pt, sa] = await Promise.all([
    getTranslations("partners"),
    getTranslations("domain"),
    getLocale(),
    listPaymentModeHistory({ partnershipId: p.id }),
    p.access === "limited" ? listManagedProducts({ partnershipId: p.id }) : Promise.resolve([]),
    listOrgProducts({ orgId: m.orgId }),
    p.status === "pending" ? latestInvitations({ partnershipIds: [p.id] }) : Promise.resolve(null),
    getPendingSwitch(null, { partnershipId: p.id }),
    getTranslations("schedule.editor"),
    getTranslations("products"),
    getTranslations("schedule.actions"),
  ]);
  // Categories are stored in English: named in the viewer's language for the views and the editor alike.
  const named = <T extends { category: string }>(xs: T[]) => xs.map((x) => ({ ...x, category: categoryName(pt, x.category) }));
  const [managed, products] = [named(storedManaged), named(storedProducts)];
  const date = (at: Date) => formatDate(at, locale);
  const denial = paymentModeChangeDenial(m.role, p);
  const actor = { role: m.role, side: "customer" as const };
  const invitation = invitations?.get(p.id);
  const canEditAccess = lifecycleDenial("change_access", actor, p.status) === null;
  const canEnd = lifecycleDenial("end", actor, p.status) === null;
  const tense = partnershipTense(p.status);
  const period = partnershipPeriod(p);
  const linkState = !invitation ? "" : invitationState(invitation, new Date()) === "expired"
    ? t("invitation.expired", { date: date(invitation.expiresAt), partnerName: p.partnerName })
    : t("invitation.worksUntil", { date: date(invitation.expiresAt) });
  const notices = {
    invited: t("detail.notice.invited", { partnerName: p.partnerName }),
    deleted: t("detail.notice.deleted", { partnerName: p.partnerName }),
    ended: t("detail.notice.ended", { partnerName: p.partnerName }),
    "switch-cancelled": sa("cancelled", { partner: p.partnerName }),
  };
  // Someone who reads a live partnership but may change nothing on it learns who can.
  const readOnly = (p.status === "active" || p.status === "pending") && m.role !== "legal_representative";
  // Scheduled switch (issue #14): the dates the editor offers, the pending switch and the access editor's warning.
  const range = switchDateRange(zurichDate(now()));
  const longDay = (iso: string) => formatLongDate(new Date(`${iso}T12:00:00Z`), locale);
  const schedule = {
    limits: { ...range, minLabel: longDay(range.min), maxLabel: longDay(range.max) },
    pending: pendingSwitch ? { paymentMode: pendingSwitch.paymentMode, dateLabel: longDay(pendingSwitch.effectiveDate) } : null,
  };
  const pendingSwitchWarning = pendingSwitch
    ? e("accessWarning", { mode: d(`paymentMode.${pendingSwitch.paymentMode}`), date: longDay(pendingSwitch.effectiveDate) }) : null;
  const modeLabel = (mode: string | null) => (mode === "customer" || mode === "partner" ? d(`paymentMode.${mode}`) : "—");

  return (
    <article aria-labelledby="partner-title" className="max-w-3xl space-y-6">
      <nav aria-label={t("detail.breadcrumbLabel")} className="text-sm"><Link href="/partners" className="text-brand-700 hover:underline">{t("detail.breadcrumb")}</Link></nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="partner-title" className="min-w-0 break-words text-2xl font-semibold">{p.partnerName}</h1>
        <StatusBadge status={p.status} />
        <p className="w-full text-sm text-slate-600" data-testid="partnership-period">
          {period.kind === "active" && t("detail.period.active", { customerName: p.customerName, date: date(period.since) })}
          {period.kind === "pending" && t("detail.period.pending", { date: date(period.invited) })}
          {period.kind === "ended" && (period.from
            ? t("detail.period.ended", { customerName: p.customerName, from: date(period.from), date: date(period.until) })
            : t("detail.period.endedNoStart", { customerName: p.customerName, date: date(period.until) }))}
          {period.kind === "closed" && t("detail.period.closed", { created: date(period.invited), date: date(period.closed) })}
        </p>
      </header>
      <Notice text={noticeFrom(notice, notices)} />
      {readOnly && <p className="text-sm text-slate-600" data-testid="read-only-hint">{t("detail.readOnly", { customerName: p.customerName })}</p>}

      <ClientMessages namespaces={denial === null ? ["partners", "domain", "schedule"] : ["partners", "domain"]}>
        {p.status === "pending" && (
          <InvitationSection partnershipId={p.id} version={p.version} partnerName={p.partnerName}
            sentOn={invitation ? date(invitation.sentAt) : null} linkState={linkState}
            canEdit={lifecycleDenial("resend", actor, p.status) === null} />
        )}

        <DeferredEditor editor="payment" props={{
          partnershipId: p.id, version: p.version, access: p.access, paymentMode: p.paymentMode, partnerName: p.partnerName,
          canEdit: denial === null, tense, schedule,
        }}>
          <PaymentView access={p.access} paymentMode={p.paymentMode} partnerName={p.partnerName} canEdit={denial === null} tense={tense} />
        </DeferredEditor>
      </ClientMessages>

      {/* An ended partnership's pending switch can no longer apply: the job drops it at its date, with an email. */}
      {pendingSwitch && p.status === "active" && (
        <ScheduledSwitch pending={pendingSwitch} current={p.paymentMode} currentVersion={p.version} cancel={denial === null ? { partnershipId: p.id, version: p.version } : null} />
      )}

      <section aria-labelledby="history-title" className={cardClass}>
        <h2 id="history-title" className="text-lg font-semibold">{t("history.title")}</h2>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("history.empty")}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("history.caption")}</caption>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-2">{t("history.when")}</th><th scope="col">{t("history.who")}</th>
                  <th scope="col">{t("history.from")}</th><th scope="col">{t("history.to")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {history.map((h) => (
                  <tr key={h.id}>
                    <td className="py-2">{formatDateTime(h.at, locale)}</td>
                    <td>{h.via === "schedule" ? t("history.scheduled") : h.via === "access" ? t("history.byAccess", { name: h.actorName ?? "—" }) : (h.actorName ?? "—")}</td>
                    <td>{modeLabel(h.from)}</td>
                    <td>{modeLabel(h.to)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {/* The access editor's product picker speaks from the products namespace. */}
      <ClientMessages namespaces={canEditAccess ? ["partners", "domain", "products"] : ["partners", "domain"]}>
        <DeferredEditor editor="access" props={{
          partnershipId: p.id, version: p.version, access: p.access, paymentMode: p.paymentMode, partnerName: p.partnerName,
          customerName: p.customerName, managedIds: managed.map((x) => x.id), canEdit: canEditAccess, tense, pendingSwitchWarning,
          products: [...products, ...managed.filter((x) => !products.some((y) => y.id === x.id))],
        }}>
          <AccessView access={p.access} customerName={p.customerName} managed={managed} canEdit={canEditAccess} tense={tense} />
        </DeferredEditor>
      </ClientMessages>

      {canEnd && (
        <EndPartnership partnershipId={p.id} version={p.version} action={endPartnershipAsCustomer}
          afterHref={`/partners/${p.id}?notice=ended`} title={t("end.question", { partnerName: p.partnerName })}
          consequences={[
            t("end.loses", { partnerName: p.partnerName, customerName: p.customerName }),
            t("end.invoicesStay"),
            t("end.notified", { partnerName: p.partnerName }),
          ]} />
      )}
    </article>
  );
}
