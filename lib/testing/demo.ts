// Looks up the seeded demo data (db/seed.ts) by the names of PRODUCT.md, and snapshots what a test
// must see unchanged after a refused attempt.
import { aliasedTable, and, asc, count, eq } from "drizzle-orm";
import { refusalCounts } from "@/db/audit";
import { getDatabase } from "@/db/client";
import type { AuditKind } from "@/lib/domain";

export async function userId(email: string): Promise<string> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email));
  if (!row) throw new Error(`No demo user ${email}`);
  return row.id;
}

export async function orgId(name: string): Promise<string> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ id: schema.organizations.id }).from(schema.organizations).where(eq(schema.organizations.name, name));
  if (!row) throw new Error(`No demo organization ${name}`);
  return row.id;
}

/** The partnership between two demo organizations (by name); the live one when several exist. */
export async function partnershipId(customerName: string, partnerName: string): Promise<string> {
  const { db, schema } = getDatabase();
  const customer = aliasedTable(schema.organizations, "customer");
  const partner = aliasedTable(schema.organizations, "partner");
  const rows = await db
    .select({ id: schema.partnerships.id, status: schema.partnerships.status })
    .from(schema.partnerships)
    .innerJoin(customer, eq(customer.id, schema.partnerships.customerOrgId))
    .innerJoin(partner, eq(partner.id, schema.partnerships.partnerOrgId))
    .where(and(eq(customer.name, customerName), eq(partner.name, partnerName)));
  const row = rows.find((r) => r.status === "pending" || r.status === "active") ?? rows[0];
  if (!row) throw new Error(`No demo partnership ${customerName} / ${partnerName}`);
  return row.id;
}

export async function readPartnership(id: string) {
  const { db, schema } = getDatabase();
  const [row] = await db.select().from(schema.partnerships).where(eq(schema.partnerships.id, id));
  if (!row) throw new Error(`No partnership ${id}`);
  return row;
}

export async function countAuditEvents(where: { kind?: AuditKind; outcome?: "ok" | "refused" } = {}): Promise<number> {
  const { db, schema } = getDatabase();
  const a = schema.auditEvents;
  const [row] = await db
    .select({ n: count() })
    .from(a)
    .where(and(
      where.kind ? eq(a.kind, where.kind) : undefined,
      where.outcome ? eq(a.outcome, where.outcome) : undefined,
    ));
  return Number(row?.n ?? 0);
}

export async function countOutbox(): Promise<number> {
  const { db, schema } = getDatabase();
  const [row] = await db.select({ n: count() }).from(schema.outbox);
  return Number(row?.n ?? 0);
}

/** Everything a payment-mode change writes: the partnerships, and how many audit events and messages exist. */
export async function snapshot() {
  const { db, schema } = getDatabase();
  const partnerships = await db
    .select({ id: schema.partnerships.id, paymentMode: schema.partnerships.paymentMode, version: schema.partnerships.version, access: schema.partnerships.access, status: schema.partnerships.status })
    .from(schema.partnerships)
    .orderBy(asc(schema.partnerships.id));
  return { partnerships, changes: await countAuditEvents({ outcome: "ok" }), outbox: await countOutbox() };
}

/**
 * Runs `fn` and returns what it answered with the audit events it recorded, in order: the events it
 * appended, then the earlier refusals whose repeat counter it raised (an identical refusal within the
 * window is counted on the first one instead of being appended again: db/audit.ts#recordRefusal).
 */
export async function withNewAuditEvents<T>(fn: () => Promise<T>) {
  const { db, schema } = getDatabase();
  const counts = async () => new Map((await db.select({ eventId: schema.auditRefusalCounts.eventId, count: schema.auditRefusalCounts.count })
    .from(schema.auditRefusalCounts)).map((r) => [r.eventId, r.count]));
  const seen = new Set((await db.select({ id: schema.auditEvents.id }).from(schema.auditEvents)).map((r) => r.id));
  const countsBefore = await counts();
  const result = await fn();
  const countsAfter = await counts();
  const all = await db.select().from(schema.auditEvents).orderBy(asc(schema.auditEvents.seq));
  const repeated = new Set([...countsAfter].filter(([id, n]) => seen.has(id) && n > (countsBefore.get(id) ?? 1)).map(([id]) => id));
  const events = [...all.filter((e) => !seen.has(e.id)), ...all.filter((e) => repeated.has(e.id))];
  return { result, events };
}

/** How many times a refused event was attempted (itself and its counted repeats). */
export async function refusalCount(eventId: string): Promise<number> {
  return (await refusalCounts({ eventIds: [eventId] })).get(eventId)!;
}
