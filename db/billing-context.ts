// What the billing rules need to know about a customer: its organization and its partnerships with
// each partner's rate, currency and VAT, plus the products each limited partnership lists.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { BillingOrg, BillingPartnership } from "@/lib/billing/rules";
import { getDatabase, type Executor } from "./client";

export type CustomerBilling = {
  customer: BillingOrg;
  partnerships: (Omit<BillingPartnership, "managesProduct"> & { managed: Set<string> })[];
};

/**
 * Loads the billing context of the given customers in three queries, whatever their number. With
 * `lock` (inside an order's transaction) the partnership rows are share-locked on PostgreSQL, so a
 * payment-mode change cannot commit between this read and the order's commit: an order is billed
 * per the mode in force when it is placed (rule 3). SQLite runs write transactions one at a time.
 */
export async function loadCustomerBilling(
  ex: Executor,
  { customerOrgIds, lock = false }: { customerOrgIds: string[]; lock?: boolean },
): Promise<Map<string, CustomerBilling>> {
  const database = getDatabase();
  const { organizations, partnerships, partnershipProducts } = database.schema;
  const out = new Map<string, CustomerBilling>();
  if (customerOrgIds.length === 0) return out;
  const orgColumns = { id: organizations.id, name: organizations.name, currency: organizations.currency, vatRateBp: organizations.vatRateBp };
  const customers = await ex.select(orgColumns).from(organizations).where(inArray(organizations.id, customerOrgIds));
  for (const c of customers) out.set(c.id, { customer: c, partnerships: [] });

  const query = ex
    .select({
      id: partnerships.id, customerOrgId: partnerships.customerOrgId, status: partnerships.status, access: partnerships.access,
      paymentMode: partnerships.paymentMode, activatedAt: partnerships.activatedAt,
      partner: { ...orgColumns, resellerRateBp: organizations.resellerRateBp },
    })
    .from(partnerships)
    .innerJoin(organizations, eq(organizations.id, partnerships.partnerOrgId))
    .where(and(inArray(partnerships.customerOrgId, customerOrgIds), eq(partnerships.status, "active")));
  const rows = lock && database.dialect === "postgres" ? await query.for("share", { of: partnerships }) : await query;

  const limitedIds = rows.filter((r) => r.access === "limited").map((r) => r.id);
  const links = limitedIds.length === 0 ? [] : await ex
    .select({ partnershipId: partnershipProducts.partnershipId, productId: partnershipProducts.productId })
    .from(partnershipProducts)
    .where(inArray(partnershipProducts.partnershipId, limitedIds));
  for (const r of rows) {
    const managed = new Set(links.filter((l) => l.partnershipId === r.id).map((l) => l.productId));
    const { customerOrgId, ...partnership } = r;
    out.get(customerOrgId)?.partnerships.push({ ...partnership, managed });
  }
  return out;
}

/** The partnerships as the rules see them for one product (null for a product not created yet). */
export function partnershipsForProduct(ctx: CustomerBilling, productId: string | null): BillingPartnership[] {
  return ctx.partnerships.map(({ managed, ...p }) => ({ ...p, managesProduct: productId !== null && managed.has(productId) }));
}

/** The same, outside any transaction: for pages that show what an order would cost. */
export function readCustomerBilling({ customerOrgIds }: { customerOrgIds: string[] }): Promise<Map<string, CustomerBilling>> {
  return loadCustomerBilling(getDatabase().db, { customerOrgIds });
}
