import type { Metadata } from "next";
import Link from "next/link";
import { clientFilterField, CLIENT_LIST_MAX, FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { notFound, redirect } from "next/navigation";
import { invoiceState, InvoiceStatusBadge } from "@/components/invoice-status";
import { buttonClass } from "@/components/ui/styles";
import { listInvoiceClients, listInvoices } from "@/db/invoices";
import { billingNow } from "@/lib/billing/clock";
import { dayText } from "@/lib/billing/invoice-text";
import { zurichDate } from "@/lib/billing/period";
import { billingAccess } from "@/lib/billing/viewer";
import { formatDate, formatMoney } from "@/lib/format";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { encodeCursor } from "@/lib/pagination";
import { filterQuery, parseInvoiceFilter } from "@/lib/validation/list-filters";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invoices"))("list.title") };
}

export default async function InvoicesPage({ searchParams }: PageProps<"/invoices">) {
  const access = await billingAccess("invoices");
  if (access.kind === "signed_out") redirect("/login");
  if (access.kind === "denied") notFound();
  const m = access.membership;
  const [t, locale, f] = await Promise.all([getTranslations("invoices"), getLocale(), searchParams.then(parseInvoiceFilter)]);
  const today = zurichDate(billingNow());
  const [page, clients] = await Promise.all([
    listInvoices({ orgId: m.orgId, status: f.status, today, forOrgId: f.client, from: f.fromAt, to: f.toBefore, cursor: f.cursor }),
    listInvoiceClients({ orgId: m.orgId, limit: CLIENT_LIST_MAX + 1 }),
  ]);
  // A partner's invoices are for its clients' products: say whose. A customer's are all its own.
  const showClients = clients.some((c) => c.id !== m.orgId);
  const clientFilter = await clientFilterField({ clients, value: f.client, source: "/invoices/clients" });
  const filtered = Boolean(f.status || f.client || f.from || f.to);
  const col = (key: "number" | "issued" | "client" | "product" | "status" | "due" | "total") => t(`list.column.${key}`);
  const kind = (k: string | null) => t(k === "renewal" ? "kind.renewal" : "kind.new");

  return (
    <section aria-labelledby="invoices-title" className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="invoices-title" tabIndex={-1} className="text-2xl font-semibold">{t("list.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("list.intro", { org: m.orgName })}</p>
        </div>
        <a href={`/invoices/export.csv${filterQuery(f)}`} className={buttonClass("secondary")} download>{t("list.export")}</a>
      </header>

      <FilterForm
        action="/invoices"
        label={t("list.filterLabel")}
        period={{ from: f.from, to: f.to, label: t("list.period") }}
        selects={[
          { name: "status", label: t("list.status"), value: f.status, options: (["unpaid", "overdue", "paid"] as const).map((s) => ({ value: s, label: t(`status.${s}`) })) },
          ...(showClients ? [clientFilter] : []),
        ]}
      />

      {page.rows.length === 0 ? (
        filtered ? (
          <p className="text-slate-600">{t("list.emptyFiltered")} <Link href="/invoices" className="text-brand-700 underline">{t("list.clearFilters")}</Link></p>
        ) : (
          <p className="text-slate-600">{t("list.empty", { org: m.orgName })} <Link href="/products" className="text-brand-700 underline">{t("list.emptyLink")}</Link></p>
        )
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white md:overflow-x-auto">
          <table className="data-table table-stack">
            <caption className="sr-only">{t("list.caption", { org: m.orgName })}</caption>
            <thead>
              <tr>
                <th scope="col">{col("number")}</th>
                <th scope="col">{col("issued")}</th>
                {showClients && <th scope="col">{col("client")}</th>}
                <th scope="col">{col("product")}</th>
                <th scope="col">{col("status")}</th>
                <th scope="col">{col("due")}</th>
                <th scope="col" className="text-right">{col("total")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((i) => {
                const state = invoiceState(i, today);
                return (
                  <tr key={i.id}>
                    <td data-label={col("number")} className="font-medium"><Link href={`/invoices/${i.id}`} className="text-brand-700 hover:underline">{i.number}</Link></td>
                    <td data-label={col("issued")}>{formatDate(i.issuedAt, locale)}</td>
                    {showClients && <td data-label={col("client")}>{i.forOrgName}</td>}
                    <td data-label={col("product")}>{i.productLabel ? t("list.productKind", { product: i.productLabel, kind: kind(i.orderKind) }) : "—"}</td>
                    <td data-label={col("status")}><InvoiceStatusBadge state={state} label={t(`status.${state}`)} /></td>
                    <td data-label={col("due")}>{i.dueDate ? dayText(i.dueDate, locale) : "—"}</td>
                    <td data-label={col("total")} className="text-right tabular-nums">{formatMoney(i.totalMinor, i.currency, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager label={t("list.pages")} isFirst={!f.cursor} firstHref={`/invoices${filterQuery(f)}`}
        nextHref={page.next ? `/invoices${filterQuery(f, { after: encodeCursor(page.next) })}` : null} />
    </section>
  );
}
