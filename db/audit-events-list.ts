// Every audit event across organizations, newest first, for auditors: filtered, keyset-paginated on
// (created_at, id), which audit_events_created_idx covers; names come from joins, not a query per row.
import "server-only";
import { aliasedTable, and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { olderThan } from "./keyset";
import type { EventFilters } from "@/lib/validation/audit-filters";
import { getDatabase } from "./client";
import { openRawReader, type RawRow } from "./raw-read";

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

/** Two index-ordered reads as one list, newest first by (time, id), each event once; rows or export rows. */
function mergeNewestFirst<T>(lists: T[][], atOf: (r: T) => Date = (r) => (r as { createdAt: Date }).createdAt,
  idOf: (r: T) => string = (r) => (r as { id: string }).id): T[] {
  const seen = new Set<string>();
  return lists.flat()
    .filter((r) => (seen.has(idOf(r)) ? false : (seen.add(idOf(r)), true)))
    .sort((x, y) => atOf(y).getTime() - atOf(x).getTime() || (idOf(x) < idOf(y) ? 1 : idOf(x) > idOf(y) ? -1 : 0));
}

export type AuditEventRow = Awaited<ReturnType<typeof listAuditEventsPage>>["rows"][number];

/**
 * The export's columns, in the CSV's order (`EXPORT_COLUMNS` names their places): the rows come as
 * arrays (db/raw-read.ts), not objects, since a million of them are written. No refusal count: the
 * export has no such column, so no join for it.
 */
export const EXPORT_COLUMNS = [
  "seq", "createdAt", "kind", "outcome", "reason", "actorName", "actorEmail", "actorOrgName", "customerName", "partnerName",
  "partnershipId", "before", "after", "ip", "userAgent", "requestId", "id",
] as const;
type ExportColumn = (typeof EXPORT_COLUMNS)[number];
/** The place of each column in an export row. */
export const EXPORT_AT = Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, i])) as { [K in ExportColumn]: number };

/**
 * Two places after the columns: `before` and `after` as JSON text, as the CSV writes them. On SQLite the
 * stored text itself, which is what JSON.stringify wrote (parsing and writing it again gives the same
 * text); PostgreSQL keeps jsonb, not text, so there the parsed value is written again.
 */
export const EXPORT_BEFORE_JSON = EXPORT_COLUMNS.length;
export const EXPORT_AFTER_JSON = EXPORT_COLUMNS.length + 1;

/**
 * An export row: the driver's values, except `createdAt` (a Date) and `before`/`after` (the parsed
 * JSON, or null), converted by the columns themselves, exactly as the list's rows are; the names are
 * the users' and organizations' (null when the event names none, or one that no longer exists); then
 * the JSON texts (EXPORT_BEFORE_JSON, EXPORT_AFTER_JSON).
 */
export type AuditEventExportRow = RawRow;

/** Names remembered for one export; forgotten all at once past this many (a bound, whatever the data). */
const NAMES_KEPT = 5_000;

