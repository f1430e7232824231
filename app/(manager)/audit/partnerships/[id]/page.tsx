import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { cardClass } from "@/components/ui/styles";
import { getAuditPartnership } from "@/db/audit-console";
import { listPartnershipTimeline, listUnlinkedNotifications, type TimelineNotification } from "@/db/audit-timeline";
import { effectivePaymentMode } from "@/lib/domain";
import { formatDate, formatDateTime } from "@/lib/format";
import { getLocale } from "@/lib/i18n/server";
import type { Locale } from "@/lib/i18n/locales";
import { isWellFormedId } from "@/lib/ids";
import { encodeCursor, param, parseCursor } from "@/lib/validation/audit-filters";
import { auditWords, type AuditText } from "../../audit-words";
import { auditorOrNull, requireAuditor } from "../../auditor";
import { ChangeLines, DeliveryState, RequestDetails } from "../../event-details";
import { Pager } from "@/components/pager";

export async function generateMetadata({ params }: PageProps<"/audit/partnerships/[id]">): Promise<Metadata> {
  const { id } = await params;
  // Only an auditor's page is titled with the names; anyone else gets the 404 the page throws.
  const [viewerIsAuditor, p] = await Promise.all([
    auditorOrNull(),
    isWellFormedId(id) ? getAuditPartnership({ id }) : Promise.resolve(null),
  ]);
  if (!viewerIsAuditor || !p) return {};
  const { t } = auditWords(await getLocale());
  return { title: t("timeline.title", { customer: p.customerName, partner: p.partnerName }) };
}

function Notifications({ items, caption, a, locale }: { items: TimelineNotification[]; caption: string; a: AuditText; locale: Locale }) {
  return (
    <table className="mt-2 w-full text-left text-sm">
      <caption className="text-left text-xs font-semibold uppercase text-slate-500">{caption}</caption>
      <thead className="sr-only">
        <tr><th scope="col">{a.t("timeline.columnRecipient")}</th><th scope="col">{a.t("timeline.columnSubject")}</th><th scope="col">{a.t("timeline.columnDelivery")}</th></tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((n) => (
          <tr key={n.id} className="align-top">
            <td className="py-2 pr-3">{n.toAddress}</td>
            <td className="py-2 pr-3 text-slate-600">{n.subject}</td>
            <td className="py-2"><DeliveryState n={n} a={a} locale={locale} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function PartnershipTimelinePage({ params, searchParams }: PageProps<"/audit/partnerships/[id]">) {
  await requireAuditor();
  const { id } = await params;
  if (!isWellFormedId(id)) notFound();
  const p = await getAuditPartnership({ id });
  if (!p) notFound();
  const cursor = parseCursor(param(await searchParams, "after"));
  const [{ events, next }, unlinked, locale] = await Promise.all([
    listPartnershipTimeline({ partnershipId: p.id, cursor }),
    listUnlinkedNotifications({ partnershipId: p.id }),
    getLocale(),
  ]);
  const a = auditWords(locale);
  const { t, d } = a;
  const base = `/audit/partnerships/${p.id}`;
  const tone = p.status === "active" ? "green" : p.status === "pending" ? "amber" : "slate";

  return (
    <article aria-labelledby="timeline-title" className="max-w-5xl space-y-6">
      <nav aria-label={t("timeline.breadcrumb")} className="text-sm"><Link href="/audit" className="text-brand-700 hover:underline">{t("title")}</Link></nav>
      <header className="space-y-2">
        <h1 id="timeline-title" tabIndex={-1} className="text-2xl font-semibold">{t("events.pair", { customer: p.customerName, partner: p.partnerName })}</h1>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div><dt className="inline text-slate-500">{t("timeline.status")} </dt><dd className="inline"><Badge tone={tone}>{d(`status.${p.status}`)}</Badge></dd></div>
          <div><dt className="inline text-slate-500">{t("timeline.access")} </dt><dd className="inline">{d(`access.${p.access}`)}</dd></div>
          <div><dt className="inline text-slate-500">{t("timeline.mode")} </dt><dd className="inline">{d(`paymentMode.${effectivePaymentMode(p)}`)}</dd></div>
          <div><dt className="inline text-slate-500">{t("timeline.since")} </dt><dd className="inline">{formatDate(p.activatedAt ?? p.createdAt, locale)}</dd></div>
        </dl>
      </header>

      <section aria-labelledby="events-title" className="space-y-3">
        <h2 id="events-title" className="text-lg font-semibold">{t("timeline.heading")}</h2>
        {events.length === 0 && !cursor ? (
          <p className="text-sm text-slate-600">{t("timeline.empty")}</p>
        ) : (
          <ol className="space-y-3">
            {events.map((e) => (
              <li key={e.id} className={cardClass} aria-labelledby={`event-${e.id}`}>
                <div className="flex flex-wrap items-baseline gap-2">
                  <h3 id={`event-${e.id}`} className="font-semibold">{a.kind(e.kind)}</h3>
                  {e.outcome === "refused" && <Badge tone="amber">{t("events.refused")}</Badge>}
                  {e.repeats != null && e.repeats > 1 && <span className="ml-1 text-xs font-medium text-amber-800">{t("events.repeats", { count: e.repeats })}</span>}
                  <span className="text-sm text-slate-600">{formatDateTime(e.createdAt, locale)} · {t("events.seq", { seq: e.seq })}</span>
                </div>
                <div className="mt-2 grid gap-4 text-sm md:grid-cols-3">
                  <div>
                    <p><span className="text-slate-500">{t("timeline.by")}</span> {e.actorName ?? t("events.system")}{e.actorEmail && <span className="text-slate-500"> ({e.actorEmail})</span>}</p>
                    <p><span className="text-slate-500">{t("timeline.for")}</span> {e.actorOrgName ?? t("events.noOrganization")}</p>
                    {e.reason && <p><span className="text-slate-500">{t("timeline.reason")}</span> {a.reason(e.reason)}</p>}
                  </div>
                  <ChangeLines before={e.before} after={e.after} refused={e.outcome === "refused"} a={a} />
                  <RequestDetails ip={e.ip} userAgent={e.userAgent} requestId={e.requestId} a={a} />
                </div>
                {e.notifications.length > 0 && <Notifications items={e.notifications} caption={t("timeline.notificationsCaused")} a={a} locale={locale} />}
              </li>
            ))}
          </ol>
        )}
        <Pager label={t("timeline.pages")} isFirst={!cursor} firstHref={base} nextHref={next ? `${base}?after=${encodeCursor(next)}` : null} />
      </section>

      {unlinked.length > 0 && (
        <section aria-labelledby="unlinked-title" className={cardClass}>
          <h2 id="unlinked-title" className="text-lg font-semibold">{t("timeline.otherNotifications")}</h2>
          <Notifications items={unlinked} caption={t("timeline.notTied")} a={a} locale={locale} />
        </section>
      )}
    </article>
  );
}
