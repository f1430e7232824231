import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { invoiceState, InvoiceStatusBadge } from "@/components/invoice-status";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getInvoice } from "@/db/invoices";
import { getPrepaidBalance } from "@/db/prepaid";
import { listInvoiceReminders } from "@/db/reminders";
import { canPayFromPrepaid } from "@/lib/billing/access";
import { billingNow } from "@/lib/billing/clock";
import { addressLines, dayText, lineText, paymentTermsText, supplyPeriodText, vatByRate } from "@/lib/billing/invoice-text";
import { zurichDate } from "@/lib/billing/period";
import { formatQrReference } from "@/lib/billing/references";
import { sellerFromConfiguration } from "@/lib/billing/seller";
import { daysPastDue } from "@/lib/billing/terms";
import { billingAccess } from "@/lib/billing/viewer";
import type { InvoiceParty } from "@/lib/domain";
import { formatDate, formatMoney, formatRate } from "@/lib/format";
import { ClientMessages } from "@/lib/i18n/client-messages";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { isWellFormedId } from "@/lib/ids";
import { PayFromPrepaid } from "./pay-from-prepaid";

/** The invoice the viewer may see, or null: another organization's, a forged id, a role without invoices (rule 4). */
async function visibleInvoice(id: string) {
  const access = await billingAccess("invoices");
  if (access.kind === "signed_out") redirect("/login");
  if (access.kind === "denied" || !isWellFormedId(id)) return null;
  const invoice = await getInvoice({ id, orgId: access.membership.orgId });
  return invoice ? { invoice, membership: access.membership } : null;
}

export async function generateMetadata({ params }: PageProps<"/invoices/[id]">): Promise<Metadata> {
  const found = await visibleInvoice((await params).id);
  return { title: found ? (await getTranslations("invoices"))("detail.title", { number: found.invoice.number }) : undefined };
}

function Party({ heading, party, vatLabel, noAddress }: { heading: string; party: InvoiceParty; vatLabel: string | null; noAddress: string }) {
  const lines = addressLines(party);
  return (
    <div>
      <h3 className="text-xs font-medium uppercase text-slate-500">{heading}</h3>
      <address className="mt-1 text-sm not-italic">
        <span className="font-medium">{party.name}</span>
        {lines.map((l) => <span key={l} className="block">{l}</span>)}
        {lines.length === 0 && <span className="block text-slate-500">{noAddress}</span>}
        {vatLabel && <span className="block text-slate-600">{vatLabel}</span>}
      </address>
    </div>
  );
}

