// What the consequence preview of a payment-mode switch reads (issue #14): the customer's billing context,
// its active products and its own unpaid invoices. Four queries whatever the number of products; the
// figures are lib/billing/preview.ts's, from the billing rules.
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { consequencePreview, type Preview } from "@/lib/billing/preview";
import type { Currency, PaymentMode } from "@/lib/domain";
import { readCustomerBilling } from "./billing-context";
import { getDatabase } from "./client";

export type UnpaidInvoice = { id: string; number: string; totalMinor: number; currency: Currency; dueDate: string | null };

export type SwitchPreview = Preview & {
  /**
   * The customer's own unpaid invoices: they stay with it whatever the mode. Those issued to the partner
   * stay with the partner too, but only the payer may see an invoice (rule 4), so they are not listed.
   */
  unpaid: UnpaidInvoice[];
};

/** Largest number of products the preview reads; a customer with more sees the first ones by renewal date. */
export const PREVIEW_MAX_PRODUCTS = 5_000;

export async function loadSwitchPreview({ customerOrgId, partnershipId, chosen, from }: {
  customerOrgId: string; partnershipId: string; chosen: PaymentMode; from: string;
}): Promise<SwitchPreview | null> {
  const { db, schema } = getDatabase();
  const { products, invoices } = schema;
  const [billing, rows, unpaid] = await Promise.all([
    readCustomerBilling({ customerOrgIds: [customerOrgId] }),
    db.select({ id: products.id, label: products.label, priceMinor: products.priceMinor, currency: products.currency, renewalDate: products.renewalDate })
      .from(products).where(and(eq(products.orgId, customerOrgId), eq(products.status, "active")))
      .orderBy(asc(products.renewalDate), asc(products.id)).limit(PREVIEW_MAX_PRODUCTS),
    db.select({ id: invoices.id, number: invoices.number, totalMinor: invoices.totalMinor, currency: invoices.currency, dueDate: invoices.dueDate })
      .from(invoices).where(and(eq(invoices.orgId, customerOrgId), eq(invoices.status, "unpaid")))
      .orderBy(asc(invoices.issuedAt), asc(invoices.id)).limit(200),
  ]);
  const ctx = billing.get(customerOrgId);
  if (!ctx || !ctx.partnerships.some((p) => p.id === partnershipId)) return null;
  const preview = consequencePreview({
    customer: ctx.customer, partnerships: ctx.partnerships, partnershipId, chosen, from,
    products: rows.flatMap((r) => (r.renewalDate ? [{ ...r, renewalDate: r.renewalDate }] : [])),
  });
  return { ...preview, unpaid };
}
