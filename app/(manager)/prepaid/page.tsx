import type { Metadata } from "next";
import Link from "next/link";
import { clientFilterField, CLIENT_LIST_MAX, FilterForm } from "@/components/filter-form";
import { Pager } from "@/components/pager";
import { notFound, redirect } from "next/navigation";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getPayoutIban, getPrepaidBalance, listPrepaidClients, listPrepaidEntries, type PrepaidEntryRow } from "@/db/prepaid";
import { formatIban } from "@/lib/billing/references";
import { billingAccess } from "@/lib/billing/viewer";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { encodeCursor } from "@/lib/pagination";
import { filterQuery, parsePrepaidFilter } from "@/lib/validation/list-filters";
import { WithdrawForm } from "./withdraw-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("prepaid"))("title") };
}

export default async function PrepaidPage({ searchParams }: PageProps<"/prepaid">) {
  const access = await billingAccess("prepaid");
  if (access.kind === "signed_out") redirect("/login");
  if (access.kind === "denied") notFound();
  const m = access.membership;
  const [t, locale, params] = await Promise.all([getTranslations("prepaid"), getLocale(), searchParams]);
  const f = parsePrepaidFilter(params);
  const [balance, iban, page, clients] = await Promise.all([
    getPrepaidBalance({ orgId: m.orgId }),
    getPayoutIban({ orgId: m.orgId }),
    listPrepaidEntries({ partnerOrgId: m.orgId, kind: f.kind, customerOrgId: f.client, from: f.fromAt, to: f.toBefore, cursor: f.cursor }),
    listPrepaidClients({ partnerOrgId: m.orgId, limit: CLIENT_LIST_MAX + 1 }),
  ]);
  const clientFilter = await clientFilterField({ clients, value: f.client, source: "/prepaid/clients" });
  const filtered = Boolean(f.kind || f.client || f.from || f.to);
  const col = (key: "date" | "entry" | "client" | "details" | "amount" | "balanceAfter") => t(`column.${key}`);
  const amountTone = (minor: number) => (minor < 0 ? "text-red-700" : "text-green-800");
  const details = (e: PrepaidEntryRow) => {
    if (e.kind === "withdrawal" && e.withdrawalIban) {
      const to = formatIban(e.withdrawalIban);
      return e.withdrawalStatus === "paid" && e.withdrawalPaidAt ? t("withdrawalPaid", { iban: to, date: formatDate(e.withdrawalPaidAt, locale) }) : t("withdrawalRequested", { iban: to });
    }
    if (e.kind === "invoice_payment" && e.invoiceId && e.invoiceNumber) {
      return <Link href={`/invoices/${e.invoiceId}`} className="text-brand-700 hover:underline">{t("invoicePaid", { number: e.invoiceNumber })}</Link>;
    }
    if (e.productLabel) return t("orderDetails", { product: e.productLabel, kind: t(e.orderKind === "renewal" ? "orderKind.renewal" : "orderKind.new"), order: e.orderId?.slice(0, 8) ?? "" });
    return "—";
  };

  return (
    <section aria-labelledby="prepaid-title" className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="prepaid-title" tabIndex={-1} className="text-2xl font-semibold">{t("title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("intro", { org: m.orgName })}</p>
        </div>
        <a href={`/prepaid/export.csv${filterQuery(f)}`} className={buttonClass("secondary")} download>{t("export")}</a>
      </header>

      <section aria-labelledby="balance-title" className={`${cardClass} flex flex-wrap items-start justify-between gap-6`}>
        <div>
          <h2 id="balance-title" className="text-sm font-medium text-slate-500">{t("balanceHeading")}</h2>
          <p className="mt-1 text-3xl font-semibold tabular-nums" data-testid="prepaid-balance">{formatMoney(balance.balanceMinor, balance.currency, locale)}</p>
        </div>
        <section aria-labelledby="withdraw-title" className="w-full max-w-md space-y-2">
          <h2 id="withdraw-title" className="text-sm font-medium text-slate-500">{t("withdraw.heading")}</h2>
          {!iban ? (
            <p className="text-sm text-slate-600">{t("withdraw.noAccount")} <Link href="/organization" className="text-brand-700 underline">{t("withdraw.addAccount")}</Link></p>
          ) : (
            <>
              <p className="text-sm text-slate-600">{t("withdraw.destination", { iban: formatIban(iban) })} <Link href="/organization" className="text-brand-700 underline">{t("withdraw.changeDestination")}</Link></p>
              <ClientMessages namespaces={["prepaid"]}>
                <WithdrawForm currency={balance.currency} balanceMinor={balance.balanceMinor} iban={formatIban(iban)}
                  disabledReason={balance.balanceMinor === 0 ? t("withdraw.zeroBalance", { balance: formatMoney(0, balance.currency, locale) }) : null} />
              </ClientMessages>
            </>
          )}
        </section>
      </section>

      <FilterForm
        action="/prepaid"
        label={t("filterLabel")}
        period={{ from: f.from, to: f.to, label: t("period") }}
        selects={[
          { name: "kind", label: t("entryFilter"), value: f.kind, options: (["cashback", "withdrawal", "invoice_payment"] as const).map((k) => ({ value: k, label: t(`kindFilter.${k}`) })) },
          clientFilter,
        ]}
      />

      {page.rows.length === 0 ? (
        filtered
          ? <p className="text-slate-600">{t("emptyFiltered")} <Link href="/prepaid" className="text-brand-700 underline">{t("clearFilters")}</Link></p>
          : <p className="text-slate-600">{t("empty")}</p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white md:overflow-x-auto">
          <table className="data-table table-stack">
            <caption className="sr-only">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{col("date")}</th>
                <th scope="col">{col("entry")}</th>
                <th scope="col">{col("client")}</th>
                <th scope="col">{col("details")}</th>
                <th scope="col" className="text-right">{col("amount")}</th>
                <th scope="col" className="text-right">{col("balanceAfter")}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((e) => (
                <tr key={e.id}>
                  <td data-label={col("date")}>{formatDateTime(e.createdAt, locale)}</td>
                  <td data-label={col("entry")}>{t(`kind.${e.kind}`)}</td>
                  <td data-label={col("client")}>{e.customerName ?? "—"}</td>
                  <td data-label={col("details")}>{details(e)}</td>
                  <td data-label={col("amount")} className={`text-right tabular-nums ${amountTone(e.amountMinor)}`}>{formatMoney(e.amountMinor, e.currency, locale)}</td>
                  <td data-label={col("balanceAfter")} className="text-right tabular-nums">{formatMoney(e.balanceAfterMinor, e.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label={t("pages")} isFirst={!f.cursor} firstHref={`/prepaid${filterQuery(f)}`}
        nextHref={page.next ? `/prepaid${filterQuery(f, { after: encodeCursor(page.next) })}` : null} />
    </section>
  );
}
