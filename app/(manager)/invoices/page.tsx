import type { Metadata } from "next";
import Link from "next/link";
import { clientFilterField, CLIENT_LIST_MAX, FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { notFound, redirect } from "next/navigation";
import { InvoiceStatusBadge } from "@/components/invoice-status";
import { buttonClass } from "@/components/ui/styles";
import { listInvoiceClients, listInvoices } from "@/db/invoices";
import { billingAccess } from "@/lib/billing/viewer";
import { formatDate, formatMoney } from "@/lib/format";
import { encodeCursor } from "@/lib/pagination";
import { filterQuery, parseInvoiceFilter } from "@/lib/validation/list-filters";

export const metadata: Metadata = { title: "Invoices" };

export default async function InvoicesPage({ searchParams }: PageProps<"/invoices">) {
  const access = await billingAccess("invoices");
  if (access.kind === "signed_out") redirect("/login");
  if (access.kind === "denied") notFound();
  const m = access.membership;
  const f = parseInvoiceFilter(await searchParams);
  const [page, clients] = await Promise.all([
    listInvoices({ orgId: m.orgId, status: f.status, forOrgId: f.client, from: f.fromAt, to: f.toBefore, cursor: f.cursor }),
    listInvoiceClients({ orgId: m.orgId, limit: CLIENT_LIST_MAX + 1 }),
  ]);
  const showClients = clients.some((c) => c.id !== m.orgId);
  const clientFilter = await clientFilterField({ clients, value: f.client, source: "/invoices/clients" });
  const filtered = Boolean(f.status || f.client || f.from || f.to);

  return (
    <section aria-labelledby="invoices-title" className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="invoices-title" className="text-2xl font-semibold">Invoices</h1>
          <p className="mt-1 text-sm text-slate-600">Invoices issued to {m.orgName}, newest first.</p>
        </div>
        <a href={`/invoices/export.csv${filterQuery(f)}`} className={buttonClass("secondary")} download>Export CSV</a>
      </header>

      <FilterForm
        action="/invoices"
        label="Filter invoices"
        period={{ from: f.from, to: f.to, label: "Issued between" }}
        selects={[
          { name: "status", label: "Status", value: f.status, options: [{ value: "unpaid", label: "Unpaid" }, { value: "paid", label: "Paid" }] },
          ...(showClients ? [clientFilter] : []),
        ]}
      />

      {page.rows.length === 0 ? <p className="text-slate-600">No invoice {filtered ? "matches these filters" : "yet"}.</p> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Invoices of {m.orgName}, newest first</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Number</th>
                <th scope="col" className="px-4 py-3">Issued</th>
                <th scope="col" className="px-4 py-3">For</th>
                <th scope="col" className="px-4 py-3">Product</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3 text-right">Total</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((i) => (
                <tr key={i.id}>
                  <td className="px-4 py-3 font-medium"><Link href={`/invoices/${i.id}`} className="text-brand-700 hover:underline">{i.number}</Link></td>
                  <td className="px-4 py-3">{formatDate(i.issuedAt)}</td>
                  <td className="px-4 py-3">{i.forOrgName}</td>
                  <td className="px-4 py-3">{i.productLabel ?? "—"}{i.orderKind === "renewal" ? " (renewal)" : ""}</td>
                  <td className="px-4 py-3"><InvoiceStatusBadge status={i.status} /></td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatMoney(i.totalMinor, i.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Pages" isFirst={!f.cursor} firstHref={`/invoices${filterQuery(f)}`}
        nextHref={page.next ? `/invoices${filterQuery(f, { after: encodeCursor(page.next) })}` : null} />
    </section>
  );
}
