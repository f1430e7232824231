import type { Metadata } from "next";
import { Icon } from "@/components/ui/icon";
import { buttonClass } from "@/components/ui/styles";
import { filterChoiceLabels } from "@/db/audit-console";
import { listAuditEventsPage } from "@/db/audit-events-list";
import { changeText } from "@/lib/audit-format";
import { AUDIT_KINDS } from "@/lib/domain";
import { formatDateTime } from "@/lib/format";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { encodeCursor, filterQuery, parseEventFilters } from "@/lib/validation/audit-filters";
import { AuditNav } from "../audit-nav";
import { auditWords } from "../audit-words";
import { requireAuditor } from "../auditor";
import { EmptyState, isFiltered } from "../empty-state";
import { FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { packRows } from "@/lib/packed-rows";
import { EventRows, type EventRow } from "./event-rows";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("events.title") };
}

export default async function AuditEventsPage({ searchParams }: PageProps<"/audit/events">) {
  await requireAuditor();
  const f = parseEventFilters(await searchParams);
  const v = f.values;
  const [{ rows, next }, labels, locale] = await Promise.all([
    listAuditEventsPage(f),
    filterChoiceLabels({ orgIds: [v.org, v.partner].filter((x): x is string => Boolean(x)), userIds: v.actor ? [v.actor] : [] }),
    getLocale(),
  ]);
  const a = auditWords(locale);
  const { t } = a;
  const col = (k: "when" | "event" | "who" | "partnership" | "change" | "request") => t(`events.column.${k}`);

  return (
    <section aria-labelledby="events-title" className="space-y-6">
      <header>
        <h1 id="events-title" tabIndex={-1} className="text-2xl font-semibold">{t("events.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("events.intro")}</p>
      </header>
      <AuditNav current="/audit/events" />
      <FilterForm
        action="/audit/events"
        ignored={f.ignored}
        period={{ from: f.period.fromText, to: f.period.toText, label: t("events.period") }}
        selects={[
          { name: "org", label: t("events.org"), value: v.org, valueLabel: v.org && labels.get(v.org), source: "/audit/search?kind=org" },
          { name: "partner", label: t("events.partner"), value: v.partner, valueLabel: v.partner && labels.get(v.partner), source: "/audit/search?kind=partner" },
          { name: "actor", label: t("events.actor"), value: v.actor, valueLabel: v.actor && labels.get(v.actor), source: "/audit/search?kind=user" },
          { name: "kind", label: t("events.kind"), value: v.kind, options: AUDIT_KINDS.map((k) => ({ value: k, label: a.kind(k) })) },
          { name: "outcome", label: t("events.outcome"), value: v.outcome, options: [{ value: "ok", label: t("events.outcomeOk") }, { value: "refused", label: t("events.outcomeRefused") }] },
        ]}
      />
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">{t("events.heading")}</h2>
        <a href={`/audit/events/export${filterQuery(f)}`} className={buttonClass("secondary")} download>
          <Icon name="download" /> {t("events.export")}
        </a>
      </div>
      {rows.length === 0 ? (
        <EmptyState filtered={isFiltered(f)} matchText={t("events.empty")} noneText={t("events.emptyNone")}
          clearText={t("events.clearHint")} clearHref="/audit/events" />
      ) : (
        // Compact: 50 rows travel twice (HTML and the RSC payload), so the rows go to EventRows as packed
        // strings and the cells carry no classes of their own (app/globals.css styles `audit-events`). Identifiers inside
        // the change (order, product, invoice…) are left to the partnership's timeline, which gives each a
        // copy button, and to the CSV export; the full user agent is one click away here.
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="audit-list audit-events">
            <caption className="sr-only">{t("events.caption")}</caption>
            <thead>
              <tr>
                {(["when", "event", "who", "partnership", "change", "request"] as const).map((h) => <th key={h} scope="col">{col(h)}</th>)}
              </tr>
            </thead>
            <EventRows rows={packRows(rows.map((e): EventRow => [
              formatDateTime(e.createdAt, locale), String(e.seq), a.kind(e.kind),
              e.outcome === "refused" ? "1" : "", e.repeats != null && e.repeats > 1 ? t("events.repeats", { count: e.repeats }) : "",
              e.reason ? t("events.reason", { reason: a.reason(e.reason) }) : "",
              e.actorName ?? t("events.system"), e.actorOrgName ?? t("events.noOrganization"), e.partnershipId ?? "",
              e.partnershipId ? e.customerName ?? "" : "", e.partnershipId ? e.partnerName ?? "" : "",
              changeText(e.before, e.after, a.words, { withoutIds: true }) || "—", e.ip ?? t("request.unknown"),
              e.userAgent ? a.browser(e.userAgent) : t("request.unknownBrowser"), e.userAgent ?? "",
            ]))} words={{
              refused: t("events.refused"), copy: t("copy.label", { id: "#" }), done: t("copy.done"),
              seq: t("events.seq", { seq: "{seq}" }), pair: t("events.pair", { customer: "{customer}", partner: "{partner}" }),
            }} />
          </table>
        </div>
      )}
      <Pager
        label={t("events.pages")}
        isFirst={!f.cursor}
        firstHref={`/audit/events${filterQuery(f)}`}
        nextHref={next ? `/audit/events${filterQuery(f, { after: encodeCursor(next) })}` : null}
      />
    </section>
  );
}
