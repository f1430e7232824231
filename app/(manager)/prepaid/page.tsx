import type { Metadata } from "next";
import { clientFilterField, CLIENT_LIST_MAX, FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { notFound, redirect } from "next/navigation";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getPrepaidBalance, listPrepaidClients, listPrepaidEntries } from "@/db/prepaid";
import { billingAccess } from "@/lib/billing/viewer";
import { formatDateTime, formatMoney } from "@/lib/format";
import { encodeCursor } from "@/lib/pagination";
import { filterQuery, parsePrepaidFilter } from "@/lib/validation/list-filters";
import { WithdrawForm } from "./withdraw-form";

export const metadata: Metadata = { title: "Prepaid account" };

export default async function PrepaidPage({ searchParams }: PageProps<"/prepaid">) {
  const access = await billingAccess("prepaid");
  if (access.kind === "signed_out") redirect("/login");
  if (access.kind === "denied") notFound();
  const m = access.membership;
  const f = parsePrepaidFilter(await searchParams);
  const [balance, page, clients] = await Promise.all([
    getPrepaidBalance({ orgId: m.orgId }),
    listPrepaidEntries({ partnerOrgId: m.orgId, kind: f.kind, customerOrgId: f.client, from: f.fromAt, to: f.toBefore, cursor: f.cursor }),
    listPrepaidClients({ partnerOrgId: m.orgId, limit: CLIENT_LIST_MAX + 1 }),
  ]);
  const clientFilter = await clientFilterField({ clients, value: f.client, source: "/prepaid/clients" });
  const filtered = Boolean(f.kind || f.client || f.from || f.to);

  return (
    <section aria-labelledby="prepaid-title" className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="prepaid-title" className="text-2xl font-semibold">Prepaid account</h1>
          <p className="mt-1 text-sm text-slate-600">Cashback {m.orgName} earns on its clients&apos; orders and renewals, and its withdrawals.</p>
        </div>
        <a href={`/prepaid/export.csv${filterQuery(f)}`} className={buttonClass("secondary")} download>Export CSV</a>
      </header>

      <section aria-labelledby="balance-title" className={`${cardClass} flex flex-wrap items-start justify-between gap-6`}>
        <div>
          <h2 id="balance-title" className="text-sm font-medium text-slate-500">Balance</h2>
          <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid="prepaid-balance">{formatMoney(balance.balanceMinor, balance.currency)}</p>
        </div>
        <WithdrawForm currency={balance.currency} />
      </section>

      <FilterForm
        action="/prepaid"
        label="Filter entries"
        period={{ from: f.from, to: f.to, label: "Between" }}
        selects={[
          { name: "kind", label: "Entry", value: f.kind, options: [{ value: "cashback", label: "Cashback" }, { value: "withdrawal", label: "Withdrawals" }] },
          clientFilter,
        ]}
      />

      {page.rows.length === 0 ? <p className="text-slate-600">No entry {filtered ? "matches these filters" : "yet"}.</p> : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Prepaid account entries, newest first, with the balance after each</caption>
            <thead className="bg-slate-50 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Date</th>
                <th scope="col" className="px-4 py-3">Entry</th>
                <th scope="col" className="px-4 py-3">Client</th>
                <th scope="col" className="px-4 py-3">Product and order</th>
                <th scope="col" className="px-4 py-3 text-right">Amount</th>
                <th scope="col" className="px-4 py-3 text-right">Balance after</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.rows.map((e) => (
                <tr key={e.id}>
                  <td className="px-4 py-3">{formatDateTime(e.createdAt)}</td>
                  <td className="px-4 py-3">{e.kind === "cashback" ? "Cashback" : "Withdrawal"}</td>
                  <td className="px-4 py-3">{e.customerName ?? "—"}</td>
                  <td className="px-4 py-3">
                    {e.productLabel ? <>{e.productLabel} <span className="text-slate-500">({e.orderKind === "renewal" ? "renewal" : "new subscription"}, order {e.orderId?.slice(0, 8)})</span></> : "—"}
                  </td>
                  <td className={`px-4 py-3 text-right tabular-nums ${e.amountMinor < 0 ? "text-red-700" : "text-green-800"}`}>{formatMoney(e.amountMinor, e.currency)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatMoney(e.balanceAfterMinor, e.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="Pages" isFirst={!f.cursor} firstHref={`/prepaid${filterQuery(f)}`}
        nextHref={page.next ? `/prepaid${filterQuery(f, { after: encodeCursor(page.next) })}` : null} />
    </section>
  );
}
