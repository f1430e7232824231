import type { Metadata } from "next";
import Link from "next/link";
import { Download } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/styles";
import { filterChoiceLabels } from "@/db/audit-console";
import { listAuditEventsPage } from "@/db/audit-events-list";
import { changeText, kindLabel, userAgentSummary } from "@/lib/audit-format";
import { AUDIT_KINDS } from "@/lib/domain";
import { formatDateTime } from "@/lib/format";
import { encodeCursor, filterQuery, parseEventFilters } from "@/lib/validation/audit-filters";
import { AuditNav } from "../audit-nav";
import { requireAuditor } from "../auditor";
import { FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";

export const metadata: Metadata = { title: "Audit events" };

export default async function AuditEventsPage({ searchParams }: PageProps<"/audit/events">) {
  await requireAuditor();
  const f = parseEventFilters(await searchParams);
  const v = f.values;
  const [{ rows, next }, labels] = await Promise.all([
    listAuditEventsPage(f),
    filterChoiceLabels({ orgIds: [v.org, v.partner].filter((x): x is string => Boolean(x)), userIds: v.actor ? [v.actor] : [] }),
  ]);

  return (
    <section aria-labelledby="events-title" className="space-y-6">
      <header>
        <h1 id="events-title" className="text-2xl font-semibold">Audit events</h1>
        <p className="mt-1 text-sm text-slate-600">Every change and every refused attempt, newest first.</p>
      </header>
      <AuditNav current="/audit/events" />
      <FilterForm
        action="/audit/events"
        ignored={f.ignored}
        period={{ from: f.period.fromText, to: f.period.toText, label: "Between" }}
        selects={[
          { name: "org", label: "Organization", value: v.org, valueLabel: v.org && labels.get(v.org), source: "/audit/search?kind=org" },
          { name: "partner", label: "Partner", value: v.partner, valueLabel: v.partner && labels.get(v.partner), source: "/audit/search?kind=partner" },
          { name: "actor", label: "Actor", value: v.actor, valueLabel: v.actor && labels.get(v.actor), source: "/audit/search?kind=user" },
          { name: "kind", label: "Kind", value: v.kind, options: AUDIT_KINDS.map((k) => ({ value: k, label: kindLabel(k) })) },
          { name: "outcome", label: "Outcome", value: v.outcome, options: [{ value: "ok", label: "Done" }, { value: "refused", label: "Refused" }] },
        ]}
      />
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">Events</h2>
        <a href={`/audit/events/export${filterQuery(f)}`} className={buttonClass("secondary")} download>
          <Download aria-hidden className="size-4" /> Export CSV
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="text-slate-600">No event matches these filters.</p>
      ) : (
        // Compact markup: 50 rows travel twice (HTML and the RSC payload), so the cells carry no classes of
        // their own (the table styles them) and each cell is one string or two; the full user agent and the
        // request id are in the CSV export and the partnership's timeline.
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm [&_small]:block [&_small]:text-xs [&_small]:text-slate-500 [&_td]:px-3 [&_td]:py-2 [&_td]:align-top [&_tr]:border-t [&_tr]:border-slate-100">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                {["When", "Event", "Who", "Partnership", "Before → after", "Request (IP, browser)"].map((h) => <th key={h} scope="col" className="px-3 py-3">{h}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap">{formatDateTime(e.createdAt)}<small>{`#${e.seq}`}</small></td>
                  <td>
                    {kindLabel(e.kind)}
                    {e.outcome === "refused" && <> <Badge tone="amber">Refused</Badge></>}
                    {e.repeats != null && e.repeats > 1 && <> <span className="text-xs font-medium text-amber-800">× {e.repeats}<span className="sr-only"> attempts</span></span></>}
                    {e.reason && <small>{`Reason: ${e.reason}`}</small>}
                  </td>
                  <td>{e.actorName ?? "System"}<small>{e.actorOrgName ?? "No organization"}</small></td>
                  <td>
                    {e.customerName && e.partnerName && e.partnershipId ? (
                      <Link href={`/audit/partnerships/${e.partnershipId}`} prefetch={false} className="text-brand-700 hover:underline">
                        {`${e.customerName} – ${e.partnerName}`}
                      </Link>
                    ) : (e.partnershipId ? <small className="break-all">{e.partnershipId}</small> : "—")}
                  </td>
                  <td>{changeText(e.before, e.after) || "—"}</td>
                  <td>{e.ip ?? "unknown"}<small>{userAgentSummary(e.userAgent)}</small></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Event pages"
        isFirst={!f.cursor}
        firstHref={`/audit/events${filterQuery(f)}`}
        nextHref={next ? `/audit/events${filterQuery(f, { after: encodeCursor(next) })}` : null}
      />
    </section>
  );
}
