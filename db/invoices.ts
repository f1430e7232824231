// Invoices: read only within the organization they were issued to. Issued invoices are never updated
// here except the one change the database allows too: unpaid → paid.
import "server-only";
import { aliasedTable, and, asc, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { zurichDate } from "@/lib/billing/period";
import { containsText, distinctByIndex, olderThan, rawRows } from "./keyset";
import type { InvoiceStatus, PaymentMethod } from "@/lib/domain";
import { getDatabase, type Executor } from "./client";
import { readerPages, readSelect, type RawReader } from "./raw-read";

/** "overdue": unpaid and due before `today` (a Zurich calendar day, from the caller's clock). */
export type InvoiceFilter = { orgId: string; status?: InvoiceStatus | "overdue"; today?: string; from?: Date; to?: Date; forOrgId?: string };
export type Cursor = { at: Date; id: string };

function invoiceConditions(f: InvoiceFilter, cursor?: Cursor): SQL | undefined {
  const { invoices } = getDatabase().schema;
  return and(
    eq(invoices.orgId, f.orgId),
    f.status === "overdue"
      ? and(eq(invoices.status, "unpaid"), lt(invoices.dueDate, f.today ?? zurichDate(new Date())))
      : f.status ? eq(invoices.status, f.status) : undefined,
    f.forOrgId ? eq(invoices.forOrgId, f.forOrgId) : undefined,
    f.from ? gte(invoices.issuedAt, f.from) : undefined,
    f.to ? lt(invoices.issuedAt, f.to) : undefined,
    // Keyset: strictly after the last row of the previous page in (issued_at desc, id desc) order.
    cursor ? olderThan(invoices.issuedAt, invoices.id, cursor) : undefined,
  );
}

/** One page of the organization's invoices, newest first, with the organization and product each is for. */
export async function listInvoices(f: InvoiceFilter & { cursor?: Cursor; limit?: number }, { reader }: { reader?: RawReader } = {}) {
  const { db, schema } = getDatabase();
  const { invoices, orders, products } = schema;
  const forOrg = aliasedTable(schema.organizations, "for_org");
  const limit = f.limit ?? 50;
  const fields = {
    id: invoices.id, number: invoices.number, issuedAt: invoices.issuedAt, status: invoices.status, currency: invoices.currency,
    subtotalMinor: invoices.subtotalMinor, vatMinor: invoices.vatMinor, totalMinor: invoices.totalMinor, paidAt: invoices.paidAt,
    dueDate: invoices.dueDate, paymentMethod: invoices.paymentMethod,
    forOrgId: invoices.forOrgId, forOrgName: forOrg.name, productLabel: products.label, orderKind: orders.kind,
  };
  const query = db
    .select(fields)
    .from(invoices)
    .innerJoin(forOrg, eq(forOrg.id, invoices.forOrgId))
    .leftJoin(orders, eq(orders.id, invoices.orderId))
    .leftJoin(products, eq(products.id, orders.productId))
    .where(invoiceConditions(f, f.cursor))
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .limit(limit + 1);
  const rows = reader ? await readSelect(reader, query, fields) : await query;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.issuedAt, id: last.id } : null };
}

/**
 * Every invoice the filter selects, `pageSize` per query, in the list's order: the export's batches,
 * read as plain arrays (db/raw-read.ts) on a reader of their own.
 */
export function allInvoicesForExport(f: InvoiceFilter, { pageSize }: { pageSize: number }): AsyncGenerator<InvoiceListRow[]> {
  return readerPages((cursor: Cursor | undefined, reader) => listInvoices({ ...f, cursor, limit: pageSize }, { reader }));
}

export type InvoiceListRow = Awaited<ReturnType<typeof listInvoices>>["rows"][number];

/**
 * The organizations the invoices of `orgId` were for (a partner's clients), for the filter: a loose
 * scan of invoices_org_for_idx, one probe per client, never a DISTINCT over the invoices.
 */
export async function listInvoiceClients({ orgId, limit = 500 }: { orgId: string; limit?: number }) {
  const { db, schema } = getDatabase();
  const { invoices, organizations } = schema;
  const ids = await rawRows<{ value: string }>(distinctByIndex({ table: invoices, scope: { column: invoices.orgId, value: orgId }, column: invoices.forOrgId, limit }));
  if (ids.length === 0) return [];
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids.map((r) => r.value)))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

/**
 * One invoice, only if it was issued to `orgId`: another organization's invoice reads as null. Without
 * `orgId` (the mail transport attaching the PDF of an invoice the system itself addressed) any invoice.
 */
