import type { Metadata } from "next";
import Link from "next/link";
import { listNotificationsPage } from "@/db/audit-notifications";
import { formatDateTime } from "@/lib/format";
import { getLocale } from "@/lib/i18n/server";
import { encodeCursor, filterQuery, parseNotificationFilters } from "@/lib/validation/audit-filters";
import { AuditNav } from "../audit-nav";
import { auditWords } from "../audit-words";
import { requireAuditor } from "../auditor";
import { EmptyState, isFiltered } from "../empty-state";
import { DeliveryState } from "../event-details";
import { FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { RetryButton } from "./retry-button";

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
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("notifications.caption")}</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>{(["queued", "recipient", "subject", "partnership", "delivery", "action"] as const).map((h) => <th key={h} scope="col" className="px-3 py-3">{t(`notifications.column.${h}`)}</th>)}</tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {rows.map((n) => (
                <tr key={n.id}>
                  <td className="whitespace-nowrap px-3 py-3">{formatDateTime(n.createdAt, locale)}</td>
                  <td className="px-3 py-3">{n.toAddress}</td>
                  <td className="px-3 py-3">{n.subject}<p className="text-xs text-slate-500">{n.template}</p></td>
                  <td className="px-3 py-3">
                    {n.partnershipId && n.customerName ? (
                      <Link href={`/audit/partnerships/${n.partnershipId}`} className="text-brand-700 hover:underline">{t("events.pair", { customer: n.customerName, partner: n.partnerName ?? "" })}</Link>
                    ) : "—"}
                  </td>
                  <td className="px-3 py-3"><DeliveryState n={n} a={a} locale={locale} /></td>
                  <td className="px-3 py-3"><RetryButton notificationId={n.id} failed={n.status === "failed"}
                    words={{ label: t("retry.label", { recipient: n.toAddress }), button: t("retry.button"), pending: t("retry.pending") }} /></td>
                </tr>
              ))}
            </tbody>
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
