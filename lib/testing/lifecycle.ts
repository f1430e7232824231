// What lifecycle tests look at: everything a step may write, the last audit event, the emailed link.
import { count, desc, eq, gt } from "drizzle-orm";
import { getDatabase } from "@/db/client";
import { snapshot } from "./demo";

/** Partnerships, ok-events and outbox (snapshot) plus links and managed products: equal before and after = nothing written. */
export async function world() {
  const { db, schema } = getDatabase();
  const [pp] = await db.select({ n: count() }).from(schema.partnershipProducts);
  const links = await db
    .select({ id: schema.invitations.id, usedAt: schema.invitations.usedAt, revokedAt: schema.invitations.revokedAt, expiresAt: schema.invitations.expiresAt })
    .from(schema.invitations);
  return { ...(await snapshot()), links: links.sort((a, b) => a.id.localeCompare(b.id)), managedProducts: Number(pp?.n ?? 0) };
}

export async function lastAuditEvent() {
  const { db, schema } = getDatabase();
  const [row] = await db.select().from(schema.auditEvents).orderBy(desc(schema.auditEvents.seq)).limit(1);
  // A refusal repeated within its window is counted on its first event rather than appended (db/audit.ts).
  const [repeat] = await db.select({ event: schema.auditEvents, lastAt: schema.auditRefusalCounts.lastAt })
    .from(schema.auditRefusalCounts)
    .innerJoin(schema.auditEvents, eq(schema.auditEvents.id, schema.auditRefusalCounts.eventId))
    .where(gt(schema.auditRefusalCounts.count, 1))
    .orderBy(desc(schema.auditRefusalCounts.lastAt)).limit(1);
  if (repeat && (!row || repeat.lastAt > row.createdAt)) return repeat.event;
  return row ?? null;
}

/** The token of the latest invitation email to `address` (as the recipient would click it). */
export async function emailedToken(address: string): Promise<string> {
  const { db, schema } = getDatabase();
  const rows = await db.select({ text: schema.outbox.textBody }).from(schema.outbox)
    .where(eq(schema.outbox.toAddress, address)).orderBy(desc(schema.outbox.createdAt));
  for (const r of rows) {
    const m = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(r.text);
    if (m) return m[1]!;
  }
  throw new Error(`No invitation email to ${address}`);
}

export async function messagesTo(address: string, template?: string) {
  const { db, schema } = getDatabase();
  const rows = await db.select().from(schema.outbox).where(eq(schema.outbox.toAddress, address)).orderBy(desc(schema.outbox.createdAt));
  return template ? rows.filter((r) => r.template === template) : rows;
}