export async function getInvoice({ id, orgId }: { id: string; orgId: string | null }) {
  const { db, schema } = getDatabase();
  const { invoices, invoiceLines, orders, products, organizations, users } = schema;
  const forOrg = aliasedTable(organizations, "for_org");
  const [row] = await db
    .select({
      id: invoices.id, orgId: invoices.orgId, seq: invoices.seq, number: invoices.number, issuedAt: invoices.issuedAt, status: invoices.status, paidAt: invoices.paidAt,
      currency: invoices.currency, subtotalMinor: invoices.subtotalMinor, vatMinor: invoices.vatMinor, totalMinor: invoices.totalMinor,
      dueDate: invoices.dueDate, paymentTermsDays: invoices.paymentTermsDays, supplyStart: invoices.supplyStart, supplyEnd: invoices.supplyEnd,
      qrReference: invoices.qrReference, seller: invoices.seller, buyer: invoices.buyer,
      paymentMethod: invoices.paymentMethod, paymentReference: invoices.paymentReference,
      forOrgId: invoices.forOrgId, forOrgName: forOrg.name,
      orderId: orders.id, orderKind: orders.kind, orderedAt: orders.createdAt, publicPriceMinor: orders.publicPriceMinor,
      placedByUserId: orders.placedByUserId, placedByOrgId: orders.placedByOrgId,
      productLabel: products.label, productCategory: products.category,
    })
    .from(invoices)
    .innerJoin(forOrg, eq(forOrg.id, invoices.forOrgId))
    .leftJoin(orders, eq(orders.id, invoices.orderId))
    .leftJoin(products, eq(products.id, orders.productId))
    .where(and(eq(invoices.id, id), orgId === null ? undefined : eq(invoices.orgId, orgId)))
    .limit(1);
  if (!row) return null;
  const orgIds = [row.orgId, row.placedByOrgId].filter((x): x is string => Boolean(x));
  const [names, placedBy, lines] = await Promise.all([
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, orgIds)),
    row.placedByUserId ? db.select({ name: users.name }).from(users).where(eq(users.id, row.placedByUserId)) : Promise.resolve([]),
    db.select({
      position: invoiceLines.position, description: invoiceLines.description, code: invoiceLines.code, params: invoiceLines.params,
      amountMinor: invoiceLines.amountMinor, vatRateBp: invoiceLines.vatRateBp, vatMinor: invoiceLines.vatMinor,
    })
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, row.id))
      .orderBy(asc(invoiceLines.position)),
  ]);
  const nameOf = (x: string | null) => names.find((n) => n.id === x)?.name ?? null;
  return { ...row, payerName: nameOf(row.orgId) ?? "", placedByName: placedBy[0]?.name ?? null, placedByOrgName: nameOf(row.placedByOrgId), lines };
}

export type InvoiceDetail = NonNullable<Awaited<ReturnType<typeof getInvoice>>>;

export type InvoicePayment = { paidAt: Date; method: PaymentMethod; reference: string | null };

/**
 * The only change an issued invoice accepts: it is paid, once, with the date, the method and its reference.
 * Conditional on the invoice still being unpaid, so of two payments racing only one can win. Returns
 * false when it was not unpaid (or not the org's). The caller's transaction decides what else commits.
 */
export async function recordInvoicePayment(ex: Executor, { id, orgId, payment }: { id: string; orgId: string; payment: InvoicePayment }): Promise<boolean> {
  const { invoices } = getDatabase().schema;
  const rows = await ex
    .update(invoices)
    .set({ status: "paid", paidAt: payment.paidAt, paymentMethod: payment.method, paymentReference: payment.reference })
    .where(and(eq(invoices.id, id), eq(invoices.orgId, orgId), eq(invoices.status, "unpaid")))
    .returning({ id: invoices.id });
  return rows.length === 1;
}

/**
 * The organization itself and the customers of its partnerships whose name contains `query`, by name:
 * the matches of the Client filter's combobox (invoices and prepaid account) when an organization has
 * too many clients for a list. Reads the partnerships (partnerships_partner_idx), never the invoices.
 */
export async function searchClientsOf({ orgId, query, includeSelf, limit = 20 }: { orgId: string; query: string; includeSelf: boolean; limit?: number }) {
  const { db, schema } = getDatabase();
  const { partnerships: p, organizations: o } = schema;
  const named = containsText(o.name, query);
  const clients = db.selectDistinct({ id: o.id, name: o.name }).from(p).innerJoin(o, eq(o.id, p.customerOrgId))
    .where(and(eq(p.partnerOrgId, orgId), named)).orderBy(asc(o.name), asc(o.id)).limit(limit);
  const [self, rest] = await Promise.all([
    includeSelf ? db.select({ id: o.id, name: o.name }).from(o).where(and(eq(o.id, orgId), named)) : Promise.resolve([]),
    clients,
  ]);
  return [...self, ...rest].slice(0, limit).map((c) => ({ id: c.id, label: c.name }));
}

/** The name of one organization among the clients listed above, for a filter the URL holds. */
export async function organizationName({ id }: { id: string }): Promise<string | null> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ name: schema.organizations.name }).from(schema.organizations).where(eq(schema.organizations.id, id)).limit(1);
  return row?.name ?? null;
}
