// Products, always installed in the customer's organization.
import "server-only";
import { and, asc, desc, eq, isNotNull, or } from "drizzle-orm";
import { olderThan } from "./keyset";
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

// --- Orders and renewals (issue 3): the lists the Products page shows, and who may order for a product.

export type ProductCursor = { at: Date; id: string };

function productColumns() {
  const { products } = getDatabase().schema;
  return {
    id: products.id, orgId: products.orgId, offer: products.offer, label: products.label, category: products.category,
    priceMinor: products.priceMinor, currency: products.currency, renewalDate: products.renewalDate, status: products.status,
    createdAt: products.createdAt,
  };
}

const productKeyset = (cursor: ProductCursor | undefined) => {
  const { products } = getDatabase().schema;
  return cursor ? olderThan(products.createdAt, products.id, cursor) : undefined;
};

function paged<T extends { id: string; createdAt: Date }>(rows: T[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

/** One page of an organization's own products, newest first (index products_org_idx). */
export async function listOwnProducts({ orgId, cursor, limit = 50 }: { orgId: string; cursor?: ProductCursor; limit?: number }) {
  const { db, schema } = getDatabase();
  const { products } = schema;
  const rows = await db.select(productColumns()).from(products)
    .where(and(eq(products.orgId, orgId), productKeyset(cursor)))
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(limit + 1);
  return paged(rows, limit);
}

/**
 * One page of the products a partner manages: every product of a client with full access, the listed
 * ones with limited access; active partnerships only. Each row says which client and which access.
 */
export async function listManagedClientProducts({ partnerOrgId, cursor, limit = 50 }: { partnerOrgId: string; cursor?: ProductCursor; limit?: number }) {
  const { db, schema } = getDatabase();
  const { products, partnerships, partnershipProducts, organizations } = schema;
  const rows = await db
    .select({ ...productColumns(), customerName: organizations.name, partnershipId: partnerships.id, access: partnerships.access, paymentMode: partnerships.paymentMode })
    .from(products)
    .innerJoin(partnerships, and(eq(partnerships.customerOrgId, products.orgId), eq(partnerships.partnerOrgId, partnerOrgId), eq(partnerships.status, "active")))
    .innerJoin(organizations, eq(organizations.id, products.orgId))
    .leftJoin(partnershipProducts, and(eq(partnershipProducts.partnershipId, partnerships.id), eq(partnershipProducts.productId, products.id)))
    .where(and(or(eq(partnerships.access, "full"), isNotNull(partnershipProducts.productId)), productKeyset(cursor)))
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(limit + 1);
  return paged(rows, limit);
}

/**
 * A product the organization may act on: its own, or a client's it manages (full access: any of the
 * client's products; limited: the listed ones). Anything else reads as null ("not found").
 */
export async function getActionableProduct({ id, orgId, side }: { id: string; orgId: string; side: "customer" | "partner" }) {
  const { db, schema } = getDatabase();
  const { products, partnerships, partnershipProducts, organizations } = schema;
  if (side === "customer") {
    const [row] = await db.select({ ...productColumns(), customerName: organizations.name }).from(products)
      .innerJoin(organizations, eq(organizations.id, products.orgId))
      .where(and(eq(products.id, id), eq(products.orgId, orgId))).limit(1);
    return row ? { ...row, access: null } : null;
  }
  const [row] = await db
    .select({ ...productColumns(), customerName: organizations.name, access: partnerships.access })
    .from(products)
    .innerJoin(partnerships, and(eq(partnerships.customerOrgId, products.orgId), eq(partnerships.partnerOrgId, orgId), eq(partnerships.status, "active")))
    .innerJoin(organizations, eq(organizations.id, products.orgId))
    .leftJoin(partnershipProducts, and(eq(partnershipProducts.partnershipId, partnerships.id), eq(partnershipProducts.productId, products.id)))
    .where(and(eq(products.id, id), or(eq(partnerships.access, "full"), isNotNull(partnershipProducts.productId))))
    .limit(1);
  return row ?? null;
}

/** The clients a partner may order for: active partnerships, with their access. */
export async function listOrderableClients({ partnerOrgId }: { partnerOrgId: string }) {
  const { db, schema } = getDatabase();
  const { partnerships, organizations } = schema;
  return db
    .select({ customerOrgId: partnerships.customerOrgId, customerName: organizations.name, access: partnerships.access })
    .from(partnerships)
    .innerJoin(organizations, eq(organizations.id, partnerships.customerOrgId))
    .where(and(eq(partnerships.partnerOrgId, partnerOrgId), eq(partnerships.status, "active")))
    .orderBy(asc(organizations.name))
    .limit(500);
}
