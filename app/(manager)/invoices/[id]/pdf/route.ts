// GET /invoices/:id/pdf: the invoice as a PDF, for the organization it was issued to only (rule 4).
import { redirect } from "next/navigation";
import { getInvoice } from "@/db/invoices";
import { renderInvoicePdf } from "@/lib/billing/invoice-pdf";
import { billingAccess, NOT_FOUND_RESPONSE } from "@/lib/billing/viewer";
import { getLocale } from "@/lib/i18n/server";
import { isWellFormedId } from "@/lib/ids";

export async function GET(_request: Request, { params }: RouteContext<"/invoices/[id]/pdf">): Promise<Response> {
  const { id } = await params;
  const access = await billingAccess("invoices");
  if (access.kind === "signed_out") redirect("/login");
  if (access.kind === "denied" || !isWellFormedId(id)) return NOT_FOUND_RESPONSE();
  const invoice = await getInvoice({ id, orgId: access.membership.orgId });
  if (!invoice) return NOT_FOUND_RESPONSE();
  // In the language of the viewer, who belongs to the payer (rule 4).
  const pdf = await renderInvoicePdf(invoice, { locale: await getLocale() });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${invoice.number}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
}
