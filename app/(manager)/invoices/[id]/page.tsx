import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { InvoiceStatusBadge } from "@/components/invoice-status";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { getInvoice } from "@/db/invoices";
import { formatRate } from "@/lib/billing/money";
import { billingAccess } from "@/lib/billing/viewer";
import { formatDate, formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Invoice" };

export default async function InvoicePage({ params }: PageProps<"/invoices/[id]">) {
  const { id } = await params;
  const access = await billingAccess("invoices");
  if (access.kind === "signed_out") redirect("/login");
  // Another organization's invoice, a forged id, or a role without invoices: the same 404 (rule 4).
  if (access.kind === "denied" || id.length > 64) notFound();
  const inv = await getInvoice({ id, orgId: access.membership.orgId });
  if (!inv) notFound();
  const money = (m: number) => formatMoney(m, inv.currency);
  const placedBy = inv.placedByName ? `${inv.placedByName}${inv.placedByOrgName ? ` (${inv.placedByOrgName})` : ""}` : inv.orderId ? "Automatic renewal" : "—";

  return (
    <article aria-labelledby="invoice-title" className="max-w-4xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm"><Link href="/invoices" className="text-brand-700 hover:underline">Invoices</Link></nav>
      <header className="flex flex-wrap items-center gap-3">
        <h1 id="invoice-title" className="text-2xl font-semibold">Invoice {inv.number}</h1>
        <InvoiceStatusBadge status={inv.status} />
        <a href={`/invoices/${inv.id}/pdf`} className={`${buttonClass("secondary")} ml-auto`} download>Download PDF</a>
      </header>

      <section aria-labelledby="invoice-facts" className={cardClass}>
        <h2 id="invoice-facts" className="sr-only">Details</h2>
        <dl className="grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
          <div><dt className="text-slate-500">Issued</dt><dd>{formatDate(inv.issuedAt)}</dd></div>
          <div><dt className="text-slate-500">Status</dt><dd>{inv.status === "paid" && inv.paidAt ? `Paid on ${formatDate(inv.paidAt)}` : "Unpaid"}</dd></div>
          <div><dt className="text-slate-500">Billed to (payer)</dt><dd>{inv.payerName}</dd></div>
          <div><dt className="text-slate-500">For organization</dt><dd>{inv.forOrgName}</dd></div>
          <div><dt className="text-slate-500">Product</dt><dd>{inv.productLabel ? `${inv.productLabel} (${inv.productCategory})` : "—"}</dd></div>
          <div><dt className="text-slate-500">Order</dt><dd>{inv.orderKind === "renewal" ? "Renewal" : inv.orderKind === "new" ? "New subscription" : "—"}{inv.orderedAt ? `, ${formatDate(inv.orderedAt)}` : ""}</dd></div>
          <div><dt className="text-slate-500">Placed by</dt><dd>{placedBy}</dd></div>
          <div><dt className="text-slate-500">Currency</dt><dd>{inv.currency}</dd></div>
        </dl>
      </section>

      <section aria-labelledby="invoice-lines" className={cardClass}>
        <h2 id="invoice-lines" className="text-lg font-semibold">Lines</h2>
        <table className="mt-3 w-full text-left text-sm">
          <caption className="sr-only">Invoice lines with VAT</caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-2">Description</th>
              <th scope="col" className="py-2 text-right">Amount</th>
              <th scope="col" className="py-2 text-right">VAT rate</th>
              <th scope="col" className="py-2 text-right">VAT</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {inv.lines.map((l) => (
              <tr key={l.position}>
                <td className="py-2">{l.description}</td>
                <td className="py-2 text-right tabular-nums">{money(l.amountMinor)}</td>
                <td className="py-2 text-right tabular-nums">{formatRate(l.vatRateBp)}</td>
                <td className="py-2 text-right tabular-nums">{money(l.vatMinor)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot className="text-sm">
            <tr><th scope="row" colSpan={3} className="pt-3 text-right font-medium">Subtotal</th><td className="pt-3 text-right tabular-nums">{money(inv.subtotalMinor)}</td></tr>
            <tr><th scope="row" colSpan={3} className="text-right font-medium">VAT</th><td className="text-right tabular-nums">{money(inv.vatMinor)}</td></tr>
            <tr><th scope="row" colSpan={3} className="text-right font-semibold">Total</th><td className="text-right font-semibold tabular-nums" data-testid="invoice-total">{money(inv.totalMinor)}</td></tr>
          </tfoot>
        </table>
      </section>
    </article>
  );
}
