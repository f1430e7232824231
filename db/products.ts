// Products, always installed in the customer's organization.
import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { containsText, olderThan } from "./keyset";
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

/** The organization's products among `ids` (the ones an invitation or an access change names), by label. */
export async function listOrgProductNames({ orgId, ids }: { orgId: string; ids: readonly string[] }) {
  if (ids.length === 0) return [];
  const { db, schema } = getDatabase();
  const { products } = schema;
  return db
    .select({ id: products.id, label: products.label, category: products.category })
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.id, [...new Set(ids)])))
    .orderBy(asc(products.label), asc(products.id));
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
 * The page's ids come from `managed_products` (kept by triggers, migration 0011) through
 * managed_products_partner_idx: 51 index entries whatever the number of the clients' products. The
 * page's products and partnerships are then read by primary key, and a row whose partnership is no
 * longer this partner's active one with that client is left out.
 */
export async function listManagedClientProducts({ partnerOrgId, cursor, limit = 50 }: { partnerOrgId: string; cursor?: ProductCursor; limit?: number }) {
  const { db, schema } = getDatabase();
  const { products, partnerships, organizations, managedProducts: m } = schema;
  const found = await db.select({ id: m.productId, createdAt: m.createdAt, partnershipId: m.partnershipId }).from(m)
    .where(and(eq(m.partnerOrgId, partnerOrgId), cursor ? olderThan(m.createdAt, m.productId, cursor) : undefined))
    .orderBy(desc(m.createdAt), desc(m.productId))
    .limit(limit + 1);
  const { rows: page, next } = paged(found, limit);
  if (page.length === 0) return { rows: [], next };
  // Both by primary key (a join on the client's organization let the planners walk every active
  // partnership, or every product, instead); the pairs are matched here.
  const [rows, ships] = await Promise.all([
    db.select({ ...productColumns(), customerName: organizations.name }).from(products)
      .innerJoin(organizations, eq(organizations.id, products.orgId))
      .where(inArray(products.id, [...new Set(page.map((r) => r.id))])),
    db.select({ id: partnerships.id, customerOrgId: partnerships.customerOrgId, partnerOrgId: partnerships.partnerOrgId, status: partnerships.status, access: partnerships.access, paymentMode: partnerships.paymentMode })
      .from(partnerships).where(inArray(partnerships.id, [...new Set(page.map((r) => r.partnershipId))])),
  ]);
  const productById = new Map(rows.map((r) => [r.id, r]));
  const shipById = new Map(ships.map((r) => [r.id, r]));
  // A row gone between the reads (a partnership ended) is left out; the next page starts where the ids stopped.
  return {
    rows: page.flatMap((r) => {
      const product = productById.get(r.id);
      const ship = shipById.get(r.partnershipId);
      if (!product || !ship || ship.status !== "active" || ship.partnerOrgId !== partnerOrgId || ship.customerOrgId !== product.orgId) return [];
      return [{ ...product, partnershipId: ship.id, access: ship.access, paymentMode: ship.paymentMode }];
    }),
    next,
  };
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

/**
 * The client a partner would order for, with its access: an active partnership (the live-pair index),
 * or null ("not found"). One row, whatever the partner's number of clients.
 */
export async function findOrderableClient({ partnerOrgId, customerOrgId }: { partnerOrgId: string; customerOrgId: string }) {
  const { db, schema } = getDatabase();
  const { partnerships, organizations } = schema;
  const [row] = await db
    .select({ customerOrgId: partnerships.customerOrgId, customerName: organizations.name, access: partnerships.access })
    .from(partnerships)
    .innerJoin(organizations, eq(organizations.id, partnerships.customerOrgId))
    .where(and(eq(partnerships.customerOrgId, customerOrgId), eq(partnerships.partnerOrgId, partnerOrgId), eq(partnerships.status, "active")))
    .limit(1);
  return row ?? null;
}

/** Whether the partner has at least one client it may order for (active, full access). */
export async function hasOrderableClient({ partnerOrgId }: { partnerOrgId: string }): Promise<boolean> {
  const { db, schema } = getDatabase();
  const { partnerships: p } = schema;
  const rows = await db.select({ id: p.id }).from(p)
    .where(and(eq(p.partnerOrgId, partnerOrgId), eq(p.status, "active"), eq(p.access, "full")))
    .limit(1);
  return rows.length > 0;
}

/**
 * The clients a partner may order for (active, full access) whose name contains `query`, by name: the
 * order panel's client combobox asks for these instead of receiving every client with the page.
 */
export async function searchOrderableClients({ partnerOrgId, query, limit = 20 }: { partnerOrgId: string; query: string; limit?: number }) {
  const { db, schema } = getDatabase();
  const { partnerships: p, organizations: o } = schema;
  const rows = await db
    .select({ id: o.id, name: o.name })
    .from(p)
    .innerJoin(o, eq(o.id, p.customerOrgId))
    .where(and(eq(p.partnerOrgId, partnerOrgId), eq(p.status, "active"), eq(p.access, "full"), containsText(o.name, query)))
    .orderBy(asc(o.name), asc(o.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, label: r.name }));
}