/** Every event matching the filters, `pageSize` per query, newest first, as export rows (see EXPORT_COLUMNS). */
export async function* allAuditEventsForExport(f: EventFilters, { pageSize = 1000, namesKept = NAMES_KEPT } = {}): AsyncGenerator<AuditEventExportRow[]> {
  const { db, schema } = getDatabase();
  const { auditEvents: a, users: u, organizations: o } = schema;
  // The events carry ids; the names come from one read of the users and one of the organizations per
  // batch, for the ids not yet known (a few: the same actors and organizations recur), rather than four
  // joins per event. Each name is then one string, shared by every row that shows it.
  const fields = {
    seq: a.seq, createdAt: a.createdAt, kind: a.kind, outcome: a.outcome, reason: a.reason, actorName: a.actorUserId, actorEmail: a.actorUserId,
    actorOrgName: a.actorOrgId, customerName: a.customerOrgId, partnerName: a.partnerOrgId, partnershipId: a.partnershipId,
    before: a.before, after: a.after, ip: a.ip, userAgent: a.userAgent, requestId: a.requestId, id: a.id,
  } satisfies Record<ExportColumn, unknown>;
  const query = (side: SQL | undefined, cursor: EventFilters["cursor"]) => db
    .select(fields)
    .from(a)
    .where(and(side, eventsWhere(f), cursor ? olderThan(a.createdAt, a.id, cursor) : undefined))
    .orderBy(desc(a.createdAt), desc(a.id))
    .limit(pageSize + 1)
    .toSQL();
  const { createdAt: AT, before: BEFORE, after: AFTER, id: ID, actorName: ACTOR, actorEmail: EMAIL, actorOrgName: ACTOR_ORG,
    customerName: CUSTOMER, partnerName: PARTNER } = EXPORT_AT;
  const users = new Map<string, { name: string; email: string } | null>();
  const orgs = new Map<string, string | null>();
  const reader = await openRawReader();
  // SQLite hands the JSON columns over as the text it stores (see EXPORT_BEFORE_JSON).
  const storedText = getDatabase().dialect === "sqlite";
  const learn = async (rows: RawRow[]) => {
    if (users.size > namesKept) users.clear();
    if (orgs.size > namesKept) orgs.clear();
    const newUsers = new Set<string>();
    const newOrgs = new Set<string>();
    for (const r of rows) {
      if (r[ACTOR] !== null && !users.has(r[ACTOR] as string)) newUsers.add(r[ACTOR] as string);
      for (const k of [ACTOR_ORG, CUSTOMER, PARTNER]) if (r[k] !== null && !orgs.has(r[k] as string)) newOrgs.add(r[k] as string);
    }
    if (newUsers.size) {
      const ids = [...newUsers];
      for (const id of ids) users.set(id, null);
      for (const [id, name, email] of await reader.rows(db.select({ id: u.id, name: u.name, email: u.email }).from(u).where(inArray(u.id, ids)).toSQL())) {
        users.set(id as string, { name: name as string, email: email as string });
      }
    }
    if (newOrgs.size) {
      const ids = [...newOrgs];
      for (const id of ids) orgs.set(id, null);
      for (const [id, name] of await reader.rows(db.select({ id: o.id, name: o.name }).from(o).where(inArray(o.id, ids)).toSQL())) orgs.set(id as string, name as string);
    }
  };
  try {
    const read = async (side: SQL | undefined, cursor: EventFilters["cursor"]) => {
      const rows = await reader.rows(query(side, cursor));
      await learn(rows);
      for (const r of rows) {
        r[AT] = a.createdAt.mapFromDriverValue(r[AT] as never);
        const before = r[BEFORE], after = r[AFTER];
        if (before !== null) r[BEFORE] = a.before.mapFromDriverValue(before as never);
        if (after !== null) r[AFTER] = a.after.mapFromDriverValue(after as never);
        r[EXPORT_BEFORE_JSON] = before === null ? null : storedText ? before : JSON.stringify(r[BEFORE]);
        r[EXPORT_AFTER_JSON] = after === null ? null : storedText ? after : JSON.stringify(r[AFTER]);
        const actor = r[ACTOR] === null ? null : users.get(r[ACTOR] as string) ?? null;
        r[ACTOR] = actor?.name ?? null;
        r[EMAIL] = actor?.email ?? null;
        r[ACTOR_ORG] = r[ACTOR_ORG] === null ? null : orgs.get(r[ACTOR_ORG] as string) ?? null;
        r[CUSTOMER] = r[CUSTOMER] === null ? null : orgs.get(r[CUSTOMER] as string) ?? null;
        r[PARTNER] = r[PARTNER] === null ? null : orgs.get(r[PARTNER] as string) ?? null;
      }
      return rows;
    };
    const org = f.values.org;
    let cursor = null as EventFilters["cursor"];
    for (;;) {
      // The organization's events as the page reads them: two index-ordered reads merged (listAuditEventsPage).
      const rows = org
        ? mergeNewestFirst([await read(eq(a.customerOrgId, org), cursor), await read(eq(a.partnerOrgId, org), cursor)], (r) => r[AT] as Date, (r) => r[ID] as string).slice(0, pageSize + 1)
        : await read(undefined, cursor);
      const more = rows.length > pageSize;
      if (more) rows.length = pageSize;
      const last = rows.at(-1);
      yield rows;
      if (!more || !last) return;
      cursor = { at: last[AT] as Date, id: last[ID] as string };
    }
  } finally {
    reader.close();
  }
}