export default async function InvoicePage({ params }: PageProps<"/invoices/[id]">) {
  const found = await visibleInvoice((await params).id);
  if (!found) notFound();
  const { invoice: inv, membership: m } = found;
  const [t, locale, reminders] = await Promise.all([getTranslations("invoices"), getLocale(), listInvoiceReminders({ invoiceId: inv.id })]);
  const money = (minor: number) => formatMoney(minor, inv.currency, locale);
  const today = zurichDate(billingNow());
  const state = invoiceState(inv, today);
  // Invoices issued before sellers were frozen onto them show the operator as configured now.
  const seller = inv.seller ?? sellerFromConfiguration();
  const buyer = inv.buyer ?? { name: inv.payerName, address: null };
  const period = supplyPeriodText(inv, locale);
  const terms = paymentTermsText(inv, locale);
  const statusText = state === "paid" && inv.paidAt
    ? t("detail.statusPaid", { date: formatDate(inv.paidAt, locale), method: inv.paymentMethod ?? "unknown" })
    : state === "overdue" ? t("detail.statusOverdue", { due: dayText(inv.dueDate!, locale), days: daysPastDue(inv.dueDate!, today) })
      : inv.dueDate ? t("detail.statusUnpaid", { due: dayText(inv.dueDate, locale) }) : t("status.unpaid");
  const placedBy = inv.placedByName
    ? (inv.placedByOrgName ? t("detail.placedByOrg", { name: inv.placedByName, org: inv.placedByOrgName }) : inv.placedByName)
    : inv.orderId ? t("detail.automaticRenewal") : "—";
  const facts: [string, string][] = [
    [t("detail.issued"), formatDate(inv.issuedAt, locale)],
    ...(period ? [[t("detail.supplyPeriod"), period] as [string, string]] : []),
    ...(inv.dueDate ? [[t("detail.due"), dayText(inv.dueDate, locale)] as [string, string]] : []),
    ...(terms ? [[t("detail.terms"), terms] as [string, string]] : []),
    [t("detail.status"), statusText],
    [t("detail.client"), inv.forOrgName],
    ...(inv.orderKind && inv.orderedAt ? [[t("detail.order"), t("detail.orderKind", { kind: t(`orderKind.${inv.orderKind}`), date: formatDate(inv.orderedAt, locale) })] as [string, string]] : []),
    [t("detail.placedBy"), placedBy],
    ...(inv.qrReference ? [[t("detail.reference"), formatQrReference(inv.qrReference)] as [string, string]] : []),
    ...(reminders.length > 0 ? [[t("detail.reminders"), reminders.map((r) => formatDate(r.sentAt, locale)).join(", ")] as [string, string]] : []),
  ];

  // Invoices issued to a partner can be paid from its prepaid account, by its legal representatives.
  const partnerInvoice = m.orgIsPartner;
  const canPay = partnerInvoice && canPayFromPrepaid(m);
  let pay: { verify: string; balance: string; blocked: string | null; paid: string | null } | null = null;
  if (canPay) {
    const account = await getPrepaidBalance({ orgId: m.orgId });
    const total = money(inv.totalMinor);
    const blocked = account.currency !== inv.currency ? t("pay.currency", { invoiceCurrency: inv.currency, accountCurrency: account.currency })
      : account.balanceMinor === 0 ? t("pay.zeroBalance", { org: m.orgName })
        : account.balanceMinor < inv.totalMinor ? t("pay.insufficient", { balance: formatMoney(account.balanceMinor, account.currency, locale), total })
          : null;
    pay = {
      verify: t("pay.verify", { total, org: m.orgName }),
      balance: t("pay.balance", { balance: formatMoney(account.balanceMinor, account.currency, locale), after: formatMoney(account.balanceMinor - inv.totalMinor, account.currency, locale) }),
      blocked,
      paid: state === "paid" ? statusText : null,
    };
  }

  return (
    <article aria-labelledby="invoice-title" className="max-w-4xl space-y-6">
      <nav aria-label={t("detail.breadcrumb")} className="text-sm"><Link href="/invoices" className="text-brand-700 hover:underline">{t("detail.breadcrumb")}</Link></nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="invoice-title" tabIndex={-1} className="text-2xl font-semibold">{t("detail.heading", { number: inv.number })}</h1>
        <InvoiceStatusBadge state={state} label={t(`status.${state}`)} />
        <a href={`/invoices/${inv.id}/pdf`} className={`${buttonClass("secondary")} sm:ml-auto`} download>{t("detail.downloadPdf")}</a>
      </header>

      <section aria-labelledby="invoice-parties" className={`${cardClass} grid gap-6 sm:grid-cols-2`}>
        <h2 id="invoice-parties" className="sr-only">{t("detail.partiesHeading")}</h2>
        <Party heading={t("detail.seller")} party={seller} vatLabel={seller.vatNumber ? t("detail.vatNumber", { number: seller.vatNumber }) : null} noAddress={t("detail.noAddress")} />
        <Party heading={t("detail.buyer")} party={buyer} vatLabel={null} noAddress={t("detail.noAddress")} />
      </section>

      <section aria-labelledby="invoice-facts" className={cardClass}>
        <h2 id="invoice-facts" className="sr-only">{t("detail.factsHeading")}</h2>
        <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
          {facts.map(([label, value], i) => (
            <div key={i}><dt className="text-slate-500">{label}</dt><dd className="[overflow-wrap:anywhere]">{value}</dd></div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="invoice-lines" className={cardClass}>
        <h2 id="invoice-lines" className="text-lg font-semibold">{t("detail.linesHeading")}</h2>
        <table className="table-stack mt-3 w-full text-left text-sm">
          <caption className="sr-only">{t("detail.linesCaption")}</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-2">{t("detail.column.description")}</th>
              <th scope="col" className="py-2 text-right">{t("detail.column.amount")}</th>
              <th scope="col" className="py-2 text-right">{t("detail.column.vatRate")}</th>
              <th scope="col" className="py-2 text-right">{t("detail.column.vat")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {inv.lines.map((l) => (
              <tr key={l.position}>
                <td className="py-2">{lineText(l, locale)}</td>
                <td data-label={t("detail.column.amount")} className="py-2 text-right tabular-nums">{money(l.amountMinor)}</td>
                <td data-label={t("detail.column.vatRate")} className="py-2 text-right tabular-nums">{formatRate(l.vatRateBp, locale)}</td>
                <td data-label={t("detail.column.vat")} className="py-2 text-right tabular-nums">{money(l.vatMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="mt-4 space-y-1 border-t border-slate-200 pt-3 text-sm">
          <div className="flex justify-between gap-4"><dt>{t("detail.totalExclVat")}</dt><dd className="tabular-nums">{money(inv.subtotalMinor)}</dd></div>
          {vatByRate(inv.lines).map((g) => (
            <div key={g.rateBp} className="flex justify-between gap-4">
              <dt>{t("detail.vatOn", { rate: formatRate(g.rateBp, locale), base: money(g.baseMinor) })}</dt><dd className="tabular-nums">{money(g.vatMinor)}</dd>
            </div>
          ))}
          <div className="flex justify-between gap-4 font-semibold"><dt>{t("detail.totalInclVat")}</dt><dd className="tabular-nums" data-testid="invoice-total">{money(inv.totalMinor)}</dd></div>
        </dl>
      </section>

      {partnerInvoice && (
        <section aria-labelledby="invoice-payment" className={cardClass}>
          <h2 id="invoice-payment" className="text-lg font-semibold">{t("pay.heading")}</h2>
          {pay ? (
            <>
              {!pay.paid && <p className="mt-1 mb-3 text-sm text-slate-600">{t("pay.intro", { org: m.orgName })}</p>}
              <ClientMessages namespaces={["invoices"]}>
                <PayFromPrepaid invoiceId={inv.id} paid={pay.paid} verify={pay.verify} balance={pay.balance} blocked={pay.blocked} />
              </ClientMessages>
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{state === "paid" ? statusText : t("pay.readOnly", { org: m.orgName })}</p>
          )}
        </section>
      )}
    </article>
  );
}
