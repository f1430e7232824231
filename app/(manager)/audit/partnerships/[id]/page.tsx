import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessLabel, PaymentModeLabel, StatusBadge } from "@/components/partnership-badges";
import { Badge } from "@/components/ui/badge";
import { cardClass } from "@/components/ui/styles";
import { getAuditPartnership } from "@/db/audit-console";
import { listPartnershipTimeline, listUnlinkedNotifications, type TimelineNotification } from "@/db/audit-timeline";
import { kindLabel } from "@/lib/audit-format";
import { formatDate, formatDateTime } from "@/lib/format";
import { encodeCursor, param, parseCursor } from "@/lib/validation/audit-filters";
import { requireAuditor } from "../../auditor";
import { ChangeLines, DeliveryState, RequestDetails } from "../../event-details";
import { Pager } from "@/components/pager";

export const metadata: Metadata = { title: "Partnership timeline" };

function Notifications({ items, caption }: { items: TimelineNotification[]; caption: string }) {
  return (
    <table className="mt-2 w-full text-left text-sm">
      <caption className="text-left text-xs font-semibold uppercase text-slate-500">{caption}</caption>
      <thead className="sr-only"><tr><th scope="col">Recipient</th><th scope="col">Subject</th><th scope="col">Delivery</th></tr></thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((n) => (
          <tr key={n.id} className="align-top">
            <td className="py-2 pr-3">{n.toAddress}</td>
            <td className="py-2 pr-3 text-slate-600">{n.subject}</td>
            <td className="py-2"><DeliveryState n={n} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function PartnershipTimelinePage({ params, searchParams }: PageProps<"/audit/partnerships/[id]">) {
  await requireAuditor();
  const { id } = await params;
  if (!/^[\w-]{1,64}$/.test(id)) notFound();
  const p = await getAuditPartnership({ id });
  if (!p) notFound();
  const cursor = parseCursor(param(await searchParams, "after"));
  const [{ events, next }, unlinked] = await Promise.all([
    listPartnershipTimeline({ partnershipId: p.id, cursor }),
    listUnlinkedNotifications({ partnershipId: p.id }),
  ]);
  const base = `/audit/partnerships/${p.id}`;

  return (
    <article aria-labelledby="timeline-title" className="max-w-5xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/audit" className="text-brand-700 hover:underline">Audit</Link></nav>
      <header className="space-y-2">
        <h1 id="timeline-title" className="text-2xl font-semibold">{p.customerName} – {p.partnerName}</h1>
        <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
          <div><dt className="inline text-slate-500">Status: </dt><dd className="inline"><StatusBadge status={p.status} /></dd></div>
          <div><dt className="inline text-slate-500">Access: </dt><dd className="inline"><AccessLabel access={p.access} /></dd></div>
          <div><dt className="inline text-slate-500">Payment mode: </dt><dd className="inline"><PaymentModeLabel access={p.access} paymentMode={p.paymentMode} /></dd></div>
          <div><dt className="inline text-slate-500">Version: </dt><dd className="inline">{p.version}</dd></div>
          <div><dt className="inline text-slate-500">Since: </dt><dd className="inline">{formatDate(p.activatedAt ?? p.createdAt)}</dd></div>
        </dl>
      </header>

      <section aria-labelledby="events-title" className="space-y-3">
        <h2 id="events-title" className="text-lg font-semibold">Timeline</h2>
        {events.length === 0 && !cursor ? (
          <p className="text-sm text-slate-600">Nothing has been recorded for this partnership since it began.</p>
        ) : (
          <ol className="space-y-3">
            {events.map((e) => (
              <li key={e.id} className={cardClass} aria-labelledby={`event-${e.id}`}>
                <div className="flex flex-wrap items-baseline gap-2">
                  <h3 id={`event-${e.id}`} className="font-semibold">{kindLabel(e.kind)}</h3>
                  {e.outcome === "refused" && <Badge tone="amber">Refused</Badge>}
                  {e.repeats != null && e.repeats > 1 && <span className="ml-1 text-xs font-medium text-amber-800">× {e.repeats}<span className="sr-only"> attempts</span></span>}
                  <span className="text-sm text-slate-600">{formatDateTime(e.createdAt)} · #{e.seq}</span>
                </div>
                <div className="mt-2 grid gap-4 text-sm md:grid-cols-3">
                  <div>
                    <p><span className="text-slate-500">By</span> {e.actorName ?? "System"}{e.actorEmail && <span className="text-slate-500"> ({e.actorEmail})</span>}</p>
                    <p><span className="text-slate-500">For</span> {e.actorOrgName ?? "no organization"}</p>
                    {e.reason && <p><span className="text-slate-500">Reason:</span> {e.reason}</p>}
                  </div>
                  <ChangeLines before={e.before} after={e.after} refused={e.outcome === "refused"} />
                  <RequestDetails ip={e.ip} userAgent={e.userAgent} requestId={e.requestId} />
                </div>
                {e.notifications.length > 0 && <Notifications items={e.notifications} caption="Notifications caused" />}
              </li>
            ))}
          </ol>
        )}
        <Pager label="Timeline pages" isFirst={!cursor} firstHref={base} nextHref={next ? `${base}?after=${encodeCursor(next)}` : null} />
      </section>

      {unlinked.length > 0 && (
        <section aria-labelledby="unlinked-title" className={cardClass}>
          <h2 id="unlinked-title" className="text-lg font-semibold">Other notifications about this partnership</h2>
          <Notifications items={unlinked} caption="Not tied to an audit event" />
        </section>
      )}
    </article>
  );
}
