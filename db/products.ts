// Products, always installed in the customer's organization.
import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDatabase } from "./client";

export async function listOrgProducts({ orgId }: { orgId: string }) {
  const { db, schema } = getDatabase();
  const { products } = schema;
  return db
    .select({
      id: products.id, label: products.label, category: products.category, priceMinor: products.priceMinor,
      currency: products.currency, renewalDate: products.renewalDate, status: products.status,
    })
    .from(products)
    .where(eq(products.orgId, orgId))
    .orderBy(asc(products.renewalDate), asc(products.id))
    .limit(500);
}
