import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Download } from "lucide-react";
import { StatusBadge } from "@/components/partnership-badges";
import { buttonClass } from "@/components/ui/styles";
import { filterChoiceLabels, listAuditPartnerships } from "@/db/audit-console";
import { ACCESS_LABELS, effectivePaymentMode, PAYMENT_MODE_INFO, STATUS_LABELS } from "@/lib/domain";
import { formatDate, formatDateTime } from "@/lib/format";
import { encodeCursor, filterQuery, parsePartnershipFilters } from "@/lib/validation/audit-filters";
import { AuditNav } from "./audit-nav";
import { requireAuditor } from "./auditor";
import { FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { PaymentModeChart } from "./payment-mode-chart";

export const metadata: Metadata = { title: "Audit" };

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export default async function AuditPartnershipsPage({ searchParams }: PageProps<"/audit">) {
  // Authorize before anything renders or streams: a non-auditor gets a real 404.
  await requireAuditor();
  const f = parsePartnershipFilters(await searchParams);
  const v = f.values;
  const [{ rows, next }, labels] = await Promise.all([
    listAuditPartnerships(f),
    filterChoiceLabels({ orgIds: [v.customer, v.partner].filter((x): x is string => Boolean(x)), userIds: [] }),
  ]);

  return (
    <section aria-labelledby="audit-title" className="space-y-6">
      <header>
        <h1 id="audit-title" className="text-2xl font-semibold">Audit</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every partnership across organizations, its history, and every notification sent. Read only.
        </p>
      </header>
      <AuditNav current="/audit" />
      <Suspense fallback={<p className="text-sm text-slate-600">Loading the chart…</p>}>
        <PaymentModeChart />
      </Suspense>

      <FilterForm
        action="/audit"
        ignored={f.ignored}
        period={{ from: f.period.fromText, to: f.period.toText, label: "Activity between" }}
        selects={[
          { name: "customer", label: "Customer", value: v.customer, valueLabel: v.customer && labels.get(v.customer), source: "/audit/search?kind=org" },
          { name: "partner", label: "Partner", value: v.partner, valueLabel: v.partner && labels.get(v.partner), source: "/audit/search?kind=partner" },
          { name: "access", label: "Access", value: v.access, options: options(ACCESS_LABELS) },
          { name: "mode", label: "Payment mode", value: v.mode, options: options(Object.fromEntries(Object.entries(PAYMENT_MODE_INFO).map(([k, i]) => [k, i.label]))) },
          { name: "status", label: "Status", value: v.status, options: options(STATUS_LABELS) },
        ]}
      />

      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">Partnerships</h2>
        <a href={`/audit/export${filterQuery(f)}`} className={buttonClass("secondary")} download>
          <Download aria-hidden className="size-4" /> Export CSV
        </a>
      </div>
      {rows.length === 0 ? (
        <p className="text-slate-600">No partnership matches these filters.</p>
      ) : (
        // Compact markup (the rows travel twice: HTML and the RSC payload): the table styles its cells.
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm [&_td]:px-3 [&_td]:py-2 [&_tr]:border-t [&_tr]:border-slate-100">
            <caption className="sr-only">Partnerships across organizations, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                {["Customer", "Partner", "Access", "Payment mode", "Status", "Version", "Since", "Last change", "History"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-3">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td className="font-medium">{p.customerName}</td>
                  <td>{p.partnerName}</td>
                  <td>{ACCESS_LABELS[p.access]}</td>
                  <td>{PAYMENT_MODE_INFO[effectivePaymentMode(p)].label}</td>
                  <td><StatusBadge status={p.status} /></td>
                  <td>{p.version}</td>
                  <td>{formatDate(p.activatedAt ?? p.createdAt)}</td>
                  <td>{formatDateTime(p.updatedAt)}</td>
                  <td>
                    <Link href={`/audit/partnerships/${p.id}`} prefetch={false} className="text-brand-700 hover:underline"
                      aria-label={`Timeline of ${p.customerName} and ${p.partnerName}`}>
                      Timeline
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        label="Partnership pages"
        isFirst={!f.cursor}
        firstHref={`/audit${filterQuery(f)}`}
        nextHref={next ? `/audit${filterQuery(f, { after: encodeCursor(next) })}` : null}
      />
    </section>
  );
}
