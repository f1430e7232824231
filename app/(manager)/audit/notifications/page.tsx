import type { Metadata } from "next";
import Link from "next/link";
import { listNotificationsPage } from "@/db/audit-notifications";
import { formatDateTime } from "@/lib/format";
import { encodeCursor, filterQuery, parseNotificationFilters } from "@/lib/validation/audit-filters";
import { AuditNav } from "../audit-nav";
import { requireAuditor } from "../auditor";
import { DeliveryState } from "../event-details";
import { FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Notifications" };

export default async function AuditNotificationsPage({ searchParams }: PageProps<"/audit/notifications">) {
  await requireAuditor();
  const f = parseNotificationFilters(await searchParams);
  const { rows, next } = await listNotificationsPage(f);

  return (
    <section aria-labelledby="notifications-title" className="space-y-6">
      <header>
        <h1 id="notifications-title" className="text-2xl font-semibold">Notifications</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every email the product queued, newest first, with its delivery state. A failed one can be retried now;
          the retry is recorded in the audit trail.
        </p>
      </header>
      <AuditNav current="/audit/notifications" />
      <FilterForm
        action="/audit/notifications"
        ignored={f.ignored}
        selects={[{
          name: "state", label: "Delivery state", value: f.values.state,
          options: [{ value: "pending", label: "Pending" }, { value: "sent", label: "Sent" }, { value: "failed", label: "Failed" }],
        }]}
      />
      {rows.length === 0 ? (
        <p className="text-slate-600">No notification matches this filter.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Notifications, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>{["Queued", "Recipient", "Subject", "Partnership", "Delivery", "Action"].map((h) => <th key={h} scope="col" className="px-3 py-3">{h}</th>)}</tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {rows.map((n) => (
                <tr key={n.id}>
                  <td className="whitespace-nowrap px-3 py-3">{formatDateTime(n.createdAt)}</td>
                  <td className="px-3 py-3">{n.toAddress}</td>
                  <td className="px-3 py-3">{n.subject}<p className="text-xs text-slate-500">{n.template}</p></td>
                  <td className="px-3 py-3">
                    {n.partnershipId && n.customerName ? (
                      <Link href={`/audit/partnerships/${n.partnershipId}`} className="text-brand-700 hover:underline">{n.customerName} – {n.partnerName}</Link>
                    ) : "—"}
                  </td>
                  <td className="px-3 py-3"><DeliveryState n={n} /></td>
                  <td className="px-3 py-3"><RetryButton notificationId={n.id} recipient={n.toAddress} failed={n.status === "failed"} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Notification pages"
        isFirst={!f.cursor}
        firstHref={`/audit/notifications${filterQuery(f)}`}
        nextHref={next ? `/audit/notifications${filterQuery(f, { after: encodeCursor(next) })}` : null}
      />
    </section>
  );
}
