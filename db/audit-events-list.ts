// Every audit event across organizations, newest first, for auditors: filtered, keyset-paginated on
// (created_at, id), which audit_events_created_idx covers; names come from joins, not a query per row.
import "server-only";
import { aliasedTable, and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { olderThan } from "./keyset";
import type { EventFilters } from "@/lib/validation/audit-filters";
import { getDatabase } from "./client";

export const EVENTS_PAGE = 50;

/** The filters but the organization's, which the page applies as two index-ordered reads (see below). */
function eventsWhere(f: EventFilters): SQL | undefined {
  const a = getDatabase().schema.auditEvents;
  const v = f.values;
  return and(
    v.partner ? eq(a.partnerOrgId, v.partner) : undefined,
    v.actor ? eq(a.actorUserId, v.actor) : undefined,
    v.kind ? eq(a.kind, v.kind) : undefined,
    v.outcome ? eq(a.outcome, v.outcome) : undefined,
    f.period.from ? gte(a.createdAt, f.period.from) : undefined,
    f.period.to ? lt(a.createdAt, f.period.to) : undefined,
  );
}

export async function listAuditEventsPage(f: EventFilters, { limit = EVENTS_PAGE } = {}) {
  const { db, schema } = getDatabase();
  const { auditEvents: a, users: u } = schema;
  const actorOrg = aliasedTable(schema.organizations, "actor_org");
  const customer = aliasedTable(schema.organizations, "customer");
  const partner = aliasedTable(schema.organizations, "partner");
  const c = f.cursor;
  const read = (side?: SQL) => db
    .select({
      id: a.id, seq: a.seq, kind: a.kind, outcome: a.outcome, reason: a.reason, createdAt: a.createdAt,
      partnershipId: a.partnershipId, customerName: customer.name, partnerName: partner.name,
      actorName: u.name, actorEmail: u.email, actorOrgName: actorOrg.name,
      before: a.before, after: a.after, requestId: a.requestId, ip: a.ip, userAgent: a.userAgent,
      // A refusal repeated within its window: how many times it was attempted (db/audit.ts#recordRefusal).
      repeats: schema.auditRefusalCounts.count,
    })
    .from(a)
    .leftJoin(schema.auditRefusalCounts, eq(schema.auditRefusalCounts.eventId, a.id))
    .leftJoin(u, eq(u.id, a.actorUserId))
    .leftJoin(actorOrg, eq(actorOrg.id, a.actorOrgId))
    .leftJoin(customer, eq(customer.id, a.customerOrgId))
    .leftJoin(partner, eq(partner.id, a.partnerOrgId))
    .where(and(side, eventsWhere(f), c ? olderThan(a.createdAt, a.id, c) : undefined))
    .orderBy(desc(a.createdAt), desc(a.id))
    .limit(limit + 1);
  // An organization is involved as the partnership's customer or its partner. An OR of the two would
  // make both engines collect every event of the organization and sort them (a million for a large
  // partner); two reads, each ordered by its own index and limited, merged here, cost one page each.
  const org = f.values.org;
  const rows = org
    ? mergeNewestFirst(await Promise.all([read(eq(a.customerOrgId, org)), read(eq(a.partnerOrgId, org))])).slice(0, limit + 1)
    : await read();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
}

function mergeNewestFirst<T extends { id: string; createdAt: Date }>(lists: T[][]): T[] {
  const seen = new Set<string>();
  return lists.flat()
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
}

export type AuditEventRow = Awaited<ReturnType<typeof listAuditEventsPage>>["rows"][number];

/** Every event matching the filters, page by page, for the CSV export. */
export async function* allAuditEvents(f: EventFilters, { pageSize = 250 } = {}) {
  let cursor = null as EventFilters["cursor"];
  do {
    const { rows, next } = await listAuditEventsPage({ ...f, cursor }, { limit: pageSize });
    yield rows;
    cursor = next;
  } while (cursor);
}
