// GET /invoices/export.csv: the filtered list of the current organization's invoices, as CSV.
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { listInvoices, type Cursor, type InvoiceFilter } from "@/db/invoices";
import { zurichDate } from "@/lib/billing/period";
import { billingAccess, NOT_FOUND_RESPONSE } from "@/lib/billing/viewer";
import { csvResponse, EXPORT_CHUNK, keysetPages, minorToDecimal } from "@/lib/csv";
import { parseInvoiceFilter } from "@/lib/validation/list-filters";

export async function GET(request: NextRequest): Promise<Response> {
  const access = await billingAccess("invoices");
  if (access.kind === "signed_out") redirect("/login");
  if (access.kind === "denied") return NOT_FOUND_RESPONSE();
  const f = parseInvoiceFilter(Object.fromEntries(request.nextUrl.searchParams));
  // Only the organization's own invoices: the filter is always scoped to the viewer's organization.
  const filter: InvoiceFilter = { orgId: access.membership.orgId, status: f.status, forOrgId: f.client, from: f.fromAt, to: f.toBefore };
  return csvResponse(
    `invoices-${zurichDate(new Date())}.csv`,
    ["number", "issued", "status", "paid", "payer", "for_organization", "product", "order", "currency", "subtotal", "vat", "total"],
    keysetPages((cursor: Cursor | undefined) => listInvoices({ ...filter, cursor, limit: EXPORT_CHUNK })),
    (i) => [
      i.number, zurichDate(i.issuedAt), i.status, i.paidAt ? zurichDate(i.paidAt) : null, access.membership.orgName, i.forOrgName,
      i.productLabel, i.orderKind, i.currency, minorToDecimal(i.subtotalMinor), minorToDecimal(i.vatMinor), minorToDecimal(i.totalMinor),
    ],
  );
}
