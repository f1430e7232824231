import type { Metadata } from "next";
import { Suspense } from "react";
import { Icon } from "@/components/ui/icon";
import { buttonClass } from "@/components/ui/styles";
import { filterChoiceLabels, listAuditPartnerships } from "@/db/audit-console";
import { effectivePaymentMode } from "@/lib/domain";
import { formatDate, formatDateTime } from "@/lib/format";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { encodeCursor, filterQuery, parsePartnershipFilters } from "@/lib/validation/audit-filters";
import { AuditNav } from "./audit-nav";
import { requireAuditor } from "./auditor";
import { EmptyState, isFiltered } from "./empty-state";
import { FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { packRows } from "@/lib/packed-rows";
import { PartnershipRows, type PartnershipRow } from "./partnership-rows";
import { PaymentModeChart } from "./payment-mode-chart";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const STATUS_TONE = { active: "green", pending: "amber", ended: "slate", refused: "slate", deleted: "slate" } as const;

export default async function AuditPartnershipsPage({ searchParams }: PageProps<"/audit">) {
  // Authorize before anything renders or streams: a non-auditor gets a real 404.
  await requireAuditor();
  const f = parsePartnershipFilters(await searchParams);
  const v = f.values;
  const [{ rows, next }, labels, t, d, locale] = await Promise.all([
    listAuditPartnerships(f),
    filterChoiceLabels({ orgIds: [v.customer, v.partner].filter((x): x is string => Boolean(x)), userIds: [] }),
    getTranslations("audit"), getTranslations("domain"), getLocale(),
  ]);
  const col = (k: "customer" | "partner" | "access" | "mode" | "status" | "since" | "lastChange" | "history") => t(`partnerships.column.${k}`);

  return (
    <section aria-labelledby="audit-title" className="space-y-6">
      <header>
        <h1 id="audit-title" tabIndex={-1} className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </header>
      <AuditNav current="/audit" />
      <Suspense fallback={<p className="text-sm text-slate-600">{t("partnerships.chartLoading")}</p>}>
        <PaymentModeChart />
      </Suspense>

      <FilterForm
        action="/audit"
        ignored={f.ignored}
        period={{ from: f.period.fromText, to: f.period.toText, label: t("partnerships.period") }}
        selects={[
          { name: "customer", label: t("partnerships.customer"), value: v.customer, valueLabel: v.customer && labels.get(v.customer), source: "/audit/search?kind=org" },
          { name: "partner", label: t("partnerships.partner"), value: v.partner, valueLabel: v.partner && labels.get(v.partner), source: "/audit/search?kind=partner" },
          { name: "access", label: t("partnerships.access"), value: v.access, options: (["limited", "full"] as const).map((x) => ({ value: x, label: d(`access.${x}`) })) },
          { name: "mode", label: t("partnerships.mode"), value: v.mode, options: (["customer", "partner"] as const).map((x) => ({ value: x, label: d(`paymentMode.${x}`) })) },
          { name: "status", label: t("partnerships.status"), value: v.status, options: (["pending", "active", "ended", "refused", "deleted"] as const).map((x) => ({ value: x, label: d(`status.${x}`) })) },
        ]}
      />

      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">{t("partnerships.heading")}</h2>
        <a href={`/audit/export${filterQuery(f)}`} className={buttonClass("secondary")} download>
          <Icon name="download" /> {t("partnerships.export")}
        </a>
      </div>
      {rows.length === 0 ? (
        <EmptyState filtered={isFiltered(f)} matchText={t("partnerships.empty")} noneText={t("partnerships.emptyNone")}
          clearText={t("partnerships.clearHint")} clearHref="/audit" />
      ) : (
        // Compact (the rows travel twice: HTML and the RSC payload): plain strings to PartnershipRows, and
        // app/globals.css styles the cells (`audit-partnerships`).
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="audit-list audit-partnerships">
            <caption className="sr-only">{t("partnerships.caption")}</caption>
            <thead>
              <tr>
                {(["customer", "partner", "access", "mode", "status", "since", "lastChange", "history"] as const).map((h) => (
                  <th key={h} scope="col">{col(h)}</th>
                ))}
              </tr>
            </thead>
            <PartnershipRows timeline={t("partnerships.timeline")} timelineOf={t("partnerships.timelineOf", { customer: "{customer}", partner: "{partner}" })}
              rows={packRows(rows.map((p): PartnershipRow => [
              p.id, p.customerName, p.partnerName, d(`access.${p.access}`), d(`paymentMode.${effectivePaymentMode(p)}`),
              d(`status.${p.status}`), STATUS_TONE[p.status], formatDate(p.activatedAt ?? p.createdAt, locale), formatDateTime(p.updatedAt, locale),
              ]))} />
          </table>
        </div>
      )}
      <Pager
        label={t("partnerships.pages")}
        isFirst={!f.cursor}
        firstHref={`/audit${filterQuery(f)}`}
        nextHref={next ? `/audit${filterQuery(f, { after: encodeCursor(next) })}` : null}
      />
    </section>
  );
}
