// The auditor's console, read side: every partnership across organizations. Only auditors reach these
// functions (the pages and route handlers check first); nothing here is scoped to one organization.
import "server-only";
import { aliasedTable, and, asc, desc, eq, exists, gte, inArray, lt, ne, or, type SQL } from "drizzle-orm";
import { containsText, olderThan } from "./keyset";
import type { PartnershipFilters } from "@/lib/validation/audit-filters";
import { getDatabase } from "./client";

export const PAGE_SIZE = 50;

function partnershipQuery() {
  const { db, schema } = getDatabase();
  const p = schema.partnerships;
  const customer = aliasedTable(schema.organizations, "customer");
  const partner = aliasedTable(schema.organizations, "partner");
  const query = db
    .select({
      id: p.id, customerOrgId: p.customerOrgId, partnerOrgId: p.partnerOrgId, customerName: customer.name,
      partnerName: partner.name, status: p.status, access: p.access, paymentMode: p.paymentMode, version: p.version,
      createdAt: p.createdAt, activatedAt: p.activatedAt, updatedAt: p.updatedAt, endedAt: p.endedAt,
    })
    .from(p)
    .innerJoin(customer, eq(customer.id, p.customerOrgId))
    .innerJoin(partner, eq(partner.id, p.partnerOrgId));
  return { query, p };
}

function partnershipWhere(f: PartnershipFilters): SQL | undefined {
  const { db, schema } = getDatabase();
  const p = schema.partnerships;
  const a = schema.auditEvents;
  const v = f.values;
  const { from, to } = f.period;
  const inPeriod = (col: typeof p.createdAt | typeof a.createdAt) => and(from ? gte(col, from) : undefined, to ? lt(col, to) : undefined);
  return and(
    v.customer ? eq(p.customerOrgId, v.customer) : undefined,
    v.partner ? eq(p.partnerOrgId, v.partner) : undefined,
    v.access ? eq(p.access, v.access) : undefined,
    // The mode a partnership effectively has: limited access always means the customer pays.
    v.mode === "partner" ? and(eq(p.access, "full"), eq(p.paymentMode, "partner")) : undefined,
    v.mode === "customer" ? or(ne(p.access, "full"), eq(p.paymentMode, "customer")) : undefined,
    v.status ? eq(p.status, v.status) : undefined,
    // Activity in the period: created then, or any audit event then (served by the partnership index).
    from || to
      ? or(inPeriod(p.createdAt), exists(db.select({ one: a.id }).from(a).where(and(eq(a.partnershipId, p.id), inPeriod(a.createdAt)))))
      : undefined,
  );
}

/** One page of partnerships, newest first, after the keyset cursor; `next` is the cursor of the following page. */
export async function listAuditPartnerships(f: PartnershipFilters, { limit = PAGE_SIZE } = {}) {
  const { query, p } = partnershipQuery();
  const c = f.cursor;
  const rows = await query
    .where(and(partnershipWhere(f), c ? olderThan(p.createdAt, p.id, c) : undefined))
    .orderBy(desc(p.createdAt), desc(p.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

export type AuditPartnershipRow = Awaited<ReturnType<typeof listAuditPartnerships>>["rows"][number];

/** Every partnership matching the filters, page by page, for the CSV export. */
export async function* allAuditPartnerships(f: PartnershipFilters, { pageSize = 250 } = {}) {
  let cursor = null as PartnershipFilters["cursor"];
  do {
    const { rows, next } = await listAuditPartnerships({ ...f, cursor }, { limit: pageSize });
    yield rows;
    cursor = next;
  } while (cursor);
}

/** One partnership, whoever its organizations are; null when the id does not exist. */
export async function getAuditPartnership({ id }: { id: string }) {
  const { query, p } = partnershipQuery();
  const [row] = await query.where(eq(p.id, id)).limit(1);
  return row ?? null;
}

export type FilterChoiceKind = "org" | "partner" | "user";
export type FilterChoice = { id: string; label: string };

/**
 * The organizations (partners only, for `partner`) or users whose name (or email) contains `query`,
 * by name, at most `limit`: what the filters' comboboxes ask for as the auditor types. Organizations
 * and users are the small tables; the query never reads audit events.
 */
export async function searchFilterChoices({ kind, query, limit = 20 }: { kind: FilterChoiceKind; query: string; limit?: number }): Promise<FilterChoice[]> {
  const { db, schema } = getDatabase();
  const { organizations: o, users: u } = schema;
  if (kind === "user") {
    const rows = await db.select({ id: u.id, name: u.name, email: u.email }).from(u)
      .where(or(containsText(u.name, query), containsText(u.email, query)))
      .orderBy(asc(u.name), asc(u.id)).limit(limit);
    return rows.map((r) => ({ id: r.id, label: `${r.name} (${r.email})` }));
  }
  const rows = await db.select({ id: o.id, name: o.name }).from(o)
    .where(and(containsText(o.name, query), kind === "partner" ? eq(o.isPartner, true) : undefined))
    .orderBy(asc(o.name), asc(o.id)).limit(limit);
  return rows.map((r) => ({ id: r.id, label: r.name }));
}

/** The labels of the ids a filter holds (from the URL), to show them in their comboboxes. */
export async function filterChoiceLabels({ orgIds, userIds }: { orgIds: string[]; userIds: string[] }): Promise<Map<string, string>> {
  const { db, schema } = getDatabase();
  const { organizations: o, users: u } = schema;
  const [orgs, people] = await Promise.all([
    orgIds.length ? db.select({ id: o.id, label: o.name }).from(o).where(inArray(o.id, orgIds)) : [],
    userIds.length ? db.select({ id: u.id, name: u.name, email: u.email }).from(u).where(inArray(u.id, userIds)) : [],
  ]);
  return new Map([...orgs.map((r) => [r.id, r.label] as const), ...people.map((r) => [r.id, `${r.name} (${r.email})`] as const)]);
}
