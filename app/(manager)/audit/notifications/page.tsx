import type { Metadata } from "next";
import { listNotificationsPage } from "@/db/audit-notifications";
import { formatDateTime } from "@/lib/format";
import { getLocale } from "@/lib/i18n/server";
import { encodeCursor, filterQuery, parseNotificationFilters } from "@/lib/validation/audit-filters";
import { AuditNav } from "../audit-nav";
import { auditWords } from "../audit-words";
import { requireAuditor } from "../auditor";
import { EmptyState, isFiltered } from "../empty-state";
import { DELIVERY_TONES, deliveryText } from "../event-details";
import { packRows } from "@/lib/packed-rows";
import { FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { NotificationRows, type NotificationRow } from "./notification-rows";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = auditWords(await getLocale());
  return { title: `${t("notifications.title")} · ${t("title")}` };
}

export default async function AuditNotificationsPage({ searchParams }: PageProps<"/audit/notifications">) {
  await requireAuditor();
  const f = parseNotificationFilters(await searchParams);
  const [{ rows, next }, locale] = await Promise.all([listNotificationsPage(f), getLocale()]);
  const a = auditWords(locale);
  const { t } = a;

  return (
    <section aria-labelledby="notifications-title" className="space-y-6">
      <header>
        <h1 id="notifications-title" tabIndex={-1} className="text-2xl font-semibold">{t("notifications.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("notifications.intro")}</p>
      </header>
      <AuditNav current="/audit/notifications" />
      <FilterForm
        action="/audit/notifications"
        ignored={f.ignored}
        selects={[{
          name: "state", label: t("notifications.state"), value: f.values.state,
          options: (["pending", "sent", "failed"] as const).map((s) => ({ value: s, label: a.d(`outboxStatus.${s}`) })),
        }]}
      />
      {rows.length === 0 ? (
        <EmptyState filtered={isFiltered(f)} matchText={t("notifications.empty")} noneText={t("notifications.emptyNone")}
          clearText={t("notifications.clearHint")} clearHref="/audit/notifications" />
      ) : (
        // Compact: the rows go to NotificationRows as packed strings, and app/globals.css styles the cells
        // (`audit-list audit-events`: top-aligned, the first column on one line, `small` as a second line).
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="audit-list audit-events">
            <caption className="sr-only">{t("notifications.caption")}</caption>
            <thead>
              <tr>{(["queued", "recipient", "subject", "partnership", "delivery", "action"] as const).map((h) => <th key={h} scope="col">{t(`notifications.column.${h}`)}</th>)}</tr>
            </thead>
            <NotificationRows
              words={{ retryLabel: t("retry.label", { recipient: "{recipient}" }), retry: t("retry.button"), pending: t("retry.pending") }}
              rows={packRows(rows.map((n): NotificationRow => {
                const delivery = deliveryText(n, a, locale);
                return [
                  n.id, formatDateTime(n.createdAt, locale), n.toAddress, n.subject, n.template, n.partnershipId ?? "",
                  n.partnershipId && n.customerName ? t("events.pair", { customer: n.customerName, partner: n.partnerName ?? "" }) : "",
                  n.status === "failed" ? "1" : "", DELIVERY_TONES[n.status], delivery.state, delivery.line, delivery.error,
                ];
              }))} />
          </table>
        </div>
      )}
      <Pager
        label={t("notifications.pages")}
        isFirst={!f.cursor}
        firstHref={`/audit/notifications${filterQuery(f)}`}
        nextHref={next ? `/audit/notifications${filterQuery(f, { after: encodeCursor(next) })}` : null}
      />
    </section>
  );
}
