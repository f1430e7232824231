// GET /invoices/export.csv: the filtered list of the current organization's invoices, as CSV.
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { allInvoicesForExport, type InvoiceFilter } from "@/db/invoices";
import { exportReadsAhead } from "@/db/raw-read";
import { billingNow } from "@/lib/billing/clock";
import { zurichDate } from "@/lib/billing/period";
import { isOverdue } from "@/lib/billing/terms";
import { billingAccess, NOT_FOUND_RESPONSE } from "@/lib/billing/viewer";
import { csvResponse, EXPORT_CHUNK, minorToDecimal } from "@/lib/csv";
import { exportWithSlot } from "@/lib/server/export-slots";
import { parseInvoiceFilter } from "@/lib/validation/list-filters";

export async function GET(request: NextRequest): Promise<Response> {
  const access = await billingAccess("invoices");
  if (access.kind === "signed_out") redirect("/login");
  if (access.kind === "denied") return NOT_FOUND_RESPONSE();
  const f = parseInvoiceFilter(Object.fromEntries(request.nextUrl.searchParams));
  // Only the organization's own invoices: the filter is always scoped to the viewer's organization.
  const today = zurichDate(billingNow());
  const filter: InvoiceFilter = { orgId: access.membership.orgId, status: f.status, today, forOrgId: f.client, from: f.fromAt, to: f.toBefore };
  // Stable machine columns and values (codes, ISO dates, decimal points) in every language (docs/i18n.md).
  return exportWithSlot(request, access.viewer.id, (slot) => csvResponse(
    `invoices-${today}.csv`,
    ["number", "issued", "due", "status", "overdue", "paid", "payment_method", "payer", "for_organization", "product", "order", "currency", "subtotal", "vat", "total"],
    allInvoicesForExport(filter, { pageSize: EXPORT_CHUNK }),
    (i) => [
      i.number, zurichDate(i.issuedAt), i.dueDate, i.status, isOverdue(i, today) ? "true" : "false", i.paidAt ? zurichDate(i.paidAt) : null, i.paymentMethod,
      access.membership.orgName, i.forOrgName, i.productLabel, i.orderKind, i.currency,
      minorToDecimal(i.subtotalMinor), minorToDecimal(i.vatMinor), minorToDecimal(i.totalMinor),
    ],
    { readAhead: exportReadsAhead(), slot },
  ));
}
